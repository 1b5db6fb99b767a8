"""The services search through the API on a real OpenSearch node: the engine answers.

scripts/run-tests starts the node and sets IKUT_OPENSEARCH_URL, as for tests/search/test_engine.py.
"""

import uuid

from django.test import override_settings

from tests.api.test_services import ApiTestCase, shelter_location
from tests.factories import ServiceCategoryFactory
from tests.search.test_engine import engine_settings, opensearch_url
from tests.utils import make_service
from wagtail_ikut.search.engine.client import engine


class EngineSearchTests(ApiTestCase):
    def setUp(self):
        self.prefix = f"ikut-api-{uuid.uuid4().hex[:12]}-"
        settings = override_settings(**engine_settings(opensearch_url(), self.prefix))
        settings.enable()
        self.addCleanup(settings.disable)
        self.backend = engine()
        self.addCleanup(self.delete_indexes)
        super().setUp()

    def delete_indexes(self):
        for index in self.backend.es.indices.get(index=f"{self.prefix}*"):
            self.backend.es.indices.delete(index=index)

    def search(self, **params):
        self.backend.es.indices.refresh(index=f"{self.prefix}*")
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
