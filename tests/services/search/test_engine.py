"""The directory searched on a real OpenSearch node: every database search test again, and what
only an engine does (typo tolerance, its own index per language kept in step).

scripts/run-tests starts the node (tests/support/opensearch_node.py) and sets
IKUT_OPENSEARCH_URL; without it these tests fail rather than skip, so CI cannot pass unseen.
"""

import datetime
import os
import time
import uuid
from unittest import mock

import pytest
from django.http import QueryDict
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.factories import LocaleFactory, MunicipalityFactory, ServiceCategoryFactory
from tests.services import test_hours
from tests.services.search import test_directory
from tests.support.opensearch_node import MODELSEARCH_BACKEND
from tests.utils import make_directory, make_service
from wagtail_ikut.services.models import ServicePage, ServiceStatus
from wagtail_ikut.services.search.directory import DirectorySearch
from wagtail_ikut.services.search.documents import search_rows
from wagtail_ikut.services.search.engine import client
from wagtail_ikut.services.search.engine import index as engine_index
from wagtail_ikut.services.search.engine import query as engine_query
from wagtail_ikut.services.search.engine.client import alias_name, engine
from wagtail_ikut.services.search.models import PendingSearchUpdate

# Left out of the quick suite: they need the node scripts/run-tests starts.
pytestmark = pytest.mark.opensearch


def engine_settings(url, prefix):
    """Return settings as a site with an engine writes them, with the test's own indexes."""
    return {
        "WAGTAILSEARCH_BACKENDS": {
            "default": {"BACKEND": "wagtail.search.backends.database"},
            "engine": {
                "BACKEND": MODELSEARCH_BACKEND,
                "URLS": [url],
                "INDEX_PREFIX": prefix,
                # Wagtail's own page index is not what these tests are about.
                "AUTO_UPDATE": False,
            },
        },
        "WAGTAIL_IKUT": {"SEARCH_BACKEND": "engine", "SEARCH_RETRY_SECONDS": 0.01},
    }


def opensearch_url():
    url = os.environ.get("IKUT_OPENSEARCH_URL")
    if not url:
        raise AssertionError("IKUT_OPENSEARCH_URL is unset: run scripts/run-tests")
    return url


class EngineIndexMixin:
    """Point the package at the real node, under index names of the test's own."""

    def setUp(self):
        self.prefix = f"ikut-test-{uuid.uuid4().hex[:12]}-"
        settings = override_settings(**engine_settings(opensearch_url(), self.prefix))
        settings.enable()
        self.addCleanup(settings.disable)
        self.backend = engine()
        self.addCleanup(self.delete_indexes)
        super().setUp()

    def delete_indexes(self):
        for index in self.backend.es.indices.get(index=f"{self.prefix}*"):
            self.backend.es.indices.delete(index=index)

    def refresh(self):
        """Make what was written searchable now, not after the engine's refresh interval."""
        self.backend.es.indices.refresh(index=f"{self.prefix}*")


class EngineMixin(EngineIndexMixin):
    """Run a directory test case with the directory on the engine."""

    def suggested(self, text):
        self.refresh()
        return super().suggested(text)

    def search(self, **params):
        self.refresh()
        response = super().search(**params)
        self.assertEqual(response.context["results"].searched_with, "engine")
        return response


class EngineHoursMixin(EngineMixin):
    """Check at every moment an hours test asks about that the engine agrees: its "open now"
    filter, and the open and walk-in marks a search gives its hits."""

    def status(self, page, moment):
        status = super().status(page, moment)
        engine_index.update(list(search_rows(ServicePage.objects.filter(pk=page.pk))))
        self.refresh()
        expected = (status.is_open, status.by_appointment)
        with mock.patch.object(timezone, "now", return_value=moment):
            search = DirectorySearch(self.directory, QueryDict(), page.locale.language_code)
            found = engine_query.search(self.backend, search.request, 0, 50)
            self.assertEqual(search.request.now, moment)
            marked = found.statuses.get(page.pk)
            if marked is not None:  # an ended service is never a hit
                self.assertEqual(
                    (marked.is_open, marked.by_appointment),
                    expected,
                    f"the engine's marks disagree at {moment.isoformat()}",
                )
            search = DirectorySearch(
                self.directory, QueryDict("open_now=1"), page.locale.language_code
            )
            open_now = engine_query.search(self.backend, search.request, 0, 50).ids
        self.assertEqual(
            page.pk in open_now, status.is_open, f"the engine disagrees at {moment.isoformat()}"
        )
        return status


