"""Admin panels of the package's own."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel, TabbedInterface

from wagtail_ikut.conf import ikut_settings


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


class VerificationWarningPanel(Panel):
    """Warn the editor when a service's details have not been checked for too long."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_ikut/admin/verification_warning_panel.html"

        def is_shown(self):
            return self.instance.verification_is_overdue()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["last_verified"] = self.instance.last_verified
            context["max_age_days"] = ikut_settings.VERIFICATION_MAX_AGE_DAYS
            return context


class ReviewWarningPanel(Panel):
    """Warn the editor when the guidance's next review date has passed."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_ikut/admin/review_warning_panel.html"

        def is_shown(self):
            return self.instance.next_review is not None and self.instance.review_is_overdue()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["next_review"] = self.instance.next_review
            return context


class LegalForceWarningPanel(Panel):
    """Warn the editor when a legal reference is not in force today."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_ikut/admin/legal_force_warning_panel.html"

        def is_shown(self):
            return self.instance.pk is not None and not self.instance.is_in_force()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["reference"] = self.instance
            return context
