"""The public directory search, as a visitor uses it through the page's query string."""

import datetime
import json
import re
from decimal import Decimal
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from tests.factories import (
    LanguageFactory,
    LocaleFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceCategoryFactory,
)
from tests.utils import make_directory, make_service
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.services.details import OpeningHours, ServiceLocation
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS, ServiceStatus
from wagtail_ikut.services.search.models import ServiceSearchDocument


class DirectoryTestCase(TestCase):
    def setUp(self):
        self.directory = make_directory()

    def search(self, **params):
        response = self.client.get(self.directory.url, params)
        self.assertEqual(response.status_code, 200)
        return response

    def found(self, **params):
        """Return the titles of the services a search finds, in order."""
        results = self.search(**params).context["results"]
        return [service.title for service in results.page.object_list]

    def suggested(self, text):
        """Return (kind, title) of what the directory suggests for ``text`` typed so far."""
        response = self.client.get(self.directory.url + "suggest/", {"q": text})
        self.assertEqual(response.status_code, 200)
        return [(item["kind"], item["title"]) for item in response.json()["suggestions"]]

    def facet(self, response, name):
        [values] = [v for n, _label, v in response.context["results"].facets if n == name]
        return {value.value: value.count for value in values}


class VisibilityTests(DirectoryTestCase):
    def test_lists_the_published_services_below_the_directory(self):
        make_service(self.directory, "Sosiaalineuvonta")
        make_service(self.directory, "Luonnos", publish=False)
        make_service(make_directory(title="Toinen hakemisto"), "Muualla")
        self.assertEqual(self.found(), ["Sosiaalineuvonta"])

    def test_ended_services_never_appear(self):
        make_service(self.directory, "Päättynyt", status=ServiceStatus.ENDED)
        self.assertEqual(self.found(), [])
        self.assertEqual(self.found(q="päättynyt"), [])

    def test_temporarily_closed_services_appear_marked(self):
        make_service(
            self.directory,
            "Remontissa",
            status=ServiceStatus.TEMPORARILY_CLOSED,
            status_note="Suljettu maaliskuuhun asti",
        )
        response = self.search()
        self.assertContains(response, "Suljettu maaliskuuhun asti")
        self.assertContains(response, 'class="ikut-status"')

    def test_an_unpublished_service_leaves_the_search_index(self):
        service = make_service(self.directory, "Kriisipuhelin")
        self.assertEqual(self.found(q="kriisipuhelin"), ["Kriisipuhelin"])
        service.unpublish()
        self.assertFalse(ServiceSearchDocument.objects.filter(page=service).exists())
        self.assertEqual(self.found(q="kriisipuhelin"), [])

    def test_a_service_behind_a_view_restriction_is_not_for_the_public(self):
        make_service(self.directory, "Avoin neuvonta")
        hidden = make_service(self.directory, "Salainen neuvonta")
        restriction = PageViewRestriction.objects.create(
            page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="salasana"
        )
        self.assertEqual(self.found(), ["Avoin neuvonta"])
        self.assertEqual(self.search().context["results"].total, 1)
        self.assertEqual(self.found(q="salainen"), [])
        restriction.delete()
        self.assertEqual(self.found(q="neuvonta"), ["Avoin neuvonta", "Salainen neuvonta"])


class FlagTests(DirectoryTestCase):
    def test_every_low_threshold_flag_filters_and_is_counted(self):
        for flag in LOW_THRESHOLD_FLAGS:
            make_service(self.directory, f"Palvelu {flag}", **{flag: True})
        make_service(self.directory, "Ajanvarauksella")
        response = self.search()
        counts = {name: count for name, _label, count, _on in response.context["results"].flags}
        self.assertEqual(counts, dict.fromkeys(LOW_THRESHOLD_FLAGS, 1))
        for flag in LOW_THRESHOLD_FLAGS:
            with self.subTest(flag=flag):
                self.assertEqual(self.found(**{flag: "1"}), [f"Palvelu {flag}"])

    def test_flags_combine_with_and(self):
        make_service(self.directory, "Molemmat", walk_in=True, anonymous=True)
        make_service(self.directory, "Vain toinen", walk_in=True)
        self.assertEqual(self.found(walk_in="1", anonymous="1"), ["Molemmat"])


