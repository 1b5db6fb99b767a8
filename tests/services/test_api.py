"""The directory search and the services as JSON, as a separate front end reads them."""

import datetime
import json
import socket
from decimal import Decimal

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import (
    LanguageFactory,
    LocaleFactory,
    MunicipalityFactory,
    ServiceCategoryFactory,
    TargetGroupFactory,
)
from tests.services.search.test_engine import engine_settings
from tests.utils import make_directory, make_service
from wagtail_ikut.services.details import (
    ContactChannel,
    OpeningHours,
    OpeningHoursException,
    ServiceLocation,
)
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServiceStatus

SEARCH = "/api/v3/services/"

#: A shelter's address: it must never leave the server.
SECRET_STREET = "Salainen kuja 7"
SECRET_POSTCODE = "00990"
SECRET_LATITUDE = "60.123456"
SECRET_LONGITUDE = "24.654321"


def shelter_location():
    return ServiceLocation(
        name="Turvakoti",
        street_address=SECRET_STREET,
        postcode=SECRET_POSTCODE,
        latitude=Decimal(SECRET_LATITUDE),
        longitude=Decimal(SECRET_LONGITUDE),
        directions="Sisäpihan ovi",
        confidential=True,
    )


class ApiTestCase(TestCase):
    def setUp(self):
        self.directory = make_directory()

    def search(self, **params):
        response = self.client.get(SEARCH, {"directory": self.directory.pk, **params})
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()

    def titles(self, **params):
        return [item["title"] for item in self.search(**params)["items"]]

    def detail(self, service, status=200):
        response = self.client.get(f"{SEARCH}{service.pk}/")
        self.assertEqual(response.status_code, status, response.content)
        return response


