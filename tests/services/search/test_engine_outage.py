"""The directory when its search engine stops mid-run: the database answers, nothing fails, and
the engine catches up once it is back.

The test starts a node of its own (tests/support/opensearch_node.py, in the directory that
scripts/run-tests names in IKUT_OPENSEARCH_OUTAGE_DIR), since it stops it on purpose.
"""

import io
import os
import uuid

import pytest
from django.core.management import call_command
from django.test import TestCase, override_settings

from tests.services.search.test_engine import engine_settings
from tests.support import opensearch_node
from tests.utils import make_directory, make_service
from wagtail_ikut.services.search.engine.client import engine
from wagtail_ikut.services.search.models import PendingSearchUpdate

LOGGER = "wagtail_ikut.services.search.engine.client"

# Left out of the quick suite: they need the node scripts/run-tests starts.
pytestmark = pytest.mark.opensearch


class EngineOutageTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.node_dir = os.environ.get("IKUT_OPENSEARCH_OUTAGE_DIR")
        if not cls.node_dir:
            raise AssertionError("IKUT_OPENSEARCH_OUTAGE_DIR is unset: run scripts/run-tests")
        cls.addClassCleanup(opensearch_node.stop, cls.node_dir)
        cls.url = opensearch_node.start(cls.node_dir)

    def setUp(self):
        prefix = f"ikut-outage-{uuid.uuid4().hex[:12]}-"
        settings = override_settings(**engine_settings(self.url, prefix))
        settings.enable()
        self.addCleanup(settings.disable)
        self.directory = make_directory()
        self.statuses = []

    def get(self, path, params=None):
        response = self.client.get(path, params or {})
        self.statuses.append(response.status_code)
        return response

    def searched(self, refresh=False, **params):
        if refresh:
            engine().es.indices.refresh()
        results = self.get(self.directory.url, params).context["results"]
        return results.searched_with, [service.title for service in results.page.object_list]

    def test_search_answers_from_the_database_while_the_node_is_down_and_catches_up(self):
        make_service(self.directory, "Kriisiapu", walk_in=True)
        leaving = make_service(self.directory, "Lopettava palvelu")
        self.assertEqual(
            self.searched(refresh=True), ("engine", ["Kriisiapu", "Lopettava palvelu"])
        )

        opensearch_node.stop(self.node_dir)
        with self.assertLogs(LOGGER, "WARNING"):
            self.assertEqual(self.searched(q="kriisiapu"), ("database", ["Kriisiapu"]))
        for params in ({}, {"walk_in": "1", "open_now": "1"}, {"near": "00100"}, {"page": "9"}):
            self.get(self.directory.url, params)
        suggestions = self.get(self.directory.url + "suggest/", {"q": "krii"}).json()
        self.assertEqual([s["title"] for s in suggestions["suggestions"]], ["Kriisiapu"])
        # Editors keep publishing; what the engine misses is queued, not lost.
        make_service(self.directory, "Uusi palvelu")
        leaving.unpublish()
        self.assertEqual(PendingSearchUpdate.objects.count(), 2)
        self.assertEqual(self.searched(), ("database", ["Kriisiapu", "Uusi palvelu"]))

        opensearch_node.start(self.node_dir)  # an empty node, as after losing its data
        call_command("ikut_reindex_services", "--reconcile", stdout=io.StringIO())
        self.assertFalse(PendingSearchUpdate.objects.exists())
        self.assertEqual(self.searched(refresh=True), ("engine", ["Kriisiapu", "Uusi palvelu"]))
        self.assertEqual(set(self.statuses), {200})
