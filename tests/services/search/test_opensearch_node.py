"""A snippet indexed through modelsearch's OpenSearch backend on a real node is found again.

scripts/run-tests starts the node (tests/support/opensearch_node.py) and sets
IKUT_OPENSEARCH_URL; it stops with an error before pytest runs if the node cannot start.
"""

import os
import uuid

import pytest
from django.test import TestCase
from wagtail.search.backends import get_search_backend

from tests.factories import LocaleFactory, MunicipalityFactory
from tests.support.opensearch_node import MODELSEARCH_BACKEND
from wagtail_ikut.core.taxonomy import Municipality

OPENSEARCH_URL = os.environ.get("IKUT_OPENSEARCH_URL")

pytestmark = [
    pytest.mark.opensearch,
    pytest.mark.skipif(
        not OPENSEARCH_URL, reason="IKUT_OPENSEARCH_URL is unset: run scripts/run-tests"
    ),
]


class OpenSearchNodeTests(TestCase):
    def setUp(self):
        self.backend = get_search_backend(
            MODELSEARCH_BACKEND, URLS=[OPENSEARCH_URL], INDEX_PREFIX=f"ikut-{uuid.uuid4().hex}-"
        )
        self.search_index = self.backend.get_index_for_model(Municipality)
        self.search_index.reset()
        self.search_index.add_model(Municipality)
        self.addCleanup(self.backend.es.indices.delete, index=self.search_index.name)

    def index(self, *objects):
        for obj in objects:
            self.backend.add(obj)
        self.search_index.refresh()

    def test_an_indexed_municipality_is_found_by_name(self):
        helsinki = MunicipalityFactory(name="Helsinki", code="091")
        self.index(helsinki, MunicipalityFactory(name="Espoo", code="049"))
        results = self.backend.search("Helsinki", Municipality)
        self.assertEqual(list(results), [helsinki])

    def test_a_search_filtered_by_locale_finds_only_that_language(self):
        helsinki = MunicipalityFactory(name="Helsinki", code="091")
        helsingfors = helsinki.copy_for_translation(LocaleFactory(language_code="sv"))
        helsingfors.name = "Helsingfors"
        helsingfors.save()
        self.index(helsinki, helsingfors)
        finnish = Municipality.objects.filter(locale=helsinki.locale)
        swedish = Municipality.objects.filter(locale=helsingfors.locale)
        self.assertEqual(list(self.backend.search("Helsingfors", swedish)), [helsingfors])
        self.assertEqual(list(self.backend.search("Helsingfors", finnish)), [])

    def test_autocomplete_finds_a_name_from_its_first_letters(self):
        tampere = MunicipalityFactory(name="Tampere", code="837")
        self.index(tampere)
        self.assertEqual(list(self.backend.autocomplete("Tamp", Municipality)), [tampere])
