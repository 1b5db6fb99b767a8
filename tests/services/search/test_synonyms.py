"""Synonym sets that editors keep: a search for one entry finds the services with any."""

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from tests.factories import LocaleFactory
from tests.services.search.test_directory import DirectoryTestCase
from tests.services.search.test_engine import EngineMixin
from tests.utils import EnglishAdminTestUtils, make_directory, make_service
from wagtail_ikut.services.search.synonyms import SynonymSet


def synonyms(directory, entries):
    """Save a synonym set in the directory's language, as the admin does."""
    synonym_set = SynonymSet(locale=directory.locale, entries=entries)
    synonym_set.full_clean()
    synonym_set.save()
    return synonym_set


class SynonymTests(DirectoryTestCase):
    def in_language(self, code):
        self.directory = make_directory(title=code, locale=LocaleFactory(language_code=code))

    def test_a_set_finds_services_by_any_of_its_entries_in_finnish_swedish_and_english(self):
        for code, entries, title, query in (
            ("fi", "turvakoti, suojakoti, turvatalo", "Turvakoti naisille", "suojakoti"),
            ("sv", "skyddshem\nkvinnojour", "Skyddshem för kvinnor", "kvinnojour"),
            ("en", "lawyer, legal advice", "Legal advice for victims", "lawyer"),
        ):
            with self.subTest(code):
                self.in_language(code)
                synonyms(self.directory, entries)
                make_service(self.directory, title, summary="-")
                make_service(self.directory, "Health care", summary="-")
                self.assertEqual(self.found(q=query), [title])

    def test_a_phrase_is_found_by_all_of_its_words(self):
        self.in_language("sv")
        synonyms(self.directory, "rättshjälp, juridisk hjälp")
        make_service(self.directory, "Juridisk hjälp för offer", summary="-")
        make_service(self.directory, "Juridisk rådgivning", summary="-")
        make_service(self.directory, "Rättshjälp", summary="-")
        self.assertEqual(self.found(q="rättshjälp"), ["Rättshjälp", "Juridisk hjälp för offer"])
        self.assertEqual(self.found(q="juridisk hjälp"), ["Juridisk hjälp för offer", "Rättshjälp"])

    def test_inflected_forms_are_entries_too(self):
        synonyms(self.directory, "turvakoti, suojakoti")
        make_service(self.directory, "Turvakodit", summary="-")
        self.assertEqual(self.found(q="suojakodissa"), ["Turvakodit"])
        self.in_language("sv")
        synonyms(self.directory, "rättshjälp, juridisk hjälp")
        make_service(self.directory, "Rättshjälpen", summary="-")
        self.assertEqual(self.found(q="juridiska hjälpen"), ["Rättshjälpen"])

    def test_the_other_words_of_the_search_must_still_match(self):
        synonyms(self.directory, "turvakoti, suojakoti")
        make_service(self.directory, "Turvakoti, Helsinki", summary="-")
        make_service(self.directory, "Turvakoti, Espoo", summary="-")
        self.assertEqual(self.found(q="suojakoti espoo"), ["Turvakoti, Espoo"])

    def test_editing_or_deleting_a_set_applies_at_the_next_search(self):
        synonym_set = synonyms(self.directory, "turvakoti, suojakoti")
        make_service(self.directory, "Turvakoti naisille", summary="-")
        self.assertEqual(self.found(q="suojakoti"), ["Turvakoti naisille"])
        synonym_set.entries = "turvakoti, turvatalo"
        synonym_set.save()
        self.assertEqual(self.found(q="suojakoti"), [])
        self.assertEqual(self.found(q="turvatalo"), ["Turvakoti naisille"])
        synonym_set.delete()
        self.assertEqual(self.found(q="turvatalo"), [])

    def test_a_set_of_another_language_does_not_apply(self):
        swedish = make_directory(title="Tjänster", locale=LocaleFactory(language_code="sv"))
        synonyms(swedish, "turvakoti, suojakoti")
        make_service(self.directory, "Turvakoti naisille", summary="-")
        self.assertEqual(self.found(q="suojakoti"), [])

    def test_the_api_and_the_suggestions_find_what_the_page_finds(self):
        synonyms(self.directory, "turvakoti, suojakoti")
        make_service(self.directory, "Turvakoti naisille", summary="-")
        make_service(self.directory, "Terveysneuvonta", summary="-")
        self.assertEqual(self.found(q="suojakoti"), ["Turvakoti naisille"])
        response = self.client.get(
            "/api/v3/services/", {"directory": self.directory.pk, "q": "suojakoti"}
        )
        self.assertEqual(
            [item["title"] for item in response.json()["items"]], self.found(q="suojakoti")
        )
        self.assertEqual(self.suggested("suojakoti"), [("service", "Turvakoti naisille")])