# Every database search test again on the engine, but QueryCountTests: they are about the
# database's query plan and its own index table.
class EngineVisibilityTests(EngineMixin, test_directory.VisibilityTests):
    pass


class EngineFlagTests(EngineMixin, test_directory.FlagTests):
    pass


class EngineFacetTests(EngineMixin, test_directory.FacetTests):
    pass


class EngineTextSearchTests(EngineMixin, test_directory.TextSearchTests):
    pass


class EngineOpenNowTests(EngineMixin, test_directory.OpenNowTests):
    pass


class EngineSuggestionTests(EngineMixin, test_directory.SuggestionTests):
    pass


class EngineNearMeTests(EngineMixin, test_directory.NearMeTests):
    pass


class EngineBadInputTests(EngineMixin, test_directory.BadInputTests):
    pass


class EngineConfidentialAddressTests(EngineMixin, test_directory.ConfidentialAddressTests):
    pass


# Who is open, as the engine's filters compute it, against the same cases as hours.py.
class EngineWeeklyHoursTests(EngineHoursMixin, test_hours.WeeklyHoursTests):
    pass


class EnginePublicHolidayTests(EngineHoursMixin, test_hours.PublicHolidayTests):
    pass


class EngineExceptionTests(EngineHoursMixin, test_hours.ExceptionTests):
    pass


class EngineClockChangeTests(EngineHoursMixin, test_hours.ClockChangeTests):
    pass


class EngineWeekTests(EngineHoursMixin, test_hours.WeekTests):
    pass


