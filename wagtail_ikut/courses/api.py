"""The ``courses`` router: the course index's list and one course, as JSON."""

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query

from wagtail_ikut.core import http_cache
from wagtail_ikut.core.api import (
    PageListParams,
    in_language,
    locale_or_400,
    page_or_404,
    problems,
    public_router,
)
from wagtail_ikut.core.pagination import Pagination
from wagtail_ikut.core.query_string import canonical_query
from wagtail_ikut.core.visibility import public_pages
from wagtail_ikut.courses import schemas
from wagtail_ikut.courses.listing import (
    MULTIPLE_CHOICE_FILTERS,
    CourseListing,
    public_courses,
)
from wagtail_ikut.courses.models import CourseFormat, CoursePage

router = public_router("courses", http_cache.DAY)

#: The course index's query names, in its order.
FILTER_NAMES = (*MULTIPLE_CHOICE_FILTERS, "start_month", "enrolment_open", "format")


class CourseListParams(PageListParams):
    municipality: list[str] = Field(
        [], description="Municipality codes; courses with an upcoming run in any of them."
    )
    theme: list[str] = Field([], description="Course theme slugs; any of them.")
    language: list[str] = Field([], description="Language codes of instruction; any of them.")
    start_month: str = Field(
        "",
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="`YYYY-MM`: courses with a run starting that month, this month or one of "
        "the eleven after it.",
    )
    enrolment_open: bool = Field(False, description="Only courses with a run taking enrolments.")
    format: CourseFormat | None = Field(
        None, description="`group` or `individual` activities, or `both` of them."
    )


@router.get(
    "/",
    response=schemas.CourseListSchema,
    url_name="ikut_courses_list",
    summary="List courses",
    description=(
        "The public courses of one locale with the course index's filters, by title, a page at "
        "a time (limit, offset), each with its upcoming runs that match. Unknown filter values "
        "are left out and reported in `notices`, as on the page."
    ),
    operation_id="ikut_courses_list",
    openapi_extra=problems(400),
)
def list_courses(request: HttpRequest, params: Query[CourseListParams]):
    locale = locale_or_400(params.locale)
    with translation.override(locale.language_code):
        filters = canonical_query(params.model_dump(), FILTER_NAMES)
        listing = CourseListing(public_courses(locale), locale, filters)
        courses = listing.courses().select_related("locale").prefetch_related("themes", "languages")
        page = Pagination().paginate_queryset(courses, params, request)
        page.update(query=listing.query_string, notices=[str(notice) for notice in listing.notices])
        return in_language(request, schemas.CourseListSchema, page)


@router.get(
    "/{course_id}/",
    response=schemas.CourseDetailSchema,
    url_name="ikut_course_detail",
    summary="One course in full",
    description=(
        "A published, public course in its own language, with every run that has not finished "
        "(each with its status today) and its iCalendar feed. Confidential places have no "
        "address."
    ),
    operation_id="ikut_courses_detail",
    openapi_extra=problems(404),
)
def get_course(request: HttpRequest, course_id: int):
    courses = (
        public_pages(CoursePage.objects.all())
        .select_related("organiser", "locale")
        .prefetch_related(
            "themes", "languages", "partners", "interpretation_languages", "contact_channels"
        )
    )
    course = page_or_404(courses, course_id, _("No published course has the id %(id)s."))
    with translation.override(course.locale.language_code):
        return in_language(request, schemas.CourseDetailSchema, course)
