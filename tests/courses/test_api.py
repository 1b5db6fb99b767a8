"""The courses as JSON, as a separate front end reads them: the index's list and one course."""

import datetime
import json

import time_machine
from django.test import TestCase, override_settings
from django.utils import translation
from wagtail.models import PageViewRestriction

from tests.factories import (
    CourseThemeFactory,
    LanguageFactory,
    LocaleFactory,
    MunicipalityFactory,
)
from tests.utils import course_instance, make_course, make_course_index, site_root
from wagtail_ikut.courses.details import CourseContact, CourseStatus

COURSES = "/api/v3/courses/"
MONDAY = datetime.date(2027, 3, 1)
DAY = datetime.timedelta(days=1)
NOW = datetime.datetime(2027, 3, 1, 8, tzinfo=datetime.UTC)


class CourseApiTestCase(TestCase):
    def get(self, path=COURSES, status=200, **params):
        response = self.client.get(path, params)
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response.cookies, {})
        return response.json()

    def titles(self, **params):
        return [item["title"] for item in self.get(**params)["items"]]


@time_machine.travel(NOW)
class CourseListTests(CourseApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_course_index()
        cls.espoo = MunicipalityFactory(code="049", name="Espoo")
        cls.vantaa = MunicipalityFactory(code="092", name="Vantaa")
        rights = CourseThemeFactory(slug="workers-rights", name="Työntekijän oikeudet")
        it = CourseThemeFactory(slug="it-skills", name="Tietotekniikka")
        finnish = LanguageFactory(code="fi", name="suomi")
        english = LanguageFactory(code="en", name="englanti")
        make_course(
            cls.index,
            "Työelämäkurssi",
            individual_guidance=True,
            themes=[rights],
            languages=[finnish],
            duration_weeks=10,
            instances=[
                course_instance(MONDAY + 14 * DAY, municipality=cls.espoo, seats=12),
                course_instance(MONDAY - 100 * DAY, municipality=cls.vantaa),
                course_instance(MONDAY + 7 * DAY, status=CourseStatus.CANCELLED),
            ],
        )
        make_course(
            cls.index,
            "Tietotekniikan perusteet",
            themes=[it],
            languages=[english],
            instances=[
                course_instance(MONDAY + 40 * DAY, municipality=cls.vantaa, seats_left=0),
                course_instance(MONDAY - 7 * DAY, municipality=cls.vantaa),
            ],
        )
        make_course(
            cls.index, "Ei tulevia kursseja", group_activities=False, individual_guidance=True
        )

    def test_lists_the_public_courses_by_title_each_with_its_upcoming_runs(self):
        found = self.get()
        self.assertEqual(found["count"], 3)
        self.assertEqual(found["query"], "")
        self.assertEqual(found["notices"], [])
        self.assertEqual(
            [item["title"] for item in found["items"]],
            ["Ei tulevia kursseja", "Tietotekniikan perusteet", "Työelämäkurssi"],
        )
        none, it, working_life = found["items"]
        self.assertEqual(none["instances"], [])
        self.assertEqual(none["format"], "individual")
        self.assertEqual(working_life["format"], "both")
        self.assertEqual(working_life["locale"], "fi")
        self.assertEqual(working_life["duration_weeks"], 10)
        self.assertTrue(working_life["url"].startswith("http"))
        self.assertEqual(
            working_life["themes"], [{"slug": "workers-rights", "name": "Työntekijän oikeudet"}]
        )
        self.assertEqual(working_life["languages"][0]["code"], "fi")
        # The finished run is left out and so is the cancelled one; the status is today's.
        [run] = working_life["instances"]
        self.assertEqual(
            {
                key: run[key]
                for key in ("start_date", "status", "status_label", "seats", "weekdays")
            },
            {
                "start_date": "2027-03-15",
                "status": "enrolment_open",
                "status_label": "Ilmoittautuminen auki",
                "seats": 12,
                "weekdays": [0, 1, 2, 3],
            },
        )
        self.assertEqual(run["place"]["municipality"], {"code": "049", "name": "Espoo"})
        self.assertEqual([run["status"] for run in it["instances"]], ["running", "full"])

    def test_each_filter_lists_what_the_course_index_lists(self):
        for params, titles in (
            ({"municipality": "049"}, ["Työelämäkurssi"]),
            ({"municipality": ["049", "092"]}, ["Tietotekniikan perusteet", "Työelämäkurssi"]),
            ({"theme": "it-skills"}, ["Tietotekniikan perusteet"]),
            ({"language": "fi"}, ["Työelämäkurssi"]),
            ({"start_month": "2027-04"}, ["Tietotekniikan perusteet"]),
            ({"enrolment_open": "true"}, ["Työelämäkurssi"]),
            ({"format": "group"}, ["Tietotekniikan perusteet", "Työelämäkurssi"]),
            ({"format": "individual"}, ["Ei tulevia kursseja", "Työelämäkurssi"]),
            ({"format": "both"}, ["Työelämäkurssi"]),
            ({"theme": "workers-rights", "municipality": "092"}, []),
        ):
            with self.subTest(params=params):
                self.assertEqual(self.titles(**params), titles)
                page = self.client.get(self.index.url, params).context["listing"]
                self.assertEqual([course.title for course in page.courses], titles)
                self.assertEqual(self.get(**params)["query"], page.query_string)

    def test_a_filter_on_runs_lists_only_the_runs_that_match(self):
        [item] = self.get(municipality="092", start_month="2027-04")["items"]
        self.assertEqual([run["start_date"] for run in item["instances"]], ["2027-04-10"])

    def test_unknown_filter_values_are_left_out_with_a_notice_as_on_the_page(self):
        found = self.get(theme=["it-skills", "no-such"], municipality="999")
        self.assertEqual([item["title"] for item in found["items"]], ["Tietotekniikan perusteet"])
        self.assertEqual(len(found["notices"]), 1)
        self.assertIn("no-such", found["notices"][0])
        self.assertIn("999", found["notices"][0])
        self.assertEqual(found["query"], "theme=it-skills")

    def test_a_month_beyond_the_next_twelve_is_left_out_with_a_notice(self):
        found = self.get(start_month="2030-01")
        self.assertEqual(found["count"], 3)
        self.assertIn("2030-01", found["notices"][0])

    def test_pages_with_limit_and_offset_in_a_stable_order(self):
        make_course(self.index, "Tietotekniikan perusteet")
        found = self.get(limit=2, offset=1)
        self.assertEqual(found["count"], 4)
        self.assertEqual(
            [item["title"] for item in found["items"]],
            ["Tietotekniikan perusteet", "Tietotekniikan perusteet"],
        )
        first, second = found["items"]
        self.assertLess(first["id"], second["id"])
        self.assertEqual(self.titles(offset=10), [])


@time_machine.travel(NOW)
class CourseVisibilityTests(CourseApiTestCase):
    def setUp(self):
        self.index = make_course_index()

    def test_drafts_unpublished_expired_and_restricted_courses_never_appear(self):
        make_course(self.index, "Julkaistu")
        draft = make_course(self.index, "Luonnos")
        draft.unpublish()
        draft.save_revision()
        unpublished = make_course(self.index, "Lopetettu")
        unpublished.unpublish()
        expired = make_course(self.index, "Vanhentunut")
        expired.expire_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        expired.save()
        private_index = make_course_index(title="Sisäiset")
        PageViewRestriction.objects.create(
            page=private_index, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        private = make_course(private_index, "Suojattu")
        self.assertEqual(self.titles(), ["Julkaistu"])
        for course in (draft, unpublished, expired, private):
            with self.subTest(course=course.title):
                problem = self.get(f"{COURSES}{course.pk}/", status=404)
                self.assertIn(str(course.pk), problem["detail"])

    def test_each_locale_lists_its_own_courses(self):
        make_course(self.index, "Työelämäkurssi")
        for code, title in (("sv", "Arbetslivskurs"), ("en", "Working-life course")):
            locale = LocaleFactory(language_code=code)
            root = site_root().copy_for_translation(locale)
            make_course(make_course_index(parent=root, title=code), title)
        self.assertEqual(self.titles(), ["Työelämäkurssi"])
        self.assertEqual(self.titles(locale="fi"), ["Työelämäkurssi"])
        self.assertEqual(self.titles(locale="sv"), ["Arbetslivskurs"])
        [item] = self.get(locale="en")["items"]
        self.assertEqual((item["title"], item["locale"]), ("Working-life course", "en"))

    def test_labels_come_in_the_locales_language(self):
        locale = LocaleFactory(language_code="sv")
        root = site_root().copy_for_translation(locale)
        make_course(
            make_course_index(parent=root, title="Kurser"),
            "Arbetslivskurs",
            instances=[course_instance(MONDAY + 14 * DAY)],
        )
        [item] = self.get(locale="sv")["items"]
        self.assertEqual(item["instances"][0]["status_label"], "Anmälan öppen")


@time_machine.travel(NOW)
class CourseQueryCountTests(CourseApiTestCase):
    @override_settings(WAGTAILAPI_LIMIT_MAX=None)
    def test_a_page_of_fifty_courses_takes_as_many_queries_as_a_page_of_ten(self):
        index = make_course_index()
        theme = CourseThemeFactory(slug="workers-rights")
        language = LanguageFactory(code="fi")
        espoo = MunicipalityFactory(code="049")
        for number in range(50):
            make_course(
                index,
                f"Kurssi {number:02d}",
                themes=[theme],
                languages=[language],
                instances=[course_instance(MONDAY + 14 * DAY, municipality=espoo)],
            )
        self.get(limit=10)  # Wagtail caches the site's root paths once
        for limit in (10, 50):
            with self.subTest(limit=limit), self.assertNumQueries(11):
                self.assertEqual(len(self.get(limit=limit, theme="workers-rights")["items"]), limit)


@time_machine.travel(NOW)
class CourseDetailTests(CourseApiTestCase):
    def test_shows_a_course_in_full_with_every_run_that_has_not_finished(self):
        index = make_course_index()
        course = make_course(
            index,
            "Työelämäkurssi",
            description="<p>Kymmenen viikkoa.</p>",
            eligibility="<p>Aikuisille.</p>",
            referral_by_social_worker=True,
            apply_directly=True,
            group_size_max=12,
            funder_name="Euroopan sosiaalirahasto plus (ESR+)",
            interpretation_languages=[LanguageFactory(code="ru", name="venäjä")],
            contact_channels=[CourseContact(kind="phone", phone="+358931011611")],
            instances=[
                course_instance(MONDAY + 7 * DAY, status=CourseStatus.CANCELLED),
                course_instance(MONDAY + 14 * DAY),
                course_instance(MONDAY - 100 * DAY),
            ],
        )
        data = self.get(f"{COURSES}{course.pk}/")
        self.assertEqual(data["description"], "<p>Kymmenen viikkoa.</p>")
        self.assertEqual(data["eligibility"], "<p>Aikuisille.</p>")
        self.assertEqual(len(data["enrolment_routes"]), 2)
        self.assertEqual(data["group_size_max"], 12)
        self.assertEqual(data["funder_name"], "Euroopan sosiaalirahasto plus (ESR+)")
        self.assertEqual(data["interpretation_languages"][0]["code"], "ru")
        self.assertEqual(data["contact_channels"][0]["value"], "+358931011611")
        self.assertEqual(
            [(run["start_date"], run["status"]) for run in data["instances"]],
            [("2027-03-08", "cancelled"), ("2027-03-15", "enrolment_open")],
        )
        calendar = self.client.get(data["ical_url"])
        self.assertEqual(calendar.status_code, 200)
        self.assertEqual(calendar["Content-Type"], "text/calendar; charset=utf-8")
        self.assertEqual(calendar.content.count(b"BEGIN:VEVENT"), 2)

    def test_a_confidential_place_shows_only_that_it_exists(self):
        course = make_course(
            make_course_index(),
            instances=[
                course_instance(
                    MONDAY + 14 * DAY,
                    name="Turvakoti",
                    street_address="Salainen kuja 3",
                    postcode="00530",
                    confidential=True,
                )
            ],
        )
        for path in (COURSES, f"{COURSES}{course.pk}/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertNotContains(response, "Salainen")
                self.assertNotContains(response, "00530")
        [run] = self.get(f"{COURSES}{course.pk}/")["instances"]
        self.assertEqual(run["place"]["name"], "Turvakoti")
        self.assertTrue(run["place"]["confidential"])


class BadInputTests(CourseApiTestCase):
    def setUp(self):
        self.course = make_course(make_course_index())

    def problem(self, path=COURSES, status=422, **params):
        response = self.client.get(path, params)
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        return response.json()

    def test_wrong_types_unknown_choices_and_out_of_range_numbers_are_refused_by_name(self):
        for params in (
            {"enrolment_open": "maybe"},
            {"format": "online"},
            {"start_month": "2027-13"},
            {"start_month": "maaliskuu"},
            {"limit": "ten"},
            {"limit": "0"},
            {"limit": "-5"},
            {"limit": "51"},
            {"limit": str(10**20)},
            {"offset": "-1"},
            {"offset": str(10**20)},
            {"offset": "1.5"},
        ):
            with self.subTest(params=params):
                [error] = self.problem(**params)["errors"]
                self.assertEqual(error["loc"][-1], next(iter(params)))
                self.assertTrue(error["msg"])

    @override_settings(WAGTAILAPI_LIMIT_MAX=10)
    def test_the_limit_is_the_lists_own_whatever_wagtails_api_allows(self):
        self.assertEqual(self.get(limit=50)["count"], self.get()["count"])
        self.assertEqual(self.problem(status=422, limit=51)["errors"][0]["loc"][-1], "limit")

    def test_a_parameter_read_once_is_refused_when_repeated(self):
        for name, values in (
            ("format", ["group", "individual"]),
            ("start_month", ["2027-03", "2027-04"]),
            ("enrolment_open", ["1", "0"]),
            ("limit", ["10", "20"]),
            ("offset", ["0", "0"]),
            ("locale", ["fi", "sv"]),
        ):
            with self.subTest(name=name):
                [error] = self.problem(**{name: values})["errors"]
                self.assertEqual(error["loc"][-1], name)
                # In the site's default language, as the request asked for no other.
                with translation.override("fi"):
                    self.assertIn(
                        translation.gettext("Give this parameter only once."), error["msg"]
                    )

    def test_an_unknown_locale_is_a_bad_request_that_says_which_there_are(self):
        problem = self.problem(status=400, locale="xx")
        self.assertIn("xx", problem["detail"])
        self.assertIn("fi", problem["detail"])

    def test_unknown_and_impossible_course_ids_are_not_found(self):
        for course_id in (123456789, 0, 10**20, self.course.get_parent().pk):
            with self.subTest(course_id=course_id):
                self.problem(f"{COURSES}{course_id}/", status=404)
        self.problem(f"{COURSES}abc/", status=422)

    def test_nul_characters_in_filter_values_are_no_error(self):
        self.assertEqual(self.get(theme="\x00", municipality="0\x0049")["count"], 1)


class OpenAPITests(TestCase):
    def test_documents_the_course_routes_with_typed_parameters_and_schemas(self):
        document = json.loads(self.client.get("/api/v3/openapi.json").content)
        listing = document["paths"]["/api/v3/courses/"]["get"]
        parameters = {p["name"]: p for p in listing["parameters"]}
        self.assertLessEqual(
            {
                "locale",
                "municipality",
                "theme",
                "language",
                "start_month",
                "enrolment_open",
                "format",
                "limit",
                "offset",
            },
            set(parameters),
        )
        self.assertEqual(parameters["theme"]["schema"]["type"], "array")
        self.assertEqual(parameters["enrolment_open"]["schema"]["type"], "boolean")
        self.assertEqual(parameters["limit"]["schema"]["maximum"], 50)
        self.assertIn("/api/v3/courses/{course_id}/", document["paths"])
        schemas = document["components"]["schemas"]
        self.assertIn("ical_url", schemas["CourseDetailSchema"]["properties"])
        self.assertEqual(
            set(schemas["CourseStatus"]["enum"]),
            {"planned", "enrolment_open", "full", "running", "finished", "cancelled"},
        )
