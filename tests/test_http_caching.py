"""HTTP caching of the public API and pages: validators, 304s, Cache-Control, Vary."""

import datetime

import time_machine
from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings

from tests.factories import MunicipalityFactory, ServiceCategoryFactory
from tests.utils import make_course, make_course_index, make_directory, make_guidance, make_service
from wagtail_ikut.core.http_cache import content_changes_as_one
from wagtail_ikut.core.versions import PublicContentVersion
from wagtail_ikut.middleware import PRIVACY_HEADERS

NOW = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)


@time_machine.travel(NOW, tick=False)
class ApiCachingTests(TestCase):
    def setUp(self):
        self.directory = make_directory()
        self.service = make_service(self.directory, "Neuvonta")
        self.course_index = make_course_index()
        self.course = make_course(self.course_index, "Työelämäkurssi")
        self.guidance = make_guidance(title="Ohje")
        self.routes = {
            "service search": f"/api/v3/services/?directory={self.directory.pk}",
            "service": f"/api/v3/services/{self.service.pk}/",
            "course list": "/api/v3/courses/",
            "course": f"/api/v3/courses/{self.course.pk}/",
            "guidance list": "/api/v3/guidance/",
            "guidance": f"/api/v3/guidance/{self.guidance.pk}/",
            "categories": "/api/v3/categories/",
            "municipalities": "/api/v3/municipalities/",
            "languages": "/api/v3/languages/",
            "organisations": "/api/v3/organisations/",
        }

    def etag(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, response.content)
        return response["ETag"]

    def test_every_route_answers_with_validators_cache_control_and_vary(self):
        for name, path in self.routes.items():
            with self.subTest(name):
                response = self.client.get(path)
                self.assertRegex(response["ETag"], r'^"[0-9a-f]{32}-[nmd]a"$')
                self.assertIn("GMT", response["Last-Modified"])
                self.assertEqual(response["Cache-Control"], "public, max-age=60")
                self.assertIn("Accept-Language", response["Vary"])

    def test_a_client_with_the_current_etag_gets_304_with_no_body(self):
        for name, path in self.routes.items():
            with self.subTest(name):
                etag = self.etag(path)
                response = self.client.get(path, headers={"if-none-match": etag})
                self.assertEqual(response.status_code, 304)
                self.assertEqual(response.content, b"")
                self.assertEqual(response["ETag"], etag)
                self.assertEqual(response["Cache-Control"], "public, max-age=60")
                for header, value in PRIVACY_HEADERS.items():
                    self.assertEqual(response[header], value)

    def test_if_modified_since_the_last_change_gets_304(self):
        path = self.routes["course list"]
        last_modified = self.client.get(path)["Last-Modified"]
        response = self.client.get(path, headers={"if-modified-since": last_modified})
        self.assertEqual(response.status_code, 304)

    def test_other_parameters_and_languages_have_other_etags(self):
        path = self.routes["categories"]
        self.assertNotEqual(self.etag(path), self.etag(path + "?locale=fi"))
        finnish = self.client.get(path, headers={"accept-language": "fi"})["ETag"]
        english = self.client.get(path, headers={"accept-language": "en"})["ETag"]
        self.assertNotEqual(finnish, english)

    def test_an_error_has_no_validators(self):
        response = self.client.get("/api/v3/courses/?locale=xx")
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("ETag", response)
        self.assertNotIn("Cache-Control", response)

    def test_publishing_a_service_changes_the_etags_of_its_answers(self):
        before = [self.etag(self.routes["service search"]), self.etag(self.routes["service"])]
        self.service.title = "Neuvonta ja tuki"
        self.service.save_revision().publish()
        after = [self.etag(self.routes["service search"]), self.etag(self.routes["service"])]
        self.assertFalse(set(before) & set(after))

    def test_unpublishing_a_course_changes_the_etags_of_its_answers(self):
        before = [self.etag(self.routes["course list"]), self.etag(self.routes["course"])]
        self.course.unpublish()
        self.assertNotEqual(self.etag(self.routes["course list"]), before[0])
        response = self.client.get(self.routes["course"], headers={"if-none-match": before[1]})
        self.assertEqual(response.status_code, 404)

    def test_publishing_guidance_changes_the_etags_of_its_answers(self):
        before = [self.etag(self.routes["guidance list"]), self.etag(self.routes["guidance"])]
        self.guidance.title = "Uusi ohje"
        self.guidance.save_revision().publish()
        after = [self.etag(self.routes["guidance list"]), self.etag(self.routes["guidance"])]
        self.assertFalse(set(before) & set(after))

    def test_editing_deleting_or_moving_changes_the_etags(self):
        category = ServiceCategoryFactory(name="Oikeusapu", slug="legal")
        edits = {
            "a snippet edited": lambda: (
                setattr(category, "name", "Oikeudellinen apu") or category.save()
            ),
            "a snippet deleted": lambda: MunicipalityFactory(code="091").delete(),
            "a page moved": lambda: self.course.move(self.directory, pos="last-child"),
            "a page deleted": lambda: self.guidance.delete(),
        }
        for name, edit in edits.items():
            with self.subTest(name):
                before = self.etag(self.routes["categories"])
                edit()
                self.assertNotEqual(self.etag(self.routes["categories"]), before)

    def test_changes_made_as_one_change_the_etags_once_at_the_end(self):
        """As an import saves its pages: the version changes as the block ends, once."""
        before = self.etag(self.routes["service search"])
        with content_changes_as_one():
            make_service(self.directory, "Toinen")
            make_service(self.directory, "Kolmas")
            self.assertEqual(self.etag(self.routes["service search"]), before)
        self.assertNotEqual(self.etag(self.routes["service search"]), before)

    def test_changes_made_as_one_that_fail_leave_the_version(self):
        before = PublicContentVersion.read()
        with self.assertRaises(ValueError), content_changes_as_one():
            make_service(self.directory, "Toinen")
            raise ValueError("rolled back")
        self.assertEqual(PublicContentVersion.read(), before)

    def test_an_answer_that_reads_the_clock_changes_its_etag_with_it(self):
        service, course = self.etag(self.routes["service"]), self.etag(self.routes["course"])
        categories = self.etag(self.routes["categories"])
        with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
            # "Open now" is read to the minute, a run's status and the steps in force by day.
            self.assertNotEqual(self.etag(self.routes["service"]), service)
            self.assertEqual(self.etag(self.routes["course"]), course)
            self.assertEqual(self.etag(self.routes["categories"]), categories)
        with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
            self.assertNotEqual(self.etag(self.routes["course"]), course)

    @override_settings(WAGTAIL_IKUT={"API_CACHE_CONTROL": "public, max-age=600, s-maxage=3600"})
    def test_the_site_sets_the_cache_control_of_the_api(self):
        response = self.client.get(self.routes["languages"])
        self.assertEqual(response["Cache-Control"], "public, max-age=600, s-maxage=3600")


