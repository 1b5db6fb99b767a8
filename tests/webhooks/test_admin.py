"""The subscribers' snippet and the deliveries' log in the admin, and who may see them."""

from django.contrib.auth.models import Group
from django.test import Client, TestCase
from django.urls import reverse

from tests.utils import EnglishAdminTestUtils
from wagtail_ikut.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscriber

SUBSCRIBERS = "wagtailsnippets_wagtail_ikut_webhooksubscriber:list"
ADD_SUBSCRIBER = "wagtailsnippets_wagtail_ikut_webhooksubscriber:add"
DELIVERIES = "wagtail_ikut_webhook_deliveries"


class WebhookAdminTests(EnglishAdminTestUtils, TestCase):
    def setUp(self):
        self.subscriber = WebhookSubscriber.objects.create(
            name="Static front end", url="https://93.184.215.14/hook"
        )
        self.delivery = WebhookDelivery.objects.create(
            subscriber=self.subscriber,
            event="unpublished",
            payload={"url": "https://www.example.fi/fi/palvelut/neuvonta/"},
            status=DeliveryStatus.FAILED,
            attempts=8,
            last_status_code=500,
            last_error="The subscriber answered 500.",
            next_attempt_at=None,
        )

    def test_the_settings_menu_leads_to_subscribers_and_deliveries(self):
        self.login()
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, reverse(SUBSCRIBERS))
        self.assertContains(dashboard, reverse(DELIVERIES))
        self.assertContains(self.client.get(reverse(SUBSCRIBERS)), "Static front end")

    def test_the_log_shows_status_attempts_and_last_error(self):
        self.login()
        response = self.client.get(reverse(DELIVERIES))
        self.assertContains(response, "Static front end")
        self.assertContains(response, "Unpublished")
        self.assertContains(response, "https://www.example.fi/fi/palvelut/neuvonta/")
        self.assertContains(response, "Failed")
        self.assertContains(response, "<td>8</td>", html=True)
        self.assertContains(response, "The subscriber answered 500.")

    def test_the_log_filters_by_status(self):
        self.login()
        response = self.client.get(reverse(DELIVERIES), {"status": "delivered"})
        self.assertNotContains(response, "The subscriber answered 500.")

    def test_resend_through_the_admin_queues_the_delivery_again(self):
        # The admin's own CSRF protection applies: the button posts the page's token.
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.login())
        listing = client.get(reverse(DELIVERIES))
        resend_url = reverse("wagtail_ikut_resend_webhook", args=[self.delivery.pk])
        self.assertContains(listing, f'action="{resend_url}"')
        self.assertEqual(client.post(resend_url).status_code, 403)
        token = listing.cookies["csrftoken"].value
        response = client.post(resend_url, {"csrfmiddlewaretoken": token}, follow=True)
        self.assertContains(response, "will be sent again")
        self.delivery.refresh_from_db()
        self.assertEqual((self.delivery.status, self.delivery.attempts), ("pending", 0))

    def test_resend_must_be_posted(self):
        self.login()
        url = reverse("wagtail_ikut_resend_webhook", args=[self.delivery.pk])
        self.assertEqual(self.client.get(url).status_code, 405)

    def test_the_form_refuses_a_non_http_or_private_address(self):
        self.login()
        for url in ("ftp://93.184.215.14/hook", "http://127.0.0.1:8000/hook"):
            with self.subTest(url=url):
                response = self.client.post(
                    reverse(ADD_SUBSCRIBER),
                    {"name": "Intranet", "url": url, "secret": "s", "active": "on"},
                )
                self.assertEqual(response.status_code, 200)
                self.assertFalse(WebhookSubscriber.objects.filter(name="Intranet").exists())

    def test_an_editor_sees_neither_subscribers_nor_deliveries(self):
        editor = self.create_user("editor", password="password")
        editor.groups.add(Group.objects.get(name="Editors"))
        self.client.force_login(editor)
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(dashboard, reverse(SUBSCRIBERS))
        self.assertNotContains(dashboard, reverse(DELIVERIES))
        for name in (SUBSCRIBERS, DELIVERIES):
            with self.subTest(name=name):
                # Wagtail's answer to a view the user may not see: back to the dashboard.
                self.assertRedirects(self.client.get(reverse(name)), reverse("wagtailadmin_home"))
        url = reverse("wagtail_ikut_resend_webhook", args=[self.delivery.pk])
        self.assertRedirects(self.client.post(url), reverse("wagtailadmin_home"))
        self.delivery.refresh_from_db()
        self.assertEqual(self.delivery.status, DeliveryStatus.FAILED)
