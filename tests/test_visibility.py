"""One rule says what the public may see, and every outlet follows it.

Each test hides a service or a course in one way — a draft, a password, an ended service, a
page past its expiry time that ``publish_scheduled`` has not yet unpublished — and looks for it
where a visitor could: the directory page, its suggestions, the API, the blocks, the guidance
steps' "see also", the postcode gazetteer of "near", the course index and its calendar.
"""

import datetime
from decimal import Decimal

import time_machine
from django.test import TestCase
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from tests.utils import (
    course_instance,
    make_course,
    make_course_index,
    make_directory,
    make_guidance,
    make_service,
    step,
)
from wagtail_ikut.core.visibility import is_public_page, public_pages, restricted_paths
from wagtail_ikut.courses.blocks import CourseListBlock
from wagtail_ikut.guidance.blocks import StepBlock
from wagtail_ikut.services.blocks import ServiceListBlock
from wagtail_ikut.services.details import ServiceLocation
from wagtail_ikut.services.models import ServicePage, ServiceStatus
from wagtail_ikut.services.search import geo
from wagtail_ikut.services.visibility import is_public_service, public_services

SERVICES = "/api/v3/services/"
HOUR = datetime.timedelta(hours=1)


def located(postcode, latitude, longitude):
    return ServiceLocation(
        name="Toimipiste",
        street_address="Katu 1",
        postcode=postcode,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
    )


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="salasana"
    )


class ServiceOutletsTestCase(TestCase):
    """A directory with one service for the public and the hidden service of a test."""

    def setUp(self):
        self.directory = make_directory()
        self.open_service = make_service(
            self.directory,
            "Avoin neuvonta",
            locations=[located("00100", "60.170000", "24.940000")],
        )

    def hidden_service(self, **fields):
        # A postcode of its own, so that "near" could only place it by the hidden service.
        return make_service(
            self.directory,
            "Piilotettu neuvonta",
            locations=[located("96100", "66.503901", "25.726101")],
            **fields,
        )

    def assert_on_no_outlet(self, service):
        """Look for ``service`` everywhere the public could meet it."""
        response = self.client.get(self.directory.url, {"q": "neuvonta"})
        found = [result.title for result in response.context["results"].page.object_list]
        self.assertEqual(found, ["Avoin neuvonta"])
        self.assertEqual(response.context["results"].total, 1)
        suggested = self.client.get(self.directory.url + "suggest/", {"q": "piilo"}).json()
        self.assertEqual(suggested["suggestions"], [])
        listed = self.client.get(SERVICES, {"directory": self.directory.pk}).json()
        self.assertEqual([item["title"] for item in listed["items"]], ["Avoin neuvonta"])
        self.assertEqual(self.client.get(f"{SERVICES}{service.pk}/").status_code, 404)
        with self.assertRaises(geo.UnknownPlace):
            geo.postcode_centroid("96100")
        chosen = ServiceListBlock()
        html = chosen.render(chosen.to_python({"services": [self.open_service.pk, service.pk]}))
        self.assertIn("Avoin neuvonta", html)
        self.assertNotIn("Piilotettu neuvonta", html)
        steps = StepBlock()
        html = steps.render(steps.to_python(step(services=[service.pk, self.open_service.pk])[1]))
        self.assertIn("Avoin neuvonta", html)
        self.assertNotIn("Piilotettu neuvonta", html)

    def assert_rule_agrees(self):
        """The queryset and the predicate say the same of every service."""
        now, restricted = timezone.now(), restricted_paths()
        public = set(public_services().values_list("pk", flat=True))
        for service in ServicePage.objects.all():
            with self.subTest(service=service.title):
                self.assertEqual(is_public_service(service, restricted, now), service.pk in public)


class ServiceVisibilityTests(ServiceOutletsTestCase):
    def test_a_draft_is_on_no_outlet(self):
        self.assert_on_no_outlet(self.hidden_service(publish=False))
        self.assert_rule_agrees()

    def test_a_service_behind_a_password_is_on_no_outlet(self):
        service = self.hidden_service()
        restrict(service)
        self.assert_on_no_outlet(service)
        self.assert_rule_agrees()

    def test_an_ended_service_is_on_no_outlet(self):
        self.assert_on_no_outlet(self.hidden_service(status=ServiceStatus.ENDED))
        self.assert_rule_agrees()

    def test_a_service_past_its_expiry_time_is_on_no_outlet_before_it_is_unpublished(self):
        service = self.hidden_service(expire_at=timezone.now() + HOUR)
        with time_machine.travel(timezone.now() + 2 * HOUR):
            service.refresh_from_db()
            self.assertTrue(service.live)  # publish_scheduled has not run
            self.assert_on_no_outlet(service)
            self.assert_rule_agrees()
            self.assertEqual(self.client.get(service.url).status_code, 404)

    def test_a_service_before_its_expiry_time_is_public(self):
        service = self.hidden_service(expire_at=timezone.now() + HOUR)
        response = self.client.get(self.directory.url, {"q": "piilotettu"})
        self.assertEqual(
            [result.title for result in response.context["results"].page.object_list],
            ["Piilotettu neuvonta"],
        )
        self.assertEqual(self.client.get(f"{SERVICES}{service.pk}/").status_code, 200)
        self.assertEqual(self.client.get(service.url).status_code, 200)
        self.assert_rule_agrees()


