"""Turn page publishing, unpublishing, deletion, moves and ended services into deliveries."""

import contextlib
import contextvars
from urllib.parse import urljoin

import swapper
from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished, post_page_move

from wagtail_ikut.courses.models import CoursePageMixin
from wagtail_ikut.guidance.models import GuidancePageMixin
from wagtail_ikut.services.models import ServicePageMixin
from wagtail_ikut.webhooks.models import Event, Kind, WebhookDelivery, WebhookSubscriber

#: Each content kind: the page mixin that makes a page one, and its API v3 detail route.
KINDS = {
    Kind.SERVICE: (ServicePageMixin, "ikut_service_detail"),
    Kind.COURSE: (CoursePageMixin, "ikut_course_detail"),
    Kind.GUIDANCE: (GuidancePageMixin, "ikut_guidance_detail"),
}


def kind_of(page):
    """Return the content kind of ``page``, or None if subscribers do not hear of its kind."""
    for kind, (mixin, _route) in KINDS.items():
        if isinstance(page, mixin):
            return kind
    return None


def payload(event, kind, page):
    """Return the notification of ``event`` on ``page``, as subscribers receive it."""
    url = page.get_full_url()
    api_path = reverse(f"wagtailapi_v3:{KINDS[kind][1]}", args=[page.pk])
    return {
        "event": event,
        "kind": kind,
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "locale": page.locale.language_code,
        "url": url,
        "api_url": urljoin(url or "", api_path),
        "when": timezone.now().isoformat(),
    }


#: Set inside notified_together(): the messages of the block's events.
_together = contextvars.ContextVar("wagtail_ikut_webhook_messages", default=None)


@contextlib.contextmanager
def notified_together():
    """Queue the deliveries of the block's events together once the transaction commits,
    instead of one event at a time: an import publishes thousands of pages."""
    messages = []
    token = _together.set(messages)
    try:
        yield
    finally:
        _together.reset(token)
    if messages:
        # robust: a failure to queue is logged; the change has committed all the same.
        transaction.on_commit(lambda: queue(messages), robust=True)


def notify(event, page):
    """Queue ``event`` on ``page`` for its subscribers once the current transaction commits."""
    kind = kind_of(page)
    if kind is None:
        return
    # Read now: after a deletion commits, the page is gone.
    message = payload(event, kind, page)
    messages = _together.get()
    if messages is not None:
        messages.append(message)
    else:
        transaction.on_commit(lambda: queue([message]), robust=True)


def queue(messages):
    """Add a pending delivery of each of ``messages`` for every subscriber who wants it."""
    subscribers = {}
    deliveries = []
    for message in messages:
        wanted = (message["kind"], message["locale"])
        if wanted not in subscribers:
            subscribers[wanted] = list(WebhookSubscriber.interested_in(*wanted))
        deliveries += [
            WebhookDelivery(subscriber=subscriber, event=message["event"], payload=message)
            for subscriber in subscribers[wanted]
        ]
    WebhookDelivery.objects.bulk_create(deliveries)


def page_published_handler(sender, instance, **kwargs):
    # An ended service stays published, with a "this service has ended" page: to a front end
    # and to the API it is gone, and each publication while it has ended says so again.
    ended = isinstance(instance, ServicePageMixin) and instance.is_ended
    notify(Event.ENDED if ended else Event.PUBLISHED, instance)


def page_unpublished_handler(sender, instance, **kwargs):
    notify(Event.UNPUBLISHED, instance)


def page_deleted_handler(sender, instance, **kwargs):
    # A page that is not live is not public: its unpublishing was announced, or it never was.
    if instance.live:
        notify(Event.DELETED, instance)


def page_moved_handler(sender, instance, url_path_before, url_path_after, **kwargs):
    # Reordering among siblings changes no address; a move changes those of the whole subtree.
    if url_path_before == url_path_after:
        return
    Page = swapper.load_model("wagtailcore", "Page")
    moved = Page.objects.descendant_of(instance, inclusive=True).live().type(*page_models())
    for page in moved.specific():
        notify(Event.MOVED, page)


def page_models():
    """Return the concrete page models of every kind, the site's own classes included."""
    mixins = tuple(mixin for mixin, _route in KINDS.values())
    return [model for model in apps.get_models() if issubclass(model, mixins)]


def register_signal_handlers():
    for model in page_models():
        page_published.connect(page_published_handler, sender=model)
        page_unpublished.connect(page_unpublished_handler, sender=model)
        post_delete.connect(page_deleted_handler, sender=model)
    # A move also changes the addresses of the pages below, whatever the moved page is.
    post_page_move.connect(page_moved_handler)
