"""The admin's listing of services, and the synonyms the directory search knows."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_ikut.services.models import ServicePage
from wagtail_ikut.services.search.synonyms import SynonymSet


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


class SynonymSetViewSet(SnippetViewSet):
    """Words and phrases that the directory search in one language treats as the same."""

    model = SynonymSet
    icon = "search"
    menu_label = _("Search synonyms")
    search_fields = ["entries"]
    panels = [FieldPanel("entries")]
