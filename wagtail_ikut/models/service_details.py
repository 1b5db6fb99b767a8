"""What a service is made of: its locations, opening hours and ways to reach it."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from ..fields import PhoneNumberField


class ServiceLocation(Orderable):
    """A place where the service meets people."""

    page = ParentalKey(
        "wagtail_ikut.ServicePage", on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postcode = models.CharField(
        _("postcode"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Enter a five-digit postcode, e.g. 00100."))],
    )
    municipality = models.ForeignKey(
        "wagtail_ikut.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, lifts, accessible toilet, hearing loop…"),
    )
    directions = models.TextField(_("directions"), blank=True)
    confidential = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_(
            "For a safe house or shelter: the address and coordinates are never published "
            "anywhere; the public is told to contact the service first."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name or self.street_address

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))

    @property
    def has_coordinates(self):
        return self.latitude is not None and not self.confidential


class OpeningHours(Orderable):
    """Regular weekly opening hours; a period may run past midnight."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    page = ParentalKey(
        "wagtail_ikut.ServicePage", on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("A time earlier than the opening time means the next day.")
    )
    by_appointment = models.BooleanField(_("by appointment only"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("opening period")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        if self.opens == self.closes:
            raise ValidationError(_("The opening and closing times cannot be the same."))


class OpeningHoursException(Orderable):
    """A date range with other hours than usual: closed, special hours or by appointment."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed")
        SPECIAL_HOURS = "special_hours", _("Special hours")
        BY_APPOINTMENT = "by_appointment", _("By appointment only")

    page = ParentalKey(
        "wagtail_ikut.ServicePage", on_delete=models.CASCADE, related_name="hours_exceptions"
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
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


class ContactChannel(Orderable):
    """A way to reach the service: phone, email, chat or a web form."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        CHAT = "chat", _("Chat")
        WEB_FORM = "web_form", _("Web form")

    page = ParentalKey(
        "wagtail_ikut.ServicePage", on_delete=models.CASCADE, related_name="contact_channels"
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    label = models.CharField(
        _("label"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Help line in Russian” or “Chat, weekdays 10–14”."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")

    #: Which value field each kind needs.
    VALUE_FIELDS = {
        Kind.PHONE: "phone",
        Kind.EMAIL: "email",
        Kind.CHAT: "url",
        Kind.WEB_FORM: "url",
    }

    @property
    def value(self):
        return getattr(self, self.VALUE_FIELDS[self.kind])

    def clean(self):
        super().clean()
        needed = self.VALUE_FIELDS.get(self.kind)
        if needed and not getattr(self, needed):
            raise ValidationError({needed: _("This contact channel needs this field.")})
        for name in set(self.VALUE_FIELDS.values()) - {needed}:
            if getattr(self, name):
                raise ValidationError({name: _("Leave this empty for this type of channel.")})
