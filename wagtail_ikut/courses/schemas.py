"""Pydantic schemas of the courses API: the course list and one course in full."""

import datetime

from django.utils import timezone
from ninja import Field, Schema

from wagtail_ikut.core.schemas import (
    ContactChannelSchema,
    LanguageSchema,
    LocalTime,
    LocationSchema,
    PageLinkSchema,
    RichTextHTML,
)
from wagtail_ikut.courses.details import CourseStatus


class OrganisationRefSchema(Schema):
    id: int
    name: str


class ThemeSchema(Schema):
    slug: str = Field(description="The same in every language; the value of `theme` filters.")
    name: str


class CourseInstanceSchema(Schema):
    """One run of a course, its status derived from its dates and seats today."""

    start_date: datetime.date
    end_date: datetime.date
    weekdays: list[int] = Field(description="The days the group meets; 0 is Monday.")
    start_time: LocalTime | None = None
    end_time: LocalTime | None = None
    schedule_note: str = ""
    seats: int | None = None
    seats_left: int | None = None
    enrolment_start: datetime.date | None = None
    enrolment_end: datetime.date | None = Field(
        None, description="Null: enrolment closes the day before the first day."
    )
    status: CourseStatus = Field(
        description="Derived today: planned, enrolment_open, full, running or cancelled."
    )
    status_label: str
    place: LocationSchema

    @staticmethod
    def resolve_status(instance):
        return instance.status_on(timezone.localdate())

    @staticmethod
    def resolve_status_label(instance):
        return str(instance.status_on(timezone.localdate()).label)

    @staticmethod
    def resolve_place(instance):
        return instance


class CourseSummarySchema(PageLinkSchema):
    url: str = Field(description="The course's public page.")
    locale: str = Field(validation_alias="locale.language_code")
    summary: str
    organiser: OrganisationRefSchema | None = None
    themes: list[ThemeSchema]
    languages: list[LanguageSchema] = Field(description="Languages of instruction.")
    format: str = Field(validation_alias="course_format", description="group, individual or both")
    duration_weeks: int | None = None
    hours_per_week_min: int | None = None
    hours_per_week_max: int | None = None
    free_of_charge: bool
    instances: list[CourseInstanceSchema] = Field(
        validation_alias="listed_instances",
        description="Upcoming runs that match the filters, by first day; cancelled ones left out.",
    )


class CourseListSchema(Schema):
    count: int = Field(description="Courses found.")
    items: list[CourseSummarySchema]
    query: str = Field(
        description="The filters as they were understood, as a canonical query string: append "
        "it to a course index's address for the same list on the site."
    )
    notices: list[str] = Field(
        description="Unknown filter values that were left out, in the locale's language."
    )


class CourseDetailSchema(CourseSummarySchema):
    ical_url: str = Field(description="The course's upcoming runs as an iCalendar feed.")
    description: RichTextHTML = Field(description="HTML.")
    partners: list[OrganisationRefSchema]
    interpretation_languages: list[LanguageSchema]
    group_size_min: int | None = None
    group_size_max: int | None = None
    initial_assessment: bool
    group_activities: bool
    individual_guidance: bool
    structure: RichTextHTML = Field(description="How the course is built, HTML.")
    eligibility: RichTextHTML = Field(description="Who can take part, HTML.")
    enrolment_routes: list[str] = Field(description="The ways onto the course, as labels.")
    how_to_apply: RichTextHTML = Field(description="HTML.")
    accessibility: str = ""
    cost: str = ""
    funder_name: str = ""
    funding_programme: str = ""
    contact_channels: list[ContactChannelSchema]
    instances: list[CourseInstanceSchema] = Field(
        description="Every run that has not finished, by first day, cancelled ones included."
    )

    @staticmethod
    def resolve_ical_url(course, context):
        url = course.get_full_url(context["request"])
        return url + course.reverse_subpage("ical") if url else ""

    @staticmethod
    def resolve_enrolment_routes(course):
        return [str(label) for label in course.enrolment_routes]

    @staticmethod
    def resolve_instances(course):
        return course.upcoming_instances().select_related("municipality")
