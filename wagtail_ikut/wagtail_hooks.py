import django_filters
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from wagtail_ikut.models import (
    CoursePage,
    CourseTheme,
    Language,
    LegalForce,
    LegalReference,
    Municipality,
    Organisation,
    ServiceCategory,
    ServicePage,
    TargetGroup,
)
from wagtail_ikut.panels import LegalForceWarningPanel
from wagtail_ikut.views import ReviewDashboardPanel, ReviewReportView


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("parent"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Contact"),
        ),
    ]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    panels = [FieldPanel("name"), FieldPanel("code")]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    list_display = ["name", "native_name", "code"]
    search_fields = ["name", "native_name", "code"]
    panels = [FieldPanel("name"), FieldPanel("native_name"), FieldPanel("code")]


class TermViewSet(SnippetViewSet):
    """Edit one vocabulary of named terms (categories, target groups, course themes)."""

    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


class LegalReferenceFilterSet(WagtailFilterSet):
    legal_force = django_filters.ChoiceFilter(
        label=_("In force"), choices=LegalForce.choices, method="filter_legal_force"
    )

    class Meta:
        model = LegalReference
        fields = ["legal_force"]

    def filter_legal_force(self, queryset, name, value):
        today = timezone.localdate()
        not_yet = Q(in_force_from__gt=today)
        ended = Q(in_force_to__lt=today)
        return queryset.filter(
            {
                LegalForce.NOT_YET: not_yet,
                LegalForce.ENDED: ended,
                LegalForce.IN_FORCE: ~not_yet & ~ended,
            }[value]
        )


class LegalReferenceViewSet(SnippetViewSet):
    model = LegalReference
    icon = "doc-full"
    list_display = [
        "__str__",
        "statute_number",
        Column("legal_force", label=_("In force"), accessor="get_legal_force_display"),
    ]
    filterset_class = LegalReferenceFilterSet
    search_fields = ["title", "statute_number"]
    panels = [
        LegalForceWarningPanel(),
        FieldPanel("title"),
        FieldPanel("statute_number"),
        MultiFieldPanel(
            [FieldPanel("chapter"), FieldPanel("section"), FieldPanel("subsection")],
            heading=_("Provision"),
        ),
        MultiFieldPanel(
            [FieldPanel("in_force_from"), FieldPanel("in_force_to"), FieldPanel("amended_by")],
            heading=_("Force"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("finlex_consolidated_url"),
                FieldPanel("finlex_original_url"),
                FieldPanel("eli_uri"),
            ],
            heading=_("Links"),
        ),
    ]


class ServicePageFilterSet(PageListingViewSet.filterset_class):
    last_verified = django_filters.DateFromToRangeFilter(
        label=_("Last verified"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ServicePage
        fields = ["status", "municipalities", "last_verified"]


class ServicePageListingViewSet(PageListingViewSet):
    """All services in one list, to find those whose details need checking."""

    model = ServicePage
    icon = "list-ul"
    menu_label = _("Services")
    add_to_admin_menu = False
    filterset_class = ServicePageFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DateColumn("last_verified", label=_("Last verified"), sort_key="last_verified"),
    ]


service_listing_viewset = ServicePageListingViewSet("wagtail_ikut_services")


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


class IkutViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Help for victims")
    menu_icon = "help"
    menu_name = "wagtail_ikut"
    items = (
        service_listing_viewset,
        course_listing_viewset,
        OrganisationViewSet,
        MunicipalityViewSet,
        LanguageViewSet,
        LegalReferenceViewSet,
        TermViewSet(model=ServiceCategory),
        TermViewSet(model=TargetGroup),
        TermViewSet(model=CourseTheme),
    )


register_snippet(IkutViewSetGroup)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("ikut/review/", ReviewReportView.as_view(), name="wagtail_ikut_review_report"),
        path(
            "ikut/review/results/",
            ReviewReportView.as_view(results_only=True),
            name="wagtail_ikut_review_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return MenuItem(
        _("Overdue for review"),
        reverse("wagtail_ikut_review_report"),
        name="wagtail-ikut-review",
        icon_name="time",
        order=1100,
    )


@hooks.register("construct_homepage_panels")
def add_review_dashboard_panel(request, panels):
    panels.append(ReviewDashboardPanel())


@hooks.register("before_serve_page")
def hide_expired_page(page, request, serve_args, serve_kwargs):
    # Wagtail unpublishes a page past its expiry time only when publish_scheduled next runs;
    # until then the package's pages answer as if already unpublished.
    if (
        page._meta.app_label == "wagtail_ikut"
        and page.expire_at
        and page.expire_at <= timezone.now()
    ):
        raise Http404
