from django.test import TestCase, override_settings
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from tests.utils import make_directory, make_service
from wagtail_ikut.checks import check_log_search_queries, check_settings

LOG_ON = {"LOG_SEARCH_QUERIES": True}


class SearchQueryLogTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.directory = make_directory()
        make_service(cls.directory, "Turvakoti")

    def search(self, query):
        response = self.client.get(self.directory.url, {"q": query, "walk_in": "1"})
        self.assertEqual(response.status_code, 200)

    def test_by_default_no_search_is_kept(self):
        self.search("turvakoti")
        self.assertFalse(Query.objects.exists())
        self.assertFalse(QueryDailyHits.objects.exists())

    @override_settings(WAGTAIL_IKUT=LOG_ON)
    def test_turned_on_the_words_are_counted_by_day_and_nothing_else_is_kept(self):
        self.search("Turvakoti")
        self.search("turvakoti ")
        self.search("")
        [query] = Query.objects.all()
        self.assertEqual((query.query_string, query.hits), ("turvakoti", 2))
        [day] = QueryDailyHits.objects.values()
        self.assertEqual(set(day), {"id", "query_id", "date", "hits"})

    @override_settings(WAGTAIL_IKUT=LOG_ON)
    def test_the_suggestions_as_you_type_are_not_kept(self):
        self.client.get(self.directory.url + "suggest/", {"q": "turva"})
        self.assertFalse(Query.objects.exists())


class SearchQueryLogCheckTests(TestCase):
    @override_settings(WAGTAIL_IKUT=LOG_ON)
    def test_the_log_on_with_wagtails_search_promotions_app_passes(self):
        self.assertEqual(check_settings(None), [])

    def test_the_log_on_without_wagtails_search_promotions_app_is_an_error(self):
        def without_the_app(name):
            return name != "wagtail.contrib.search_promotions"

        [error] = check_log_search_queries(True, without_the_app)
        self.assertEqual(error.id, "wagtail_ikut.E010")
        self.assertIn("wagtail.contrib.search_promotions", error.hint)
        self.assertEqual(check_log_search_queries(False, without_the_app), [])
