"""Pydantic schemas the API's routers share: vocabularies, organisations, pages and places."""

import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator, WithJsonSchema, model_validator
from wagtail.rich_text import expand_db_html


class CategorySchema(Schema):
    slug: str = Field(description="The same in every language; the value of `category` filters.")
    name: str
    description: str = ""


class MunicipalitySchema(Schema):
    code: str = Field(description="Official code from Statistics Finland, e.g. `091`.")
    name: str


class LanguageSchema(Schema):
    code: str = Field(description="ISO 639 code, e.g. `fi` or `ru`.")
    name: str = Field(description="The language's name in the locale asked for.")
    native_name: str = Field("", description="The language's name in the language itself.")


class TargetGroupSchema(Schema):
    slug: str
    name: str


class OrganisationSchema(Schema):
    id: int
    name: str
    kind: str = Field(description="municipality, state_authority, ngo, religious or local_network")
    kind_label: str = Field(validation_alias="get_kind_display")
    description: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    parent_id: int | None = Field(None, description="The parent organisation, in the same locale.")


#: A time of day in Helsinki, ``HH:MM:SS``; JSON Schema's ``time`` format would promise a UTC
#: offset, which these times do not have.
LocalTime = Annotated[
    datetime.time,
    WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?$"}),
]

#: A rich text field as HTML, its internal links and images expanded.
RichTextHTML = Annotated[str, BeforeValidator(expand_db_html)]


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

    @model_validator(mode="before")
    @classmethod
    def name_only_if_confidential(cls, location):
        """Describe a confidential location by its name only, never where it is."""
        if location.confidential:
            return {"name": location.name, "confidential": True}
        return location


# A page by its id, title and public address: what every page in the API has, and a link to one.
# Not named PageSchema, which is Wagtail's own in the same OpenAPI document.
class PageLinkSchema(Schema):
    id: int
    title: str
    url: str

    @staticmethod
    def resolve_url(page, context):
        return page.get_full_url(context["request"]) or ""


class ContactChannelSchema(Schema):
    kind: str = Field(description="phone, email, chat or web_form")
    kind_label: str = Field(validation_alias="get_kind_display")
    label: str = ""
    value: str = Field(description="The phone number, email address or web address.")
