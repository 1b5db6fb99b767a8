import datetime

import time_machine
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase

from tests.factories import LegalReferenceFactory
from tests.utils import make_directory, make_guidance, make_service, site_root, step
from wagtail_ikut.guidance.models import GuidanceIndexPage, GuidancePage

TODAY = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)


class GuidanceRulesTests(TestCase):
    def test_the_next_review_cannot_be_before_the_last_review(self):
        page = GuidancePage(
            last_reviewed=datetime.date(2026, 10, 1), next_review=datetime.date(2026, 9, 1)
        )
        with translation.override("en"):
            with self.assertRaises(ValidationError) as raised:
                page.clean()
            self.assertEqual(
                raised.exception.message_dict["next_review"],
                ["The next review cannot be before the last review."],
            )

    def test_an_unknown_audience_is_rejected(self):
        page = GuidancePage(audience=["social_worker", "police"])
        with self.assertRaises(ValidationError) as raised:
            page.full_clean(exclude=["path", "depth", "title", "slug", "summary", "steps"])
        self.assertIn("audience", raised.exception.message_dict)

    def test_saving_keeps_the_cited_references_in_step_with_the_steps(self):
        first, second = LegalReferenceFactory(), LegalReferenceFactory(statute_number="681/2023")
        page = make_guidance(
            steps=[step(legal_references=[first]), step(legal_references=[second, first])]
        )
        self.assertEqual(
            [link.reference for link in page.legal_reference_links.all()], [first, second]
        )
        page.steps = [step(legal_references=[second])]
        page.save_revision().publish()
        page.refresh_from_db()
        self.assertEqual([link.reference for link in page.legal_reference_links.all()], [second])


class GuidancePageTests(WagtailPageTestCase):
    def test_guidance_lives_under_a_guidance_index(self):
        self.assertCanCreateAt(GuidanceIndexPage, GuidancePage)
        self.assertCanNotCreateAt(type(site_root().specific), GuidancePage)

    @time_machine.travel(TODAY)
    def test_the_page_shows_the_steps_in_force_today_and_announces_the_upcoming_one(self):
        page = make_guidance(
            steps=[
                step("Hae korvausta ELY-keskukselta", valid_until=datetime.date(2026, 12, 31)),
                step("Hae korvausta uudelta virastolta", valid_from=datetime.date(2027, 1, 1)),
                step("Vanha tapa", valid_until=datetime.date(2025, 12, 31)),
            ]
        )
        content = self.client.get(page.url).content.decode()
        current, upcoming = content.split('class="ikut-upcoming"')
        self.assertIn("Hae korvausta ELY-keskukselta", current)
        self.assertNotIn("Hae korvausta uudelta virastolta", current)
        self.assertIn("1.1.2027 alkaen", upcoming)
        self.assertIn("Hae korvausta uudelta virastolta", upcoming)
        self.assertNotIn("Vanha tapa", content)

    @time_machine.travel(TODAY)
    def test_a_step_shows_its_requirement_documents_services_and_citations(self):
        service = make_service(make_directory(), "Auttamisjärjestelmä")
        repealed = LegalReferenceFactory(in_force_to=datetime.date(2024, 12, 31), chapter="4")
        page = make_guidance(
            steps=[
                step(
                    "Majoitus",
                    requirement="one_of",
                    group="A",
                    documents=[{"name": "Asiakkaan suostumus", "url": ""}],
                    services=[service],
                    legal_references=[repealed],
                )
            ]
        )
        content = self.client.get(page.url).content.decode()
        self.assertIn("Yksi vaihtoehdoista ”A”", content)
        self.assertIn("Asiakkaan suostumus", content)
        self.assertIn(f'href="{service.url}"', content)
        self.assertIn("Laki kotoutumisen edistämisestä (1386/2010) 4 luku", content)
        self.assertIn("Ei enää voimassa: oli voimassa 31.12.2024 asti.", content)
        self.assertIn("data-ikut-quick-exit", content)

    @time_machine.travel(TODAY)
    def test_an_overdue_review_is_told_to_readers(self):
        page = make_guidance(next_review=datetime.date(2026, 11, 1))
        self.assertContains(self.client.get(page.url), "Tarkistus on myöhässä")

    def test_the_index_lists_its_live_guidance(self):
        page = make_guidance(title="Valtion korvaus")
        make_guidance(page.get_parent(), title="Luonnos", publish=False)
        content = self.client.get(page.get_parent().url).content.decode()
        self.assertIn("Valtion korvaus", content)
        self.assertNotIn("Luonnos", content)
