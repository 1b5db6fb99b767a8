"""The locale middleware the example site uses: pages get a language prefix, the API keeps 404s."""

from django.test import TestCase

from tests.utils import make_directory


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
