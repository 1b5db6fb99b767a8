"""Where people meet a service or a course, and how they reach it: shared abstract models."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail_localize.fields import SynchronizedField, TranslatableField

from wagtail_ikut.core.fields import PhoneNumberField, WebAddressField


class Place(models.Model):
    """An address with optional coordinates, which may be kept confidential."""

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

    class Meta:
        abstract = True

    def __str__(self):
        return self.name or self.street_address

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))

    @property
    def has_coordinates(self):
        return self.latitude is not None and not self.confidential


# wagtail-localize asks each translatable field, instance by instance, whether to extract its
# value into a translation source (``extract_segments`` calls ``is_translated`` and
# ``is_overridable`` with the instance), and whatever it extracts is shown to translators and
# sent to machine translation. So a confidential place's details are synchronised instead:
# copied unchanged into each translation, never extracted.


class PlaceTextField(TranslatableField):
    """A text about a place, translated unless the place is confidential."""

    def is_translated(self, obj):
        return not obj.confidential

    def is_synchronized(self, obj):
        return obj.confidential or super().is_synchronized(obj)

    def is_overridable(self, obj):
        return False


class PlaceAddressField(SynchronizedField):
    """Part of a place's address: the same in every language, and a translation may give its
    own spelling (Mannerheimintie, Mannerheimvägen), unless the place is confidential."""

    def is_overridable(self, obj):
        return not obj.confidential and super().is_overridable(obj)


class ContactChannelBase(models.Model):
    """A way to reach someone: phone, email, chat or a web form."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        CHAT = "chat", _("Chat")
        WEB_FORM = "web_form", _("Web form")

    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    url = WebAddressField(_("web address"), blank=True)
    label = models.CharField(
        _("label"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Help line in Russian” or “Chat, weekdays 10–14”."),
    )

    #: Which value field each kind needs.
    VALUE_FIELDS = {
        Kind.PHONE: "phone",
        Kind.EMAIL: "email",
        Kind.CHAT: "url",
        Kind.WEB_FORM: "url",
    }

    class Meta:
        abstract = True

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
