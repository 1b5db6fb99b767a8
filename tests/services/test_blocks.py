from django.core.exceptions import ValidationError
from django.test import TestCase

from tests.factories import MunicipalityFactory, ServiceCategoryFactory
from tests.utils import make_directory, make_service
from wagtail_ikut.services.blocks import ServiceFinderBlock, ServiceListBlock
from wagtail_ikut.services.models import ServiceStatus


class ServiceFinderBlockTests(TestCase):
    def test_renders_a_search_form_that_goes_to_the_directory(self):
        directory = make_directory()
        block = ServiceFinderBlock()
        html = block.render(block.to_python({"directory": directory.pk, "heading": "Etsi apua"}))
        self.assertIn(f'action="{directory.url}"', html)
        self.assertIn('name="q"', html)
        self.assertIn("<h2>Etsi apua</h2>", html)


class ServiceListBlockTests(TestCase):
    def setUp(self):
        self.directory = make_directory()
        self.block = ServiceListBlock()

    def value(self, **raw):
        return self.block.to_python(
            {
                "heading": "",
                "services": [],
                "directory": None,
                "category": None,
                "municipality": None,
                "limit": 5,
                **raw,
            }
        )

    def test_needs_either_chosen_services_or_a_directory(self):
        with self.assertRaises(ValidationError):
            self.block.clean(self.value())
        service = make_service(self.directory, "Neuvonta")
        with self.assertRaises(ValidationError):
            self.block.clean(self.value(services=[service.pk], directory=self.directory.pk))
        self.block.clean(self.value(directory=self.directory.pk))

    def test_lists_a_directorys_services_filtered_by_category_and_municipality(self):
        housing = ServiceCategoryFactory(slug="housing")
        vantaa = MunicipalityFactory(code="092")
        make_service(
            self.directory, "Asunto Vantaalla", categories=[housing], municipalities=[vantaa]
        )
        make_service(self.directory, "Asunto muualla", categories=[housing])
        make_service(self.directory, "Puhelin", nationwide=True, categories=[housing])
        make_service(self.directory, "Muu apu", municipalities=[vantaa])
        make_service(self.directory, "Päättynyt", categories=[housing], status=ServiceStatus.ENDED)
        value = self.value(directory=self.directory.pk, category=housing.pk, municipality=vantaa.pk)
        context = self.block.get_context(value)
        self.assertEqual([s.title for s in context["services"]], ["Asunto Vantaalla", "Puhelin"])
        self.assertIn("Asunto Vantaalla", self.block.render(value))

    def test_chosen_services_keep_their_order_and_drop_unpublished_and_ended_ones(self):
        second = make_service(self.directory, "Toinen")
        first = make_service(self.directory, "Ensimmäinen")
        draft = make_service(self.directory, "Luonnos", publish=False)
        ended = make_service(self.directory, "Loppunut", status=ServiceStatus.ENDED)
        value = self.value(services=[second.pk, draft.pk, first.pk, ended.pk])
        self.assertEqual(
            [s.title for s in self.block.get_context(value)["services"]], ["Toinen", "Ensimmäinen"]
        )

    def test_the_limit_caps_the_list(self):
        for number in range(4):
            make_service(self.directory, f"Palvelu {number}")
        value = self.value(directory=self.directory.pk, limit=2)
        self.assertEqual(len(self.block.get_context(value)["services"]), 2)
