"""Sending deliveries: the signature, retries with back-off, failure, redirects, resending."""

import datetime
import json
import re
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone, translation

from tests.webhooks.receiver import REDIRECT, SLOW, Receiver
from wagtail_ikut.webhooks.delivery import deliver_due
from wagtail_ikut.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscriber

HOW_TO = Path(__file__).parents[2] / "docs" / "how-to" / "rebuild-on-publish.md"
LOOPBACK = {
    "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": True,
    "WEBHOOK_TIMEOUT": 0.5,
    "WEBHOOK_MAX_ATTEMPTS": 3,
    "WEBHOOK_RETRY_SECONDS": 60,
}
PAYLOAD = {"event": "published", "kind": "service", "id": 7, "locale": "fi", "url": "Ääkköset"}


def documented_check():
    """Return the signature check that the how-to gives receivers, as it is written there."""
    code = re.search(r"```python\n(.*?)```", HOW_TO.read_text(), re.DOTALL).group(1)
    namespace = {}
    exec(code, namespace)  # noqa: S102 - our own documentation
    return namespace["is_genuine"]


@override_settings(WAGTAIL_IKUT=LOOPBACK)
class DeliveryTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receiver = cls.enterClassContext(Receiver(slow_seconds=2))

    def setUp(self):
        # The worker records its errors in the active language.
        self.enterContext(translation.override("en"))
        self.receiver.reset()
        self.subscriber = WebhookSubscriber.objects.create(name="Front end", url=self.receiver.url)
        self.delivery = WebhookDelivery.objects.create(
            subscriber=self.subscriber, event="published", payload=PAYLOAD
        )

    def refreshed(self):
        self.delivery.refresh_from_db()
        return self.delivery

    def test_the_notification_is_signed_as_the_how_to_checks_it(self):
        deliver_due()
        path, headers, body = self.receiver.requests[0]
        self.assertEqual(json.loads(body), PAYLOAD)
        self.assertEqual(headers["Content-Type"], "application/json")
        self.assertEqual(headers["X-Ikut-Event"], "published")
        self.assertEqual(headers["X-Ikut-Delivery"], str(self.delivery.pk))
        is_genuine = documented_check()
        self.assertTrue(is_genuine(self.subscriber.secret, headers, body))
        self.assertFalse(is_genuine("another secret", headers, body))
        self.assertFalse(is_genuine(self.subscriber.secret, headers, body + b" "))

    def test_the_how_to_refuses_an_old_timestamp(self):
        deliver_due()
        _path, headers, body = self.receiver.requests[0]
        is_genuine = documented_check()
        old = {**headers, "X-Ikut-Timestamp": str(int(headers["X-Ikut-Timestamp"]) - 600)}
        self.assertFalse(is_genuine(self.subscriber.secret, old, body))

    def test_a_2xx_answer_marks_it_delivered(self):
        self.assertEqual(deliver_due(), 1)
        delivery = self.refreshed()
        self.assertEqual(delivery.status, DeliveryStatus.DELIVERED)
        self.assertEqual((delivery.attempts, delivery.last_status_code), (1, 200))
        self.assertEqual(delivery.last_error, "")
        self.assertIsNone(delivery.next_attempt_at)
        self.assertEqual(deliver_due(), 0)

    def test_a_failure_is_retried_with_exponential_back_off(self):
        self.receiver.answers = [500, 503]
        start = timezone.now()
        deliver_due(start)
        delivery = self.refreshed()
        self.assertEqual(delivery.status, DeliveryStatus.PENDING)
        self.assertEqual((delivery.attempts, delivery.last_status_code), (1, 500))
        self.assertIn("500", delivery.last_error)
        self.assertEqual(delivery.next_attempt_at, start + datetime.timedelta(seconds=60))
        # Not due before its time.
        self.assertEqual(deliver_due(start + datetime.timedelta(seconds=59)), 0)
        second = start + datetime.timedelta(seconds=60)
        deliver_due(second)
        self.assertEqual(self.refreshed().next_attempt_at, second + datetime.timedelta(seconds=120))
        deliver_due(second + datetime.timedelta(seconds=120))
        delivery = self.refreshed()
        self.assertEqual(delivery.status, DeliveryStatus.DELIVERED)
        self.assertEqual(delivery.attempts, 3)
        self.assertEqual(len(self.receiver.requests), 3)
        # Each attempt of one delivery carries its id, for the receiver to drop duplicates.
        ids = {headers["X-Ikut-Delivery"] for _path, headers, _body in self.receiver.requests}
        self.assertEqual(ids, {str(self.delivery.pk)})

    def test_after_the_last_attempt_it_has_failed(self):
        self.receiver.answers = [500, 500, 500]
        now = timezone.now()
        for retry in range(3):
            deliver_due(now + datetime.timedelta(hours=retry))
        delivery = self.refreshed()
        self.assertEqual(delivery.status, DeliveryStatus.FAILED)
        self.assertEqual(delivery.attempts, 3)
        self.assertIsNone(delivery.next_attempt_at)
        self.assertEqual(deliver_due(now + datetime.timedelta(days=1)), 0)

    def test_resending_queues_it_again_with_its_attempts_afresh(self):
        self.delivery.status, self.delivery.attempts = DeliveryStatus.FAILED, 3
        self.delivery.next_attempt_at = None
        self.delivery.save()
        self.delivery.resend()
        self.assertEqual(deliver_due(), 1)
        delivery = self.refreshed()
        self.assertEqual((delivery.status, delivery.attempts), (DeliveryStatus.DELIVERED, 1))

    def test_a_redirect_is_not_followed(self):
        self.receiver.answers = [REDIRECT]
        deliver_due()
        delivery = self.refreshed()
        self.assertEqual(delivery.status, DeliveryStatus.PENDING)
        self.assertEqual(delivery.last_status_code, 302)
        self.assertEqual(delivery.last_error, "Redirect not followed.")
        self.assertEqual(len(self.receiver.requests), 1)

    def test_a_subscriber_slower_than_the_timeout_is_retried(self):
        self.receiver.answers = [SLOW]
        deliver_due()
        delivery = self.refreshed()
        self.assertEqual(delivery.status, DeliveryStatus.PENDING)
        self.assertIsNone(delivery.last_status_code)
        self.assertIn("timed out", delivery.last_error)

    def test_an_unreachable_subscriber_is_retried(self):
        self.subscriber.url = "http://127.0.0.1:1/hook"
        self.subscriber.save()
        deliver_due()
        delivery = self.refreshed()
        self.assertEqual((delivery.status, delivery.attempts), (DeliveryStatus.PENDING, 1))
        self.assertNotEqual(delivery.last_error, "")

    def test_the_command_sends_what_is_due_once(self):
        later = WebhookDelivery.objects.create(
            subscriber=self.subscriber,
            event="moved",
            payload=PAYLOAD,
            next_attempt_at=timezone.now() + datetime.timedelta(hours=1),
        )
        call_command("ikut_deliver_webhooks", "--once")
        self.assertEqual(self.refreshed().status, DeliveryStatus.DELIVERED)
        later.refresh_from_db()
        self.assertEqual(later.status, DeliveryStatus.PENDING)
        self.assertEqual(len(self.receiver.requests), 1)


class AddressCheckedAtSendTests(TestCase):
    def test_a_loopback_address_is_refused_when_sending_too(self):
        with translation.override("en"), Receiver() as receiver:
            subscriber = WebhookSubscriber.objects.create(name="Intranet", url=receiver.url)
            delivery = WebhookDelivery.objects.create(
                subscriber=subscriber, event="published", payload=PAYLOAD
            )
            deliver_due()
            self.assertEqual(receiver.requests, [])
        delivery.refresh_from_db()
        self.assertEqual(delivery.attempts, 1)
        self.assertIn("not a public internet address", delivery.last_error)
