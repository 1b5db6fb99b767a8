from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from tests.factories import LocaleFactory, OrganisationFactory
from wagtail_ikut.core.organisations import Organisation


class OrganisationTests(TestCase):
    def test_the_phone_number_is_stored_in_e164_form(self):
        organisation = OrganisationFactory.build(phone="0295 463 177", locale=LocaleFactory())
        organisation.full_clean()
        self.assertEqual(organisation.phone, "+358295463177")

    def test_a_local_network_belongs_to_its_city(self):
        city = OrganisationFactory(name="Vantaan kaupunki", kind=Organisation.Kind.MUNICIPALITY)
        network = OrganisationFactory(kind=Organisation.Kind.LOCAL_NETWORK, parent=city)
        self.assertEqual(list(city.children.all()), [network])

    def test_an_organisation_cannot_be_its_own_ancestor(self):
        city = OrganisationFactory()
        network = OrganisationFactory(parent=city)
        city.parent = network
        with self.assertRaises(ValidationError) as raised:
            city.full_clean()
        self.assertIn("parent", raised.exception.message_dict)

    def test_the_parent_is_in_the_same_language(self):
        finnish_city = OrganisationFactory()
        swedish_network = OrganisationFactory.build(
            parent=finnish_city, locale=LocaleFactory(language_code="sv")
        )
        with translation.override("en"):
            with self.assertRaises(ValidationError) as raised:
                swedish_network.full_clean()
            self.assertEqual(
                raised.exception.message_dict["parent"],
                ["Choose the parent organisation in the same language."],
            )

    def test_deleting_a_parent_keeps_its_children(self):
        city = OrganisationFactory()
        network = OrganisationFactory(parent=city)
        city.delete()
        network.refresh_from_db()
        self.assertIsNone(network.parent)
