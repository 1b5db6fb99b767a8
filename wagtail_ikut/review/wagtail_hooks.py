"""The overdue-for-review report in the admin and its dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from wagtail_ikut.review.components import ReviewDashboardPanel
from wagtail_ikut.review.views import ReviewReportView


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("ikut/review/", ReviewReportView.as_view(), name="wagtail_ikut_review_report"),
        path(
            "ikut/review/results/",
            ReviewReportView.as_view(results_only=True),
            name="wagtail_ikut_review_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return MenuItem(
        _("Overdue for review"),
        reverse("wagtail_ikut_review_report"),
        name="wagtail-ikut-review",
        icon_name="time",
        order=1100,
    )


@hooks.register("construct_homepage_panels")
def add_review_dashboard_panel(request, panels):
    panels.append(ReviewDashboardPanel())