class SearchTests(ApiTestCase):
    def test_finds_by_text_with_the_directorys_stemming(self):
        make_service(self.directory, "Oikeusapu aikuisille")
        make_service(self.directory, "Lastensuojelu")
        found = self.search(q="aikuinen")
        self.assertEqual([item["title"] for item in found["items"]], ["Oikeusapu aikuisille"])
        self.assertEqual(found["total"], 1)
        self.assertEqual(found["searched_with"], "database")
        self.assertEqual(found["query"], "q=aikuinen")

    def test_a_search_takes_as_many_queries_for_six_services_as_for_two(self):
        def located(number):
            location = ServiceLocation(
                name=f"Toimisto {number}",
                street_address="Katu 1",
                postcode="00100",
                latitude=Decimal("60.17"),
                longitude=Decimal("24.94"),
            )
            make_service(self.directory, f"Palvelu {number}", locations=[location])

        for number in range(2):
            located(number)
        two = self.queries(near="00100")
        for number in range(2, 6):
            located(number)
        self.assertEqual(self.queries(near="00100"), two)

    def queries(self, **params):
        """Return how many SQL queries a search takes once the service index is built."""
        self.search(**params)
        with CaptureQueriesContext(connection) as queries:
            self.search(**params)
        return len(queries)

    def test_an_item_describes_the_service_as_a_result_shows_it(self):
        helsinki = MunicipalityFactory(code="091", name="Helsinki")
        russian = LanguageFactory(code="ru", name="venäjä", native_name="русский")
        housing = ServiceCategoryFactory(slug="housing", name="Asuminen")
        service = make_service(
            self.directory,
            "Kriisikeskus",
            walk_in=True,
            free_of_charge=True,
            open_24_7=True,
            municipalities=[helsinki],
            languages=[russian],
            categories=[housing],
            locations=[
                ServiceLocation(
                    name="Toimisto",
                    street_address="Katu 1",
                    postcode="00100",
                    municipality=helsinki,
                    latitude=Decimal("60.17"),
                    longitude=Decimal("24.94"),
                )
            ],
        )
        [item] = self.search()["items"]
        self.assertEqual(item["id"], service.pk)
        self.assertTrue(item["url"].startswith("http://"))
        self.assertTrue(item["url"].endswith(service.url))
        self.assertEqual(item["summary"], service.summary)
        self.assertEqual(item["provider"], {"name": service.provider.name, "kind": "ngo"})
        self.assertEqual(item["status"], "active")
        self.assertEqual(item["flags"], ["walk_in", "free_of_charge"])
        self.assertEqual(
            item["languages"], [{"code": "ru", "name": "venäjä", "native_name": "русский"}]
        )
        self.assertEqual(item["categories"][0]["slug"], "housing")
        self.assertEqual(item["municipalities"], [{"code": "091", "name": "Helsinki"}])
        self.assertFalse(item["nationwide"])
        self.assertTrue(item["open_now"])
        self.assertIsNone(item["distance_km"])
        [location] = item["locations"]
        self.assertEqual(location["street_address"], "Katu 1")
        self.assertEqual(location["municipality"], {"code": "091", "name": "Helsinki"})
        self.assertEqual((location["latitude"], location["longitude"]), (60.17, 24.94))

    def test_facets_filter_and_count_as_on_the_page(self):
        housing = ServiceCategoryFactory(slug="housing", name="Asuminen")
        health = ServiceCategoryFactory(slug="health-care", name="Terveys")
        vantaa = MunicipalityFactory(code="092", name="Vantaa")
        make_service(self.directory, "Asunto", categories=[housing], municipalities=[vantaa])
        make_service(self.directory, "Klinikka", categories=[health])
        make_service(self.directory, "Auttava puhelin", nationwide=True, categories=[housing])
        found = self.search(category="housing", municipality="092")
        self.assertEqual([i["title"] for i in found["items"]], ["Asunto", "Auttava puhelin"])
        facets = {facet["name"]: facet for facet in found["facets"]}
        self.assertEqual(
            [
                (v["value"], v["label"], v["count"], v["selected"])
                for v in facets["category"]["values"]
            ],
            [("housing", "Asuminen", 2, True)],
        )
        self.assertEqual(
            {v["value"]: v["count"] for v in facets["municipality"]["values"]}, {"092": 2}
        )
        self.assertEqual(facets["category"]["label"], "Millaista apua")
        self.assertEqual(
            self.titles(category=["housing", "health-care"]),
            ["Asunto", "Auttava puhelin", "Klinikka"],
        )
        self.assertEqual(self.titles(provider="ngo", q="klinikka"), ["Klinikka"])

    def test_every_low_threshold_flag_filters_and_is_counted(self):
        for flag in LOW_THRESHOLD_FLAGS:
            make_service(self.directory, f"Palvelu {flag}", **{flag: True})
        found = self.search()
        self.assertEqual(
            {flag["name"]: flag["count"] for flag in found["flags"]},
            dict.fromkeys(LOW_THRESHOLD_FLAGS, 1),
        )
        for flag in LOW_THRESHOLD_FLAGS:
            with self.subTest(flag=flag):
                self.assertEqual(self.titles(**{flag: "true"}), [f"Palvelu {flag}"])
                self.assertEqual(self.titles(**{flag: "1"}), [f"Palvelu {flag}"])

    def test_open_now_keeps_the_open_services(self):
        make_service(self.directory, "Aina auki", open_24_7=True)
        make_service(self.directory, "Ei aukioloaikoja")
        self.assertEqual(self.titles(open_now="1"), ["Aina auki"])

    def test_near_orders_by_distance_and_says_how_far(self):
        for title, latitude in (("Oulu", "65.0121"), ("Helsinki", "60.1699")):
            make_service(
                self.directory,
                title,
                locations=[
                    ServiceLocation(
                        street_address="Katu 1",
                        latitude=Decimal(latitude),
                        longitude=Decimal("25.4651"),
                    )
                ],
            )
        found = self.search(near="60.17, 24.94")
        self.assertEqual([item["title"] for item in found["items"]], ["Helsinki", "Oulu"])
        self.assertEqual(found["near"], {"latitude": 60.17, "longitude": 24.94})
        self.assertLess(found["items"][0]["distance_km"], 30)

    def test_pages_by_the_directorys_setting_or_a_limit(self):
        self.directory.results_per_page = 5
        self.directory.save_revision().publish()
        for n in range(7):
            make_service(self.directory, f"Palvelu {n}")
        found = self.search()
        self.assertEqual(len(found["items"]), 5)
        self.assertEqual(
            found["page"],
            {"number": 1, "per_page": 5, "num_pages": 2, "has_next": True, "has_previous": False},
        )
        found = self.search(limit=3, page=3)
        self.assertEqual([item["title"] for item in found["items"]], ["Palvelu 6"])
        self.assertEqual(found["total"], 7)

    def test_a_page_past_the_end_gives_the_last_page(self):
        for n in range(3):
            make_service(self.directory, f"Palvelu {n}")
        found = self.search(limit=2, page=99999999999999999999)
        self.assertEqual(found["page"]["number"], 2)
        self.assertEqual([item["title"] for item in found["items"]], ["Palvelu 2"])

    def test_unknown_filter_values_are_left_out_with_a_notice(self):
        make_service(self.directory, "Kriisiapu")
        response = self.client.get(
            SEARCH,
            {"directory": self.directory.pk, "category": "no-such", "municipality": "999"},
            headers={"accept-language": "en"},
        )
        found = response.json()
        self.assertEqual([item["title"] for item in found["items"]], ["Kriisiapu"])
        self.assertEqual(found["query"], "")
        self.assertEqual(len(found["notices"]), 2)
        # In the directory's language, whatever the request's.
        self.assertIn("ei tunnistettu", found["notices"][0])
        self.assertIn("no-such", found["notices"][0])
        self.assertIn("999", found["notices"][1])

    def test_a_search_without_results_offers_to_drop_a_filter(self):
        make_service(self.directory, "Kriisiapu")
        found = self.search(q="kriisiapu", walk_in="1")
        self.assertEqual(found["total"], 0)
        self.assertEqual(
            [(offer["query"], offer["count"]) for offer in found["relaxations"]],
            [("q=kriisiapu", 1)],
        )

    def test_searches_only_the_directory_in_its_own_language(self):
        swedish = make_directory(title="Tjänster", locale=LocaleFactory(language_code="sv"))
        make_service(swedish, "Krishjälp")
        make_service(self.directory, "Kriisiapu")
        response = self.client.get(SEARCH, {"directory": swedish.pk})
        found = response.json()
        self.assertEqual([item["title"] for item in found["items"]], ["Krishjälp"])
        self.assertEqual(found["directory"]["locale"], "sv")
        self.assertEqual(found["facets"][0]["label"], "Vilken hjälp")

    def test_sets_no_cookies(self):
        make_service(self.directory, "Kriisiapu")
        response = self.client.get(SEARCH, {"directory": self.directory.pk, "q": "apu"})
        self.assertEqual(response.cookies, {})
        self.assertNotIn("Set-Cookie", response.headers)


