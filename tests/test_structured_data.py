"""schema.org JSON-LD on service pages, parsed back as a crawler would."""

import datetime
import json
import re
from decimal import Decimal

import time_machine
from django.test import TestCase

from tests.factories import (
    LanguageFactory,
    LegalReferenceFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from tests.utils import (
    course_instance,
    make_course,
    make_course_index,
    make_directory,
    make_guidance,
    make_service,
    step,
)
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.courses.details import CourseStatus
from wagtail_ikut.services.details import ContactChannel, OpeningHours, ServiceLocation


def json_ld(response):
    [data] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(data)


class ServiceJsonLdTests(TestCase):
    def setUp(self):
        self.directory = make_directory()

    def test_a_municipal_service_is_a_government_service_with_its_details(self):
        vantaa = MunicipalityFactory(code="092", name="Vantaa")
        service = make_service(
            self.directory,
            "Sosiaalineuvonta",
            provider=OrganisationFactory(
                name="Vantaan kaupunki",
                kind=Organisation.Kind.MUNICIPALITY,
                website="https://www.vantaa.fi/",
            ),
            municipalities=[vantaa],
            languages=[LanguageFactory(code="ru", name="venäjä")],
            free_of_charge=True,
            opening_hours=[
                OpeningHours(weekday=0, opens=datetime.time(9), closes=datetime.time(15))
            ],
            locations=[
                ServiceLocation(
                    street_address="Asematie 10",
                    postcode="01300",
                    municipality=vantaa,
                    latitude=Decimal("60.2925"),
                    longitude=Decimal("25.0440"),
                )
            ],
            contact_channels=[ContactChannel(kind="phone", phone="+358931011611")],
        )
        data = json_ld(self.client.get(service.url))
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["@type"], "GovernmentService")
        self.assertEqual(data["name"], "Sosiaalineuvonta")
        self.assertEqual(
            data["provider"],
            {"@type": "Organization", "name": "Vantaan kaupunki", "url": "https://www.vantaa.fi/"},
        )
        self.assertEqual(data["areaServed"], [{"@type": "City", "name": "Vantaa"}])
        self.assertEqual(
            data["availableLanguage"],
            [{"@type": "Language", "name": "venäjä", "alternateName": "ru"}],
        )
        self.assertEqual(
            data["hoursAvailable"],
            [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": "Monday",
                    "opens": "09:00",
                    "closes": "15:00",
                }
            ],
        )
        self.assertTrue(data["isAccessibleForFree"])
        place, phone = data["availableChannel"]
        self.assertEqual(place["servicePlace"]["address"]["postalCode"], "01300")
        self.assertEqual(place["servicePlace"]["geo"]["latitude"], 60.2925)
        self.assertEqual(phone["servicePhone"]["telephone"], "+358931011611")

    def test_a_nationwide_ngo_service_serves_finland(self):
        service = make_service(self.directory, "Auttava puhelin", nationwide=True, open_24_7=True)
        data = json_ld(self.client.get(service.url))
        self.assertEqual(data["@type"], "Service")
        self.assertEqual(data["areaServed"], {"@type": "Country", "name": "Finland"})
        self.assertEqual(len(data["hoursAvailable"][0]["dayOfWeek"]), 7)

    def test_markup_in_the_text_cannot_break_out_of_the_script(self):
        service = make_service(self.directory, "Apua</script><script>alert(1)</script>")
        response = self.client.get(service.url)
        self.assertEqual(json_ld(response)["name"], "Apua</script><script>alert(1)</script>")
        self.assertNotIn("<script>alert(1)", response.content.decode())


class GuidanceJsonLdTests(TestCase):
    @time_machine.travel(datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC))
    def test_a_guidance_page_is_a_how_to_with_its_steps_and_legislation(self):
        in_force = LegalReferenceFactory(statute_number="681/2023", section="5")
        repealed = LegalReferenceFactory(in_force_to=datetime.date(2024, 12, 31))
        page = make_guidance(
            title="Valtion korvaus",
            steps=[
                step("Kirjaa kustannukset", legal_references=[in_force]),
                step(
                    "Hae korvausta",
                    documents=[{"name": "Hakemus", "url": "https://example.fi/lomake"}],
                    legal_references=[repealed],
                ),
                step("Tuleva", valid_from=datetime.date(2027, 1, 1)),
            ],
        )
        data = json_ld(self.client.get(page.url))
        self.assertEqual(data["@type"], "HowTo")
        self.assertEqual(data["name"], "Valtion korvaus")
        self.assertEqual(data["inLanguage"], "fi")
        self.assertEqual(
            [(s["@type"], s["position"], s["name"]) for s in data["step"]],
            [("HowToStep", 1, "Kirjaa kustannukset"), ("HowToStep", 2, "Hae korvausta")],
        )
        self.assertEqual(data["step"][1]["text"], "Hae korvausta: tee näin.")
        self.assertEqual(
            data["supply"],
            [{"@type": "HowToSupply", "name": "Hakemus", "url": "https://example.fi/lomake"}],
        )
        first, second = data["citation"]
        self.assertEqual(first["@type"], "Legislation")
        self.assertEqual(first["legislationIdentifier"], "681/2023")
        self.assertEqual(first["legislationDate"], "2023")
        self.assertEqual(first["legislationLegalForce"], "https://schema.org/InForce")
        self.assertEqual(first["name"], "Laki kotoutumisen edistämisestä (681/2023) 5 §")
        self.assertEqual(first["sameAs"], "http://data.finlex.fi/eli/sd/2023/681/alkup")
        self.assertEqual(first["url"], "https://www.finlex.fi/fi/lainsaadanto/2023/681")
        self.assertEqual(second["legislationLegalForce"], "https://schema.org/NotInForce")


