"""Model fields shared by the package's content types."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .conf import ikut_settings


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