@time_machine.travel(NOW, tick=False)
class PageCachingTests(TestCase):
    def setUp(self):
        self.directory = make_directory()
        self.service = make_service(self.directory, "Neuvonta")
        self.course_index = make_course_index()
        self.course = make_course(self.course_index)
        self.guidance = make_guidance()
        self.pages = {
            "directory": self.directory.url + "?q=neuvonta",
            "service": self.service.url,
            "course index": self.course_index.url,
            "course": self.course.url,
            "guidance": self.guidance.url,
        }

    def test_public_pages_revalidate_with_no_cookie(self):
        for name, url in self.pages.items():
            with self.subTest(name):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.cookies, {})
                self.assertEqual(response["Cache-Control"], "no-cache")
                etag = response["ETag"]
                again = self.client.get(url, headers={"if-none-match": etag})
                self.assertEqual(again.status_code, 304)
                self.assertEqual(again["Referrer-Policy"], "no-referrer")

    def test_another_search_has_another_etag(self):
        first = self.client.get(self.directory.url + "?q=neuvonta")["ETag"]
        self.assertNotEqual(self.client.get(self.directory.url + "?q=tuki")["ETag"], first)

    def test_publishing_the_directory_page_changes_its_etag(self):
        before = self.client.get(self.pages["directory"])["ETag"]
        self.directory.intro = "<p>Apua ja neuvontaa.</p>"
        self.directory.save_revision().publish()
        self.assertNotEqual(self.client.get(self.pages["directory"])["ETag"], before)

    def test_an_editors_page_is_never_cached(self):
        editor = get_user_model().objects.create_superuser("editor", password="secret")
        self.client.force_login(editor)
        response = self.client.get(self.pages["course"])
        self.assertNotIn("ETag", response)
        self.assertIn("private", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])


@time_machine.travel(NOW, tick=False)
class EarlyRevalidationTests(TestCase):
    """RevalidationMiddleware answers a current copy's revalidation before routing."""

    def setUp(self):
        directory = make_directory()
        service = make_service(directory, "Neuvonta")
        course = make_course(make_course_index())
        self.answers = {
            "directory page": directory.url + "?q=neuvonta",
            "service page": service.url,
            "course page": course.url,
            "guidance page": make_guidance().url,
            "service search": f"/api/v3/services/?directory={directory.pk}&q=neuvonta",
            "course list": "/api/v3/courses/",
        }

    def test_a_current_copy_costs_one_query_and_keeps_its_headers(self):
        for name, url in self.answers.items():
            with self.subTest(name):
                full = self.client.get(url)
                with self.assertNumQueries(1):
                    response = self.client.get(url, headers={"if-none-match": full["ETag"]})
                self.assertEqual(response.status_code, 304)
                for header in ("ETag", "Last-Modified", "Cache-Control", "Referrer-Policy"):
                    self.assertEqual(response[header], full[header])
                self.assertEqual(response.cookies, {})

    def test_an_etag_that_is_not_current_goes_on_to_the_page(self):
        url = self.answers["service page"]
        etag = self.client.get(url)["ETag"]
        for name, given in {
            "another digest": '"' + "0" * 32 + etag[-4:],
            "another period": etag[:-3] + 'da"',
            "not ours": '"abc"',
        }.items():
            with self.subTest(name):
                response = self.client.get(url, headers={"if-none-match": given})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["ETag"], etag)

    def test_a_copy_from_before_a_publish_is_answered_in_full(self):
        url = self.answers["course list"]
        etag = self.client.get(url)["ETag"]
        make_course(make_course_index(), "Uusi kurssi")
        self.assertEqual(self.client.get(url, headers={"if-none-match": etag}).status_code, 200)

    def test_an_editor_revalidating_a_page_gets_their_own_page(self):
        url = self.answers["course page"]
        etag = self.client.get(url)["ETag"]
        self.client.force_login(get_user_model().objects.create_superuser("editor", password="x"))
        response = self.client.get(url, headers={"if-none-match": etag})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("ETag", response)
