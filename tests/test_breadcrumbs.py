"""Every public page of the package shows the way back to its site's front page: a breadcrumb
trail of the pages above it that the public may read."""

import datetime

from django.test import TestCase
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from tests.factories import LocaleFactory
from tests.utils import (
    make_course,
    make_course_index,
    make_directory,
    make_guidance,
    make_service,
    site_root,
)
from wagtail_ikut.guidance.models import GuidanceIndexPage


def trail(*ancestors, current, language="fi"):
    """Return the breadcrumb trail's markup: links to ``ancestors``, then ``current``'s title."""
    with translation.override(language):
        label = translation.gettext("Breadcrumb")
    links = "".join(f'<li><a href="{page.url}">{page.title}</a></li>' for page in ancestors)
    return (
        f'<nav class="ikut-breadcrumbs" aria-label="{label}"><ol>{links}'
        f'<li aria-current="page">{current.title}</li></ol></nav>'
    )


class BreadcrumbTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = site_root()
        cls.directory = make_directory(title="Apua ja palveluja")
        cls.service = make_service(cls.directory, title="Sosiaalineuvonta")
        cls.ended = make_service(cls.directory, title="Vanha neuvonta", status="ended")
        cls.course_index = make_course_index()
        cls.course = make_course(cls.course_index)
        cls.guidance = make_guidance(title="Tunnistaminen")
        cls.guidance_index = GuidanceIndexPage.objects.get()

    def test_every_page_type_leads_back_through_its_parents_to_the_front_page(self):
        for page, ancestors, status in [
            (self.directory, [self.root], 200),
            (self.service, [self.root, self.directory], 200),
            (self.ended, [self.root, self.directory], 410),
            (self.course_index, [self.root], 200),
            (self.course, [self.root, self.course_index], 200),
            (self.guidance_index, [self.root], 200),
            (self.guidance, [self.root, self.guidance_index], 200),
        ]:
            with self.subTest(page=type(page).__name__, title=page.title):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, status)
                content = response.content.decode()
                self.assertInHTML(trail(*ancestors, current=page), content)
                # Before the main content, where the skip link jumps over it.
                self.assertLess(content.index("ikut-breadcrumbs"), content.index('<main id="main"'))

    def test_the_front_page_has_no_trail_of_its_own(self):
        self.assertNotContains(self.client.get(self.root.url), "ikut-breadcrumbs")

    def test_a_page_above_that_is_not_published_is_left_out(self):
        self.directory.unpublish()
        self.assertInHTML(
            trail(self.root, current=self.service),
            self.client.get(self.service.url).content.decode(),
        )

    def test_a_page_above_past_its_expiry_time_is_left_out(self):
        # Wagtail unpublishes it only when publish_scheduled next runs.
        self.directory.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        self.directory.save()
        self.assertInHTML(
            trail(self.root, current=self.service),
            self.client.get(self.service.url).content.decode(),
        )

    def test_the_password_form_names_no_page_of_the_trail(self):
        PageViewRestriction.objects.create(
            page=self.service, restriction_type=PageViewRestriction.PASSWORD, password="salasana"
        )
        response = self.client.get(self.service.url)
        self.assertContains(response, 'type="password"')
        self.assertNotContains(response, "ikut-breadcrumbs")
        self.assertNotContains(response, self.service.title)

    def test_a_page_in_another_language_leads_back_to_the_front_page_in_that_language(self):
        swedish = LocaleFactory(language_code="sv")
        root = self.root.copy_for_translation(swedish)
        root.save_revision().publish()
        directory = make_directory(parent=root, title="Hjälp och tjänster", slug="tjanster")
        service = make_service(directory, title="Social rådgivning")
        with translation.override("sv"):
            response = self.client.get(service.url)
        self.assertTrue(service.url.startswith("/sv/"))
        self.assertInHTML(
            trail(root, directory, current=service, language="sv"), response.content.decode()
        )
