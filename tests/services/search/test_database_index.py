"""The database's directory search: counts and order from the in-memory index of services,
which every change to the published services brings up to date."""

import datetime
from decimal import Decimal
from unittest import mock

from django.utils import timezone

from tests.factories import ServiceCategoryFactory
from tests.services.search.test_directory import DirectoryTestCase
from tests.utils import make_service
from wagtail_ikut.services.details import OpeningHours, ServiceLocation
from wagtail_ikut.services.search import directory
from wagtail_ikut.services.search.database.index import ServiceIndex, positions_of, to_bits
from wagtail_ikut.services.search.models import ServiceIndexVersion


class BitSetTests(DirectoryTestCase):
    def test_bit_sets_keep_the_positions_given_and_nothing_else(self):
        bits = to_bits([0, 5, 2, 9], 10)
        self.assertEqual(list(positions_of(bits)), [0, 2, 5, 9])
        self.assertEqual(to_bits([10], 10), 0, "the position past the end stands for 'none'")
        self.assertEqual(to_bits([], 0), 0)


class OrderTests(DirectoryTestCase):
    def test_more_of_the_words_in_the_title_come_first_then_a_to_z(self):
        make_service(self.directory, "Neuvonta", summary="Oikeusapua ja neuvontaa.")
        make_service(self.directory, "Asunnot", summary="Oikeusapu ja neuvonta.")
        make_service(self.directory, "Oikeusapu ja neuvonta", summary="Kaikille.")
        make_service(self.directory, "Apua", summary="Oikeusapu, neuvonta.")
        self.assertEqual(
            self.found(q="oikeusapu neuvonta"),
            ["Oikeusapu ja neuvonta", "Neuvonta", "Apua", "Asunnot"],
        )

    def test_without_text_services_are_listed_a_to_z_whatever_the_case(self):
        for title in ("ohjaamo", "Auttava puhelin", "Ääni", "Kriisikeskus"):
            make_service(self.directory, title)
        self.assertEqual(self.found(), ["Auttava puhelin", "Kriisikeskus", "ohjaamo", "Ääni"])

    def test_near_me_pages_through_the_located_services_then_the_others(self):
        self.directory.results_per_page = 5
        self.directory.save_revision().publish()
        for n, latitude in enumerate(("60.17", "60.45", "61.50", "65.01")):
            location = ServiceLocation(
                street_address="Katu 1", latitude=Decimal(latitude), longitude=Decimal("24.94")
            )
            make_service(self.directory, f"Paikka {n}", locations=[location])
        for title in ("Puhelin A", "Puhelin B", "Puhelin C"):
            make_service(self.directory, title, nationwide=True)
        near = "60.17,24.94"
        self.assertEqual(
            self.found(near=near),
            ["Paikka 0", "Paikka 1", "Paikka 2", "Paikka 3", "Puhelin A"],
        )
        self.assertEqual(self.found(near=near, page="2"), ["Puhelin B", "Puhelin C"])


class FreshnessTests(DirectoryTestCase):
    def test_a_service_published_after_a_search_is_counted_by_the_next(self):
        make_service(self.directory, "Kriisipuhelin", walk_in=True)
        self.assertEqual(self.search().context["results"].total, 1)
        make_service(self.directory, "Kriisikeskus", walk_in=True)
        results = self.search(walk_in="1").context["results"]
        self.assertEqual(results.total, 2)
        self.assertEqual({name: count for name, _l, count, _s in results.flags}["walk_in"], 2)

    def test_every_change_to_the_index_gives_a_new_token(self):
        tokens = [ServiceIndexVersion.current()]
        service = make_service(self.directory, "Kriisipuhelin")
        tokens.append(ServiceIndexVersion.current())
        service.unpublish()
        tokens.append(ServiceIndexVersion.current())
        service.delete()
        tokens.append(ServiceIndexVersion.current())
        self.assertEqual(len(set(tokens)), 4)

    def test_a_deleted_service_leaves_the_results(self):
        service = make_service(self.directory, "Kriisipuhelin")
        self.assertEqual(self.found(), ["Kriisipuhelin"])
        service.delete()
        self.assertEqual(self.found(), [])

    def test_changed_hours_count_for_open_now_within_the_same_minute(self):
        monday_noon = datetime.datetime(2025, 3, 10, 12, 0, 30, tzinfo=datetime.UTC)
        service = make_service(
            self.directory,
            "Neuvonta",
            opening_hours=[
                OpeningHours(weekday=0, opens=datetime.time(8), closes=datetime.time(9))
            ],
        )
        with mock.patch.object(timezone, "now", return_value=monday_noon):
            self.assertEqual(self.found(open_now="1"), [])
            service.opening_hours = [
                OpeningHours(weekday=0, opens=datetime.time(8), closes=datetime.time(18))
            ]
            service.save_revision().publish()
            self.assertEqual(self.found(open_now="1"), ["Neuvonta"])

    def test_the_index_is_built_once_until_something_changes(self):
        make_service(self.directory, "Kriisipuhelin")
        self.search()
        with mock.patch.object(ServiceIndex, "__init__", side_effect=AssertionError) as build:
            self.search(q="kriisipuhelin")
        build.assert_not_called()

    def test_a_deleted_category_leaves_the_facet(self):
        housing = ServiceCategoryFactory(slug="housing")
        legal = ServiceCategoryFactory(slug="legal-advice")
        make_service(self.directory, "Kriisiasunto", categories=[housing, legal])
        self.assertEqual(self.facet(self.search(), "category"), {"housing": 1, "legal-advice": 1})
        housing.delete()
        self.assertEqual(self.facet(self.search(), "category"), {"legal-advice": 1})

    def test_a_category_added_or_renamed_after_a_search_is_offered_by_the_next(self):
        make_service(self.directory, "Kriisipuhelin")
        self.search()
        housing = ServiceCategoryFactory(slug="housing", name="Asuminen")
        self.assertEqual(self.category_choices()["housing"], "Asuminen")
        housing.name = "Asunnot"
        housing.save()
        self.assertEqual(self.category_choices()["housing"], "Asunnot")

    def test_the_vocabularies_are_read_once_until_something_changes(self):
        ServiceCategoryFactory(slug="housing")
        self.search()
        with mock.patch.object(directory, "vocabularies", side_effect=AssertionError) as read:
            self.search(category="housing")
        read.assert_not_called()

    def category_choices(self):
        return self.search().context["results"].form.vocabularies["category"]
