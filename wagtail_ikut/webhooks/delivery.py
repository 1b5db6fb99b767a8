"""Send due webhook deliveries, signed, and schedule retries with exponential back-off."""

import datetime
import hashlib
import hmac
import json
import time

import requests
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import wagtail_ikut
from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.webhooks.addresses import validate_webhook_url
from wagtail_ikut.webhooks.models import DeliveryStatus, WebhookDelivery


def signature(secret, timestamp, body):
    """Return the hex HMAC-SHA256 of ``timestamp``, a dot and ``body`` under ``secret``."""
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_request(delivery):
    """Return the body and headers of ``delivery``'s notification, signed as of now."""
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"wagtail-ikut/{wagtail_ikut.__version__}",
        "X-Ikut-Event": delivery.event,
        "X-Ikut-Delivery": str(delivery.pk),
        "X-Ikut-Timestamp": timestamp,
        "X-Ikut-Signature": "sha256=" + signature(delivery.subscriber.secret, timestamp, body),
    }
    return body, headers


def post(delivery):
    """Send ``delivery`` once; return the answer's status code and an error, or None."""
    try:
        validate_webhook_url(delivery.subscriber.url)
    except ValidationError as error:
        return None, " ".join(error.messages)
    body, headers = signed_request(delivery)
    with requests.Session() as session:
        # Straight to the checked address: a proxy from the environment would resolve the
        # host again, on its own side of the check.
        session.trust_env = False
        try:
            # stream: the answer's body is never read, however large it is.
            response = session.post(
                delivery.subscriber.url,
                data=body,
                headers=headers,
                timeout=ikut_settings.WEBHOOK_TIMEOUT,
                allow_redirects=False,
                stream=True,
            )
        except requests.RequestException as error:
            return None, str(error) or type(error).__name__
        response.close()
    if 300 <= response.status_code < 400:
        return response.status_code, _("Redirect not followed.")
    if not 200 <= response.status_code < 300:
        return response.status_code, _("The subscriber answered %(status)s.") % {
            "status": response.status_code
        }
    return response.status_code, None


def attempt(delivery, now):
    """Send ``delivery`` and record the outcome: delivered, retried later, or failed."""
    delivery.last_status_code, error = post(delivery)
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_error = error or ""
    if error is None:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.next_attempt_at = None
    elif delivery.attempts >= ikut_settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delay = ikut_settings.WEBHOOK_RETRY_SECONDS * 2 ** (delivery.attempts - 1)
        delivery.next_attempt_at = now + datetime.timedelta(seconds=delay)
    delivery.save()


def claim_due(now, limit):
    """Return up to ``limit`` due deliveries, put out of other workers' reach while sent."""
    with transaction.atomic():
        # PostgreSQL skips the rows another worker holds; SQLite has one writer anyway.
        due = WebhookDelivery.due(now).select_related("subscriber")
        claimed = list(due.select_for_update(skip_locked=True, of=("self",))[:limit])
        # If this worker dies mid-send, the delivery is due again after the lease.
        lease = now + datetime.timedelta(seconds=2 * ikut_settings.WEBHOOK_TIMEOUT + 60)
        WebhookDelivery.objects.filter(pk__in=[d.pk for d in claimed]).update(next_attempt_at=lease)
    return claimed


def deliver_due(now=None, limit=100):
    """Send the deliveries due at ``now`` (default: now); return how many were attempted."""
    now = now or timezone.now()
    claimed = claim_due(now, limit)
    for delivery in claimed:
        attempt(delivery, now)
    return len(claimed)
