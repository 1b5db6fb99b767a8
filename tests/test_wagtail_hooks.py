from django.test import TestCase
from django.urls import reverse

from tests.factories import (
    CourseThemeFactory,
    LanguageFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceCategoryFactory,
    TargetGroupFactory,
)
from tests.utils import EnglishAdminTestUtils
from wagtail_ikut.models import Organisation


class SnippetAdminTests(EnglishAdminTestUtils, TestCase):
    def setUp(self):
        self.login()

    def test_every_shared_snippet_has_a_listing_under_one_menu(self):
        for factory in (
            OrganisationFactory,
            MunicipalityFactory,
            LanguageFactory,
            ServiceCategoryFactory,
            TargetGroupFactory,
            CourseThemeFactory,
        ):
            obj = factory()
            with self.subTest(model=type(obj).__name__):
                url = reverse(f"wagtailsnippets_wagtail_ikut_{obj._meta.model_name}:list")
                self.assertContains(self.client.get(url), str(obj))
        menu = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("Help for victims", menu)

    def test_an_editor_creates_an_organisation_with_a_phone_number_as_typed(self):
        url = reverse("wagtailsnippets_wagtail_ikut_organisation:add")
        response = self.client.post(
            url,
            {"name": "Pro-tukipiste", "kind": "ngo", "phone": "09 310 1611", "locale": "fi"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Organisation.objects.get(name="Pro-tukipiste").phone, "+35893101611")

    def test_a_wrong_phone_number_is_shown_to_the_editor_and_nothing_is_saved(self):
        url = reverse("wagtailsnippets_wagtail_ikut_organisation:add")
        response = self.client.post(url, {"name": "Pro-tukipiste", "kind": "ngo", "phone": "123"})
        self.assertContains(response, "“123” is not a valid phone number.")
        self.assertFalse(Organisation.objects.exists())

    def test_organisations_can_be_filtered_by_kind(self):
        OrganisationFactory(name="Vantaan kaupunki", kind=Organisation.Kind.MUNICIPALITY)
        OrganisationFactory(name="Pro-tukipiste", kind=Organisation.Kind.NGO)
        url = reverse("wagtailsnippets_wagtail_ikut_organisation:list")
        response = self.client.get(url, {"kind": "municipality"})
        self.assertContains(response, "Vantaan kaupunki")
        self.assertNotContains(response, "Pro-tukipiste")
