"""Which subscriber addresses are refused: other schemes, and hosts in the site's own network."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, override_settings

from wagtail_ikut.webhooks.addresses import validate_webhook_url


class AddressTests(SimpleTestCase):
    def assertRefused(self, url, code):
        with self.assertRaises(ValidationError) as raised:
            validate_webhook_url(url)
        self.assertEqual(raised.exception.code, code)

    def test_only_http_and_https_are_accepted(self):
        for url in ("ftp://192.0.2.1/hook", "file:///etc/passwd", "gopher://192.0.2.1/"):
            with self.subTest(url=url):
                self.assertRefused(url, "scheme")

    def test_hosts_at_private_or_special_addresses_are_refused(self):
        for host in (
            "127.0.0.1",
            "localhost",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",  # noqa: S104 - an address refused, not bound
            "100.64.0.1",
            "240.0.0.1",
            "224.0.0.1",
            "[::1]",
            "[fd00::1]",
            "[fe80::1]",
            "[::ffff:127.0.0.1]",
            "[ff02::1]",
        ):
            with self.subTest(host=host):
                self.assertRefused(f"https://{host}/hook", "private")

    def test_a_public_address_is_accepted(self):
        validate_webhook_url("https://93.184.215.14/hook")
        validate_webhook_url("http://[2606:4700::1111]:8080/hook")

    def test_a_host_that_cannot_be_found_is_refused(self):
        self.assertRefused("https://no-such-host.invalid/hook", "host")

    @override_settings(WAGTAIL_IKUT={"WEBHOOK_ALLOW_PRIVATE_ADDRESSES": True})
    def test_the_setting_allows_loopback_but_not_other_schemes(self):
        validate_webhook_url("http://127.0.0.1:8000/hook")
        self.assertRefused("ftp://127.0.0.1/hook", "scheme")
