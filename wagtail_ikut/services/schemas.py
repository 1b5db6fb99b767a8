"""Pydantic schemas of the services API: search results, facets and one service in full."""

import datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema

from wagtail_ikut.core.schemas import (
    CategorySchema,
    ContactChannelSchema,
    LanguageSchema,
    LocalTime,
    LocationSchema,
    MunicipalitySchema,
    PageLinkSchema,
    RichTextHTML,
    TargetGroupSchema,
)
from wagtail_ikut.services import hours


class ProviderSchema(Schema):
    name: str
    kind: str


# Reads a service with its open_status (hours.OpenStatus) attached, and in a search near a
# place its distance_km.
class ServiceSummarySchema(PageLinkSchema):
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
    open_now: bool = Field(validation_alias="open_status.is_open")
    open_now_by_appointment: bool = Field(False, validation_alias="open_status.by_appointment")
    distance_km: float | None = Field(
        None, description="Great-circle distance of the nearest public location from `near`."
    )
    locations: list[LocationSchema]

    @staticmethod
    def resolve_flags(service):
        return [name for name, _label in service.flags]

    @staticmethod
    def resolve_distance_km(service):
        # A search attaches it (None unless near a place); one service in full has none.
        distance = getattr(service, "distance_km", None)
        return round(distance, 2) if distance is not None else None


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
    per_page: int = Field(validation_alias="paginator.per_page")
    num_pages: int = Field(validation_alias="paginator.num_pages")
    has_next: bool
    has_previous: bool


class PointSchema(Schema):
    latitude: float
    longitude: float


class RelaxationSchema(Schema):
    label: str = Field(description="The filter this search drops.")
    query: str = Field(
        description="The search without it, as a query string.", validation_alias="query_string"
    )
    count: int


class DirectorySchema(PageLinkSchema):
    locale: str = Field(validation_alias="locale.language_code")


# Reads DirectoryResults with the directory searched attached; its facets, flags and place
# are tuples, named here.
class ServiceSearchSchema(Schema):
    directory: DirectorySchema
    searched_with: Literal["engine", "database"] = Field(
        description="What answered: the search engine, or the database when there is no engine "
        "or it is unreachable."
    )
    query: str = Field(
        description="The search as it was understood, as a canonical query string.",
        validation_alias="query_string",
    )
    total: int
    page: PageInfoSchema
    items: list[ServiceSummarySchema] = Field(validation_alias="page.object_list")
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

    @staticmethod
    def resolve_facets(results):
        return [
            {"name": name, "label": str(label), "values": values}
            for name, label, values in results.facets
        ]

    @staticmethod
    def resolve_flags(results):
        return [
            {"name": name, "label": str(label), "count": count, "selected": selected}
            for name, label, count, selected in results.flags
        ]

    @staticmethod
    def resolve_near(results):
        if results.near is None:
            return None
        latitude, longitude = results.near
        return {"latitude": latitude, "longitude": longitude}

    @staticmethod
    def resolve_notices(results):
        return [str(notice) for notice in results.notices]


class OpeningPeriodSchema(Schema):
    weekday: int = Field(description="0 is Monday.")
    weekday_label: str = Field(validation_alias="get_weekday_display")
    opens: LocalTime
    closes: LocalTime = Field(description="Earlier than `opens`: the next day.")
    by_appointment: bool


class HoursExceptionSchema(Schema):
    start_date: datetime.date
    end_date: datetime.date
    kind: str = Field(description="closed, special_hours or by_appointment")
    opens: LocalTime | None = None
    closes: LocalTime | None = None
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


class ServiceDetailSchema(ServiceSummarySchema):
    directory_id: int
    locale: str = Field(validation_alias="locale.language_code")
    description: RichTextHTML = Field(description="HTML.")
    eligibility: RichTextHTML = Field(description="Who can get help, HTML.")
    how_to_get_help: RichTextHTML = Field(description="HTML.")
    cost: str = ""
    required_documents: list[str] = Field(validation_alias="required_document_list")
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

    @staticmethod
    def resolve_directory_id(service):
        return service.get_parent().pk

    @staticmethod
    def resolve_opening_hours(service):
        return service.opening_hours.order_by("weekday", "opens")

    @staticmethod
    def resolve_hours_exceptions(service):
        today = timezone.localdate()
        exceptions = sorted(service.hours_exceptions.all(), key=lambda e: e.start_date)
        return [exception for exception in exceptions if exception.end_date >= today]

    @staticmethod
    def resolve_next_seven_days(service):
        return [
            {"date": day, "holiday": holiday, "periods": periods}
            for day, periods, holiday in hours.week(service, timezone.localdate())
        ]
