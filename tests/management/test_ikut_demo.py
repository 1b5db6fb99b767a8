from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import translation
from wagtail.models import Locale, Page

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import (
    CourseTheme,
    Language,
    Municipality,
    ServiceCategory,
    TargetGroup,
)
from wagtail_ikut.courses.details import CourseInstance
from wagtail_ikut.courses.models import CourseIndexPage, CoursePage
from wagtail_ikut.guidance.legal import LegalReference
from wagtail_ikut.guidance.models import GuidanceIndexPage, GuidancePage
from wagtail_ikut.safety.models import SafetyPage
from wagtail_ikut.services.models import ServiceDirectoryPage, ServicePage
from wagtail_ikut.services.search.models import ServiceSearchDocument

MODELS = [CourseTheme, Language, Municipality, Organisation, ServiceCategory, TargetGroup]


def snapshot():
    """Return every demo row as it is, to compare before and after a run."""
    return {model: list(model.objects.order_by("pk").values()) for model in MODELS}


def run_demo():
    # The package's own command, not the example site's override of it.
    from wagtail_ikut.management.commands.ikut_demo import Command

    out = StringIO()
    call_command(Command(), stdout=out)
    return out.getvalue()


class DemoCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        run_demo()

    def test_creates_the_municipalities_with_their_official_codes_in_three_languages(self):
        codes = {
            code: set(
                Municipality.objects.filter(code=code).values_list("locale__language_code", "name")
            )
            for code in ("091", "853")
        }
        self.assertEqual(
            codes["091"], {("fi", "Helsinki"), ("sv", "Helsingfors"), ("en", "Helsinki")}
        )
        self.assertEqual(codes["853"], {("fi", "Turku"), ("sv", "Åbo"), ("en", "Turku")})
        self.assertEqual(
            set(Municipality.objects.values_list("code", flat=True)),
            {"091", "049", "092", "853", "837", "564", "297", "905"},
        )

    def test_creates_the_organisations_named_in_the_seed_material(self):
        english = set(
            Organisation.objects.filter(locale__language_code="en").values_list("name", flat=True)
        )
        for name in (
            "National Assistance System for Victims of Human Trafficking",
            "Victim Support Finland (RIKU)",
            "MONIKA – Multicultural Women's Association",
            "City of Helsinki",
            "City of Kuopio",
            "Vaasa anti-trafficking network",
        ):
            self.assertIn(name, english)

    def test_since_2023_the_wellbeing_services_counties_run_social_services_helsinki_its_own(self):
        providers = dict(
            ServicePage.objects.filter(
                locale__language_code="en", title__startswith="Social counselling"
            ).values_list("title", "provider__name")
        )
        self.assertEqual(providers["Social counselling, Helsinki"], "City of Helsinki")
        self.assertEqual(
            providers["Social counselling, Espoo"], "Western Uusimaa Wellbeing Services County"
        )
        self.assertEqual(
            providers["Social counselling, Kuopio"], "North Savo Wellbeing Services County"
        )
        counties = Organisation.objects.filter(
            locale__language_code="fi", kind=Organisation.Kind.WELLBEING_SERVICES_COUNTY
        )
        self.assertEqual(counties.count(), 7)
        self.assertIn("Vantaan ja Keravan hyvinvointialue", counties.values_list("name", flat=True))

    def test_every_object_has_its_translations_linked(self):
        for model in MODELS:
            for obj in model.objects.filter(locale__language_code="fi"):
                with self.subTest(model=model.__name__, obj=str(obj)):
                    languages = {t.locale.language_code for t in obj.get_translations()}
                    self.assertEqual(languages, {"sv", "en"})

    def test_a_network_belongs_to_its_city_in_every_language(self):
        for network in Organisation.objects.filter(kind=Organisation.Kind.LOCAL_NETWORK):
            with self.subTest(network=str(network)):
                self.assertEqual(network.parent.kind, Organisation.Kind.MUNICIPALITY)
                self.assertEqual(network.parent.locale_id, network.locale_id)

    def test_running_twice_changes_nothing(self):
        before = snapshot()
        output = run_demo()
        self.assertEqual(snapshot(), before)
        self.assertIn("nothing to do", output)

    def test_an_editors_change_survives_a_second_run(self):
        helsinki = Municipality.objects.get(code="091", locale__language_code="fi")
        helsinki.name = "Helsingin kaupunki"
        helsinki.save()
        run_demo()
        helsinki.refresh_from_db()
        self.assertEqual(helsinki.name, "Helsingin kaupunki")
        self.assertEqual(Municipality.objects.filter(code="091").count(), 3)

    def test_demo_contacts_are_organisations_own_never_personal(self):
        phones = set(Organisation.objects.exclude(phone="").values_list("phone", flat=True))
        # The Assistance System's and Victim Support Finland's public help lines.
        self.assertEqual(phones, {"+358295463177", "116006"})


