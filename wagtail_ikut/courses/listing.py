"""The public course listing: read the filters, find the courses and their upcoming instances."""

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from wagtail_ikut.core import query_string
from wagtail_ikut.core.dates import format_date
from wagtail_ikut.core.public_input import query_without_nul, unknown_values_notice
from wagtail_ikut.core.taxonomy import CourseTheme, Language, Municipality
from wagtail_ikut.core.visibility import public_pages
from wagtail_ikut.courses.details import (
    CourseInstance,
    CourseStatus,
    enrolment_open_q,
    not_finished_q,
)
from wagtail_ikut.courses.models import CourseFormat, CoursePage

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MULTIPLE_CHOICE_FILTERS = ("municipality", "theme", "language")


class CourseQueryForm(forms.Form):
    """The course index's query string. Unknown values are dropped with a message, never a 500."""

    municipality = forms.MultipleChoiceField(
        label=gettext_lazy("Municipality"), required=False, widget=forms.CheckboxSelectMultiple
    )
    theme = forms.MultipleChoiceField(
        label=gettext_lazy("Theme"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.MultipleChoiceField(
        label=gettext_lazy("Language of instruction"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_month = forms.ChoiceField(label=gettext_lazy("Starts in"), required=False)
    enrolment_open = forms.BooleanField(label=gettext_lazy("Enrolment open"), required=False)
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[("", gettext_lazy("Any")), *CourseFormat.choices],
    )

    def __init__(self, data, locale, months):
        super().__init__(data)
        self.fields["municipality"].choices = Municipality.objects.filter(
            locale=locale
        ).values_list("code", "name")
        self.fields["theme"].choices = CourseTheme.objects.filter(locale=locale).values_list(
            "slug", "name"
        )
        self.fields["language"].choices = Language.objects.filter(locale=locale).values_list(
            "code", "name"
        )
        self.fields["start_month"].choices = [("", gettext_lazy("Any time")), *months]
        self.notices = []

    @property
    def choice_filters(self):
        return [self[name] for name in MULTIPLE_CHOICE_FILTERS]

    def full_clean(self):
        # Drop what cannot be read before validating, so one bad value spoils nothing else.
        data = query_without_nul(self.data)
        unknown = []
        for name in (*MULTIPLE_CHOICE_FILTERS, "start_month", "format"):
            known = {str(value) for value, _label in self.fields[name].choices}
            values = data.getlist(name)
            unknown += [value for value in values if value not in known]
            data.setlist(name, [value for value in values if value in known][: len(known)])
        if unknown:
            self.notices.append(unknown_values_notice(unknown))
        self.data = data
        super().full_clean()


def month_choices(today: datetime.date, count: int = 12) -> list[tuple[str, str]]:
    """Return (YYYY-MM, month and year) choices for this month and the ``count - 1`` after it."""
    first = today.replace(day=1)
    months = []
    for _n in range(count):
        months.append((f"{first:%Y-%m}", format_date(first, "month")))
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    return months


def public_courses(locale) -> QuerySet:
    """Return the courses the public may read in a locale (or the locale with this id)."""
    return public_pages(CoursePage.objects.filter(locale=locale)).select_related("organiser")


def index_courses(index) -> QuerySet:
    """Return the courses the public may read below a course index, in its language."""
    return public_courses(index.locale_id).descendant_of(index)


def upcoming_instances(today: datetime.date) -> QuerySet:
    """Return the instances that have not finished nor been cancelled."""
    return CourseInstance.objects.filter(not_finished_q(today)).exclude(
        status=CourseStatus.CANCELLED
    )


def filter_instances(instances: QuerySet, cleaned: dict, today: datetime.date) -> QuerySet:
    """Narrow instances by the filters that concern them: place, start month, enrolment."""
    if cleaned.get("municipality"):
        instances = instances.filter(municipality__code__in=cleaned["municipality"])
    if cleaned.get("start_month"):
        year, month = map(int, MONTH.match(cleaned["start_month"]).groups())
        instances = instances.filter(start_date__year=year, start_date__month=month)
    if cleaned.get("enrolment_open"):
        instances = instances.filter(enrolment_open_q(today))
    return instances


def filter_courses(courses: QuerySet, cleaned: dict) -> QuerySet:
    """Narrow courses by the filters that concern the course itself."""
    if cleaned.get("theme"):
        courses = courses.filter(themes__slug__in=cleaned["theme"])
    if cleaned.get("language"):
        courses = courses.filter(languages__code__in=cleaned["language"])
    course_format = cleaned.get("format")
    if course_format in (CourseFormat.GROUP, CourseFormat.BOTH):
        courses = courses.filter(group_activities=True)
    if course_format in (CourseFormat.INDIVIDUAL, CourseFormat.BOTH):
        courses = courses.filter(individual_guidance=True)
    return courses.distinct()


def canonical_query(cleaned: dict) -> str:
    """Return a stable query string for the cleaned form: same filters, same URL."""
    names = (*MULTIPLE_CHOICE_FILTERS, "start_month", "format", "enrolment_open")
    return query_string.canonical_query(cleaned, names).urlencode()


@dataclass
class CourseListingResults:
    form: CourseQueryForm
    courses: list
    notices: list
    query_string: str
    today: datetime.date

    @property
    def has_filters(self):
        return bool(self.query_string)


class CourseListing:
    """List courses (a course index's, or a locale's), each with its upcoming instances that
    match the filters."""

    def __init__(self, courses, locale, params, today=None):
        self.all_courses = courses
        self.today = today or timezone.localdate()
        self.form = CourseQueryForm(params, locale, month_choices(self.today))
        self.form.is_valid()
        self.cleaned = self.form.cleaned_data
        self.notices = self.form.notices
        self.query_string = canonical_query(self.cleaned)

    def courses(self) -> QuerySet:
        """Return the matching courses by title, with their matching ``listed_instances``."""
        instances = filter_instances(upcoming_instances(self.today), self.cleaned, self.today)
        courses = filter_courses(self.all_courses, self.cleaned)
        instance_filters = any(
            self.cleaned.get(name) for name in ("municipality", "start_month", "enrolment_open")
        )
        if instance_filters:
            # Only courses with a matching instance; without such a filter every course shows,
            # those with no upcoming instance offering to notify.
            courses = courses.filter(Exists(instances.filter(page=OuterRef("pk"))))
        return courses.order_by("title", "pk").prefetch_related(
            Prefetch(
                "instances",
                queryset=instances.select_related("municipality").order_by("start_date", "pk"),
                to_attr="listed_instances",
            )
        )

    def run(self):
        courses = list(self.courses())
        for course in courses:
            course.listed_statuses = [
                (instance, instance.status_on(self.today)) for instance in course.listed_instances
            ]
        return CourseListingResults(
            form=self.form,
            courses=courses,
            notices=self.notices,
            query_string=self.query_string,
            today=self.today,
        )