class FacetTests(DirectoryTestCase):
    def test_categories_filter_with_or_and_count_without_their_own_filter(self):
        housing = ServiceCategoryFactory(slug="housing", name="Asuminen")
        health = ServiceCategoryFactory(slug="health-care", name="Terveys")
        make_service(self.directory, "Asunto", categories=[housing])
        make_service(self.directory, "Klinikka", categories=[health])
        make_service(self.directory, "Molemmat", categories=[housing, health])
        response = self.search(category="housing")
        self.assertEqual(
            [s.title for s in response.context["results"].page.object_list], ["Asunto", "Molemmat"]
        )
        self.assertEqual(self.facet(response, "category"), {"housing": 2, "health-care": 2})
        self.assertEqual(
            self.found(category=["housing", "health-care"]), ["Asunto", "Klinikka", "Molemmat"]
        )

    def test_a_municipality_includes_the_nationwide_services(self):
        vantaa = MunicipalityFactory(code="092", name="Vantaa")
        turku = MunicipalityFactory(code="853", name="Turku")
        make_service(self.directory, "Vantaan palvelu", municipalities=[vantaa])
        make_service(self.directory, "Turun palvelu", municipalities=[turku])
        make_service(self.directory, "Valtakunnallinen", nationwide=True)
        response = self.search(municipality="092")
        self.assertEqual(
            [s.title for s in response.context["results"].page.object_list],
            ["Valtakunnallinen", "Vantaan palvelu"],
        )
        self.assertEqual(self.facet(response, "municipality"), {"092": 2, "853": 2})

    def test_languages_are_named_in_themselves(self):
        russian = LanguageFactory(code="ru", name="venäjä", native_name="русский")
        make_service(self.directory, "Venäjäksi", languages=[russian])
        response = self.search(language="ru")
        self.assertEqual(self.facet(response, "language"), {"ru": 1})
        self.assertContains(response, "русский (venäjä)")

    def test_provider_kind_filters(self):
        make_service(
            self.directory,
            "Kunnan",
            provider=OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY),
        )
        make_service(
            self.directory, "Järjestön", provider=OrganisationFactory(kind=Organisation.Kind.NGO)
        )
        response = self.search(provider="ngo")
        self.assertEqual(
            [s.title for s in response.context["results"].page.object_list], ["Järjestön"]
        )
        self.assertEqual(self.facet(response, "provider"), {"municipality": 1, "ngo": 1})

    def test_a_long_facet_shows_its_most_frequent_values_and_links_to_the_rest(self):
        categories = [
            ServiceCategoryFactory(slug=f"c{n:02}", name=f"Aihe {n:02}") for n in range(12)
        ]
        make_service(self.directory, "Kaikessa", categories=categories)
        make_service(self.directory, "Kymmenessä", categories=categories[:10])

        def shown(**params):
            [facet] = [
                facet
                for facet in self.search(**params).context["results"].shown_facets()
                if facet.name == "category"
            ]
            return [value.value for value in facet.values], facet.hidden, facet.show_all_query

        values, hidden, show_all = shown()
        self.assertEqual((values, hidden), ([f"c{n:02}" for n in range(10)], 2))
        self.assertEqual(show_all, "more=category")
        # A chosen value is always shown, so that it can be unchosen.
        values, hidden, show_all = shown(category="c11")
        self.assertEqual((values[-1], hidden), ("c11", 1))
        self.assertEqual(show_all, "category=c11&more=category")
        response = self.search(category="c11", more="category")
        values, hidden, _show_all = shown(category="c11", more="category")
        self.assertEqual((len(values), hidden), (12, 0))
        # The whole facet stays open when the form is sent again, and on the next pages.
        self.assertContains(response, '<input type="hidden" name="more" value="category">')
        self.assertEqual(response.context["results"].query_string, "category=c11&more=category")

    def test_a_value_or_facet_to_show_sent_many_times_is_written_back_once(self):
        housing = ServiceCategoryFactory(slug="housing")
        make_service(self.directory, "Asumisneuvonta", categories=[housing])
        response = self.search(category=["housing"] * 3, more=["category"] * 2000 + ["no-such"])
        self.assertEqual(response.context["results"].query_string, "category=housing&more=category")
        self.assertContains(response, '<input type="hidden" name="more"', count=1)

    def test_filters_combine_with_the_search_text(self):
        housing = ServiceCategoryFactory(slug="housing")
        make_service(self.directory, "Kriisiasunto", categories=[housing])
        make_service(self.directory, "Kriisipuhelin")
        self.assertEqual(self.found(q="kriisi", category="housing"), ["Kriisiasunto"])