class DemoLanguagesTests(TestCase):
    @override_settings(WAGTAIL_IKUT={"DEMO_LANGUAGES": ["fi", "sv"]})
    def test_writes_only_the_languages_the_site_asks_for(self):
        run_demo()
        self.assertEqual(
            set(Municipality.objects.values_list("locale__language_code", flat=True)),
            {"fi", "sv"},
        )

    @override_settings(WAGTAIL_CONTENT_LANGUAGES=[("fi", "Finnish")], LANGUAGES=[("fi", "Finnish")])
    def test_a_site_without_the_demo_languages_gets_a_clear_error_and_no_content(self):
        with self.assertRaisesMessage(CommandError, "sv, en is not in WAGTAIL_CONTENT_LANGUAGES"):
            run_demo()
        self.assertFalse(Municipality.objects.exists())
        self.assertFalse(Locale.objects.filter(language_code="sv").exists())


class DemoServicesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        run_demo()

    def test_puts_a_directory_of_services_under_the_site_in_every_language(self):
        for code in ("fi", "sv", "en"):
            with self.subTest(language=code):
                directory = ServiceDirectoryPage.objects.get(locale__language_code=code)
                services = ServicePage.objects.live().descendant_of(directory)
                self.assertEqual(services.count(), 14)
                self.assertTrue(all(s.provider.locale_id == directory.locale_id for s in services))

    def test_the_services_have_slugs_of_their_own_language_as_the_courses_do(self):
        paths = {
            "fi": ["/fi/palvelut/sosiaalineuvonta-helsinki/", "/fi/palvelut/turvakoti/"],
            "sv": ["/sv/tjanster/social-radgivning-helsingfors/", "/sv/tjanster/skyddshem/"],
            "en": ["/en/services/social-counselling-helsinki/", "/en/services/shelter/"],
        }
        for code, urls in paths.items():
            with self.subTest(language=code), translation.override(code):
                for url in urls:
                    self.assertContains(self.client.get(url), f'<html lang="{code}"')

    def test_no_swedish_or_english_service_keeps_a_finnish_slug(self):
        def slugs(code):
            directory = ServiceDirectoryPage.objects.get(locale__language_code=code)
            pages = Page.objects.descendant_of(directory, inclusive=True)
            return set(pages.values_list("slug", flat=True))

        self.assertEqual(slugs("sv") & slugs("fi"), set())
        self.assertEqual(slugs("en") & slugs("fi"), set())

    def test_the_shelters_address_is_confidential(self):
        shelter = ServicePage.objects.get(slug="turvakoti", locale__language_code="fi")
        self.assertTrue(all(location.confidential for location in shelter.locations.all()))

    def test_the_services_are_searchable_at_once(self):
        self.assertEqual(ServiceSearchDocument.objects.count(), ServicePage.objects.live().count())

    def test_running_twice_adds_no_pages(self):
        pages = Page.objects.count()
        run_demo()
        self.assertEqual(Page.objects.count(), pages)


class DemoGuidanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        run_demo()

    def test_puts_a_guidance_index_with_three_pages_under_the_site_in_every_language(self):
        for code, slug in (("fi", "ohjeet"), ("sv", "anvisningar"), ("en", "guidance")):
            with self.subTest(language=code):
                index = GuidanceIndexPage.objects.get(locale__language_code=code)
                self.assertEqual(index.slug, slug)
                pages = GuidancePage.objects.live().child_of(index)
                self.assertEqual(pages.count(), 3)
                self.assertTrue(all("lawyers" in p.summary or "jurist" in p.summary for p in pages))

    def test_the_guidance_cites_the_acts_and_flags_the_repealed_one(self):
        page = GuidancePage.objects.get(slug="state-compensation", locale__language_code="en")
        numbers = {r.statute_number: r.is_in_force() for r in page.cited_legal_references()}
        self.assertEqual(numbers, {"681/2023": True, "746/2011": True, "1386/2010": False})
        content = self.client.get(page.url).content.decode()
        self.assertIn("No longer in force", content)
        self.assertIn("Demo content", content)

    def test_running_twice_adds_no_references(self):
        references = LegalReference.objects.count()
        run_demo()
        self.assertEqual(LegalReference.objects.count(), references)


class DemoCoursesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        run_demo()

    def test_puts_the_working_life_course_under_a_course_index_in_every_language(self):
        slugs = {"fi": ("kurssit", "tyoelamakurssi"), "sv": ("kurser", "arbetslivskurs")}
        slugs["en"] = ("courses", "working-life-course")
        for code, (index_slug, course_slug) in slugs.items():
            with self.subTest(language=code):
                index = CourseIndexPage.objects.get(locale__language_code=code)
                self.assertEqual(index.slug, index_slug)
                course = CoursePage.objects.live().descendant_of(index).get()
                self.assertEqual(course.slug, course_slug)
                self.assertEqual(course.organiser.locale_id, index.locale_id)
                self.assertEqual(
                    (course.duration_weeks, course.group_size_min, course.group_size_max),
                    (10, 4, 6),
                )

    def test_the_course_runs_in_helsinki_espoo_and_vantaa_and_one_run_is_over(self):
        course = CoursePage.objects.get(locale__language_code="en")
        places = [i.municipality.name for i in course.upcoming_instances()]
        self.assertEqual(places, ["Helsinki", "Espoo", "Vantaa"])
        self.assertEqual(course.instances.count(), 4)
        content = self.client.get(course.url).content.decode()
        self.assertIn("Espoo", content)
        self.assertIn("European Social Fund Plus (ESF+)", content)

    def test_an_instance_is_the_same_event_in_every_language(self):
        keys = CourseInstance.objects.values_list("translation_key", flat=True)
        self.assertEqual(len(keys), 12)
        self.assertEqual(len(set(keys)), 4)

    def test_running_twice_adds_no_courses(self):
        run_demo()
        self.assertEqual(CoursePage.objects.count(), 3)
        self.assertEqual(CourseInstance.objects.count(), 12)


class DemoSafetyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        run_demo()

    def test_every_language_has_a_staying_safe_online_page_that_every_page_links_to(self):
        slugs = {"fi": "turvallisesti-verkossa", "sv": "sakert-pa-natet"}
        slugs["en"] = "staying-safe-online"
        for code, slug in slugs.items():
            with self.subTest(language=code):
                page = SafetyPage.objects.live().get(locale__language_code=code)
                self.assertEqual(page.slug, slug)
                self.assertEqual([block.block_type for block in page.body], ["advice"])
                course_index = CourseIndexPage.objects.get(locale__language_code=code)
                with translation.override(code):
                    response = self.client.get(course_index.url)
                self.assertContains(response, f'class="ikut-safety-link" href="{page.url}"')

    def test_the_guidance_on_compensation_names_the_wellbeing_services_counties(self):
        words = {"fi": "hyvinvointialue", "sv": "välfärdsområde", "en": "wellbeing services county"}
        fi = GuidancePage.objects.get(slug="valtion-korvaus", locale__language_code="fi")
        for code, word in words.items():
            with self.subTest(language=code):
                page = fi.get_translation(Locale.objects.get(language_code=code))
                self.assertIn(word, page.summary)
                for step in page.steps_today().all:
                    self.assertIn(word, step["who_acts"].lower())