class PostcodeGazetteerTests(ServiceOutletsTestCase):
    def test_a_postcode_with_one_service_is_placed_to_about_a_kilometre(self):
        self.hidden_service()
        self.assertEqual(geo.postcode_centroid("96100"), (66.5, 25.73))

    def test_the_api_does_not_give_away_a_single_services_point(self):
        self.hidden_service()
        response = self.client.get(SERVICES, {"directory": self.directory.pk, "near": "96100"})
        self.assertEqual(response.json()["near"], {"latitude": 66.5, "longitude": 25.73})


class EndedServicePageTests(TestCase):
    def setUp(self):
        self.directory = make_directory()
        self.service = make_service(
            self.directory,
            "Lopetettu vastaanotto",
            status=ServiceStatus.ENDED,
            status_note="Palvelu siirtyi hyvinvointialueelle.",
            how_to_get_help="<p>Soita 09 123 4567</p>",
            locations=[located("00100", "60.170000", "24.940000")],
        )

    def test_says_it_has_ended_with_410_and_shows_nothing_to_act_on(self):
        response = self.client.get(self.service.url)
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "Lopetettu vastaanotto", status_code=410)
        self.assertContains(response, "Palvelu siirtyi hyvinvointialueelle.", status_code=410)
        self.assertContains(response, f'href="{self.directory.url}"', status_code=410)
        for hidden in ("Katu 1", "09 123 4567", "application/ld+json", "ikut-opening-hours"):
            self.assertNotContains(response, hidden, status_code=410)

    def test_is_left_out_of_the_sitemap(self):
        self.assertEqual(self.service.get_sitemap_urls(), [])
        self.assertEqual(len(make_service(self.directory, "Avoin").get_sitemap_urls()), 1)


class ServiceListBlockTests(TestCase):
    def test_a_list_whose_directory_was_deleted_renders_nothing(self):
        directory = make_directory()
        block = ServiceListBlock()
        saved = {"services": [], "directory": directory.pk, "heading": "Apua lähellä"}
        directory.delete()
        self.assertEqual(block.render(block.to_python(saved)).strip(), "")


class StepSeeAlsoTests(TestCase):
    def test_restricted_guidance_is_not_offered(self):
        public, hidden = make_guidance(title="Julkinen ohje"), make_guidance(title="Sisäinen ohje")
        restrict(hidden)
        block = StepBlock()
        html = block.render(block.to_python(step(guidance=[hidden.pk, public.pk])[1]))
        self.assertIn("Julkinen ohje", html)
        self.assertNotIn("Sisäinen ohje", html)


@time_machine.travel(datetime.datetime(2027, 3, 1, 8, tzinfo=datetime.UTC))
class CourseVisibilityTests(TestCase):
    def setUp(self):
        self.index = make_course_index()
        start = datetime.date(2027, 3, 15)
        make_course(self.index, "Avoin kurssi", instances=[course_instance(start)])
        self.hidden = make_course(
            self.index,
            "Suljettu kurssi",
            summary="Vain kutsutuille.",
            instances=[course_instance(start)],
        )
        restrict(self.hidden)

    def test_a_course_behind_a_password_is_not_listed_anywhere(self):
        response = self.client.get(self.index.url)
        self.assertEqual(
            [course.title for course in response.context["listing"].courses], ["Avoin kurssi"]
        )
        self.assertNotContains(response, "Vain kutsutuille.")
        calendar = Calendar.from_ical(self.client.get(self.index.url + "ical/").content)
        self.assertEqual(
            [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")], ["Avoin kurssi"]
        )
        block = CourseListBlock()
        html = block.render(block.to_python({"index": self.index.pk, "limit": 5}))
        self.assertIn("Avoin kurssi", html)
        self.assertNotIn("Suljettu kurssi", html)

    def test_the_page_rule_and_its_predicate_agree(self):
        now, restricted = timezone.now(), restricted_paths()
        public = set(public_pages(self.index.get_children()).values_list("pk", flat=True))
        for page in self.index.get_children():
            with self.subTest(page=page.title):
                self.assertEqual(is_public_page(page, restricted, now), page.pk in public)
        self.assertEqual(public, {page.pk for page in self.index.get_children()} - {self.hidden.pk})
