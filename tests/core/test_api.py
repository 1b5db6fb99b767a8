"""The vocabularies and organisations a front end builds its filters from."""

from django.test import TestCase, override_settings

from tests.factories import (
    LanguageFactory,
    LocaleFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceCategoryFactory,
)
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.pagination import MAX_PAGE_LIMIT, MAX_ROWS


class VocabularyTests(TestCase):
    def setUp(self):
        self.swedish = LocaleFactory(language_code="sv")

    def get(self, path, status=200, **params):
        response = self.client.get(f"/api/v3/{path}/", params)
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response.cookies, {})
        return response.json()

    def test_categories_in_the_default_locale_or_the_one_asked_for(self):
        ServiceCategoryFactory(slug="housing", name="Asuminen", description="Asunto")
        ServiceCategoryFactory(slug="health-care", name="Terveys")
        ServiceCategoryFactory(slug="housing", name="Boende", locale=self.swedish)
        self.assertEqual(
            self.get("categories"),
            [
                {"slug": "housing", "name": "Asuminen", "description": "Asunto"},
                {"slug": "health-care", "name": "Terveys", "description": ""},
            ],
        )
        self.assertEqual(
            self.get("categories", locale="sv"),
            [{"slug": "housing", "name": "Boende", "description": ""}],
        )

    def test_municipalities_and_languages_by_name(self):
        MunicipalityFactory(code="092", name="Vantaa")
        MunicipalityFactory(code="091", name="Helsinki")
        LanguageFactory(code="ru", name="venäjä", native_name="русский")
        self.assertEqual(
            self.get("municipalities"),
            [{"code": "091", "name": "Helsinki"}, {"code": "092", "name": "Vantaa"}],
        )
        self.assertEqual(
            self.get("languages"), [{"code": "ru", "name": "venäjä", "native_name": "русский"}]
        )

    def test_an_unknown_locale_is_a_bad_request_that_says_which_there_are(self):
        problem = self.get("municipalities", status=400, locale="xx")
        self.assertIn("xx", problem["detail"])
        self.assertIn("sv", problem["detail"])

    def test_nul_characters_in_the_locale_are_left_out(self):
        MunicipalityFactory(code="091", name="Helsinki")
        MunicipalityFactory(code="091", name="Helsingfors", locale=self.swedish)
        self.assertEqual(self.get("municipalities", locale="s\x00v")[0]["name"], "Helsingfors")
        self.assertEqual(self.get("municipalities", locale="\x00")[0]["name"], "Helsinki")


class OrganisationTests(TestCase):
    def get(self, status=200, **params):
        response = self.client.get("/api/v3/organisations/", params)
        self.assertEqual(response.status_code, status, response.content)
        return response.json()

    def test_lists_organisations_by_name_a_page_at_a_time(self):
        city = OrganisationFactory(
            name="Helsingin kaupunki",
            kind=Organisation.Kind.MUNICIPALITY,
            website="https://www.hel.fi/",
            phone="+35893101611",
        )
        OrganisationFactory(name="Auttava järjestö", parent=city)
        OrganisationFactory(name="Stadens nätverk", locale=LocaleFactory(language_code="sv"))
        found = self.get()
        self.assertEqual(found["count"], 2)
        first, second = found["items"]
        self.assertEqual(first["name"], "Auttava järjestö")
        self.assertEqual(first["parent_id"], city.pk)
        self.assertEqual(
            {key: second[key] for key in ("kind", "kind_label", "website", "phone")},
            {
                "kind": "municipality",
                "kind_label": "Kunta",
                "website": "https://www.hel.fi/",
                "phone": "+35893101611",
            },
        )
        self.assertEqual(
            [o["name"] for o in self.get(limit=1, offset=1)["items"]], ["Helsingin kaupunki"]
        )
        self.assertEqual([o["name"] for o in self.get(locale="sv")["items"]], ["Stadens nätverk"])

    def test_filters_by_kind_and_rejects_unknown_kinds(self):
        OrganisationFactory(name="Kaupunki", kind=Organisation.Kind.MUNICIPALITY)
        OrganisationFactory(name="Järjestö")
        self.assertEqual([o["name"] for o in self.get(kind="ngo")["items"]], ["Järjestö"])
        self.assertEqual(self.get(status=422, kind="club")["errors"][0]["loc"][-1], "kind")

    def test_an_offset_beyond_what_a_database_counts_or_a_limit_over_50_is_refused(self):
        OrganisationFactory(name="Järjestö")
        self.assertEqual(self.get(offset=MAX_ROWS)["items"], [])
        for name, value, largest in (("offset", 10**20, MAX_ROWS), ("limit", 51, MAX_PAGE_LIMIT)):
            with self.subTest(name=name):
                [error] = self.get(status=422, **{name: value})["errors"]
                self.assertEqual(error["loc"][-1], name)
                self.assertIn(str(largest), error["msg"])

    @override_settings(WAGTAILAPI_LIMIT_MAX=20)
    def test_the_package_lists_allow_50_whatever_wagtails_own_api_allows(self):
        for number in range(25):
            OrganisationFactory(name=f"Järjestö {number:02}")
        self.assertEqual(len(self.get(limit=50)["items"]), 25)
