"""The services search through the API on a real OpenSearch node: the engine answers.

scripts/run-tests starts the node and sets IKUT_OPENSEARCH_URL, as for
tests/services/search/test_engine.py.
"""

import pytest

from tests.factories import ServiceCategoryFactory
from tests.services.search.test_engine import EngineIndexMixin
from tests.services.test_api import ApiTestCase, shelter_location
from tests.utils import make_service

# Left out of the quick suite: they need the node scripts/run-tests starts.
pytestmark = pytest.mark.opensearch


class EngineSearchTests(EngineIndexMixin, ApiTestCase):
    def search(self, **params):
        self.refresh()
        found = super().search(**params)
        self.assertEqual(found["searched_with"], "engine")
        return found

    def test_the_engine_answers_with_facets_flags_and_typos_forgiven(self):
        housing = ServiceCategoryFactory(slug="housing", name="Asuminen")
        make_service(self.directory, "Kriisikeskus", walk_in=True, categories=[housing])
        make_service(self.directory, "Oikeusneuvonta")
        make_service(self.directory, "Turvakoti", locations=[shelter_location()])
        found = self.search(q="kriisikesksu")
        self.assertEqual([item["title"] for item in found["items"]], ["Kriisikeskus"])
        found = self.search(category="housing", walk_in="1")
        self.assertEqual(found["total"], 1)
        facets = {facet["name"]: facet["values"] for facet in found["facets"]}
        self.assertEqual([(v["value"], v["count"]) for v in facets["category"]], [("housing", 1)])
        response = self.client.get("/api/v3/services/", {"directory": self.directory.pk})
        self.assertNotIn("Salainen", response.content.decode())
        self.assertEqual(self.search(q="Salainen kuja")["total"], 0)
