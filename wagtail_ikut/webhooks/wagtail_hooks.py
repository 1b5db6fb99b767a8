"""The webhook subscribers' snippet and the deliveries' log in the admin's settings menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_ikut.webhooks import views
from wagtail_ikut.webhooks.models import WebhookSubscriber


class WebhookSubscriberViewSet(SnippetViewSet):
    model = WebhookSubscriber
    icon = "link"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    list_display = ["name", "url", "active"]
    list_filter = ["active", "service", "course", "guidance"]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        FieldPanel("active"),
        MultiFieldPanel(
            [FieldPanel("service"), FieldPanel("course"), FieldPanel("guidance")],
            heading=_("Content kinds"),
        ),
        FieldPanel("locales"),
    ]


register_snippet(WebhookSubscriberViewSet)


class DeliveriesMenuItem(MenuItem):
    def is_shown(self, request):
        return views.permission_policy.user_has_permission(request.user, "change")


@hooks.register("register_admin_urls")
def register_webhook_urls():
    return [
        path(
            "ikut/webhooks/",
            views.DeliveryReportView.as_view(),
            name="wagtail_ikut_webhook_deliveries",
        ),
        path(
            "ikut/webhooks/results/",
            views.DeliveryReportView.as_view(results_only=True),
            name="wagtail_ikut_webhook_deliveries_results",
        ),
        path(
            "ikut/webhooks/<int:pk>/resend/",
            views.resend,
            name="wagtail_ikut_resend_webhook",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_deliveries_menu_item():
    return DeliveriesMenuItem(
        _("Webhook deliveries"),
        reverse("wagtail_ikut_webhook_deliveries"),
        name="wagtail-ikut-webhook-deliveries",
        icon_name="link",
        order=1110,
    )
