"""Which changes of which pages queue which notifications, for which subscribers, and when."""

import time

from django.db import transaction
from django.test import TestCase, TransactionTestCase, override_settings

from tests.factories import LocaleFactory
from tests.utils import (
    make_course,
    make_course_index,
    make_directory,
    make_guidance,
    make_service,
    site_root,
)
from tests.webhooks.receiver import SLOW, Receiver
from wagtail_ikut.services.models import ServiceStatus
from wagtail_ikut.webhooks.delivery import deliver_due
from wagtail_ikut.webhooks.events import notified_together
from wagtail_ikut.webhooks.models import WebhookDelivery, WebhookSubscriber


def subscribe(url="http://192.0.2.1/hook", **fields):
    return WebhookSubscriber.objects.create(name="Front end", url=url, **fields)


def events():
    return [(d.payload["kind"], d.event, d.payload["id"]) for d in WebhookDelivery.objects.all()]


class PageEventTests(TestCase):
    def setUp(self):
        self.directory = make_directory()
        self.service = make_service(self.directory)
        self.course = make_course(make_course_index())
        self.guidance = make_guidance()
        self.pages = {"service": self.service, "course": self.course, "guidance": self.guidance}
        self.subscriber = subscribe()

    def assertEachQueues(self, event, change):
        for kind, page in self.pages.items():
            with self.subTest(kind=kind):
                WebhookDelivery.objects.all().delete()
                with self.captureOnCommitCallbacks(execute=True):
                    change(page)
                self.assertIn((kind, event, page.pk), events())

    def test_publishing_queues_published(self):
        self.assertEachQueues("published", lambda page: page.save_revision().publish())

    def test_unpublishing_queues_unpublished(self):
        self.assertEachQueues("unpublished", lambda page: page.unpublish())

    def test_deleting_a_live_page_queues_deleted(self):
        self.assertEachQueues("deleted", lambda page: page.delete())

    def test_moving_queues_moved(self):
        other = make_directory(title="Muut palvelut")
        self.assertEachQueues("moved", lambda page: page.move(other, pos="last-child"))

    def test_moving_a_section_queues_moved_for_the_pages_below(self):
        other = make_directory(title="Muut palvelut")
        with self.captureOnCommitCallbacks(execute=True):
            self.directory.move(other, pos="last-child")
        self.assertEqual(events(), [("service", "moved", self.service.pk)])

    def test_reordering_among_siblings_queues_nothing(self):
        second = make_service(self.directory, title="Toinen")
        with self.captureOnCommitCallbacks(execute=True):
            second.move(self.service, pos="left")
        self.assertEqual(events(), [])

    def test_publishing_an_ended_service_queues_ended(self):
        self.service.status = ServiceStatus.ENDED
        with self.captureOnCommitCallbacks(execute=True):
            self.service.save_revision().publish()
        self.assertEqual(events(), [("service", "ended", self.service.pk)])

    def test_events_notified_together_are_queued_together_once_committed(self):
        """As an import publishes its pages: each event still queues for its subscribers."""
        swedish = subscribe(url="http://192.0.2.2/hook")
        swedish.locales.set([LocaleFactory(language_code="sv")])
        WebhookDelivery.objects.all().delete()
        with self.captureOnCommitCallbacks(execute=True), notified_together():
            added = make_service(self.directory, "Toinen")
            self.course.save_revision().publish()
            self.assertEqual(WebhookDelivery.objects.count(), 0)
        self.assertCountEqual(
            events(), [("service", "published", added.pk), ("course", "published", self.course.pk)]
        )
        self.assertFalse(WebhookDelivery.objects.filter(subscriber=swedish).exists())

    def test_events_notified_together_in_a_rolled_back_block_queue_nothing(self):
        WebhookDelivery.objects.all().delete()
        with (
            self.captureOnCommitCallbacks(execute=True),
            self.assertRaises(ValueError),
            transaction.atomic(),
            notified_together(),
        ):
            make_service(self.directory, "Toinen")
            raise ValueError("rolled back")
        self.assertEqual(events(), [])

    def test_the_payload_names_the_page_its_locale_and_addresses(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.course.save_revision().publish()
        payload = WebhookDelivery.objects.get().payload
        self.assertEqual(payload["event"], "published")
        self.assertEqual(payload["kind"], "course")
        self.assertEqual(payload["id"], self.course.pk)
        self.assertEqual(payload["translation_key"], str(self.course.translation_key))
        self.assertEqual(payload["locale"], "fi")
        self.assertEqual(payload["url"], self.course.get_full_url())
        self.assertTrue(payload["api_url"].endswith(f"/api/v3/courses/{self.course.pk}/"))
        self.assertTrue(payload["api_url"].startswith("http"))
        self.assertIn("T", payload["when"])

    def test_other_pages_queue_nothing(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.directory.save_revision().publish()
            site_root().specific.save_revision().publish()
        self.assertEqual(events(), [])

    def test_a_subscriber_hears_only_of_its_kinds(self):
        self.subscriber.delete()
        subscribe(service=False, guidance=False)
        with self.captureOnCommitCallbacks(execute=True):
            for page in self.pages.values():
                page.save_revision().publish()
        self.assertEqual(events(), [("course", "published", self.course.pk)])

    def test_a_subscriber_hears_only_of_its_languages(self):
        swedish = LocaleFactory(language_code="sv")
        svenska = self.service.copy_for_translation(swedish, copy_parents=True)
        self.subscriber.locales.set([swedish])
        with self.captureOnCommitCallbacks(execute=True):
            self.service.save_revision().publish()
            svenska.save_revision().publish()
        deliveries = WebhookDelivery.objects.all()
        self.assertEqual([d.payload["id"] for d in deliveries], [svenska.pk])
        self.assertEqual(deliveries[0].payload["locale"], "sv")

    def test_an_inactive_subscriber_hears_nothing(self):
        self.subscriber.active = False
        self.subscriber.save()
        with self.captureOnCommitCallbacks(execute=True):
            self.service.save_revision().publish()
        self.assertEqual(events(), [])

    def test_each_subscriber_gets_its_own_delivery(self):
        other = subscribe(url="http://192.0.2.2/hook")
        with self.captureOnCommitCallbacks(execute=True):
            self.guidance.save_revision().publish()
        self.assertEqual(
            sorted(WebhookDelivery.objects.values_list("subscriber", flat=True)),
            [self.subscriber.pk, other.pk],
        )


class CommitTests(TransactionTestCase):
    """Deliveries exist only once the editor's transaction has committed."""

    # The site and its root page come from migrations, which a flush would take away.
    serialized_rollback = True

    def setUp(self):
        self.directory = make_directory()
        subscribe()

    def test_nothing_is_queued_before_the_commit(self):
        with transaction.atomic():
            make_service(self.directory)
            self.assertEqual(WebhookDelivery.objects.count(), 0)
        self.assertEqual(events()[0][:2], ("service", "published"))

    def test_nothing_is_queued_if_the_transaction_rolls_back(self):
        class Rollback(Exception):
            pass

        try:
            with transaction.atomic():
                make_service(self.directory)
                raise Rollback
        except Rollback:
            pass
        self.assertEqual(WebhookDelivery.objects.count(), 0)


@override_settings(WAGTAIL_IKUT={"WEBHOOK_ALLOW_PRIVATE_ADDRESSES": True, "WEBHOOK_TIMEOUT": 5})
class PublishingNeverWaitsTests(TestCase):
    def test_a_slow_subscriber_does_not_slow_publishing(self):
        directory = make_directory()
        with Receiver(slow_seconds=2) as receiver:
            receiver.answers = [SLOW]
            subscribe(url=receiver.url)
            started = time.monotonic()
            with self.captureOnCommitCallbacks(execute=True):
                make_service(directory)
            self.assertLess(time.monotonic() - started, 1)
            # Publishing only queued the notification: the worker sends it.
            self.assertEqual(receiver.requests, [])
            self.assertEqual(deliver_due(), 1)
            self.assertEqual(len(receiver.requests), 1)
