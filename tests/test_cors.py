"""CORS for the package's API routes: off until the site names the origins."""

from django.test import TestCase, override_settings

from tests.utils import make_course_index

FRONT_END = "https://palvelut.example.fi"
ALLOWED = {"WAGTAIL_IKUT": {"CORS_ALLOWED_ORIGINS": [FRONT_END]}}


class CorsTests(TestCase):
    def setUp(self):
        make_course_index()

    def get(self, path="/api/v3/courses/", origin=FRONT_END):
        return self.client.get(path, headers={"origin": origin})

    def test_no_origin_may_read_the_api_by_default(self):
        response = self.get()
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Access-Control-Allow-Origin", response)

    @override_settings(**ALLOWED)
    def test_an_allowed_origin_may_read_the_packages_routes(self):
        for path in ("/api/v3/courses/", "/api/v3/languages/"):
            with self.subTest(path):
                response = self.get(path)
                self.assertEqual(response["Access-Control-Allow-Origin"], FRONT_END)
                self.assertIn("origin", response["Vary"].lower())
                self.assertNotIn("Access-Control-Allow-Credentials", response)

    @override_settings(**ALLOWED)
    def test_a_preflight_request_is_answered_for_an_allowed_origin(self):
        response = self.client.options(
            "/api/v3/courses/",
            headers={"origin": FRONT_END, "access-control-request-method": "GET"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Access-Control-Allow-Origin"], FRONT_END)
        self.assertIn("GET", response["Access-Control-Allow-Methods"])

    @override_settings(**ALLOWED)
    def test_other_origins_and_wagtails_own_routes_stay_closed(self):
        self.assertNotIn("Access-Control-Allow-Origin", self.get(origin="https://evil.example"))
        self.assertNotIn("Access-Control-Allow-Origin", self.get("/api/v3/pages/"))