class VisibilityTests(ApiTestCase):
    def test_drafts_ended_and_other_directories_services_never_appear(self):
        make_service(self.directory, "Julkaistu")
        make_service(self.directory, "Luonnos", publish=False)
        make_service(self.directory, "Päättynyt", status=ServiceStatus.ENDED)
        make_service(make_directory(title="Toinen"), "Muualla")
        self.assertEqual(self.titles(), ["Julkaistu"])
        self.assertEqual(self.titles(q="päättynyt"), [])

    def test_a_temporarily_closed_service_appears_marked(self):
        make_service(
            self.directory,
            "Remontissa",
            status=ServiceStatus.TEMPORARILY_CLOSED,
            status_note="Suljettu maaliskuuhun asti",
        )
        [item] = self.search()["items"]
        self.assertEqual(item["status"], "temporarily_closed")
        self.assertEqual(item["status_note"], "Suljettu maaliskuuhun asti")
        self.assertFalse(item["open_now"])

    def test_unpublished_ended_and_expired_services_are_not_found(self):
        draft = make_service(self.directory, "Luonnos", publish=False)
        ended = make_service(self.directory, "Päättynyt", status=ServiceStatus.ENDED)
        unpublished = make_service(self.directory, "Lopetettu")
        unpublished.unpublish()
        expired = make_service(self.directory, "Vanhentunut")
        expired.expire_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        expired.save()
        for service in (draft, ended, unpublished, expired):
            with self.subTest(service=service.title):
                response = self.detail(service, status=404)
                self.assertEqual(response["Content-Type"], "application/problem+json")
                self.assertIn(str(service.pk), response.json()["detail"])

    def test_a_service_behind_a_password_is_not_found(self):
        service = make_service(self.directory, "Suojattu")
        PageViewRestriction.objects.create(
            page=service, restriction_type=PageViewRestriction.PASSWORD, password="salasana"
        )
        self.detail(service, status=404)

    def test_a_restricted_directory_is_not_searched(self):
        PageViewRestriction.objects.create(
            page=self.directory, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        response = self.client.get(SEARCH, {"directory": self.directory.pk})
        self.assertEqual(response.status_code, 404)


class ConfidentialAddressTests(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.shelter = make_service(
            self.directory,
            "Turvakoti",
            locations=[
                shelter_location(),
                ServiceLocation(name="Neuvonta", street_address="Julkinen katu 2"),
            ],
        )

    def assertNoSecret(self, response):
        text = response.content.decode()
        for secret in (SECRET_STREET, SECRET_POSTCODE, SECRET_LATITUDE, SECRET_LONGITUDE):
            self.assertNotIn(secret, text)
        self.assertNotIn("60.123", text)
        self.assertNotIn("Sisäpihan", text)

    def test_the_list_shows_only_that_a_confidential_location_exists(self):
        response = self.client.get(SEARCH, {"directory": self.directory.pk})
        self.assertNoSecret(response)
        confidential, public = response.json()["items"][0]["locations"]
        self.assertEqual(confidential["name"], "Turvakoti")
        self.assertTrue(confidential["confidential"])
        self.assertIsNone(confidential["street_address"])
        self.assertIsNone(confidential["latitude"])
        self.assertEqual(public["street_address"], "Julkinen katu 2")

    def test_near_me_neither_places_nor_reveals_it(self):
        for near in ("60.1, 24.6", "00980", "009"):
            with self.subTest(near=near):
                response = self.client.get(SEARCH, {"directory": self.directory.pk, "near": near})
                self.assertEqual(response.status_code, 200)
                self.assertNoSecret(response)
                self.assertIsNone(response.json()["items"][0]["distance_km"])
        # Its postcode places nothing: the search does not know it.
        found = self.search(near=SECRET_POSTCODE)
        self.assertIsNone(found["near"])
        self.assertEqual(len(found["notices"]), 1)

    def test_the_detail_shows_only_that_a_confidential_location_exists(self):
        response = self.detail(self.shelter)
        self.assertNoSecret(response)
        self.assertTrue(response.json()["locations"][0]["confidential"])

    def test_a_text_search_for_the_address_finds_nothing(self):
        self.assertEqual(self.titles(q="Salainen kuja"), [])


class DetailTests(ApiTestCase):
    def test_shows_a_service_in_full(self):
        service = make_service(
            self.directory,
            "Kriisikeskus",
            description='<p>Apua <a href="https://example.fi/">verkossa</a>.</p>',
            eligibility="<p>Kaikille.</p>",
            how_to_get_help="<p>Soita.</p>",
            required_documents="Passi\n\nOleskelulupa\n",
            language_note="Tulkki pyydettäessä",
            languages=[LanguageFactory(code="en", name="englanti")],
            target_groups=[TargetGroupFactory(slug="adults", name="Aikuiset")],
            last_verified=datetime.date(2026, 11, 1),
            verified_by="Koordinaattori",
            opening_hours=[
                OpeningHours(weekday=0, opens=datetime.time(9), closes=datetime.time(15)),
                OpeningHours(weekday=4, opens=datetime.time(22), closes=datetime.time(2)),
            ],
            hours_exceptions=[
                OpeningHoursException(
                    start_date=datetime.date(2020, 1, 1),
                    end_date=datetime.date(2020, 1, 2),
                    kind="closed",
                ),
                OpeningHoursException(
                    start_date=datetime.date(2099, 1, 1),
                    end_date=datetime.date(2099, 1, 2),
                    kind="closed",
                    note="Remontti",
                ),
            ],
            contact_channels=[
                ContactChannel(kind="phone", phone="+358931011611", label="Neuvonta"),
                ContactChannel(kind="chat", url="https://chat.example.fi/"),
            ],
        )
        data = self.detail(service).json()
        self.assertEqual(data["directory_id"], self.directory.pk)
        self.assertEqual(data["locale"], "fi")
        self.assertIn('href="https://example.fi/"', data["description"])
        self.assertEqual(data["eligibility"], "<p>Kaikille.</p>")
        self.assertEqual(data["how_to_get_help"], "<p>Soita.</p>")
        self.assertEqual(data["required_documents"], ["Passi", "Oleskelulupa"])
        self.assertEqual(data["language_note"], "Tulkki pyydettäessä")
        self.assertEqual(data["languages"][0]["code"], "en")
        self.assertEqual(data["target_groups"], [{"slug": "adults", "name": "Aikuiset"}])
        self.assertEqual(data["last_verified"], "2026-11-01")
        self.assertEqual(data["verified_by"], "Koordinaattori")
        self.assertEqual(
            [
                (p["weekday"], p["weekday_label"], p["opens"], p["closes"])
                for p in data["opening_hours"]
            ],
            [(0, "Maanantai", "09:00:00", "15:00:00"), (4, "Perjantai", "22:00:00", "02:00:00")],
        )
        self.assertEqual(
            [(e["start_date"], e["note"]) for e in data["hours_exceptions"]],
            [("2099-01-01", "Remontti")],
        )
        self.assertEqual(len(data["next_seven_days"]), 7)
        self.assertEqual(sum(len(day["periods"]) for day in data["next_seven_days"]), 2)
        self.assertIn("is_open", data["open_status"])
        self.assertEqual(
            [
                (c["kind"], c["kind_label"], c["label"], c["value"])
                for c in data["contact_channels"]
            ],
            [
                ("phone", "Puhelin", "Neuvonta", "+358931011611"),
                ("chat", "Chat", "", "https://chat.example.fi/"),
            ],
        )

    def test_sets_no_cookies(self):
        response = self.detail(make_service(self.directory, "Kriisiapu"))
        self.assertEqual(response.cookies, {})


class BadInputTests(ApiTestCase):
    def problem(self, params, status):
        response = self.client.get(SEARCH, params)
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        return response.json()

    def test_the_directory_is_required_and_must_exist(self):
        problem = self.problem({}, 422)
        self.assertEqual(problem["errors"][0]["loc"][-1], "directory")
        self.assertIn("required", problem["errors"][0]["msg"].lower())
        self.assertIn("9999999", self.problem({"directory": 9999999}, 404)["detail"])
        self.problem({"directory": "Palvelut"}, 422)

    def test_a_page_that_is_not_a_directory_is_not_found(self):
        service = make_service(self.directory, "Kriisiapu")
        self.problem({"directory": service.pk}, 404)
        self.problem({"directory": self.directory.get_parent().pk}, 404)

    def test_an_unpublished_directory_is_not_found(self):
        self.directory.unpublish()
        self.problem({"directory": self.directory.pk}, 404)

    def test_page_and_limit_must_be_whole_numbers_in_range(self):
        for params in (
            {"page": "two"},
            {"page": "0"},
            {"page": "1.5"},
            {"limit": "ten"},
            {"limit": "0"},
            {"limit": "51"},
            {"walk_in": "maybe"},
        ):
            with self.subTest(params=params):
                problem = self.problem({"directory": self.directory.pk, **params}, 422)
                [error] = problem["errors"]
                self.assertEqual(error["loc"][-1], next(iter(params)))
                self.assertTrue(error["msg"])

    def test_overlong_text_is_shortened_and_odd_places_reported_not_failed(self):
        found = self.search(q="apu " * 100, near="Atlantis")
        self.assertEqual(len(found["notices"]), 2)
        self.assertIsNone(found["near"])
        self.problem({"directory": self.directory.pk, "near": "x" * 101}, 422)

    def test_ids_beyond_the_databases_integers_are_not_found(self):
        self.problem({"directory": 10**20}, 404)
        self.assertEqual(self.client.get(f"{SEARCH}{10**20}/").status_code, 404)

    def test_control_characters_in_the_text_are_no_error(self):
        make_service(self.directory, "Kriisiapu")
        self.search(q="kriisi\x00apu")
        found = self.search(q="\x00", near="\x00", category="\x00")
        self.assertEqual(found["total"], 1)

    def test_an_unknown_service_is_not_found(self):
        response = self.client.get(f"{SEARCH}123456789/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("123456789", response.json()["detail"])
        self.assertEqual(self.client.get(f"{SEARCH}abc/").status_code, 422)


class OpenAPITests(TestCase):
    def test_lists_the_paths_with_their_parameters_and_schemas(self):
        document = json.loads(self.client.get("/api/v3/openapi.json").content)
        for path in (
            "/api/v3/services/",
            "/api/v3/services/{service_id}/",
            "/api/v3/categories/",
            "/api/v3/municipalities/",
            "/api/v3/languages/",
            "/api/v3/organisations/",
        ):
            with self.subTest(path=path):
                operation = document["paths"][path]["get"]
                self.assertTrue(operation["description"])
                self.assertIn("200", operation["responses"])
        search = document["paths"]["/api/v3/services/"]["get"]
        parameters = {p["name"]: p for p in search["parameters"]}
        self.assertTrue(parameters["directory"]["required"])
        self.assertLessEqual(
            {
                "q",
                "category",
                "municipality",
                "language",
                "provider",
                "open_now",
                "near",
                "page",
                "limit",
                *LOW_THRESHOLD_FLAGS,
            },
            set(parameters),
        )
        self.assertEqual(parameters["category"]["schema"]["type"], "array")
        self.assertEqual(parameters["limit"]["schema"]["anyOf"][0]["maximum"], 50)
        schemas = document["components"]["schemas"]
        self.assertIn("searched_with", schemas["ServiceSearchSchema"]["properties"])
        self.assertIn("confidential", schemas["LocationSchema"]["properties"])

    def test_every_answer_besides_200_is_declared_as_a_problem(self):
        document = json.loads(self.client.get("/api/v3/openapi.json").content)
        for path, problems in (
            ("/api/v3/services/", {"404", "422", "429"}),
            ("/api/v3/services/{service_id}/", {"404", "422", "429"}),
            ("/api/v3/categories/", {"400", "422", "429"}),
            ("/api/v3/organisations/", {"400", "422", "429"}),
        ):
            with self.subTest(path=path):
                responses = document["paths"][path]["get"]["responses"]
                self.assertEqual(set(responses), {"200", "304", *problems})
                for status in problems:
                    [(media_type, content)] = responses[status]["content"].items()
                    self.assertEqual(media_type, "application/problem+json")
                    self.assertIn("detail", content["schema"]["properties"])

    def test_a_time_of_day_is_declared_as_it_is_written_without_a_utc_offset(self):
        document = json.loads(self.client.get("/api/v3/openapi.json").content)
        opens = document["components"]["schemas"]["OpeningPeriodSchema"]["properties"]["opens"]
        # JSON Schema's "time" format requires an offset; a strict client refuses "09:00:00".
        self.assertNotIn("format", opens)
        self.assertRegex("09:00:00", opens["pattern"])
        self.assertNotRegex("09:00:00+02:00", opens["pattern"])


def closed_port():
    """Return a loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class EngineOutageTests(ApiTestCase):
    """Issue #4: with its search engine unreachable, the API answers as the page does."""

    def test_answers_from_the_database_when_the_engine_is_unreachable(self):
        # Made before the engine is configured: a failed write to it would rest it, and the
        # search should be the first to find it down.
        make_service(self.directory, "Kriisiapu", walk_in=True)
        make_service(self.directory, "Neuvonta")
        url = f"http://127.0.0.1:{closed_port()}"
        with override_settings(**engine_settings(url, "ikut-api-outage-")):
            with self.assertLogs("wagtail_ikut.services.search.engine.client", "WARNING"):
                found = self.search(q="kriisiapu", walk_in="1")
            self.assertEqual(found["searched_with"], "database")
            self.assertEqual([item["title"] for item in found["items"]], ["Kriisiapu"])
            self.assertEqual({flag["name"]: flag["count"] for flag in found["flags"]}["walk_in"], 1)
            self.assertEqual(self.search(page="9")["searched_with"], "database")
