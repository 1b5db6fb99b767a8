"""The HSDS API at /hsds/: valid HSDS pages of public services only, in the language asked for."""

import datetime
import json
import uuid

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import LocaleFactory, OrganisationFactory, ServiceCategoryFactory
from tests.interop.schema import errors
from tests.interop.test_hsds import SECRET_POSTCODE, SECRET_STREET, full_service, shelter
from tests.services.search.test_engine import EngineIndexMixin
from tests.utils import make_directory, make_service
from wagtail_ikut.interop import hsds
from wagtail_ikut.interop.api import one_to_one
from wagtail_ikut.services.models import ServiceStatus

PAGE_KEYS = {"total_items", "total_pages", "page_number", "size"} | {
    "first_page",
    "last_page",
    "empty",
    "contents",
}


class HSDSAPITestCase(TestCase):
    def setUp(self):
        self.directory = make_directory()

    def get(self, path, status=200, headers=None, **params):
        response = self.client.get(f"/hsds{path}", params, headers=headers or {})
        self.assertEqual(response.status_code, status, response.content)
        return response.json()

    def assertValid(self, object_type, obj):
        for is_strict in (False, True):
            self.assertEqual(errors(object_type, obj, is_strict), [], (object_type, is_strict))

    def page(self, path, object_type, **params):
        """Return a list route's page, checked against the HSDS page shape and the schemas."""
        body = self.get(path, **params)
        self.assertEqual(set(body), PAGE_KEYS)
        self.assertEqual(body["empty"], not body["contents"])
        for obj in body["contents"]:
            self.assertValid(object_type, obj)
        return body

    def names(self, path="/services", **params):
        return [obj["name"] for obj in self.page(path, "service_list", **params)["contents"]]


class MetaTests(HSDSAPITestCase):
    def test_the_root_gives_the_version_the_profile_and_the_openapi_document(self):
        body = self.get("/")
        self.assertEqual((body["version"], body["profile"]), (hsds.VERSION, hsds.PROFILE))
        openapi = self.client.get(body["openapi_url"]).json()
        self.assertIn("/hsds/services", openapi["paths"])
        self.assertIn("/hsds/taxonomy_terms", openapi["paths"])


