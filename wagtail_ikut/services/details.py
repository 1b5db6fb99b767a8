"""What a service is made of: its locations, opening hours and ways to reach it.

Each kind of row is an abstract model, and a concrete one with a ``page`` of the package's
ServicePage; a site's own service page class has its own concrete rows of the abstract ones.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from wagtail_ikut.core.contact import ContactChannelBase, Place
from wagtail_ikut.core.fields import Weekday


class AbstractServiceLocation(Place, Orderable):
    """A place where the service meets people, for any service page class."""

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("location")
        verbose_name_plural = _("locations")


class ServiceLocation(AbstractServiceLocation):
    """A place where the service meets people."""

    page = ParentalKey(
        "wagtail_ikut.ServicePage", on_delete=models.CASCADE, related_name="locations"
    )

    class Meta(AbstractServiceLocation.Meta):
        # "Near me" finds a postcode's centre from the locations in it (search/geo.py).
        indexes = [models.Index(fields=["postcode"], name="wagtail_ikut_location_postcode")]


class AbstractOpeningHours(Orderable):
    """Regular weekly opening hours, for any service page class."""

    Weekday = Weekday

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("A time earlier than the opening time means the next day.")
    )
    by_appointment = models.BooleanField(_("by appointment only"), default=False)

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("opening period")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        if self.opens == self.closes:
            raise ValidationError(_("The opening and closing times cannot be the same."))


class OpeningHours(AbstractOpeningHours):
    """Regular weekly opening hours; a period may run past midnight."""

    page = ParentalKey(
        "wagtail_ikut.ServicePage", on_delete=models.CASCADE, related_name="opening_hours"
    )


class AbstractOpeningHoursException(Orderable):
    """A date range with other hours than usual, for any service page class."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed")
        SPECIAL_HOURS = "special_hours", _("Special hours")
        BY_APPOINTMENT = "by_appointment", _("By appointment only")

    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("exception to opening hours")
        verbose_name_plural = _("exceptions to opening hours")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        if self.kind == self.Kind.CLOSED and (self.opens or self.closes):
            errors["opens"] = _("A closed period has no opening hours.")
        elif self.kind != self.Kind.CLOSED and not (self.opens and self.closes):
            errors["opens"] = _("Give the opening and closing times.")
        if errors:
            raise ValidationError(errors)

    def covers(self, day):
        return self.start_date <= day <= self.end_date


class OpeningHoursException(AbstractOpeningHoursException):
    """A date range with other hours than usual: closed, special hours or by appointment."""

    page = ParentalKey(
        "wagtail_ikut.ServicePage", on_delete=models.CASCADE, related_name="hours_exceptions"
    )


class AbstractContactChannel(ContactChannelBase, Orderable):
    """A way to reach the service, for any service page class."""

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")


class ContactChannel(AbstractContactChannel):
    """A way to reach the service: phone, email, chat or a web form."""

    page = ParentalKey(
        "wagtail_ikut.ServicePage", on_delete=models.CASCADE, related_name="contact_channels"
    )