class TextSearchTests(DirectoryTestCase):
    def test_title_matches_rank_before_body_matches(self):
        make_service(self.directory, "Neuvonta", summary="Apua oikeusapuun liittyvissä asioissa.")
        make_service(self.directory, "Oikeusapu", summary="Neuvontaa.")
        self.assertEqual(self.found(q="oikeusapu"), ["Oikeusapu", "Neuvonta"])

    def test_finnish_inflected_forms_are_found(self):
        make_service(
            self.directory, "Tukea ihmiskaupan uhreille", summary="Oikeusapua ja majoitusta."
        )
        for query in ("ihmiskauppa", "uhri", "oikeusapu", "majoitus"):
            with self.subTest(query=query):
                self.assertEqual(self.found(q=query), ["Tukea ihmiskaupan uhreille"])

    def test_swedish_inflected_forms_are_found(self):
        self.directory = make_directory(title="Tjänster", locale=LocaleFactory(language_code="sv"))
        make_service(self.directory, "Juridisk rådgivningen", summary="Stödet för offer.")
        self.assertEqual(self.found(q="rådgivning stöd"), ["Juridisk rådgivningen"])

    def test_swedish_definite_and_genitive_forms_find_their_base_forms(self):
        self.directory = make_directory(title="Tjänster", locale=LocaleFactory(language_code="sv"))
        make_service(self.directory, "Skyddshem för kvinnor", summary="Ett tryggt hem.")
        make_service(self.directory, "Hjälp för offer för människohandel", summary="Rådgivning.")
        for query, title in (
            ("skyddshemmet", "Skyddshem för kvinnor"),
            ("skyddshemmen", "Skyddshem för kvinnor"),
            ("hemmet", "Skyddshem för kvinnor"),
            ("människohandelns offer", "Hjälp för offer för människohandel"),
            ("offren", "Hjälp för offer för människohandel"),
        ):
            with self.subTest(query=query):
                self.assertEqual(self.found(q=query), [title])

    def test_a_swedish_compound_is_found_by_its_last_part(self):
        self.directory = make_directory(title="Tjänster", locale=LocaleFactory(language_code="sv"))
        make_service(self.directory, "Hjälptelefon för brottsoffer")
        make_service(self.directory, "Skyddshem", summary="För invandrarkvinnor.")
        for query, title in (
            ("telefon", "Hjälptelefon för brottsoffer"),
            ("hem kvinnor", "Skyddshem"),
        ):
            with self.subTest(query=query):
                self.assertEqual(self.found(q=query), [title])

    def test_words_that_only_join_the_others_need_not_be_in_the_text(self):
        make_service(self.directory, "Turvakoti", summary="Majoitusta naisille.")
        self.assertEqual(self.found(q="turvakoti ja majoitus"), ["Turvakoti"])
        for code, title, query in (
            ("sv", "Social rådgivning, Åbo", "rådgivningen i åbo"),
            ("en", "Shelter, Helsinki", "a shelter in helsinki"),
        ):
            with self.subTest(code):
                self.directory = make_directory(locale=LocaleFactory(language_code=code))
                make_service(self.directory, title)
                self.assertEqual(self.found(q=query), [title])

    def test_a_search_of_stop_words_only_searches_for_them(self):
        self.directory = make_directory(title="Tjänster", locale=LocaleFactory(language_code="sv"))
        make_service(self.directory, "Hem för kvinnor")
        make_service(self.directory, "Stöd")
        self.assertEqual(self.found(q="för"), ["Hem för kvinnor"])

    def test_services_with_all_the_words_in_their_title_rank_before_those_with_some(self):
        make_service(self.directory, "Ihmiskaupan uhrit", summary="Tukea ja neuvontaa.")
        make_service(self.directory, "Neuvonta ihmiskaupan uhreille")
        self.assertEqual(
            self.found(q="uhri neuvonta"), ["Neuvonta ihmiskaupan uhreille", "Ihmiskaupan uhrit"]
        )

    def test_a_word_whole_in_the_title_ranks_before_the_start_of_a_longer_one(self):
        make_service(self.directory, "Neuvonta")
        make_service(self.directory, "Tue ja neuvo")
        self.assertEqual(self.found(q="neuvo"), ["Tue ja neuvo", "Neuvonta"])

    def test_services_that_rank_alike_keep_their_title_order(self):
        for title in ("Neuvonta, Turku", "Neuvonta, Espoo", "Neuvonta, Oulu"):
            make_service(self.directory, title)
        expected = ["Neuvonta, Espoo", "Neuvonta, Oulu", "Neuvonta, Turku"]
        self.assertEqual(self.found(q="neuvonta"), expected)

    def test_a_typo_is_forgiven_in_finnish_swedish_and_english(self):
        make_service(self.directory, "Turvakoti")
        self.assertEqual(self.found(q="turvakti"), ["Turvakoti"])
        for code, title, typed in (
            ("sv", "Skyddshem för kvinnor", "skyddhem"),
            ("en", "Shelter for women", "sheltr"),
        ):
            with self.subTest(code):
                self.directory = make_directory(locale=LocaleFactory(language_code=code))
                make_service(self.directory, title)
                self.assertEqual(self.found(q=typed), [title])

    def test_search_stays_in_the_directorys_language(self):
        make_service(self.directory, "Kriisiapu")
        swedish = make_directory(title="Tjänster", locale=LocaleFactory(language_code="sv"))
        make_service(swedish, "Kriisiapu på svenska")
        self.assertEqual(self.found(q="kriisiapu"), ["Kriisiapu"])


