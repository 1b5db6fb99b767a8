"""The per-client rate limit of the API and the directory: 429, Retry-After, hashed keys."""

import datetime

import time_machine
from django.core.cache import cache
from django.test import TestCase, override_settings

from tests.utils import make_directory
from wagtail_ikut.core.rate_limit import counter_key

# 10:00:15 in a window of 60 seconds: 45 seconds to its end.
NOW = datetime.datetime(2026, 11, 23, 10, 0, 15, tzinfo=datetime.UTC)
WINDOW = int(NOW.timestamp()) // 60
LIMITED = {"API_RATE_LIMIT": 2, "DIRECTORY_RATE_LIMIT": 2}


@time_machine.travel(NOW, tick=False)
@override_settings(WAGTAIL_IKUT=LIMITED)
class RateLimitTests(TestCase):
    def setUp(self):
        cache.clear()
        self.directory = make_directory()

    def get(self, path="/api/v3/languages/", address="192.0.2.10", **headers):
        return self.client.get(path, REMOTE_ADDR=address, headers=headers)

    def test_the_api_answers_429_with_retry_after_past_the_limit(self):
        self.assertEqual([self.get().status_code for _ in range(2)], [200, 200])
        response = self.get()
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Retry-After"], "45")
        self.assertEqual(response["Content-Type"], "application/problem+json")
        self.assertEqual(response.json()["status"], 429)
        self.assertIn("45", response.json()["detail"])
        self.assertNotIn("ETag", response)
        self.assertEqual(response["Referrer-Policy"], "no-referrer")

    def test_revalidations_count_too(self):
        for path in ("/api/v3/languages/", self.directory.url + "?q=apu"):
            with self.subTest(path):
                cache.clear()
                etag = self.get(path)["ETag"]
                self.assertEqual(self.get(path, if_none_match=etag).status_code, 304)
                self.assertEqual(self.get(path, if_none_match=etag).status_code, 429)

    def test_each_client_and_each_window_has_its_own_count(self):
        for _ in range(3):
            self.get()
        self.assertEqual(self.get(address="192.0.2.11").status_code, 200)
        with time_machine.travel(NOW + datetime.timedelta(seconds=45), tick=False):
            self.assertEqual(self.get().status_code, 200)

    def test_the_directory_answers_an_accessible_page_past_the_limit(self):
        for _ in range(2):
            self.assertEqual(self.get(self.directory.url).status_code, 200)
        response = self.get(self.directory.url + "?q=apu")
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Retry-After"], "45")
        self.assertContains(response, "<h1>", status_code=429)
        self.assertContains(response, "45", status_code=429)
        self.assertContains(response, "data-ikut-quick-exit", status_code=429)
        self.assertEqual(response.cookies, {})

    def test_the_counter_is_keyed_by_a_keyed_hash_of_the_address(self):
        self.get()
        key = counter_key("api", "192.0.2.10", WINDOW)
        self.assertNotIn("192.0.2.10", key)
        self.assertEqual(cache.get(key), 1)
        with override_settings(SECRET_KEY="another-secret-key-of-the-site"):
            self.assertNotEqual(counter_key("api", "192.0.2.10", WINDOW), key)

    def test_the_proxy_header_is_ignored_unless_the_site_names_it(self):
        for _ in range(3):
            self.get(address="10.0.0.1", x_forwarded_for="198.51.100.7")
        self.assertIsNone(cache.get(counter_key("api", "198.51.100.7", WINDOW)))
        self.assertEqual(cache.get(counter_key("api", "10.0.0.1", WINDOW)), 3)

    @override_settings(WAGTAIL_IKUT={**LIMITED, "CLIENT_ADDRESS_HEADER": "X-Forwarded-For"})
    def test_behind_a_proxy_the_address_it_appended_is_counted(self):
        # The client wrote the first address itself; the proxy appended the one it saw.
        forwarded = "203.0.113.99, 198.51.100.7"
        for _ in range(2):
            self.get(address="10.0.0.1", x_forwarded_for=forwarded)
        self.assertEqual(cache.get(counter_key("api", "198.51.100.7", WINDOW)), 2)
        self.assertIsNone(cache.get(counter_key("api", "203.0.113.99", WINDOW)))
        self.assertEqual(
            self.get(address="10.0.0.2", x_forwarded_for="198.51.100.8").status_code, 200
        )

    @override_settings(WAGTAIL_IKUT={})
    def test_there_is_no_limit_by_default(self):
        self.assertEqual({self.get().status_code for _ in range(5)}, {200})
