"""Admin panels every page type of the package uses."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, TabbedInterface


def page_tabs(base, content_panels, *tabs):
    """Return the editor's tabs of a page type built on the page class ``base``."""
    # Content is the base's panels (the title, and a site's own fields), then the page type's;
    # ``tabs`` are (heading, panels) pairs, placed before the base's Promote and Settings.
    return TabbedInterface(
        [
            ObjectList([*base.content_panels, *content_panels], heading=_("Content")),
            *(ObjectList(panels, heading=heading) for heading, panels in tabs),
            ObjectList(base.promote_panels, heading=_("Promote")),
            ObjectList(base.settings_panels, heading=_("Settings")),
        ]
    )
