"""The admin's report of content overdue for review, with its spreadsheet export."""

import swapper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from wagtail_ikut.review.overdue import overdue_items


class ReviewReportView(ReportView):
    """The guidance and service listings the user may edit whose review is overdue, oldest first."""

    page_title = _("Overdue for review")
    header_icon = "time"
    index_url_name = "wagtail_ikut_review_report"
    index_results_url_name = "wagtail_ikut_review_report_results"
    model = swapper.load_model("wagtailcore", "Page")
    any_permission_required = ["change", "publish"]
    columns = [
        TitleColumn(
            "title",
            label=_("Title"),
            accessor="page.title",
            get_url=lambda item: item.edit_url,
        ),
        Column("kind", label=_("Type")),
        Column("owner", label=_("Owner")),
        Column("municipality_names", label=_("Municipalities")),
        DateColumn("due_on", label=_("Review due")),
    ]
    list_export = ["page.title", "kind", "owner", "municipality_names", "due_on"]
    export_headings = {
        "page.title": _("Title"),
        "kind": _("Type"),
        "owner": _("Owner"),
        "municipality_names": _("Municipalities"),
        "due_on": _("Review due"),
    }

    def get_queryset(self):
        return overdue_items(timezone.localdate(), user=self.request.user)
