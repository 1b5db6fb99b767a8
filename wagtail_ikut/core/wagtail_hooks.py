"""Admin viewsets of the shared snippets, and what every package page does when served."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import Language, Municipality


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
