from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import SimpleTestCase, override_settings

from wagtail_ikut.checks import check_settings


class SettingsCheckTests(SimpleTestCase):
    def ids(self):
        return [error.id for error in check_settings(None)]

    def test_a_valid_setting_passes(self):
        valid = {
            "DEFAULT_PHONE_REGION": "SE",
            "QUICK_EXIT_URL": "https://yle.fi/",
            "DEMO_LANGUAGES": ["fi", "sv"],
        }
        with override_settings(WAGTAIL_IKUT=valid):
            self.assertEqual(check_settings(None), [])

    def test_a_setting_that_is_not_a_dict_is_an_error(self):
        with override_settings(WAGTAIL_IKUT=["DEFAULT_PHONE_REGION", "FI"]):
            self.assertEqual(self.ids(), ["wagtail_ikut.E001"])

    def test_an_unknown_key_is_an_error_that_suggests_the_close_one(self):
        with override_settings(WAGTAIL_IKUT={"DEFAULT_PHONE_REGOIN": "FI"}):
            [error] = check_settings(None)
        self.assertEqual(error.id, "wagtail_ikut.E002")
        self.assertIn("'DEFAULT_PHONE_REGOIN'", error.msg)
        self.assertIn("Did you mean 'DEFAULT_PHONE_REGION'?", error.hint)

    def test_a_value_of_the_wrong_type_is_an_error(self):
        with override_settings(WAGTAIL_IKUT={"DEMO_LANGUAGES": "fi"}):
            [error] = check_settings(None)
        self.assertEqual(error.id, "wagtail_ikut.E003")
        self.assertEqual(error.msg, "WAGTAIL_IKUT['DEMO_LANGUAGES'] must be a list, not str.")

    def test_an_unknown_phone_region_is_an_error(self):
        with override_settings(WAGTAIL_IKUT={"DEFAULT_PHONE_REGION": "Finland"}):
            self.assertEqual(self.ids(), ["wagtail_ikut.E004"])

    def test_demo_languages_must_be_ones_the_demo_is_written_in(self):
        for value in ([], ["fi", "de"]):
            with (
                self.subTest(value=value),
                override_settings(WAGTAIL_IKUT={"DEMO_LANGUAGES": value}),
            ):
                self.assertEqual(self.ids(), ["wagtail_ikut.E005"])

    def test_the_quick_exit_address_must_be_https(self):
        for value in ("http://example.com/", "google", ""):
            with (
                self.subTest(value=value),
                override_settings(WAGTAIL_IKUT={"QUICK_EXIT_URL": value}),
            ):
                self.assertEqual(self.ids(), ["wagtail_ikut.E006"])

    def test_every_problem_is_reported_at_once(self):
        with override_settings(WAGTAIL_IKUT={"COLOUR": "red", "DEFAULT_PHONE_REGION": 358}):
            self.assertEqual(self.ids(), ["wagtail_ikut.E002", "wagtail_ikut.E003"])

    def test_manage_py_check_stops_with_the_message(self):
        with (
            override_settings(WAGTAIL_IKUT={"DEFAULT_PHONE_REGION": "XX"}),
            self.assertRaisesMessage(SystemCheckError, "wagtail_ikut.E004"),
        ):
            call_command("check")
