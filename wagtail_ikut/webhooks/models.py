"""Who is told when public content changes, and each notification as a queue of deliveries."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail_ikut.webhooks.addresses import validate_webhook_url


class Event(models.TextChoices):
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    DELETED = "deleted", _("Deleted")
    MOVED = "moved", _("Moved")
    ENDED = "ended", _("Ended")


class Kind(models.TextChoices):
    """The content kinds a subscriber hears of; each is also a field of the subscriber."""

    SERVICE = "service", _("Service")
    COURSE = "course", _("Course")
    GUIDANCE = "guidance", _("Guidance")


def new_secret():
    return secrets.token_hex(32)


class WebhookSubscriber(models.Model):
    """A URL that gets a signed notification when a service, course or guidance page changes."""

    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[validate_webhook_url],
        help_text=_("An http or https address on the public internet; redirects are not followed."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=128,
        default=new_secret,
        help_text=_("The key the receiver checks each notification's signature with."),
    )
    active = models.BooleanField(_("active"), default=True)
    service = models.BooleanField(_("services"), default=True)
    course = models.BooleanField(_("courses"), default=True)
    guidance = models.BooleanField(_("guidance"), default=True)
    locales = models.ManyToManyField(
        "wagtailcore.Locale",
        verbose_name=_("languages"),
        blank=True,
        help_text=_("Only content in these languages; none for every language."),
    )

    class Meta:
        verbose_name = _("webhook subscriber")
        verbose_name_plural = _("webhook subscribers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def interested_in(cls, kind, language_code):
        """Return the active subscribers to content of ``kind`` in ``language_code``."""
        return cls.objects.filter(
            Q(locales=None) | Q(locales__language_code=language_code), active=True, **{kind: True}
        ).distinct()


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One notification to one subscriber: queued, sent, retried, and kept as its log."""

    subscriber = models.ForeignKey(
        WebhookSubscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=32, choices=Event.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, null=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last status code"), null=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_event_display()} → {self.subscriber}"

    @classmethod
    def due(cls, now):
        """Return the pending deliveries whose next attempt is due at ``now``, oldest first."""
        return cls.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).order_by(
            "next_attempt_at", "pk"
        )

    def resend(self):
        """Queue the delivery again, now, with its attempts counted afresh."""
        self.status = DeliveryStatus.PENDING
        self.attempts = 0
        self.next_attempt_at = timezone.now()
        self.save(update_fields=["status", "attempts", "next_attempt_at"])
