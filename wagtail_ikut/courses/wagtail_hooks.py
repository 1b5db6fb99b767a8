"""The admin's listing of courses."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from wagtail_ikut.courses.models import CoursePage


class CoursePageFilterSet(PageListingViewSet.filterset_class):
    class Meta:
        model = CoursePage
        fields = ["organiser", "themes"]


class CoursePageListingViewSet(PageListingViewSet):
    """All courses in one list, whichever course index they are under."""

    model = CoursePage
    icon = "date"
    menu_label = _("Courses")
    add_to_admin_menu = False
    filterset_class = CoursePageFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("organiser", label=_("Organiser"), sort_key="organiser__name"),
    ]


course_listing_viewset = CoursePageListingViewSet("wagtail_ikut_courses")
