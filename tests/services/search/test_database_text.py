"""Text search on the database: typos corrected by the index's own terms, and its order.

What the engine does alike is specified in test_directory.py, whose tests run on both.
"""

from django.http import QueryDict

from tests.factories import LocaleFactory
from tests.services.search.test_directory import DirectoryTestCase
from tests.utils import make_directory, make_service
from wagtail_ikut.services.search import typos


class TypoRuleTests(DirectoryTestCase):
    def test_one_typo_from_three_letters_two_from_fifteen_on_both_paths(self):
        self.assertEqual(
            [typos.allowed_typos("x" * length) for length in (2, 3, 14, 15)], [0, 1, 1, 2]
        )
        self.assertEqual(typos.ENGINE_FUZZINESS, "AUTO:3,15")

    def test_a_long_word_may_have_two_typos_a_shorter_one(self):
        make_service(self.directory, "Sosiaalityöntekijän vastaanotto")
        make_service(self.directory, "Kriisipuhelin")
        self.assertEqual(self.found(q="sosiaalityntekija"), ["Sosiaalityöntekijän vastaanotto"])
        self.assertEqual(self.found(q="kriisipuhelim"), ["Kriisipuhelin"])
        self.assertEqual(self.found(q="krisipuhelim"), [])

    def test_the_first_letter_is_taken_as_typed(self):
        make_service(self.directory, "Turvakoti")
        self.assertEqual(self.found(q="durvakoti"), [])


class CorrectionTests(DirectoryTestCase):
    def test_the_page_says_what_it_searched_for_and_links_to_the_words_as_typed(self):
        make_service(self.directory, "Turvakoti naisille")
        response = self.search(q="turvakti naisille", free_of_charge="")
        results = response.context["results"]
        self.assertEqual(results.corrected_query, "turvakoti naisille")
        self.assertContains(response, "Näytetään tulokset haulle ”turvakoti naisille”.")
        self.assertEqual(results.exact_query_string, "q=turvakti+naisille&exact=1")
        exact = self.client.get(self.directory.url, QueryDict(results.exact_query_string))
        self.assertEqual(exact.context["results"].page.object_list, [])
        self.assertEqual(exact.context["results"].corrected_query, "")
        self.assertNotContains(exact, "Näytetään tulokset")

    def test_the_link_to_the_words_as_typed_keeps_the_other_filters(self):
        make_service(self.directory, "Turvakoti", free_of_charge=True)
        results = self.search(q="turvakti", free_of_charge="1").context["results"]
        self.assertEqual(results.exact_query_string, "q=turvakti&exact=1&free_of_charge=1")

    def test_a_word_the_index_has_is_not_corrected(self):
        make_service(self.directory, "Sovittelu")
        make_service(self.directory, "Sovitelu")
        results = self.search(q="sovittelu").context["results"]
        self.assertEqual([service.title for service in results.page.object_list], ["Sovittelu"])
        self.assertEqual(results.corrected_query, "")

    def test_what_the_words_find_as_typed_ranks_above_what_a_correction_finds(self):
        directory = make_directory(title="Services", locale=LocaleFactory(language_code="en"))
        make_service(directory, "Legal advice", summary="For everyone.")
        make_service(directory, "Youth advisory board", summary="For young people.")
        # "advise" starts the stem of "advisory", and is a typo away from that of "advice".
        response = self.client.get(directory.url, {"q": "advise"})
        results = response.context["results"]
        self.assertEqual(
            [service.title for service in results.page.object_list],
            ["Youth advisory board", "Legal advice"],
        )
        self.assertEqual(results.corrected_query, "advice")

    def test_swedish_and_english_typos_are_forgiven_and_shown_as_words(self):
        for code, title, typed, shown in (
            ("sv", "Skyddshem för kvinnor", "skyddhem", "skyddshem"),
            ("en", "Helpline for victims of crime", "victms", "victims"),
        ):
            with self.subTest(code):
                directory = make_directory(locale=LocaleFactory(language_code=code))
                make_service(directory, title)
                results = self.client.get(directory.url, {"q": typed}).context["results"]
                self.assertEqual([service.title for service in results.page.object_list], [title])
                self.assertEqual(results.corrected_query, shown)

    def test_the_words_corrected_to_follow_publishing(self):
        self.assertEqual(self.found(q="sovitelu"), [])
        service = make_service(self.directory, "Sovittelu")
        self.assertEqual(self.found(q="sovitelu"), ["Sovittelu"])
        service.unpublish()
        self.assertEqual(self.found(q="sovitelu"), [])

    def test_the_api_finds_what_the_page_finds(self):
        make_service(self.directory, "Turvakoti")
        response = self.client.get(
            "/api/v3/services/", {"directory": self.directory.pk, "q": "turvakti"}
        )
        self.assertEqual([item["title"] for item in response.json()["items"]], ["Turvakoti"])


class DatabaseOrderTests(DirectoryTestCase):
    def test_a_title_more_nearly_the_search_ranks_first(self):
        # "uhreja" found four titles starting "Ihmiskaupan uhrien" before the one about victims.
        make_service(self.directory, "Ihmiskaupan uhrien sosiaalityö, Espoo")
        make_service(self.directory, "Uhrien tuki")
        self.assertEqual(
            self.found(q="uhreja"), ["Uhrien tuki", "Ihmiskaupan uhrien sosiaalityö, Espoo"]
        )
