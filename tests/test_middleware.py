"""The example site's middleware: language prefixes and API 404s, privacy headers."""

from django.test import TestCase

from tests.utils import make_directory
from wagtail_ikut.middleware import PRIVACY_HEADERS


class LocaleMiddlewareTests(TestCase):
    def test_an_api_not_found_stays_a_json_404(self):
        response = self.client.get("/api/v3/services/123456/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        self.assertIn("Accept-Language", response["Vary"])

    def test_a_page_address_without_a_language_still_gets_one(self):
        directory = make_directory(title="Palvelut")
        response = self.client.get("/palvelut/")
        self.assertRedirects(response, directory.url, fetch_redirect_response=False)


class PrivacyHeadersMiddlewareTests(TestCase):
    def assertPrivacyHeaders(self, response):
        for header, value in PRIVACY_HEADERS.items():
            self.assertEqual(response.headers.get(header), value, header)

    def test_the_headers_and_their_values(self):
        self.assertEqual(
            PRIVACY_HEADERS["Content-Security-Policy"],
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
        policy = PRIVACY_HEADERS["Permissions-Policy"].split(", ")
        self.assertIn("geolocation=(self)", policy)
        for feature in ("camera", "microphone", "payment", "usb", "browsing-topics"):
            self.assertIn(f"{feature}=()", policy)
        self.assertEqual(PRIVACY_HEADERS["Referrer-Policy"], "no-referrer")
        self.assertEqual(PRIVACY_HEADERS["X-Content-Type-Options"], "nosniff")

    def test_a_public_page_gets_the_headers(self):
        directory = make_directory(title="Palvelut")
        response = self.client.get(directory.url)
        self.assertEqual(response.status_code, 200)
        self.assertPrivacyHeaders(response)

    def test_an_api_answer_gets_the_headers(self):
        directory = make_directory(title="Palvelut")
        response = self.client.get("/api/v3/services/", {"directory": directory.pk})
        self.assertEqual(response.status_code, 200)
        self.assertPrivacyHeaders(response)

    def test_a_not_found_gets_the_headers(self):
        response = self.client.get("/fi/ei-tallaista-sivua/")
        self.assertEqual(response.status_code, 404)
        self.assertPrivacyHeaders(response)

    def test_a_redirect_gets_the_headers(self):
        response = self.client.get("/palvelut/")
        self.assertEqual(response.status_code, 302)
        self.assertPrivacyHeaders(response)

    def test_the_admin_gets_none_of_them(self):
        for path in ("/admin/login/", "/admin/"):  # The login form, and the redirect to it.
            with self.subTest(path):
                response = self.client.get(path)
                self.assertIn(response.status_code, (200, 302))
                self.assertNotIn("Content-Security-Policy", response.headers)
                self.assertNotIn("Permissions-Policy", response.headers)