class OpenNowTests(DirectoryTestCase):
    def hours(self, opens, closes, by_appointment=False):
        # On Mondays, the day of the searches below.
        return [
            OpeningHours(
                weekday=0,
                opens=datetime.time(opens),
                closes=datetime.time(closes),
                by_appointment=by_appointment,
            )
        ]

    def test_results_say_who_is_open_and_who_only_by_appointment(self):
        make_service(self.directory, "Neuvonta", opening_hours=self.hours(8, 16))
        make_service(
            self.directory, "Ajanvaraus", opening_hours=self.hours(8, 16, by_appointment=True)
        )
        make_service(self.directory, "Iltapäivystys", opening_hours=self.hours(18, 22))
        make_service(self.directory, "Kriisipuhelin", open_24_7=True)
        monday_noon = datetime.datetime(2025, 3, 10, 10, 0, tzinfo=datetime.UTC)
        with mock.patch.object(timezone, "now", return_value=monday_noon):
            results = self.search().context["results"]
            self.assertEqual(self.found(open_now="1"), ["Ajanvaraus", "Kriisipuhelin", "Neuvonta"])
        marks = {
            service.title: (service.open_status.is_open, service.open_status.by_appointment)
            for service in results.page.object_list
        }
        self.assertEqual(
            marks,
            {
                "Ajanvaraus": (True, True),
                "Iltapäivystys": (False, False),
                "Kriisipuhelin": (True, False),
                "Neuvonta": (True, False),
            },
        )


class SuggestionTests(DirectoryTestCase):
    def test_suggests_categories_and_service_titles_as_you_type(self):
        job_seeking = ServiceCategoryFactory(name="Työnhaku", slug="job-seeking")
        make_service(self.directory, "Työnhakuneuvonta", categories=[job_seeking])
        make_service(self.directory, "Terveysneuvonta")
        make_service(self.directory, "Työnhakuklinikka", publish=False)
        self.assertEqual(
            self.suggested("työnh"), [("category", "Työnhaku"), ("service", "Työnhakuneuvonta")]
        )

    def test_a_category_suggestion_leads_to_the_directory_filtered_by_it(self):
        ServiceCategoryFactory(name="Työnhaku", slug="job-seeking")
        response = self.client.get(self.directory.url + "suggest/", {"q": "työ"})
        [category] = response.json()["suggestions"]
        self.assertEqual(category["url"], self.directory.url + "?category=job-seeking")

    def test_nul_characters_in_the_text_are_left_out(self):
        make_service(self.directory, "Kriisiapu")
        make_service(self.directory, "Terveysneuvonta")
        self.assertEqual(self.suggested("\x00"), [])
        self.assertEqual(self.suggested("krii\x00si"), [("service", "Kriisiapu")])

    def test_no_text_suggests_nothing(self):
        make_service(self.directory, "Kriisiapu")
        for text in ("", "   "):
            with self.subTest(text=text):
                self.assertEqual(self.suggested(text), [])


