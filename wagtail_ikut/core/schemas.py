"""Pydantic schemas of the vocabularies and organisations in the API."""

from ninja import Field, Schema


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
