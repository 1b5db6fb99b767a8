import datetime

import time_machine
from django.test import TestCase
from django.urls import reverse

from tests.factories import (
    CourseThemeFactory,
    LanguageFactory,
    LocaleFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceCategoryFactory,
    TargetGroupFactory,
)
from tests.utils import EnglishAdminTestUtils, make_directory, make_service
from wagtail_ikut.models import Organisation, ServiceStatus


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


class ServiceListingTests(EnglishAdminTestUtils, TestCase):
    def setUp(self):
        self.login()
        self.directory = make_directory()

    def test_services_can_be_filtered_by_status_and_last_verified(self):
        make_service(self.directory, "Tarkistettu", last_verified=datetime.date(2026, 10, 1))
        make_service(self.directory, "Vanha", last_verified=datetime.date(2024, 1, 1))
        make_service(self.directory, "Suljettu", status=ServiceStatus.TEMPORARILY_CLOSED)
        url = reverse("wagtail_ikut_services:index")
        response = self.client.get(url, {"last_verified_to": "2025-01-01"})
        self.assertContains(response, "Vanha")
        self.assertNotContains(response, "Tarkistettu")
        response = self.client.get(url, {"status": "temporarily_closed"})
        self.assertContains(response, "Suljettu")
        self.assertNotContains(response, "Vanha")
        self.assertIn(url, self.client.get(reverse("wagtailadmin_home")).content.decode())


class ServiceEditorTests(EnglishAdminTestUtils, TestCase):
    def setUp(self):
        self.login()
        self.directory = make_directory()

    @time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC))
    def test_the_editor_is_warned_when_the_details_are_overdue_for_checking(self):
        old = make_service(self.directory, "Vanha", last_verified=datetime.date(2025, 1, 1))
        fresh = make_service(self.directory, "Tuore", last_verified=datetime.date(2026, 11, 1))
        warning = "These details were last checked on"
        self.assertContains(
            self.client.get(reverse("wagtailadmin_pages:edit", args=[old.pk])), warning
        )
        self.assertNotContains(
            self.client.get(reverse("wagtailadmin_pages:edit", args=[fresh.pk])), warning
        )

    def test_the_form_offers_only_terms_in_the_pages_language(self):
        ServiceCategoryFactory(name="Asuminen")
        ServiceCategoryFactory(name="Boende", locale=LocaleFactory(language_code="sv"))
        url = reverse(
            "wagtailadmin_pages:add", args=["wagtail_ikut", "servicepage", self.directory.pk]
        )
        response = self.client.get(url)
        self.assertContains(response, "Asuminen")
        self.assertNotContains(response, "Boende")
