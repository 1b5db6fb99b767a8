"""The pages a host site renders around the package's, as the example site wires them: each in
the package's layout with its quick exit, and none sets a cookie before a form is posted."""

from unittest import mock

from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from tests.utils import site_root

QUICK_EXIT = "data-ikut-quick-exit"


class PasswordRequiredTests(TestCase):
    def setUp(self):
        self.page = site_root()
        self.restriction = PageViewRestriction.objects.create(
            page=self.page, restriction_type=PageViewRestriction.PASSWORD, password="salasana"
        )
        # In the page's language, whichever an earlier test's request left active.
        with translation.override("fi"):
            self.action = reverse(
                "wagtailcore_authenticate_with_password", args=[self.restriction.pk, self.page.pk]
            )

    def test_the_password_form_has_the_quick_exit_and_sets_no_cookie(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, QUICK_EXIT)
        self.assertContains(response, f'<form action="{self.action}" method="post">')
        self.assertContains(response, 'type="password"')
        self.assertNotContains(response, "csrfmiddlewaretoken")
        # Nor does the title tell what the page behind the password is.
        self.assertNotContains(response, self.page.title)
        self.assertEqual(response.cookies, {})

    def test_the_right_password_opens_the_page_without_a_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(self.action, {"password": "salasana", "return_url": self.page.url})
        self.assertRedirects(response, self.page.url, fetch_redirect_response=False)
        # The session that remembers the password ends when the browser closes.
        self.assertEqual(list(response.cookies), ["sessionid"])
        self.assertEqual(response.cookies["sessionid"]["expires"], "")
        self.assertContains(client.get(self.page.url), f"<h1>{self.page.title}</h1>", html=True)

    def test_a_wrong_password_asks_again_and_sets_no_cookie(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(self.action, {"password": "väärä", "return_url": self.page.url})
        self.assertIn("password", response.context["form"].errors)
        self.assertContains(response, QUICK_EXIT)
        self.assertEqual(response.cookies, {})


class LoginRequiredTests(TestCase):
    def test_the_login_page_has_the_quick_exit_and_a_csrf_cookie_for_the_browser_session(self):
        page = site_root()
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        response = self.client.get(page.url, follow=True)
        self.assertEqual(response.redirect_chain[-1][0], f"/fi/_util/login/?next={page.url}")
        self.assertContains(response, QUICK_EXIT)
        self.assertContains(response, f'<input type="hidden" name="next" value="{page.url}">')
        # A login keeps its CSRF check (see login.html), but the cookie is not kept for a year.
        self.assertEqual(list(response.cookies), ["csrftoken"])
        self.assertEqual(response.cookies["csrftoken"]["expires"], "")
        self.assertEqual(response.cookies["csrftoken"]["max-age"], "")


class ErrorPageTests(TestCase):
    def test_not_found_has_the_quick_exit_and_sets_no_cookie(self):
        response = self.client.get("/fi/ei-tallaista-sivua/")
        self.assertContains(response, QUICK_EXIT, status_code=404)
        self.assertContains(response, '<a href="/fi/">', status_code=404)
        self.assertEqual(response.cookies, {})

    def test_a_server_error_has_the_quick_exit_and_sets_no_cookie(self):
        self.client.raise_request_exception = False
        with (
            mock.patch("wagtail.views.serve_chain", side_effect=RuntimeError("rikki")),
            self.assertLogs("django.request", "ERROR"),
        ):
            response = self.client.get(site_root().url)
        self.assertContains(response, QUICK_EXIT, status_code=500)
        self.assertEqual(response.cookies, {})