class NearMeTests(DirectoryTestCase):
    def located(self, title, latitude, longitude, postcode="00100", **fields):
        location = ServiceLocation(
            street_address="Katu 1",
            postcode=postcode,
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
            **fields,
        )
        return make_service(self.directory, title, locations=[location])

    def test_coordinates_order_services_nearest_first_with_the_distance(self):
        self.located("Turku", "60.4518", "22.2666", postcode="20100")
        self.located("Helsinki", "60.1699", "24.9384")
        self.located("Oulu", "65.0121", "25.4651", postcode="90100")
        make_service(self.directory, "Puhelin", nationwide=True)
        response = self.search(near="60.17, 24.94")
        services = response.context["results"].page.object_list
        self.assertEqual([s.title for s in services], ["Helsinki", "Turku", "Oulu", "Puhelin"])
        self.assertLess(services[0].distance_km, 1)
        self.assertAlmostEqual(services[1].distance_km, 150, delta=10)
        self.assertContains(response, "km")

    def test_a_service_in_several_places_is_as_near_as_its_nearest(self):
        places = [
            ("Turun toimipiste", "20100", "60.4518", "22.2666"),
            ("Helsingin toimipiste", "00100", "60.1699", "24.9384"),
        ]
        locations = [
            ServiceLocation(
                name=name,
                street_address="Katu 1",
                postcode=postcode,
                latitude=Decimal(latitude),
                longitude=Decimal(longitude),
            )
            for name, postcode, latitude, longitude in places
        ]
        make_service(self.directory, "Kahdessa paikassa", locations=locations)
        # 100 km away: nearer than Turku, farther than Helsinki.
        self.located("Lahti", "60.9827", "25.6612", postcode="15100")
        response = self.search(near="60.17,24.94")
        service, lahti = response.context["results"].page.object_list
        self.assertEqual([service.title, lahti.title], ["Kahdessa paikassa", "Lahti"])
        self.assertEqual(service.nearest_location.name, "Helsingin toimipiste")
        self.assertLess(service.distance_km, 1)
        self.assertContains(response, "Helsingin toimipiste")
        self.assertNotContains(response, "Turun toimipiste")

    def test_a_postcode_is_located_by_the_directorys_own_locations(self):
        self.located("Helsinki", "60.1699", "24.9384", postcode="00530")
        self.located("Turku", "60.4518", "22.2666", postcode="20100")
        self.assertEqual(self.found(near="20100"), ["Turku", "Helsinki"])
        self.assertEqual(self.found(near="00100"), ["Helsinki", "Turku"])

    def test_precise_coordinates_are_rounded_to_about_a_kilometre_wherever_they_are_written(self):
        # Links keep them in browser history and access logs: only a coarse cell, not a home.
        self.directory.results_per_page = 5
        self.directory.save_revision().publish()
        for number in range(6):
            self.located(f"Palvelu {number}", "60.1699", "24.9384")
        response = self.search(near="60.169856, 24.938379", q="olematon")
        results = response.context["results"]
        self.assertEqual(results.near, (60.17, 24.94))
        self.assertEqual(results.query_string, "q=olematon&near=60.17%2C24.94")
        self.assertEqual(
            [relaxation.query_string for relaxation in results.relaxations],
            ["near=60.17%2C24.94"],
        )
        self.assertContains(response, 'name="near" value="60.17,24.94"')

        response = self.search(near="60.169856,24.938379")
        self.assertContains(response, 'href="?near=60.17%2C24.94&amp;page=2" rel="next"')
        self.assertNotContains(response, "60.1698")
        self.assertNotContains(response, "24.9383")

    def test_a_confidential_location_gives_no_distance(self):
        self.located("Turvakoti", "60.1699", "24.9384", confidential=True)
        self.located("Turku", "60.4518", "22.2666", postcode="20100")
        services = self.search(near="60.17,24.94").context["results"].page.object_list
        self.assertEqual([s.title for s in services], ["Turku", "Turvakoti"])
        self.assertIsNone(services[1].distance_km)


