"""The admin: every feature's hooks, and their viewsets in one menu group."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

# Wagtail imports only this module; each feature's hooks register as it is imported.
from wagtail_ikut.core import wagtail_hooks as core_hooks
from wagtail_ikut.core.taxonomy import CourseTheme, ServiceCategory, TargetGroup
from wagtail_ikut.courses import wagtail_hooks as course_hooks
from wagtail_ikut.guidance import wagtail_hooks as guidance_hooks
from wagtail_ikut.review import wagtail_hooks as review_hooks  # noqa: F401
from wagtail_ikut.services import wagtail_hooks as service_hooks
from wagtail_ikut.webhooks import wagtail_hooks as webhook_hooks  # noqa: F401


class IkutViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Help for victims")
    menu_icon = "help"
    menu_name = "wagtail_ikut"
    items = (
        service_hooks.service_listing_viewset,
        service_hooks.SynonymSetViewSet,
        course_hooks.course_listing_viewset,
        core_hooks.OrganisationViewSet,
        core_hooks.MunicipalityViewSet,
        core_hooks.LanguageViewSet,
        guidance_hooks.LegalReferenceViewSet,
        core_hooks.TermViewSet(model=ServiceCategory),
        core_hooks.TermViewSet(model=TargetGroup),
        core_hooks.TermViewSet(model=CourseTheme),
    )


register_snippet(IkutViewSetGroup)
