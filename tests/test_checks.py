import re

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import SimpleTestCase, TestCase, override_settings

from wagtail_ikut.checks import api_docs_warnings, check_api_docs, check_settings


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


class ApiDocsCheckTests(SimpleTestCase):
    def test_docs_that_would_load_swagger_from_a_cdn_are_a_warning(self):
        apps = ["wagtail.api.v3", "wagtail_ikut"]
        [warning] = api_docs_warnings(apps, docs_enabled=True)
        self.assertEqual(warning.id, "wagtail_ikut.W001")
        self.assertEqual(api_docs_warnings(apps, docs_enabled=False), [])
        self.assertEqual(api_docs_warnings([*apps, "ninja"], docs_enabled=True), [])

    def test_the_example_site_serves_its_docs_itself(self):
        self.assertEqual(check_api_docs(None), [])


class ApiDocsPageTests(TestCase):
    def test_the_api_docs_load_nothing_from_another_site(self):
        response = self.client.get("/api/v3/docs/")
        self.assertEqual(response.status_code, 200)
        addresses = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
        self.assertTrue(any("swagger-ui" in address for address in addresses))
        self.assertEqual([a for a in addresses if a.startswith(("http:", "https:", "//"))], [])
