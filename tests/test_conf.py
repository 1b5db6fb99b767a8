from django.test import SimpleTestCase, override_settings

from wagtail_ikut.conf import DEFAULTS, ikut_settings


class SettingsTests(SimpleTestCase):
    def test_a_key_the_site_leaves_out_has_its_default(self):
        with override_settings(WAGTAIL_IKUT={}):
            self.assertEqual(ikut_settings.DEFAULT_PHONE_REGION, DEFAULTS["DEFAULT_PHONE_REGION"])

    def test_a_key_the_site_sets_overrides_the_default(self):
        with override_settings(WAGTAIL_IKUT={"DEFAULT_PHONE_REGION": "SE"}):
            self.assertEqual(ikut_settings.DEFAULT_PHONE_REGION, "SE")

    def test_changing_the_setting_is_seen_at_once(self):
        with override_settings(WAGTAIL_IKUT={"QUICK_EXIT_URL": "https://yle.fi/"}):
            self.assertEqual(ikut_settings.QUICK_EXIT_URL, "https://yle.fi/")
        self.assertEqual(ikut_settings.QUICK_EXIT_URL, DEFAULTS["QUICK_EXIT_URL"])

    def test_reading_an_unknown_name_is_an_error(self):
        with self.assertRaisesMessage(AttributeError, "Unknown WAGTAIL_IKUT setting"):
            ikut_settings.NO_SUCH_SETTING  # noqa: B018
