import os
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import translation
from wagtail.test.utils import WagtailTestUtils

from wagtail_ikut.guidance.models import GuidanceIndexPage


class ExampleSiteTests(WagtailTestUtils, TestCase):
    """The example site after its ``ikut_demo``, as a visitor and the demo admin see it."""

    @classmethod
    def setUpTestData(cls):
        call_command("ikut_demo", stdout=None)

    def test_the_front_page_answers_in_finnish_swedish_and_english(self):
        for code, title in [
            ("fi", "Apua ihmiskaupan uhreille"),
            ("sv", "Hjälp för offer för människohandel"),
            ("en", "Help for victims of human trafficking"),
        ]:
            with self.subTest(code=code):
                response = self.client.get(f"/{code}/")
                self.assertContains(response, f'<html lang="{code}"')
                self.assertContains(response, f"<h1>{title}</h1>", html=True)

    def test_the_front_page_links_to_the_directory_courses_and_guidance_of_its_language(self):
        sections = {
            "fi": [("palvelut", "Apua ja palveluja"), ("kurssit", "Kurssit"), ("ohjeet", "Ohjeet")],
            "sv": [
                ("tjanster", "Hjälp och tjänster"),
                ("kurser", "Kurser"),
                ("anvisningar", "Anvisningar"),
            ],
            "en": [
                ("services", "Help and services"),
                ("courses", "Courses"),
                ("guidance", "Guidance"),
            ],
        }
        for code, links in sections.items():
            with self.subTest(code=code), translation.override(code):
                response = self.client.get(f"/{code}/")
                for slug, title in links:
                    self.assertContains(
                        response, f'<a href="/{code}/{slug}/">{title}</a>', html=True
                    )

    def test_the_front_page_says_what_each_section_offers(self):
        with translation.override("en"):
            response = self.client.get("/en/")
        self.assertContains(response, '<h2 id="ikut-sections-heading">What you can find here</h2>')
        self.assertContains(response, "Guidance</a>: for municipal staff")

    def test_the_front_page_leaves_out_a_section_the_public_may_not_read(self):
        GuidanceIndexPage.objects.get(locale__language_code="en").unpublish()
        with translation.override("en"):
            response = self.client.get("/en/")
        self.assertNotContains(response, 'href="/en/guidance/"')
        self.assertContains(response, 'href="/en/courses/"')

    def test_the_bare_address_leads_to_the_finnish_site(self):
        self.assertRedirects(self.client.get("/"), "/fi/")

    def test_every_language_links_to_the_others_named_in_themselves(self):
        response = self.client.get("/en/")
        self.assertContains(response, '<a href="/fi/" lang="fi" hreflang="fi">suomi</a>', html=True)
        self.assertContains(
            response, '<a href="/sv/" lang="sv" hreflang="sv">svenska</a>', html=True
        )

    def test_the_public_page_has_a_quick_exit_and_sets_no_cookie(self):
        response = self.client.get("/fi/")
        self.assertContains(response, 'href="https://www.ilmatieteenlaitos.fi/"')
        self.assertContains(response, "data-ikut-quick-exit")
        self.assertEqual(response.cookies, {})

    @override_settings(WAGTAIL_IKUT={"QUICK_EXIT_URL": "https://yle.fi/"})
    def test_the_quick_exit_address_is_the_sites_choice(self):
        self.assertContains(self.client.get("/fi/"), 'href="https://yle.fi/"')

    def test_the_demo_admin_can_log_in_with_the_demo_password(self):
        response = self.client.post(
            "/admin/login/", {"username": "admin", "password": "admin"}, follow=True
        )
        self.assertTrue(response.context["user"].is_superuser)
        # Finnish is the site's language, and so the admin's for a new user.
        self.assertContains(response, '"label": "Apua uhreille"')

    def test_the_admin_lists_the_demo_organisations(self):
        self.client.login(username="admin", password="admin")
        response = self.client.get("/admin/snippets/wagtail_ikut/organisation/?locale=en")
        self.assertContains(response, "National Assistance System for Victims of Human Trafficking")
        self.assertContains(response, "City of Vantaa")


class DemoPasswordTests(TestCase):
    def test_the_admin_password_comes_from_ikut_demo_password(self):
        with mock.patch.dict(os.environ, {"IKUT_DEMO_PASSWORD": "pitkä-salasana"}):
            call_command("ikut_demo", stdout=None)
        self.assertTrue(self.client.login(username="admin", password="pitkä-salasana"))
        self.assertFalse(self.client.login(username="admin", password="admin"))

    def test_running_it_again_keeps_the_admins_changed_password(self):
        call_command("ikut_demo", stdout=None)
        admin = get_user_model().objects.get(username="admin")
        admin.set_password("vaihdettu-salasana")
        admin.save()
        call_command("ikut_demo", stdout=None)
        self.assertTrue(self.client.login(username="admin", password="vaihdettu-salasana"))
