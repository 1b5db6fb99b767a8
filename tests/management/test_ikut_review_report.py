import datetime
import json
from io import StringIO

import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from tests.factories import MunicipalityFactory
from tests.utils import EnglishAdminTestUtils, make_directory, make_guidance, make_service

TODAY = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)


def report(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("ikut_review_report", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@time_machine.travel(TODAY)
@override_settings(WAGTAIL_IKUT={"VERIFICATION_MAX_AGE_DAYS": 180})
class ReviewReportTests(EnglishAdminTestUtils, TestCase):
    def setUp(self):
        vantaa = MunicipalityFactory(code="092", name="Vantaa")
        make_guidance(
            title="Valtion korvaus",
            owner_role="Vantaan koordinaattori",
            municipality=vantaa,
            next_review=datetime.date(2026, 11, 1),
        )
        make_guidance(title="Ajan tasalla", next_review=datetime.date(2026, 11, 23))
        directory = make_directory()
        make_service(
            directory,
            "Vanha neuvonta",
            verified_by="Vantaan koordinaattori",
            municipalities=[vantaa],
            last_verified=datetime.date(2026, 5, 1),
        )
        make_service(directory, "Tarkistamaton", verified_by="Järjestö")
        make_service(directory, "Tuore", last_verified=datetime.date(2026, 11, 1))
        make_service(directory, "Luonnos", publish=False)

    def test_prints_overdue_guidance_and_services_grouped_by_owner(self):
        text = report()
        self.assertIn("Overdue for review on 2026-11-23: 3.", text)
        owner_section = text.split("Vantaan koordinaattori")[1]
        self.assertIn("Vanha neuvonta (service, fi; Vantaa): due 2026-10-28", owner_section)
        self.assertIn("Valtion korvaus (guidance page, fi; Vantaa): due 2026-11-01", owner_section)
        self.assertIn("Tarkistamaton (service, fi; –): never checked", text)
        for title in ("Ajan tasalla", "Tuore", "Luonnos"):
            self.assertNotIn(title, text)

    def test_json_output_and_the_municipality_filter(self):
        data = json.loads(report("--format", "json", "--municipality", "092"))
        self.assertEqual(data["date"], "2026-11-23")
        [group] = data["owners"]
        self.assertEqual(group["owner"], "Vantaan koordinaattori")
        self.assertEqual(
            [(item["kind"], item["title"], item["due_on"]) for item in group["overdue"]],
            [
                ("servicepage", "Vanha neuvonta", "2026-10-28"),
                ("guidancepage", "Valtion korvaus", "2026-11-01"),
            ],
        )
        self.assertTrue(group["overdue"][0]["edit_url"].endswith("/edit/"))

    @override_settings(WAGTAIL_IKUT={"REVIEW_REMINDER_RECIPIENTS": ["ohjeet@example.fi"]})
    def test_email_sends_the_report_to_the_configured_recipients(self):
        report("--email")
        [message] = mail.outbox
        self.assertEqual(message.to, ["ohjeet@example.fi"])
        self.assertIn("Content overdue for review: 3", message.subject)
        self.assertIn("Valtion korvaus", message.body)

    def test_email_without_recipients_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "REVIEW_REMINDER_RECIPIENTS"):
            report("--email")
        self.assertEqual(mail.outbox, [])

    def test_the_admin_report_and_dashboard_list_the_overdue_content(self):
        self.login()
        content = self.client.get(reverse("wagtail_ikut_review_report")).content.decode()
        for title in ("Valtion korvaus", "Vanha neuvonta", "Tarkistamaton"):
            self.assertIn(title, content)
        self.assertNotIn("Ajan tasalla", content)
        dashboard = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("3 guidance pages and service listings are overdue for review.", dashboard)
        self.assertIn(reverse("wagtail_ikut_review_report"), dashboard)

    def test_the_guidance_editor_warns_of_an_overdue_review(self):
        self.login()
        from wagtail_ikut.guidance.models import GuidancePage

        page = GuidancePage.objects.get(title="Valtion korvaus")
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(response, "This guidance was due for review on")


class NothingOverdueTests(TestCase):
    def test_says_so(self):
        self.assertIn("Nothing is overdue for review", report())
