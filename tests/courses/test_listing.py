"""The course index's filters, read from the query string as a visitor's browser sends them."""

import datetime

import time_machine
from django.http import QueryDict
from django.test import TestCase
from django.utils import translation

from tests.factories import CourseThemeFactory, LanguageFactory, MunicipalityFactory
from tests.utils import course_instance, make_course, make_course_index
from wagtail_ikut.courses.listing import CourseListing, index_courses

MONDAY = datetime.date(2027, 3, 1)
DAY = datetime.timedelta(days=1)


@time_machine.travel(datetime.datetime(2027, 3, 1, 8, tzinfo=datetime.UTC))
class CourseIndexFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_course_index()
        cls.espoo = MunicipalityFactory(code="049", name="Espoo")
        cls.vantaa = MunicipalityFactory(code="092", name="Vantaa")
        rights = CourseThemeFactory(slug="workers-rights", name="Työntekijän oikeudet")
        cls.it = CourseThemeFactory(slug="it-skills", name="Tietotekniikka")
        finnish = LanguageFactory(code="fi", name="suomi")
        english = LanguageFactory(code="en", name="englanti")
        make_course(
            cls.index,
            "Työelämäkurssi",
            individual_guidance=True,
            themes=[rights],
            languages=[finnish],
            instances=[
                course_instance(MONDAY + 14 * DAY, municipality=cls.espoo),
                course_instance(MONDAY - 100 * DAY, municipality=cls.vantaa),
            ],
        )
        make_course(
            cls.index,
            "Tietotekniikan perusteet",
            themes=[cls.it],
            languages=[english],
            instances=[
                course_instance(
                    MONDAY + 60 * DAY, municipality=cls.vantaa, enrolment_start=MONDAY + 30 * DAY
                )
            ],
        )
        make_course(cls.index, "Kurssi ilman aikoja")

    def titles(self, **params):
        response = self.client.get(self.index.url, params)
        return {course.title for course in response.context["listing"].courses}

    def test_without_filters_every_course_is_listed_even_without_upcoming_dates(self):
        self.assertEqual(
            self.titles(),
            {"Työelämäkurssi", "Tietotekniikan perusteet", "Kurssi ilman aikoja"},
        )

    def test_the_municipality_filter_looks_only_at_upcoming_instances(self):
        # The working-life course met in Vantaa only in the past.
        self.assertEqual(self.titles(municipality="092"), {"Tietotekniikan perusteet"})
        self.assertEqual(self.titles(municipality="049"), {"Työelämäkurssi"})

    def test_theme_language_and_format_filter_the_courses(self):
        self.assertEqual(self.titles(theme="it-skills"), {"Tietotekniikan perusteet"})
        self.assertEqual(self.titles(language="fi"), {"Työelämäkurssi"})
        self.assertEqual(self.titles(format="both"), {"Työelämäkurssi"})
        self.assertEqual(
            self.titles(format="group"),
            {"Työelämäkurssi", "Tietotekniikan perusteet", "Kurssi ilman aikoja"},
        )

    def test_start_month_and_enrolment_open_filter_the_instances(self):
        self.assertEqual(self.titles(start_month="2027-03"), {"Työelämäkurssi"})
        self.assertEqual(self.titles(start_month="2027-04"), {"Tietotekniikan perusteet"})
        self.assertEqual(self.titles(enrolment_open="1"), {"Työelämäkurssi"})

    def test_each_listed_course_shows_only_its_matching_upcoming_instances(self):
        response = self.client.get(self.index.url)
        listed = {c.title: c.listed_statuses for c in response.context["listing"].courses}
        [(instance, status)] = listed["Työelämäkurssi"]
        self.assertEqual(instance.municipality, self.espoo)
        self.assertEqual(status, "enrolment_open")
        self.assertContains(response, "Tulevia kursseja ei ole juuri nyt.")

    def test_malformed_filter_values_give_a_normal_page_with_a_notice(self):
        response = self.client.get(
            self.index.url,
            {
                "municipality": ["049", "<script>"],
                "start_month": "2027-13",
                "format": "everything",
                "theme": "x" * 500,
                "enrolment_open": "maybe",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "jätettiin pois")
        self.assertNotContains(response, "<script>")
        # The values that could be read still apply.
        courses = response.context["listing"].courses
        self.assertEqual([course.title for course in courses], ["Työelämäkurssi"])

    def test_the_notice_names_the_first_few_unknown_values_and_counts_the_others(self):
        params = QueryDict(mutable=True)
        params.setlist("theme", [f"no-such-{number}" for number in range(12)] * 100)
        with translation.override("en"):
            listing = CourseListing(index_courses(self.index), self.index.locale, params)
        self.assertEqual(
            listing.form.notices,
            [
                "Unknown filter values were left out: "
                "no-such-0, no-such-1, no-such-2, no-such-3, no-such-4 and 7 more"
            ],
        )

    def test_nul_characters_in_filter_values_are_left_out(self):
        response = self.client.get(self.index.url, {"theme": "it-\x00skills"})
        listing = response.context["listing"]
        self.assertEqual([course.title for course in listing.courses], ["Tietotekniikan perusteet"])
        self.assertEqual(listing.notices, [])

    def test_the_same_filters_have_the_same_canonical_query(self):
        response = self.client.get(
            self.index.url, {"theme": ["workers-rights", "it-skills"], "enrolment_open": "on"}
        )
        self.assertEqual(
            response.context["listing"].query_string,
            "theme=it-skills&theme=workers-rights&enrolment_open=1",
        )