class ServiceRouteTests(HSDSAPITestCase):
    def test_a_page_of_services_in_the_hsds_shape(self):
        for n in range(3):
            make_service(self.directory, f"Palvelu {n}")
        body = self.page("/services", "service_list", per_page=2, page=2)
        self.assertEqual(
            {key: value for key, value in body.items() if key != "contents"},
            {
                "total_items": 3,
                "total_pages": 2,
                "page_number": 2,
                "size": 2,
                "first_page": False,
                "last_page": True,
                "empty": False,
            },
        )
        self.assertEqual([s["name"] for s in body["contents"]], ["Palvelu 2"])

    def test_a_page_past_the_last_is_empty(self):
        make_service(self.directory)
        body = self.page("/services", "service_list", page=5)
        self.assertEqual((body["empty"], body["contents"], body["last_page"]), (True, [], True))

    def test_the_list_has_one_to_one_fields_and_full_gives_whole_services(self):
        service = full_service(self.directory)
        [listed] = self.page("/services", "service_list")["contents"]
        self.assertNotIn("phones", listed)
        self.assertEqual(listed["organization"]["name"], "Pakolaisneuvonta")
        [whole] = self.page("/services", "service", full="true")["contents"]
        self.assertTrue(whole["phones"])
        self.assertEqual(whole, self.get(f"/services/{hsds.service_id(service)}"))

    def test_a_listed_service_is_the_whole_one_without_its_lists(self):
        full_service(self.directory)
        [listed] = self.get("/services")["contents"]
        [whole] = self.get("/services", full="true")["contents"]
        self.assertEqual(listed, one_to_one(whole))

    def test_one_service_in_full_by_its_id(self):
        service = full_service(self.directory)
        sid = hsds.service_id(service)
        body = self.get(f"/services/{sid}")
        self.assertValid("service", body)
        self.assertEqual((body["id"], body["name"]), (sid, "Oikeudellinen neuvonta"))
        for sal in body["service_at_locations"]:
            self.assertValid("service_at_location", sal)

    def test_an_unknown_id_is_a_problem_404(self):
        response = self.client.get(f"/hsds/services/{uuid.uuid4()}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.headers["Content-Type"], "application/problem+json")


class OrganizationRouteTests(HSDSAPITestCase):
    def test_the_organisations_of_public_services_and_their_parents(self):
        full_service(self.directory)
        OrganisationFactory(name="Ei palveluja")
        body = self.page("/organizations", "organization_list")
        self.assertEqual(
            [o["name"] for o in body["contents"]], ["Helsingin kaupunki", "Pakolaisneuvonta"]
        )
        self.assertEqual(
            self.page("/organizations", "organization_list", search="pako")["total_items"], 1
        )

    def test_one_organisation_with_its_services(self):
        service = full_service(self.directory)
        body = self.get(f"/organizations/{hsds.organization_id(service.provider)}")
        self.assertValid("organization", body)
        self.assertEqual(
            body["services"],
            [{"id": hsds.service_id(service), "name": service.title, "status": "active"}],
        )

    def test_an_organisation_without_public_services_is_not_found(self):
        organisation = OrganisationFactory()
        make_service(self.directory, provider=organisation, publish=False)
        self.get(f"/organizations/{hsds.organization_id(organisation)}", status=404)


class ServiceAtLocationRouteTests(HSDSAPITestCase):
    def test_places_and_online_channels_of_each_service_paged_across_services(self):
        full_service(self.directory)  # an office, a shelter and a chat
        make_service(self.directory, "Toinen", locations=[shelter()])
        found = []
        for page in (1, 2):
            body = self.page(
                "/service_at_locations", "service_at_location_list", per_page=3, page=page
            )
            self.assertEqual(body["total_items"], 4)
            found += [sal["location"]["name"] for sal in body["contents"]]
        self.assertEqual(found, ["Toimisto", "Turvakoti", "Chat", "Turvakoti"])

    def test_a_confidential_location_has_no_address_or_coordinates(self):
        make_service(self.directory, locations=[shelter()])
        responses = [
            self.client.get("/hsds/service_at_locations").content.decode(),
            self.client.get("/hsds/services", {"full": "true"}).content.decode(),
        ]
        for text in responses:
            for secret in (SECRET_STREET, SECRET_POSTCODE, "60.12", "24.65", "Sisäpihan"):
                self.assertNotIn(secret, text)
        [sal] = self.page("/service_at_locations", "service_at_location_list")["contents"]
        self.assertNotIn("latitude", sal["location"])


class TaxonomyRouteTests(HSDSAPITestCase):
    def test_the_taxonomies_of_the_package(self):
        body = self.get("/taxonomies")
        self.assertEqual([t["id"] for t in body["contents"]], [v.id for v in hsds.VOCABULARIES])
        for taxonomy in body["contents"]:
            self.assertValid("taxonomy", taxonomy)

    def test_the_terms_narrowed_by_taxonomy_and_name(self):
        ServiceCategoryFactory(slug="legal-advice", name="Oikeudellinen neuvonta")
        body = self.get("/taxonomy_terms", taxonomy_id=hsds.LOW_THRESHOLD.id, per_page=50)
        self.assertEqual(len(body["contents"]), 7)
        for term in body["contents"]:
            self.assertValid("taxonomy_term", term)
        [term] = self.get("/taxonomy_terms", search="oikeudell")["contents"]
        self.assertEqual(term["id"], hsds.CATEGORIES.term_id("legal-advice"))


class LanguageTests(HSDSAPITestCase):
    def setUp(self):
        super().setUp()
        finnish = make_service(self.directory, "Neuvonta")
        swedish = finnish.copy_for_translation(LocaleFactory(language_code="sv"), copy_parents=True)
        swedish.title = "Rådgivning"
        swedish.save_revision().publish()

    def test_the_default_language_unless_asked(self):
        self.assertEqual(self.names(), ["Neuvonta"])

    def test_the_locale_parameter_picks_the_language(self):
        self.assertEqual(self.names(locale="sv"), ["Rådgivning"])
        response = self.client.get("/hsds/taxonomies", {"locale": "sv"})
        self.assertEqual(response.headers["Content-Language"], "sv")
        self.assertEqual(response.json()["contents"][0]["name"], "Låg tröskel")

    def test_accept_language_picks_the_language(self):
        body = self.get("/services", headers={"Accept-Language": "sv-FI,sv;q=0.9"})
        self.assertEqual([s["name"] for s in body["contents"]], ["Rådgivning"])

    def test_a_locale_without_content_is_refused(self):
        body = self.get("/services", status=422, locale="xx")
        self.assertEqual(body["errors"][0]["loc"], ["query", "locale"])


class FilterTests(HSDSAPITestCase):
    def test_by_taxonomy_term_of_each_vocabulary(self):
        full_service(self.directory)  # walk-in, legal advice, Helsinki
        make_service(self.directory, "Muu")
        for term_id in (
            hsds.LOW_THRESHOLD.term_id("walk_in"),
            hsds.CATEGORIES.term_id("legal-advice"),
            hsds.TARGET_GROUPS.term_id("victims"),
            hsds.MUNICIPALITIES.term_id("091"),
        ):
            self.assertEqual(self.names(taxonomy_term_id=term_id), ["Oikeudellinen neuvonta"])

    def test_an_organisation_type_term_gives_the_services_of_its_organisations(self):
        make_service(self.directory, "Järjestön neuvonta", provider=OrganisationFactory(kind="ngo"))
        make_service(
            self.directory, "Seurakunnan apu", provider=OrganisationFactory(kind="religious")
        )
        term_id = hsds.ORGANISATION_KINDS.term_id("ngo")
        self.assertEqual(self.names(taxonomy_term_id=term_id), ["Järjestön neuvonta"])

    def test_a_municipality_term_includes_the_nationwide_services(self):
        full_service(self.directory)
        make_service(self.directory, "Valtakunnallinen", nationwide=True)
        found = self.names(taxonomy_term_id=hsds.MUNICIPALITIES.term_id("091"))
        self.assertEqual(sorted(found), ["Oikeudellinen neuvonta", "Valtakunnallinen"])

    def test_by_organisation(self):
        service = full_service(self.directory)
        make_service(self.directory, "Muu")
        found = self.names(organization_id=hsds.organization_id(service.provider))
        self.assertEqual(found, ["Oikeudellinen neuvonta"])

    def test_an_organisation_without_public_services_has_none(self):
        make_service(self.directory)
        quiet = OrganisationFactory()
        self.assertEqual(self.names(organization_id=hsds.organization_id(quiet)), [])

    def test_by_modification_time(self):
        old = make_service(self.directory, "Vanha")
        type(old).objects.filter(pk=old.pk).update(
            last_published_at=timezone.now() - datetime.timedelta(days=30)
        )
        make_service(self.directory, "Uusi")
        since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
        self.assertEqual(self.names(modified_after=since), ["Uusi"])


class SearchTests(HSDSAPITestCase):
    def setUp(self):
        super().setUp()
        self.legal = full_service(self.directory)  # walk-in, legal advice, victims, Helsinki
        self.housing = make_service(self.directory, "Asumisneuvonta")
        type(self.housing).objects.filter(pk=self.housing.pk).update(
            last_published_at=timezone.now() - datetime.timedelta(days=30)
        )
        make_service(self.directory, "Ruoka-apu")
        self.since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    def test_search_is_the_directory_search(self):
        self.assertEqual(
            sorted(self.names(search="neuvonta")), ["Asumisneuvonta", "Oikeudellinen neuvonta"]
        )

    def test_search_across_every_directory_of_the_language(self):
        other = make_directory(title="Toinen hakemisto")
        make_service(other, "Oikeusneuvonta toisaalla")
        self.assertIn("Oikeusneuvonta toisaalla", self.names(search="oikeusneuvonta"))

    def test_search_with_a_term_of_each_vocabulary(self):
        for term_id in (
            hsds.LOW_THRESHOLD.term_id("walk_in"),
            hsds.CATEGORIES.term_id("legal-advice"),
            hsds.TARGET_GROUPS.term_id("victims"),
            hsds.MUNICIPALITIES.term_id("091"),
        ):
            with self.subTest(term_id=term_id):
                found = self.names(search="neuvonta", taxonomy_term_id=term_id)
                self.assertEqual(found, ["Oikeudellinen neuvonta"])

    def test_search_by_organisation(self):
        for service in (self.legal, self.housing):
            found = self.names(search="neuvonta", organization_id=self.org_id(service))
            self.assertEqual(found, [service.title])

    def test_search_by_modification_time(self):
        self.assertEqual(
            self.names(search="neuvonta", modified_after=self.since), ["Oikeudellinen neuvonta"]
        )

    def test_search_with_every_filter_at_once(self):
        filters = {
            "organization_id": self.org_id(self.legal),
            "modified_after": self.since,
            "taxonomy_term_id": hsds.TARGET_GROUPS.term_id("victims"),
        }
        self.assertEqual(self.names(search="neuvonta", **filters), ["Oikeudellinen neuvonta"])
        body = self.get("/services", search="ruoka", **filters)
        self.assertEqual((body["total_items"], body["contents"]), (0, []))

    def test_the_filters_count_in_the_total_and_the_pages(self):
        for n in range(3):
            make_service(self.directory, f"Neuvonta {n}", provider=self.legal.provider)
        body = self.get(
            "/services",
            search="neuvonta",
            organization_id=self.org_id(self.legal),
            per_page=2,
            page=2,
        )
        self.assertEqual((body["total_items"], body["total_pages"]), (4, 2))
        self.assertEqual(len(body["contents"]), 2)

    def org_id(self, service):
        return hsds.organization_id(service.provider)


@pytest.mark.opensearch
class EngineSearchTests(EngineIndexMixin, SearchTests):
    """The same searches answered by the engine."""

    def get(self, path, status=200, headers=None, **params):
        self.refresh()
        return super().get(path, status, headers, **params)


class VisibilityTests(HSDSAPITestCase):
    def test_drafts_private_ended_and_expired_services_are_never_shown(self):
        make_service(self.directory, "Julkinen")
        make_service(self.directory, "Luonnos", publish=False)
        make_service(self.directory, "Päättynyt", status=ServiceStatus.ENDED)
        expired = make_service(self.directory, "Vanhentunut")
        type(expired).objects.filter(pk=expired.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        private = make_directory(title="Yksityinen")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        hidden = make_service(private, "Salainen")
        self.assertEqual(self.names(), ["Julkinen"])
        self.assertEqual(self.names(search="luonnos"), [])
        self.assertEqual(self.names(search="salainen"), [])
        self.get(f"/services/{hsds.service_id(hidden)}", status=404)
        body = self.page("/service_at_locations", "service_at_location_list")
        self.assertEqual(body["total_items"], 0)


class BadInputTests(HSDSAPITestCase):
    def test_bad_parameters_are_problems_not_errors(self):
        for params in (
            {"page": 0},
            {"page": -1},
            {"page": 10**12},
            {"page": "two"},
            {"per_page": 51},
            {"per_page": 0},
            {"taxonomy_term_id": "not-a-uuid"},
            {"taxonomy_term_id": uuid.uuid4()},
            {"organization_id": "x"},
            {"organization_id": uuid.uuid4()},
            {"search": "neuvonta", "organization_id": uuid.uuid4()},
            {"search": "neuvonta", "taxonomy_term_id": uuid.uuid4()},
            {"search": "neuvonta", "modified_after": "2026-13-01"},
            {"modified_after": "yesterday"},
            {"locale": "xx"},
            {"full": "maybe"},
        ):
            with self.subTest(params=params):
                response = self.client.get("/hsds/services", params)
                self.assertEqual(response.status_code, 422)
                self.assertEqual(response.headers["Content-Type"], "application/problem+json")
                self.assertTrue(json.loads(response.content)["errors"][0]["msg"])

    def test_a_malformed_id_is_a_problem(self):
        for path in ("/services/123", "/organizations/x"):
            self.get(path, status=422)


class QueryCountTests(HSDSAPITestCase):
    def setUp(self):
        super().setUp()
        full_service(self.directory)
        for n in range(11):
            make_service(self.directory, f"Palvelu {n:02}", walk_in=True, locations=[shelter()])

    def queries(self, path, **params):
        self.client.get(path, params)  # the search's indexes are built on first use
        with CaptureQueriesContext(connection) as queries:
            self.client.get(path, params)
        return len(queries)

    def test_a_page_of_50_reads_as_many_queries_as_one_of_10(self):
        for path, params in (
            ("/hsds/services", {}),
            ("/hsds/services", {"full": "true"}),
            ("/hsds/services", {"search": "palvelu"}),
            ("/hsds/services", {"search": "palvelu", "modified_after": "2026-01-01"}),
            ("/hsds/services", {"taxonomy_term_id": hsds.LOW_THRESHOLD.term_id("walk_in")}),
            ("/hsds/service_at_locations", {}),
            ("/hsds/organizations", {}),
        ):
            with self.subTest(path=path, params=params):
                count = self.queries(path, per_page=10, **params)
                with self.assertNumQueries(count):
                    self.client.get(path, {"per_page": 50, **params})
