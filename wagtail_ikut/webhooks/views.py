"""The admin's log of webhook deliveries, and its "resend" action."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from wagtail_ikut.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscriber

#: Who may change subscribers sees their deliveries and resends them.
permission_policy = ModelPermissionPolicy(WebhookSubscriber)


class ResendColumn(Column):
    """A button that queues the row's delivery again, as a POST with the CSRF token."""

    cell_template_name = "wagtail_ikut/admin/webhook_resend_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        context["resend_url"] = reverse("wagtail_ikut_resend_webhook", args=[instance.pk])
        return context


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=DeliveryStatus.choices
    )

    class Meta:
        model = WebhookDelivery
        fields = ["status", "subscriber"]


class DeliveryReportView(ReportView):
    """Every webhook delivery, newest first, with its status, attempts and last error."""

    page_title = gettext_lazy("Webhook deliveries")
    header_icon = "link"
    index_url_name = "wagtail_ikut_webhook_deliveries"
    index_results_url_name = "wagtail_ikut_webhook_deliveries_results"
    permission_policy = permission_policy
    permission_required = "change"
    filterset_class = DeliveryFilterSet
    columns = [
        Column("subscriber", label=gettext_lazy("Subscriber")),
        Column("event", label=gettext_lazy("Event"), accessor="get_event_display"),
        Column("url", label=gettext_lazy("Page"), accessor=lambda d: d.payload.get("url")),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda d: d.status == DeliveryStatus.DELIVERED,
        ),
        Column("attempts", label=gettext_lazy("Attempts")),
        Column("last_status_code", label=gettext_lazy("Last answer")),
        Column("last_error", label=gettext_lazy("Last error")),
        DateColumn("next_attempt_at", label=gettext_lazy("Next attempt")),
        DateColumn("created_at", label=gettext_lazy("Created")),
        ResendColumn("resend", label=""),
    ]

    def get_queryset(self):
        return WebhookDelivery.objects.select_related("subscriber")


@require_POST
def resend(request, pk):
    """Queue a delivery again, at once and with its attempts counted afresh."""
    if not permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    delivery.resend()
    messages.success(
        request,
        _("The notification to %(subscriber)s will be sent again.")
        % {"subscriber": delivery.subscriber},
    )
    return redirect("wagtail_ikut_webhook_deliveries")