@time_machine.travel(datetime.datetime(2027, 3, 1, 8, tzinfo=datetime.UTC))
class CourseJsonLdTests(TestCase):
    def test_a_course_is_a_schema_org_course_with_its_instances(self):
        monday = datetime.date(2027, 3, 1)
        helsinki = MunicipalityFactory(code="091", name="Helsinki")
        course = make_course(
            make_course_index(),
            "Työelämäkurssi",
            organiser=OrganisationFactory(
                name="Auttamisjärjestelmä", website="https://www.ihmiskauppa.fi/"
            ),
            funder_name="Euroopan sosiaalirahasto plus (ESR+)",
            funding_programme="Uudistuva ja osaava Suomi 2021–2027",
            hours_per_week_min=12,
            hours_per_week_max=15,
            languages=[LanguageFactory(code="fi", name="suomi")],
            instances=[
                course_instance(
                    monday + datetime.timedelta(days=14),
                    seats=6,
                    seats_left=2,
                    street_address="Toinen linja 4",
                    postcode="00530",
                    municipality=helsinki,
                ),
                course_instance(
                    monday + datetime.timedelta(days=70),
                    street_address="Salainen 1",
                    confidential=True,
                    status=CourseStatus.CANCELLED,
                ),
                course_instance(monday - datetime.timedelta(days=100)),
            ],
        )
        data = json_ld(self.client.get(course.url))
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["@type"], "Course")
        self.assertEqual(data["name"], "Työelämäkurssi")
        self.assertEqual(data["inLanguage"], ["fi"])
        self.assertEqual(
            data["provider"],
            {
                "@type": "Organization",
                "name": "Auttamisjärjestelmä",
                "url": "https://www.ihmiskauppa.fi/",
            },
        )
        self.assertEqual(
            data["funder"],
            {"@type": "Organization", "name": "Euroopan sosiaalirahasto plus (ESR+)"},
        )
        self.assertEqual(data["funding"]["name"], "Uudistuva ja osaava Suomi 2021–2027")
        # The past instance has dropped out.
        first, cancelled = data["hasCourseInstance"]
        self.assertEqual(first["@type"], "CourseInstance")
        self.assertEqual(first["courseMode"], "onsite")
        self.assertEqual(first["courseWorkload"], "PT12H/PT15H")
        self.assertEqual(first["inLanguage"], ["fi"])
        self.assertEqual(first["maximumAttendeeCapacity"], 6)
        self.assertEqual(first["remainingAttendeeCapacity"], 2)
        self.assertEqual(first["startDate"], "2027-03-15")
        self.assertEqual(
            first["courseSchedule"],
            {
                "@type": "Schedule",
                "repeatFrequency": "P1W",
                "byDay": [
                    "https://schema.org/Monday",
                    "https://schema.org/Tuesday",
                    "https://schema.org/Wednesday",
                    "https://schema.org/Thursday",
                ],
                "startDate": "2027-03-15",
                "endDate": "2027-05-21",
                "startTime": "09:00",
                "endTime": "12:00",
                "scheduleTimezone": "Europe/Helsinki",
            },
        )
        offer = first["offers"]
        self.assertEqual((offer["price"], offer["priceCurrency"]), (0, "EUR"))
        self.assertEqual(offer["availability"], "https://schema.org/InStock")
        self.assertEqual(first["location"]["address"]["postalCode"], "00530")
        self.assertEqual(first["organizer"]["name"], "Auttamisjärjestelmä")
        self.assertEqual(cancelled["eventStatus"], "https://schema.org/EventCancelled")
        self.assertNotIn("location", cancelled)
        self.assertNotIn("Salainen", json.dumps(data))
