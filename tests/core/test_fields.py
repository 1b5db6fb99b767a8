from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, override_settings

from wagtail_ikut.core.fields import PhoneNumberField


class PhoneNumberFieldTests(SimpleTestCase):
    field = PhoneNumberField(blank=True)

    def test_numbers_are_stored_in_e164_form(self):
        for typed, stored in [
            ("09 310 1611", "+35893101611"),
            ("040-123 4567", "+358401234567"),
            ("+358 29 546 3177", "+358295463177"),
            ("+46 8 123 456 78", "+46812345678"),
        ]:
            with self.subTest(typed=typed):
                self.assertEqual(self.field.clean(typed, None), stored)

    def test_short_numbers_such_as_the_victim_helpline_are_stored_as_digits(self):
        self.assertEqual(self.field.clean("116 006", None), "116006")
        self.assertEqual(self.field.clean("112", None), "112")

    def test_the_region_for_numbers_without_a_country_code_is_a_setting(self):
        with override_settings(WAGTAIL_IKUT={"DEFAULT_PHONE_REGION": "SE"}):
            self.assertEqual(self.field.clean("08 123 456 78", None), "+46812345678")

    def test_something_that_is_not_a_number_is_refused_with_a_message(self):
        for typed in ("call us", "123", "+358 1"):
            with self.subTest(typed=typed), self.assertRaises(ValidationError) as raised:
                self.field.clean(typed, None)
            self.assertIn(typed, raised.exception.messages[0])

    def test_an_empty_value_stays_empty(self):
        self.assertEqual(self.field.clean("", None), "")
