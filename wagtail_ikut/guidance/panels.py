"""Admin panels of guidance pages and legal references."""

from wagtail.admin.panels import Panel


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
