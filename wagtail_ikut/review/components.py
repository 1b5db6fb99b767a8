"""The dashboard panel that tells an editor how much of their content is overdue for review."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from wagtail_ikut.review.overdue import overdue_items


class ReviewDashboardPanel(Component):
    """Tell editors on the dashboard how much content is overdue for review."""

    name = "wagtail_ikut_review"
    template_name = "wagtail_ikut/admin/review_dashboard_panel.html"
    order = 150
    shown = 5

    def get_context_data(self, parent_context):
        items = overdue_items(timezone.localdate(), user=parent_context["request"].user)
        return {"items": items[: self.shown], "count": len(items)}
