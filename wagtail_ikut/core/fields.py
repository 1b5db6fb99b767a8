"""Model fields shared by the package's content types."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from wagtail_ikut.conf import ikut_settings


class PhoneNumberField(models.CharField):
    """Store a phone number in E.164 form, accepting any form a person would type.

    Short numbers valid in the region, such as the victim helpline 116 006, have no E.164
    form and are stored as their digits.
    """

    description = _("Phone number")

    def __init__(self, *args, **kwargs):
        # E.164: a "+" and at most 15 digits.
        kwargs.setdefault("max_length", 16)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            number = phonenumbers.parse(value, ikut_settings.DEFAULT_PHONE_REGION)
        except phonenumbers.NumberParseException as error:
            raise ValidationError(
                _("“%(value)s” is not a phone number."), code="invalid", params={"value": value}
            ) from error
        if phonenumbers.is_valid_short_number(number):
            return phonenumbers.national_significant_number(number)
        if not phonenumbers.is_valid_number(number):
            raise ValidationError(
                _("“%(value)s” is not a valid phone number."),
                code="invalid",
                params={"value": value},
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


#: Django's URLValidator already refuses ``javascript:`` and ``data:``; this also refuses ftp,
#: which no browser opens, so every link an editor gives leads to a web page.
validate_web_address = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with https:// or http://."),
)


class WebAddressFormField(forms.URLField):
    """Take a link to a web page, reading “www.example.fi” as https://www.example.fi."""

    default_validators = [validate_web_address]
    # A form field puts its own "invalid" message in place of its validators' messages.
    default_error_messages = {"invalid": validate_web_address.message}

    def __init__(self, *, assume_scheme="https", **kwargs):
        super().__init__(assume_scheme=assume_scheme, **kwargs)


class WebAddressField(models.URLField):
    """Store a link to a web page: http or https only, never a script or inline data."""

    default_validators = [validate_web_address]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebAddressFormField, **kwargs})


class WebAddressBlock(blocks.FieldBlock):
    """A link to a web page in a StreamField: http or https only."""

    def __init__(self, required=True, help_text=None, **kwargs):
        self.field = WebAddressFormField(required=required, help_text=help_text)
        super().__init__(**kwargs)

    class Meta:
        icon = "link-external"


class MultipleChoiceField(models.JSONField):
    """Store several values from a fixed list of choices as a JSON list, edited as checkboxes."""

    def __init__(self, *args, options=(), **kwargs):
        # Not Django's ``choices``: those would validate the whole list as one value.
        self.options = list(options)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["options"] = self.options
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {key for key, _label in self.options}
        unknown = [item for item in value or [] if item not in known]
        if unknown:
            raise ValidationError(
                _("“%(value)s” is not one of the choices."),
                code="invalid_choice",
                params={"value": ", ".join(map(str, unknown))},
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.options,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeekdaysField(models.CharField):
    """Store a set of weekdays (0 is Monday) as a sorted list, kept as digits such as "024"."""

    description = _("Weekdays")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            value = [char for char in value if char.strip(", ")]
        try:
            days = sorted({int(day) for day in value})
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Choose weekdays from the list."), code="invalid") from error
        if any(day not in Weekday.values for day in days):
            raise ValidationError(_("Choose weekdays from the list."), code="invalid")
        return days

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_prep_value(self, value):
        return "".join(str(day) for day in self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            coerce=int,
            choices=Weekday.choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=kwargs.get("widget") or forms.CheckboxSelectMultiple,
        )
