import datetime
from decimal import Decimal

import time_machine
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.utils import translation

from tests.utils import make_directory, make_service
from wagtail_ikut.services.details import (
    ContactChannel,
    OpeningHours,
    OpeningHoursException,
    ServiceLocation,
)
from wagtail_ikut.services.models import ServicePage

HELSINKI_NOON = datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC)  # Friday


class ServiceRulesTests(TestCase):
    def test_a_free_service_has_no_cost(self):
        with translation.override("en"), self.assertRaises(ValidationError) as raised:
            ServicePage(free_of_charge=True, cost="5 €").clean()
        self.assertIn("cost", raised.exception.message_dict)

    def test_documents_to_bring_are_one_per_line(self):
        page = ServicePage(required_documents="Passi\n\n  Kela-kortti  \n")
        self.assertEqual(page.required_document_list, ["Passi", "Kela-kortti"])

    @override_settings(WAGTAIL_IKUT={"VERIFICATION_MAX_AGE_DAYS": 30})
    def test_verification_is_overdue_after_the_configured_age_or_when_never_done(self):
        today = datetime.date(2026, 11, 23)
        self.assertTrue(ServicePage(last_verified=None).verification_is_overdue(today))
        self.assertTrue(
            ServicePage(last_verified=datetime.date(2026, 10, 23)).verification_is_overdue(today)
        )
        self.assertFalse(
            ServicePage(last_verified=datetime.date(2026, 10, 24)).verification_is_overdue(today)
        )

    def test_a_location_needs_both_coordinates_or_neither(self):
        with self.assertRaises(ValidationError):
            ServiceLocation(latitude=Decimal("60.1")).clean()
        ServiceLocation(latitude=Decimal("60.1"), longitude=Decimal("24.9")).clean()

    def test_opening_and_closing_cannot_be_the_same_time(self):
        with self.assertRaises(ValidationError):
            OpeningHours(weekday=0, opens=datetime.time(9), closes=datetime.time(9)).clean()

    def test_an_exception_ends_after_it_starts_and_has_times_unless_closed(self):
        day = datetime.date(2026, 12, 24)
        with self.assertRaises(ValidationError) as raised:
            OpeningHoursException(
                start_date=day, end_date=day - datetime.timedelta(days=1), kind="closed"
            ).clean()
        self.assertIn("end_date", raised.exception.message_dict)
        with self.assertRaises(ValidationError):
            OpeningHoursException(start_date=day, end_date=day, kind="special_hours").clean()
        with self.assertRaises(ValidationError):
            OpeningHoursException(
                start_date=day, end_date=day, kind="closed", opens=datetime.time(9)
            ).clean()

    def test_a_contact_channel_needs_the_value_of_its_kind_and_no_other(self):
        with self.assertRaises(ValidationError) as raised:
            ContactChannel(kind="phone").clean()
        self.assertIn("phone", raised.exception.message_dict)
        with self.assertRaises(ValidationError) as raised:
            ContactChannel(kind="email", email="apu@example.fi", url="https://example.fi/").clean()
        self.assertIn("url", raised.exception.message_dict)
        self.assertEqual(
            ContactChannel(kind="chat", url="https://example.fi/").value, "https://example.fi/"
        )


class ServicePageTests(TestCase):
    def setUp(self):
        self.directory = make_directory()

    @time_machine.travel(HELSINKI_NOON)
    def test_the_page_shows_what_a_visitor_needs_in_their_language(self):
        service = make_service(
            self.directory,
            "Sosiaalineuvonta",
            walk_in=True,
            free_of_charge=True,
            required_documents="Passi",
            opening_hours=[
                OpeningHours(weekday=day, opens=datetime.time(9), closes=datetime.time(15))
                for day in range(5)
            ],
            contact_channels=[ContactChannel(kind="phone", phone="0295463177")],
        )
        content = self.client.get(service.url).content.decode()
        self.assertIn("Voit tulla ilman ajanvarausta", content)
        self.assertIn('href="tel:+358295463177"', content)
        self.assertIn("Passi", content)
        # Independence Day, Sunday 6.12., is named in the week's hours.
        self.assertIn("Itsenäisyyspäivä", content)
        self.assertIn("data-ikut-quick-exit", content)

    def test_a_confidential_location_tells_to_contact_first(self):
        service = make_service(
            self.directory,
            "Turvakoti",
            locations=[
                ServiceLocation(name="Turvakoti", street_address="Salainen 1", confidential=True)
            ],
        )
        content = self.client.get(service.url).content.decode()
        self.assertNotIn("Salainen 1", content)
        self.assertIn('class="ikut-location"', content)
