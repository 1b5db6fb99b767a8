from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    CourseTheme,
    Language,
    Municipality,
    Organisation,
    ServiceCategory,
    TargetGroup,
)


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


class IkutViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Help for victims")
    menu_icon = "help"
    menu_name = "wagtail_ikut"
    items = (
        OrganisationViewSet,
        MunicipalityViewSet,
        LanguageViewSet,
        TermViewSet(model=ServiceCategory),
        TermViewSet(model=TargetGroup),
        TermViewSet(model=CourseTheme),
    )


register_snippet(IkutViewSetGroup)
