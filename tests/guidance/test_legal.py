import datetime

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from tests.factories import LegalReferenceFactory, LocaleFactory
from tests.utils import EnglishAdminTestUtils, make_guidance, step
from wagtail_ikut.guidance.legal import LegalForce, LegalReference

TODAY = datetime.date(2026, 11, 23)


class CitationTests(TestCase):
    def setUp(self):
        self.reference = LegalReferenceFactory(
            statute_number="1386/2010", chapter="4", section="33", subsection="2"
        )

    def test_finnish_citation_runs_the_parts_on_in_finnish_words(self):
        self.assertEqual(
            self.reference.citation_in("fi"),
            "Laki kotoutumisen edistämisestä (1386/2010) 4 luku 33 § 2 momentti",
        )

    def test_swedish_citation_abbreviates_chapter_and_subsection(self):
        self.reference.title = "Lag om främjande av integration"
        self.assertEqual(
            self.reference.citation_in("sv"),
            "Lag om främjande av integration (1386/2010) 4 kap. 33 § 2 mom.",
        )

    def test_english_citation_names_each_part(self):
        self.reference.title = "Act on the Promotion of Immigrant Integration"
        self.assertEqual(
            self.reference.citation_in("en"),
            "Act on the Promotion of Immigrant Integration (1386/2010), "
            "Chapter 4, Section 33, Subsection 2",
        )

    def test_a_whole_statute_is_cited_by_title_and_number_only(self):
        reference = LegalReferenceFactory(statute_number="681/2023")
        self.assertEqual(reference.citation_in("fi"), "Laki kotoutumisen edistämisestä (681/2023)")

    def test_finlex_and_eli_addresses_are_derived_from_the_number_unless_given(self):
        self.assertEqual(
            self.reference.consolidated_url, "https://www.finlex.fi/fi/lainsaadanto/2010/1386"
        )
        self.assertEqual(
            self.reference.original_url,
            "https://www.finlex.fi/fi/lainsaadanto/saadoskokoelma/2010/1386",
        )
        self.assertEqual(self.reference.eli, "http://data.finlex.fi/eli/sd/2010/1386/alkup")
        swedish = LegalReferenceFactory(locale=LocaleFactory(language_code="sv"))
        self.assertIn("/sv/", swedish.consolidated_url)
        self.reference.finlex_consolidated_url = "https://www.finlex.fi/fi/muu/"
        self.assertEqual(self.reference.consolidated_url, "https://www.finlex.fi/fi/muu/")


class LegalForceTests(EnglishAdminTestUtils, TestCase):
    def test_a_reference_is_in_force_between_its_dates_inclusive(self):
        reference = LegalReference(
            in_force_from=datetime.date(2011, 9, 1), in_force_to=datetime.date(2024, 12, 31)
        )
        self.assertEqual(reference.legal_force(datetime.date(2024, 12, 31)), LegalForce.IN_FORCE)
        self.assertEqual(reference.legal_force(datetime.date(2025, 1, 1)), LegalForce.ENDED)
        self.assertEqual(reference.legal_force(datetime.date(2011, 8, 31)), LegalForce.NOT_YET)
        self.assertTrue(LegalReference().is_in_force(TODAY))

    def test_the_admin_listing_flags_and_filters_references_not_in_force(self):
        LegalReferenceFactory(statute_number="681/2023")
        LegalReferenceFactory(statute_number="1386/2010", in_force_to=datetime.date(2024, 12, 31))
        self.login()
        url = reverse("wagtailsnippets_wagtail_ikut_legalreference:list")
        content = self.client.get(url).content.decode()
        self.assertIn("No longer in force", content)
        filtered = self.client.get(url, {"legal_force": "ended"}).content.decode()
        self.assertIn("1386/2010", filtered)
        self.assertNotIn("681/2023", filtered)

    def test_the_edit_form_warns_the_editor_of_a_repealed_provision(self):
        reference = LegalReferenceFactory(in_force_to=datetime.date(2024, 12, 31))
        self.login()
        url = reverse("wagtailsnippets_wagtail_ikut_legalreference:edit", args=[reference.pk])
        self.assertContains(self.client.get(url), "This provision was in force until")


class LegalReferenceValidationTests(TestCase):
    def test_a_malformed_statute_number_gets_a_clear_error(self):
        for number in ("746-2011", "2011/746", "746/11", "0/2011", "746 / 2011"):
            with self.subTest(number=number), translation.override("en"):
                reference = LegalReferenceFactory.build(statute_number=number)
                with self.assertRaises(ValidationError) as raised:
                    reference.full_clean()
                self.assertEqual(
                    raised.exception.message_dict["statute_number"],
                    ["Enter the statute number as number/year, e.g. 746/2011."],
                )

    def test_in_force_until_cannot_be_before_in_force_from(self):
        reference = LegalReference(
            in_force_from=datetime.date(2025, 1, 1), in_force_to=datetime.date(2024, 1, 1)
        )
        with self.assertRaises(ValidationError) as raised:
            reference.clean()
        self.assertIn("in_force_to", raised.exception.message_dict)


class ProtectionTests(EnglishAdminTestUtils, TestCase):
    def setUp(self):
        self.reference = LegalReferenceFactory()
        self.page = make_guidance(steps=[step(legal_references=[self.reference])])

    def test_a_reference_cited_by_guidance_cannot_be_deleted(self):
        with self.assertRaises(ProtectedError):
            self.reference.delete()

    def test_the_admin_refuses_to_delete_a_cited_reference_and_says_where_it_is_used(self):
        self.login()
        url = reverse(
            "wagtailsnippets_wagtail_ikut_legalreference:delete", args=[self.reference.pk]
        )
        response = self.client.get(url)
        self.assertContains(response, "This legal reference is referenced")
        self.client.post(url)
        self.assertTrue(LegalReference.objects.filter(pk=self.reference.pk).exists())

    def test_a_reference_no_longer_cited_can_be_deleted(self):
        self.page.steps = [step()]
        self.page.save_revision().publish()
        self.reference.delete()
        self.assertFalse(LegalReference.objects.exists())
