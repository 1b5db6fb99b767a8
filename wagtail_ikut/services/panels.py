"""Admin panels of the service page."""

from wagtail.admin.panels import Panel

from wagtail_ikut.conf import ikut_settings


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