class BadInputTests(DirectoryTestCase):
    def setUp(self):
        super().setUp()
        make_service(self.directory, "Kriisiapu")

    def notices(self, **params):
        return self.search(**params).context["results"].notices

    def test_unknown_facet_values_are_left_out_with_a_message(self):
        with translation.override("en"):
            notices = self.notices(category=["no-such", "<script>"], municipality="999")
        self.assertEqual(len(notices), 2)
        self.assertIn("no-such", notices[0])

    def test_malformed_places_get_a_message_and_the_results_stay(self):
        for near in ("91.5,24.9", "60.1;", "abc", "99999", "1" * 500):
            with self.subTest(near=near):
                results = self.search(near=near).context["results"]
                self.assertEqual(results.total, 1)
                self.assertIsNone(results.near)

    def test_a_huge_page_number_shows_the_last_page(self):
        for page in ("999999999999999999999", "-1", "abc", "1e9"):
            with self.subTest(page=page):
                self.assertEqual(self.search(page=page).context["results"].page.number, 1)

    def test_overlong_or_odd_search_text_is_a_normal_page(self):
        for query in (
            "x" * 10_000,
            '"',
            "*",
            "kriisi NEAR(apu)",
            "') OR 1=1 --",
            "😀",
            "\x00",
            "AND OR NOT",
            "русский",
        ):
            with self.subTest(query=query[:20]):
                self.search(q=query)

    def test_nul_characters_in_the_query_string_are_left_out(self):
        make_service(self.directory, "Päivystys")
        self.assertEqual(self.found(q="kriisi\x00apu"), ["Kriisiapu"])

    def test_text_without_words_is_said_once_and_lists_everything(self):
        results = self.search(q="?!? ...").context["results"]
        self.assertEqual(len(results.notices), 1)
        self.assertEqual(results.total, 1)

    def test_the_same_search_always_has_the_same_address(self):
        first = self.search(category=["b", "a"], q="kriisi", walk_in="on").context["results"]
        second = self.search(walk_in="1", q="kriisi", category=["a", "b"]).context["results"]
        self.assertEqual(first.query_string, second.query_string)

    def test_no_results_offers_to_drop_one_filter(self):
        make_service(self.directory, "Päivystys", walk_in=True)
        response = self.search(q="kriisiapu", walk_in="1")
        relaxations = response.context["results"].relaxations
        self.assertEqual(sorted(r.count for r in relaxations), [1, 1])
        self.assertContains(response, "?q=kriisiapu")


class QueryCountTests(DirectoryTestCase):
    def queries_for_a_page_of(self, count):
        self.directory.results_per_page = count
        self.directory.save_revision().publish()
        housing = ServiceCategoryFactory(slug=f"housing-{count}")
        for number in range(count):
            make_service(
                self.directory,
                f"Palvelu {count} {number}",
                categories=[housing],
                walk_in=True,
                locations=[ServiceLocation(street_address="Katu 1", postcode="00100")],
            )
        with CaptureQueriesContext(connection) as queries:
            response = self.search(q="palvelu", walk_in="1", near="00100")
        self.assertEqual(len(response.context["results"].page.object_list), count)
        return len(queries)

    def test_a_results_page_costs_the_same_queries_at_10_and_at_50_results(self):
        self.assertEqual(self.queries_for_a_page_of(10), self.queries_for_a_page_of(50))


class ConfidentialAddressTests(DirectoryTestCase):
    def test_a_confidential_address_is_published_nowhere(self):
        service = make_service(
            self.directory,
            "Turvakoti",
            locations=[
                ServiceLocation(
                    name="Turvakoti",
                    street_address="Salainenkatu 13",
                    postcode="00990",
                    latitude=Decimal("60.203456"),
                    longitude=Decimal("25.104567"),
                    confidential=True,
                )
            ],
        )
        page = self.client.get(service.url).content.decode()
        listing = self.search(q="turvakoti").content.decode()
        [json_ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        document = ServiceSearchDocument.objects.get(page=service)
        for text in (page, listing, json_ld, document.body_terms, document.title_terms):
            for secret in ("salainen", "00990", "60.2034", "25.1045"):
                self.assertNotIn(secret, text.lower())
        self.assertIn('class="ikut-location"', page)
        self.assertNotIn("availableChannel", json.loads(json_ld))
