"""Guidance as JSON, as a separate front end reads it: the list and one page with its steps."""

import datetime
import json

import time_machine
from django.test import TestCase, override_settings
from wagtail.models import PageViewRestriction

from tests.factories import LegalReferenceFactory, LocaleFactory, MunicipalityFactory
from tests.utils import make_directory, make_guidance, make_service, site_root, step
from wagtail_ikut.guidance.models import GuidanceChangeNote, GuidanceIndexPage

GUIDANCE = "/api/v3/guidance/"
NOW = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)


def guidance_index(parent=None, title="Ohjeet"):
    index = GuidanceIndexPage(title=title)
    (parent or site_root()).add_child(instance=index)
    index.save_revision().publish()
    return index


class GuidanceApiTestCase(TestCase):
    def get(self, path=GUIDANCE, status=200, **params):
        response = self.client.get(path, params)
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response.cookies, {})
        return response.json()

    def titles(self, **params):
        return [item["title"] for item in self.get(**params)["items"]]


@time_machine.travel(NOW)
class GuidanceListTests(GuidanceApiTestCase):
    def setUp(self):
        self.index = guidance_index()

    def test_lists_the_public_guidance_by_title_with_its_review_dates(self):
        helsinki = MunicipalityFactory(code="091", name="Helsinki")
        make_guidance(
            self.index,
            "Oleskelulupa",
            audience=["social_worker", "ngo_staff"],
            municipality=helsinki,
            next_review=datetime.date(2026, 11, 1),
        )
        make_guidance(self.index, "Auttamisjärjestelmä")
        found = self.get()
        self.assertEqual(found["count"], 2)
        [help_system, permit] = found["items"]
        self.assertEqual(help_system["title"], "Auttamisjärjestelmä")
        self.assertIsNone(help_system["municipality"])
        self.assertFalse(help_system["review_overdue"])
        self.assertEqual(
            {key: permit[key] for key in permit if key not in ("id", "url")},
            {
                "title": "Oleskelulupa",
                "locale": "fi",
                "summary": "Oleskelulupa: ohje kunnan työntekijöille.",
                "audience": ["social_worker", "ngo_staff"],
                "audience_labels": ["Kunnan sosiaalityöntekijät", "Järjestöjen työntekijät"],
                "municipality": {"code": "091", "name": "Helsinki"},
                "owner_role": "Ihmiskaupan vastaisen työn koordinaattori",
                "last_reviewed": "2026-10-01",
                "next_review": "2026-11-01",
                "review_overdue": True,
            },
        )
        self.assertTrue(permit["url"].startswith("http"))

    def test_pages_with_limit_and_offset_in_a_stable_order(self):
        first = make_guidance(self.index, "Ohje")
        second = make_guidance(self.index, "Ohje")
        make_guidance(self.index, "Aikuiset")
        found = self.get(limit=2, offset=1)
        self.assertEqual(found["count"], 3)
        self.assertEqual([item["id"] for item in found["items"]], [first.pk, second.pk])

    def test_drafts_unpublished_expired_and_restricted_guidance_never_appears(self):
        make_guidance(self.index, "Julkaistu")
        draft = make_guidance(self.index, "Luonnos", publish=False)
        unpublished = make_guidance(self.index, "Lopetettu")
        unpublished.unpublish()
        expired = make_guidance(self.index, "Vanhentunut")
        expired.expire_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        expired.save()
        private_index = guidance_index(title="Sisäiset")
        PageViewRestriction.objects.create(
            page=private_index, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        private = make_guidance(private_index, "Suojattu")
        self.assertEqual(self.titles(), ["Julkaistu"])
        for page in (draft, unpublished, expired, private):
            with self.subTest(page=page.title):
                problem = self.get(f"{GUIDANCE}{page.pk}/", status=404)
                self.assertIn(str(page.pk), problem["detail"])

    def test_each_locale_lists_its_own_guidance_with_labels_in_its_language(self):
        make_guidance(self.index, "Oleskelulupa")
        for code, title in (("sv", "Uppehållstillstånd"), ("en", "Residence permit")):
            root = site_root().copy_for_translation(LocaleFactory(language_code=code))
            make_guidance(guidance_index(root, title=code), title)
        self.assertEqual(self.titles(locale="fi"), ["Oleskelulupa"])
        [swedish] = self.get(locale="sv")["items"]
        self.assertEqual(swedish["title"], "Uppehållstillstånd")
        self.assertEqual(swedish["audience_labels"], ["Kommunens socialarbetare"])
        [english] = self.get(locale="en")["items"]
        self.assertEqual(
            (english["locale"], english["audience_labels"]), ("en", ["Municipal social workers"])
        )

    @override_settings(WAGTAILAPI_LIMIT_MAX=None)
    def test_a_page_of_fifty_takes_as_many_queries_as_a_page_of_ten(self):
        helsinki = MunicipalityFactory(code="091")
        for number in range(50):
            make_guidance(self.index, f"Ohje {number:02d}", municipality=helsinki)
        self.get(limit=10)  # Wagtail caches the site's root paths once
        for limit in (10, 50):
            with self.subTest(limit=limit), self.assertNumQueries(5):
                self.assertEqual(len(self.get(limit=limit)["items"]), limit)


@time_machine.travel(NOW)
class GuidanceDetailTests(GuidanceApiTestCase):
    def test_shows_the_steps_in_force_today_and_those_announced(self):
        page = make_guidance(
            steps=[
                step("Tunnista", valid_until=datetime.date(2026, 12, 31)),
                step("Vanha versio", valid_until=datetime.date(2026, 1, 1)),
                step("Ohjaa", requirement="one_of", group="Ohjaus"),
                step("Uusi versio", valid_from=datetime.date(2027, 1, 1)),
            ],
            change_notes=[GuidanceChangeNote(date=datetime.date(2026, 10, 1), note="Päivitetty")],
        )
        data = self.get(f"{GUIDANCE}{page.pk}/")
        self.assertEqual([s["title"] for s in data["steps"]], ["Tunnista", "Ohjaa"])
        self.assertEqual([s["title"] for s in data["upcoming_steps"]], ["Uusi versio"])
        self.assertEqual(data["upcoming_steps"][0]["valid_from"], "2027-01-01")
        ohjaa = data["steps"][1]
        self.assertEqual((ohjaa["requirement"], ohjaa["group"]), ("one_of", "Ohjaus"))
        self.assertEqual(ohjaa["what_to_do"], "<p>Ohjaa: tee näin.</p>")
        self.assertEqual(ohjaa["who_acts"], "Sosiaalityöntekijä")
        self.assertEqual(data["change_notes"], [{"date": "2026-10-01", "note": "Päivitetty"}])
        self.assertEqual(data["next_review"], "2027-04-01")

    def test_cites_the_legal_references_with_finlex_and_eli_links_and_force_today(self):
        integration = LegalReferenceFactory(statute_number="1386/2010", chapter="4", section="33")
        repealed = LegalReferenceFactory(
            title="Vanha laki", statute_number="493/1999", in_force_to=datetime.date(2024, 12, 31)
        )
        page = make_guidance(
            steps=[
                step(legal_references=[integration]),
                step("Toinen", legal_references=[repealed, integration]),
            ]
        )
        data = self.get(f"{GUIDANCE}{page.pk}/")
        first, second = data["legal_references"]
        self.assertEqual(
            {key: first[key] for key in first if key != "id"},
            {
                "citation": "Laki kotoutumisen edistämisestä (1386/2010) 4 luku 33 §",
                "title": "Laki kotoutumisen edistämisestä",
                "statute_number": "1386/2010",
                "chapter": "4",
                "section": "33",
                "subsection": "",
                "finlex_consolidated_url": "https://www.finlex.fi/fi/lainsaadanto/2010/1386",
                "finlex_original_url": (
                    "https://www.finlex.fi/fi/lainsaadanto/saadoskokoelma/2010/1386"
                ),
                "eli": "http://data.finlex.fi/eli/sd/2010/1386/alkup",
                "in_force_from": None,
                "in_force_to": None,
                "legal_force": "in_force",
                "legal_force_label": "Voimassa",
            },
        )
        self.assertEqual((second["legal_force"], second["in_force_to"]), ("ended", "2024-12-31"))
        self.assertEqual(
            [r["id"] for r in data["steps"][1]["legal_references"]], [repealed.pk, integration.pk]
        )

    def test_a_citation_is_in_the_guidances_language(self):
        swedish = LocaleFactory(language_code="sv")
        root = site_root().copy_for_translation(swedish)
        reference = LegalReferenceFactory(
            title="Lag om främjande av integration", section="33", locale=swedish
        )
        page = make_guidance(
            guidance_index(root, "Anvisningar"), steps=[step(legal_references=[reference])]
        )
        [cited] = self.get(f"{GUIDANCE}{page.pk}/")["legal_references"]
        self.assertEqual(cited["citation"], "Lag om främjande av integration (1386/2010) 33 §")
        self.assertEqual(
            cited["finlex_consolidated_url"], "https://www.finlex.fi/sv/lainsaadanto/2010/1386"
        )

    def test_a_step_links_only_to_services_and_guidance_the_public_may_read(self):
        directory = make_directory()
        open_service = make_service(directory, "Kriisikeskus")
        draft_service = make_service(directory, "Luonnos", publish=False)
        other = make_guidance(title="Toinen ohje")
        hidden = make_guidance(other.get_parent(), "Piilotettu", publish=False)
        page = make_guidance(
            other.get_parent(),
            steps=[step(services=[draft_service, open_service], guidance=[hidden, other])],
        )
        [data] = self.get(f"{GUIDANCE}{page.pk}/")["steps"]
        self.assertEqual([s["title"] for s in data["services"]], ["Kriisikeskus"])
        self.assertEqual([g["id"] for g in data["guidance"]], [other.pk])


class BadInputTests(GuidanceApiTestCase):
    def problem(self, path=GUIDANCE, status=422, **params):
        response = self.client.get(path, params)
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        return response.json()

    def test_out_of_range_and_wrongly_typed_paging_is_refused_by_name(self):
        for params in (
            {"limit": "ten"},
            {"limit": "0"},
            {"limit": "51"},
            {"limit": str(10**20)},
            {"offset": "-1"},
            {"offset": str(10**20)},
        ):
            with self.subTest(params=params):
                [error] = self.problem(**params)["errors"]
                self.assertEqual(error["loc"][-1], next(iter(params)))

    def test_a_repeated_parameter_is_refused(self):
        for name, values in (
            ("limit", ["5", "10"]),
            ("offset", ["0", "1"]),
            ("locale", ["fi", "sv"]),
        ):
            with self.subTest(name=name):
                [error] = self.problem(**{name: values})["errors"]
                self.assertEqual(error["loc"][-1], name)

    def test_an_unknown_locale_is_a_bad_request(self):
        self.assertIn("xx", self.problem(status=400, locale="xx")["detail"])

    def test_unknown_and_impossible_ids_are_not_found(self):
        page = make_guidance()
        for guidance_id in (123456789, 0, 10**20, page.get_parent().pk):
            with self.subTest(guidance_id=guidance_id):
                self.problem(f"{GUIDANCE}{guidance_id}/", status=404)
        self.problem(f"{GUIDANCE}abc/", status=422)


class OpenAPITests(TestCase):
    def test_documents_the_guidance_routes_with_typed_schemas(self):
        document = json.loads(self.client.get("/api/v3/openapi.json").content)
        listing = document["paths"]["/api/v3/guidance/"]["get"]
        self.assertLessEqual(
            {"locale", "limit", "offset"}, {p["name"] for p in listing["parameters"]}
        )
        detail = document["paths"]["/api/v3/guidance/{guidance_id}/"]["get"]
        self.assertTrue(detail["description"])
        schemas = document["components"]["schemas"]
        self.assertLessEqual(
            {"steps", "upcoming_steps", "legal_references", "next_review"},
            set(schemas["GuidanceDetailSchema"]["properties"]),
        )
        self.assertIn("eli", schemas["LegalReferenceSchema"]["properties"])
        self.assertEqual(set(schemas["LegalForce"]["enum"]), {"in_force", "not_yet", "ended"})

    def test_a_steps_documents_and_links_are_the_packages_schemas_not_wagtails_namesakes(self):
        document = json.loads(self.client.get("/api/v3/openapi.json").content)
        schemas = document["components"]["schemas"]
        step = schemas["StepSchema"]["properties"]
        documents = step["documents"]["items"]["$ref"].rsplit("/", 1)[-1]
        self.assertEqual(set(schemas[documents]["properties"]), {"name", "url"})
        for name in ("services", "guidance"):
            with self.subTest(name=name):
                link = step[name]["items"]["$ref"].rsplit("/", 1)[-1]
                self.assertEqual(set(schemas[link]["properties"]), {"id", "title", "url"})
