"""Admin viewsets of legal references."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_ikut.guidance.legal import LegalForce, LegalReference
from wagtail_ikut.guidance.panels import LegalForceWarningPanel


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