class EngineOnlyTests(EngineMixin, test_directory.DirectoryTestCase):
    def test_a_typo_is_forgiven(self):
        make_service(self.directory, "Oikeusapu", summary="Maksutonta neuvontaa.")
        self.assertEqual(self.found(q="oikeusapau"), ["Oikeusapu"])

    def test_a_word_spelt_right_ranks_above_one_with_a_typo(self):
        # Listed first by title, were they ranked alike.
        make_service(self.directory, "Sovitelu")
        make_service(self.directory, "Sovittelu")
        self.assertEqual(self.found(q="sovittelu"), ["Sovittelu", "Sovitelu"])

    def test_each_language_has_its_own_index_with_its_own_analyser(self):
        make_service(self.directory, "Kriisiapu")
        swedish = make_directory(title="Tjänster", locale=LocaleFactory(language_code="sv"))
        make_service(swedish, "Krishjälp")
        indexes = self.backend.es.indices.get_alias(name=f"{self.prefix}*")
        aliases = {alias for index in indexes.values() for alias in index["aliases"]}
        self.assertEqual(aliases, {alias_name(self.backend, "fi"), alias_name(self.backend, "sv")})
        mapping = self.backend.es.indices.get_mapping(index=alias_name(self.backend, "sv"))
        [properties] = [index["mappings"]["properties"] for index in mapping.values()]
        self.assertEqual(properties["title"]["analyzer"], "swedish")

    def test_moving_a_service_to_another_directory_moves_it_in_the_engine(self):
        service = make_service(self.directory, "Kriisiapu")
        other = make_directory(title="Espoon palvelut")
        Page.objects.get(pk=service.pk).move(other, pos="last-child")
        self.assertEqual(self.found(), [])
        self.directory = other
        self.assertEqual(self.found(), ["Kriisiapu"])

    def test_deleting_or_ending_a_service_drops_it(self):
        deleted = make_service(self.directory, "Poistettu")
        ended = make_service(self.directory, "Päättyvä")
        deleted.delete()
        ended.status = ServiceStatus.ENDED
        ended.save_revision().publish()
        self.assertEqual(self.found(), [])

    def test_what_the_engine_has_not_heard_of_yet_is_left_out(self):
        make_service(self.directory, "Kriisiapu")
        unpublished = make_service(self.directory, "Luonnos")
        ended = make_service(self.directory, "Päättynyt")
        restricted = make_service(self.directory, "Salainen")
        moved = make_service(self.directory, "Muuttanut")
        # As while the engine is down: the database changes, the engine keeps what it held.
        with mock.patch.object(engine_index, "engine", return_value=None):
            unpublished.unpublish()
            ended.status = ServiceStatus.ENDED
            ended.save_revision().publish()
            PageViewRestriction.objects.create(
                page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
            )
            Page.objects.get(pk=moved.pk).move(make_directory(title="Muu"), pos="last-child")
        self.refresh()
        held = self.backend.es.count(index=alias_name(self.backend, "fi"))["count"]
        self.assertEqual(held, 5)
        self.assertEqual(self.found(), ["Kriisiapu"])
        self.assertEqual(self.found(q="luonnos"), [])

    def test_a_service_past_its_expiry_time_is_neither_found_nor_counted(self):
        # The engine's own clock decides, so the service expires for real, a moment from now.
        expire_at = timezone.now() + datetime.timedelta(seconds=2)
        make_service(self.directory, "Kriisiapu")
        make_service(self.directory, "Kriisimajoitus", expire_at=expire_at)
        self.assertEqual(self.found(q="kriisi"), ["Kriisiapu", "Kriisimajoitus"])
        time.sleep(max((expire_at - timezone.now()).total_seconds(), 0) + 0.1)
        self.assertEqual(self.found(q="kriisi"), ["Kriisiapu"])
        self.assertEqual(self.search(q="kriisi").context["results"].total, 1)
        self.assertEqual(self.search().context["results"].total, 1)
        self.assertEqual(self.suggested("kriisim"), [])

    def test_a_rebuild_swaps_to_a_new_index_and_keeps_finding(self):
        make_service(self.directory, "Kriisiapu")
        alias = alias_name(self.backend, "fi")
        [before] = self.backend.es.indices.get_alias(name=alias)
        self.assertEqual(engine_index.rebuild(self.backend, "fi"), 1)
        [after] = self.backend.es.indices.get_alias(name=alias)
        self.assertNotEqual(before, after)
        self.assertFalse(self.backend.es.indices.exists(index=before))
        self.assertEqual(self.found(q="kriisiapu"), ["Kriisiapu"])

    def test_reconcile_adds_what_the_engine_lacks_and_drops_what_it_should_not_have(self):
        kept = make_service(self.directory, "Kriisiapu")
        alias = alias_name(self.backend, "fi")
        self.backend.es.delete(index=alias, id=kept.pk, refresh=True)
        self.backend.es.index(
            index=alias, id=999_999, body={"title": "Haamu", "path": self.directory.path}
        )
        PendingSearchUpdate.objects.create(page_id=kept.pk, language_code="fi")
        self.assertEqual(engine_index.reconcile(self.backend, "fi"), (0, 1))
        self.assertFalse(PendingSearchUpdate.objects.exists())
        self.assertEqual(self.found(), ["Kriisiapu"])

    def test_counts_agree_with_the_database_whatever_is_selected(self):
        housing = ServiceCategoryFactory(slug="housing", name="Asuminen")
        health = ServiceCategoryFactory(slug="health-care", name="Terveys")
        vantaa = MunicipalityFactory(code="092", name="Vantaa")
        turku = MunicipalityFactory(code="853", name="Turku")
        make_service(self.directory, "Asunto", categories=[housing], municipalities=[vantaa])
        make_service(
            self.directory, "Klinikka", categories=[health], municipalities=[turku], walk_in=True
        )
        make_service(
            self.directory,
            "Valtakunnallinen",
            categories=[housing, health],
            municipalities=[turku],
            nationwide=True,
            walk_in=True,
            anonymous=True,
        )
        make_service(self.directory, "Ajanvarauksella", free_of_charge=True)
        for params in (
            {},
            {"category": "housing"},
            {"municipality": "092"},
            {"category": "health-care", "municipality": "853"},
            {"walk_in": "1", "category": "housing"},
            # Ranked by relevance or nearness, the page and the counts are asked for apart.
            {"q": "klinikka"},
            {"q": "valtakunnallinen", "category": "health-care", "walk_in": "1"},
            {"near": "60.17,24.94", "category": "housing"},
        ):
            with self.subTest(**params):
                engine_results = self.search(**params).context["results"]
                with override_settings(WAGTAIL_IKUT={"SEARCH_BACKEND": "default"}):
                    database_results = self.client.get(self.directory.url, params).context[
                        "results"
                    ]
                self.assertEqual(database_results.searched_with, "database")
                self.assertEqual(engine_results.total, database_results.total)
                self.assertEqual(engine_results.facets, database_results.facets)
                self.assertEqual(engine_results.flags, database_results.flags)

    def test_an_index_lost_is_made_again_once_the_engine_is_asked_again(self):
        make_service(self.directory, "Kriisiapu")
        self.assertEqual(self.found(), ["Kriisiapu"])
        alias = alias_name(self.backend, "fi")
        # As a node that came back empty: the engine answers, without the index.
        self.backend.es.indices.delete(index=list(self.backend.es.indices.get_alias(name=alias)))
        with self.assertLogs(client.logger, "WARNING") as logs:
            response = super(EngineMixin, self).search()
        self.assertEqual(response.context["results"].searched_with, "database")
        self.assertEqual(response.context["results"].total, 1)
        self.assertIn("index_not_found", logs.output[0])
        time.sleep(0.05)  # the rest, SEARCH_RETRY_SECONDS, is 0.01 s here
        self.assertEqual(self.found(), [])
        self.assertEqual(engine_index.reconcile(self.backend, "fi"), (1, 0))
        self.assertEqual(self.found(), ["Kriisiapu"])

    def test_an_index_of_an_older_layout_is_not_searched_until_rebuilt(self):
        make_service(self.directory, "Kriisiapu")
        alias = alias_name(self.backend, "fi")
        [current] = self.backend.es.indices.get_alias(name=alias)
        old_body = engine_index.index_body("fi")
        del old_body["mappings"]["_meta"]
        old = f"{alias}_old"
        self.backend.es.indices.create(index=old, body=old_body)
        self.backend.es.indices.update_aliases(
            body={
                "actions": [
                    {"remove": {"index": current, "alias": alias}},
                    {"add": {"index": old, "alias": alias}},
                ]
            }
        )
        client.known_aliases.clear()
        with self.assertLogs(client.logger, "WARNING") as logs:
            response = super(EngineMixin, self).search()
        self.assertEqual(response.context["results"].searched_with, "database")
        self.assertIn("ikut_reindex_services", logs.output[0])
        self.assertEqual(engine_index.rebuild(self.backend, "fi"), 1)
        client.forget_engine(setting="WAGTAIL_IKUT")  # as after the rest
        self.assertEqual(self.found(q="kriisiapu"), ["Kriisiapu"])


class EngineSettingsTests(TestCase):
    def test_a_database_backend_means_the_directory_searches_the_database(self):
        with override_settings(WAGTAIL_IKUT={"SEARCH_BACKEND": "default"}):
            self.assertIsNone(engine())
            directory = make_directory()
            make_service(directory, "Kriisiapu")
            results = self.client.get(directory.url).context["results"]
            self.assertEqual(results.searched_with, "database")