@pytest.mark.opensearch
class EngineSynonymTests(EngineMixin, SynonymTests):
    """The same sets on the engine: its query widened alike, no index rebuilt."""


class DatabaseSynonymTests(DirectoryTestCase):
    """What the database decides that the engine weighs by its score instead."""

    def test_services_with_the_words_as_typed_rank_first(self):
        synonyms(self.directory, "turvakoti, suojakoti")
        make_service(self.directory, "Suojakoti", summary="-")
        make_service(self.directory, "Apua naisille", summary="Turvakoti.")
        self.assertEqual(self.found(q="turvakoti"), ["Apua naisille", "Suojakoti"])

    def test_a_word_of_a_set_is_no_typo(self):
        self.directory = make_directory(locale=LocaleFactory(language_code="en"))
        synonyms(self.directory, "refuge, shelter")
        make_service(self.directory, "Shelter", summary="-")
        # "refuge" stems to "refug", one letter from the "refus" of "refuse" that the index has.
        make_service(self.directory, "Refuse collection", summary="-")
        results = self.search(q="refuge").context["results"]
        self.assertEqual([service.title for service in results.page.object_list], ["Shelter"])
        self.assertEqual(results.corrected_query, "")


class SynonymSetTests(TestCase):
    def set_of(self, entries):
        return SynonymSet(locale=LocaleFactory(language_code="fi"), entries=entries)

    def test_takes_entries_one_a_line_or_between_commas(self):
        synonym_set = self.set_of("turvakoti\nsuojakoti, turvatalo\n")
        synonym_set.full_clean()
        self.assertEqual(str(synonym_set), "turvakoti / suojakoti / turvatalo")

    def test_needs_two_different_entries_and_no_empty_one(self):
        for entries in ("turvakoti", "turvakoti, Turvakoti", "turvakoti,, suojakoti", "a\n\nb", ""):
            with self.subTest(entries=entries), self.assertRaises(ValidationError) as raised:
                self.set_of(entries).full_clean()
            self.assertIn("entries", raised.exception.message_dict)


class SynonymAdminTests(EnglishAdminTestUtils, DirectoryTestCase):
    def setUp(self):
        super().setUp()
        self.login()

    def test_an_editor_adds_a_set_that_the_next_search_uses(self):
        make_service(self.directory, "Turvakoti naisille", summary="-")
        url = reverse("wagtailsnippets_wagtail_ikut_synonymset:add")
        response = self.client.post(url, {"entries": "turvakoti\nsuojakoti", "locale": "fi"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.found(q="suojakoti"), ["Turvakoti naisille"])
        listing = self.client.get(reverse("wagtailsnippets_wagtail_ikut_synonymset:list"))
        self.assertContains(listing, "turvakoti / suojakoti")

    def test_a_set_of_one_entry_is_shown_to_the_editor_and_nothing_is_saved(self):
        url = reverse("wagtailsnippets_wagtail_ikut_synonymset:add")
        response = self.client.post(url, {"entries": "turvakoti", "locale": "fi"})
        self.assertContains(response, "Give at least two different words or phrases.")
        self.assertFalse(SynonymSet.objects.exists())
