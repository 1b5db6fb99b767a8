"""Pydantic schemas of the guidance API: the guidance list and one guidance page in full."""

import datetime
from typing import Literal

import swapper
from ninja import Field, Schema

from wagtail_ikut.core.schemas import MunicipalitySchema, PageLinkSchema
from wagtail_ikut.core.visibility import chosen_pages, public_pages
from wagtail_ikut.guidance.legal import LegalForce
from wagtail_ikut.guidance.models import Audience
from wagtail_ikut.services.visibility import public_services


class LegalReferenceSchema(Schema):
    id: int
    citation: str = Field(description="In Finnish citation form, in the guidance's language.")
    title: str
    statute_number: str = Field(description="E.g. `746/2011`.")
    chapter: str = ""
    section: str = ""
    subsection: str = ""
    finlex_consolidated_url: str = Field(validation_alias="consolidated_url")
    finlex_original_url: str = Field(validation_alias="original_url")
    eli: str = Field(description="The European Legislation Identifier.")
    in_force_from: datetime.date | None = None
    in_force_to: datetime.date | None = None
    legal_force: LegalForce = Field(description="Today: in_force, not_yet or ended.")
    legal_force_label: str

    @staticmethod
    def resolve_legal_force_label(reference):
        return str(reference.get_legal_force_display())


# Not named DocumentSchema, which is Wagtail's own in the same OpenAPI document.
class StepDocumentSchema(Schema):
    name: str
    url: str = ""


class StepSchema(Schema):
    """One step of the guidance, read from its StreamField block."""

    title: str
    who_acts: str = Field(description="A role.")
    what_to_do: str = Field(description="HTML.")
    requirement: Literal["required", "optional", "one_of"]
    group: str = Field("", description="For `one_of`: steps with the same group are alternatives.")
    documents: list[StepDocumentSchema]
    deadline: str = ""
    services: list[PageLinkSchema] = Field(
        description="Services in the directory the public may find."
    )
    guidance: list[PageLinkSchema] = Field(description="Other guidance the public may read.")
    legal_references: list[LegalReferenceSchema]
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None

    @staticmethod
    def resolve_what_to_do(step):
        return str(step["what_to_do"])

    @staticmethod
    def resolve_services(step):
        return chosen_pages(step["services"], public_services())

    @staticmethod
    def resolve_guidance(step):
        Page = swapper.load_model("wagtailcore", "Page")
        return chosen_pages(step["guidance"], public_pages(Page.objects.all()))

    @staticmethod
    def resolve_legal_references(step):
        return [reference for reference in step["legal_references"] if reference is not None]


class ChangeNoteSchema(Schema):
    date: datetime.date
    note: str


class GuidanceSummarySchema(PageLinkSchema):
    url: str = Field(description="The guidance's public page.")
    locale: str = Field(validation_alias="locale.language_code")
    summary: str = Field(description="In plain language.")
    audience: list[Audience]
    audience_labels: list[str]
    municipality: MunicipalitySchema | None = Field(
        None, description="Null: the guidance applies in every municipality."
    )
    owner_role: str = Field(description="The role that keeps the guidance right.")
    last_reviewed: datetime.date
    next_review: datetime.date
    review_overdue: bool = Field(validation_alias="review_is_overdue")

    @staticmethod
    def resolve_audience_labels(page):
        return [str(label) for label in page.audience_labels]


class GuidanceListSchema(Schema):
    count: int = Field(description="Guidance pages found.")
    items: list[GuidanceSummarySchema]


class GuidanceDetailSchema(GuidanceSummarySchema):
    steps: list[StepSchema] = Field(description="The steps in force today, in order.")
    upcoming_steps: list[StepSchema] = Field(
        description="Versions of steps announced for a later day, by `valid_from`."
    )
    legal_references: list[LegalReferenceSchema] = Field(
        validation_alias="cited_legal_references",
        description="Every reference the steps cite, once each, in order of first citation.",
    )
    change_notes: list[ChangeNoteSchema] = Field(description="Newest first.")

    @staticmethod
    def resolve_steps(page):
        return page.steps_today().current

    @staticmethod
    def resolve_upcoming_steps(page):
        return page.steps_today().upcoming
