"""Pydantic schemas of the services API: search results, facets and one service in full."""

import datetime
from typing import Literal

from ninja import Field, Schema

from wagtail_ikut.core.schemas import (
    CategorySchema,
    LanguageSchema,
    MunicipalitySchema,
    TargetGroupSchema,
)


class ProviderSchema(Schema):
    name: str
    kind: str


class LocationSchema(Schema):
    """A place where a service meets people; a confidential one has no address at all."""

    name: str = ""
    confidential: bool = Field(
        description="The address is not public: contact the service first. Address, postcode, "
        "municipality and coordinates are then always null."
    )
    street_address: str | None = None
    postcode: str | None = None
    municipality: MunicipalitySchema | None = None
    latitude: float | None = None
    longitude: float | None = None
    accessibility: str | None = None
    directions: str | None = None


class ServiceSummarySchema(Schema):
    id: int
    title: str
    url: str = Field(description="The service's public page.")
    summary: str
    provider: ProviderSchema | None = None
    status: str = Field(description="`active` or `temporarily_closed`; ended ones never appear.")
    status_note: str = ""
    flags: list[str] = Field(description="The low-threshold flags that are on.")
    languages: list[LanguageSchema]
    categories: list[CategorySchema]
    municipalities: list[MunicipalitySchema]
    nationwide: bool = Field(description="Available to people anywhere in Finland.")
    open_now: bool
    open_now_by_appointment: bool = False
    distance_km: float | None = Field(
        None, description="Great-circle distance of the nearest public location from `near`."
    )
    locations: list[LocationSchema]


class FacetValueSchema(Schema):
    value: str
    label: str
    count: int = Field(description="Services found with this value and every other filter.")
    selected: bool


class FacetSchema(Schema):
    name: str = Field(
        description="The query parameter: category, municipality, language, provider."
    )
    label: str
    values: list[FacetValueSchema] = Field(description="Most frequent first; zeros left out.")


class FlagCountSchema(Schema):
    name: str
    label: str
    count: int = Field(description="Services found that also have this flag.")
    selected: bool


class PageInfoSchema(Schema):
    number: int = Field(description="The page returned: the last one if a later one was asked.")
    per_page: int
    num_pages: int
    has_next: bool
    has_previous: bool


class PointSchema(Schema):
    latitude: float
    longitude: float


class RelaxationSchema(Schema):
    label: str = Field(description="The filter this search drops.")
    query: str = Field(description="The search without it, as a query string.")
    count: int


class DirectorySchema(Schema):
    id: int
    title: str
    url: str
    locale: str


class ServiceSearchSchema(Schema):
    directory: DirectorySchema
    searched_with: Literal["engine", "database"] = Field(
        description="What answered: the search engine, or the database when there is no engine "
        "or it is unreachable."
    )
    query: str = Field(description="The search as it was understood, as a canonical query string.")
    total: int
    page: PageInfoSchema
    items: list[ServiceSummarySchema]
    facets: list[FacetSchema]
    flags: list[FlagCountSchema]
    near: PointSchema | None = Field(None, description="Where `near` was placed, if anywhere.")
    notices: list[str] = Field(
        description="What was dropped or not understood, e.g. unknown filter values, in the "
        "directory's language."
    )
    relaxations: list[RelaxationSchema] = Field(
        description="With no results: the same search without one filter, and what it finds."
    )


class OpeningPeriodSchema(Schema):
    weekday: int = Field(description="0 is Monday.")
    weekday_label: str
    opens: datetime.time
    closes: datetime.time = Field(description="Earlier than `opens`: the next day.")
    by_appointment: bool


class HoursExceptionSchema(Schema):
    start_date: datetime.date
    end_date: datetime.date
    kind: str = Field(description="closed, special_hours or by_appointment")
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    note: str = ""


class PeriodSchema(Schema):
    start: datetime.datetime
    end: datetime.datetime
    by_appointment: bool
    note: str = ""


class DaySchema(Schema):
    date: datetime.date
    holiday: str | None = Field(None, description="A Finnish public holiday's name.")
    periods: list[PeriodSchema]


class OpenStatusSchema(Schema):
    is_open: bool
    by_appointment: bool
    until: datetime.datetime | None = None
    next_opening: datetime.datetime | None = None


class ContactChannelSchema(Schema):
    kind: str = Field(description="phone, email, chat or web_form")
    kind_label: str
    label: str = ""
    value: str = Field(description="The phone number, email address or web address.")


class ServiceDetailSchema(ServiceSummarySchema):
    directory_id: int
    locale: str
    description: str = Field(description="HTML.")
    eligibility: str = Field(description="Who can get help, HTML.")
    how_to_get_help: str = Field(description="HTML.")
    cost: str = ""
    required_documents: list[str]
    language_note: str = ""
    target_groups: list[TargetGroupSchema]
    open_24_7: bool
    closed_on_public_holidays: bool
    open_status: OpenStatusSchema
    opening_hours: list[OpeningPeriodSchema]
    hours_exceptions: list[HoursExceptionSchema] = Field(description="Current and coming ones.")
    next_seven_days: list[DaySchema]
    contact_channels: list[ContactChannelSchema]
    last_verified: datetime.date | None = None
    verified_by: str = ""
