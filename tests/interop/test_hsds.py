"""Our services as Open Referral HSDS 3.0 objects: valid, complete, and never revealing."""

import datetime
import json
from decimal import Decimal

from django.test import TestCase
from django.utils import translation

from tests.factories import (
    LanguageFactory,
    LocaleFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceCategoryFactory,
    TargetGroupFactory,
)
from tests.interop.schema import errors
from tests.utils import make_directory, make_service
from wagtail_ikut.interop import hsds
from wagtail_ikut.services.details import (
    ContactChannel,
    OpeningHours,
    OpeningHoursException,
    ServiceLocation,
)
from wagtail_ikut.services.models import LOW_THRESHOLD_FLAGS

SECRET_STREET = "Salainen kuja 7"
SECRET_POSTCODE = "00990"


def shelter():
    return ServiceLocation(
        name="Turvakoti",
        street_address=SECRET_STREET,
        postcode=SECRET_POSTCODE,
        latitude=Decimal("60.123456"),
        longitude=Decimal("24.654321"),
        accessibility="Hissi Salaisen kujan puolella",
        directions="Sisäpihan ovi",
        confidential=True,
    )


def full_service(directory, **fields):
    """Add a service with every part the mapping reads."""
    helsinki = MunicipalityFactory(name="Helsinki", code="091", locale=directory.locale)
    city = OrganisationFactory(name="Helsingin kaupunki", kind="municipality")
    provider = OrganisationFactory(
        name="Pakolaisneuvonta",
        description="Oikeudellista neuvontaa.",
        website="https://pakolaisneuvonta.fi",
        email="info@pakolaisneuvonta.fi",
        phone="+358 9 2313 9300",
        parent=city,
    )
    fields = {
        "provider": provider,
        "description": "<p>Neuvontaa <b>maksutta</b>.</p>",
        "eligibility": "<p>Kaikille ihmiskaupan uhreille.</p>",
        "how_to_get_help": "<p>Soita tai tule paikalle.</p>",
        "required_documents": "Henkilöllisyystodistus, jos on\nOleskelulupa, jos on",
        "language_note": "Muut kielet tulkin avulla",
        "last_verified": datetime.date(2026, 11, 1),
        "walk_in": True,
        "anonymous": True,
        "free_of_charge": True,
        "categories": [ServiceCategoryFactory(slug="legal-advice", name="Oikeudellinen neuvonta")],
        "target_groups": [TargetGroupFactory(slug="victims", name="Ihmiskaupan uhrit")],
        "municipalities": [helsinki],
        "languages": [LanguageFactory(code="fi", name="suomi"), LanguageFactory(code="ru")],
        "locations": [
            ServiceLocation(
                name="Toimisto",
                street_address="Kaisaniemenkatu 4",
                postcode="00100",
                municipality=helsinki,
                latitude=Decimal("60.171000"),
                longitude=Decimal("24.944000"),
                accessibility="Esteetön sisäänkäynti",
                directions="Raitiovaunut 3 ja 6",
            ),
            shelter(),
        ],
        "opening_hours": [
            *(OpeningHours(weekday=day, opens="09:00", closes="16:00") for day in range(5)),
            OpeningHours(weekday=5, opens="10:00", closes="14:00", by_appointment=True),
            OpeningHours(weekday=4, opens="22:00", closes="06:00"),
        ],
        "hours_exceptions": [
            OpeningHoursException(
                start_date="2026-12-24", end_date="2026-12-26", kind="closed", note="Joulu"
            ),
            OpeningHoursException(
                start_date="2026-12-31",
                end_date="2026-12-31",
                kind="special_hours",
                opens="09:00",
                closes="12:00",
            ),
            OpeningHoursException(
                start_date="2027-01-02",
                end_date="2027-01-03",
                kind="by_appointment",
                opens="10:00",
                closes="12:00",
            ),
        ],  # fmt: skip
        "contact_channels": [
            ContactChannel(kind="phone", phone="09 2313 9300", label="Neuvonta"),
            ContactChannel(kind="phone", phone="116 006", label="Auttava puhelin"),
            ContactChannel(kind="email", email="neuvonta@pakolaisneuvonta.fi", label="Sähköposti"),
            ContactChannel(kind="chat", url="https://pakolaisneuvonta.fi/chat", label="Chat"),
        ],
        **fields,
    }
    # In order, as the editor's form saves them: PostgreSQL returns rows without one in any.
    for name in ("locations", "opening_hours", "hours_exceptions", "contact_channels"):
        for position, row in enumerate(fields[name]):
            row.sort_order = position
    return make_service(directory, "Oikeudellinen neuvonta", **fields)


def exported(service, language="fi"):
    service = hsds.services_for_export(service.locale).get(pk=service.pk)
    with translation.override(language):
        return hsds.service_to_hsds(service)


def nested(obj, key):
    """Return every object under ``key`` anywhere in ``obj``."""
    found = []
    if isinstance(obj, dict):
        for name, value in obj.items():
            if name == key:
                found += value if isinstance(value, list) else [value]
            found += nested(value, key)
    elif isinstance(obj, list):
        for value in obj:
            found += nested(value, key)
    return found


class SchemaTests(TestCase):
    def setUp(self):
        self.service = exported(full_service(make_directory()))

    def assertValid(self, object_type, obj):
        for is_strict in (False, True):
            with self.subTest(object_type=object_type, strict=is_strict):
                self.assertEqual(errors(object_type, obj, is_strict), [])

    def test_a_full_service_validates_as_published_and_strict(self):
        self.assertValid("service", self.service)

    def test_every_nested_object_type_validates_on_its_own(self):
        self.assertValid("organization", self.service["organization"])
        for service_at_location in self.service["service_at_locations"]:
            self.assertValid("service_at_location", service_at_location)
            self.assertValid("location", service_at_location["location"])
        for term in nested(self.service, "taxonomy_term"):
            self.assertValid("taxonomy_term", term)
            self.assertValid("taxonomy", term["taxonomy_detail"])

    def test_the_package_taxonomy_terms_validate(self):
        for term in hsds.taxonomy_terms(LocaleFactory()):
            self.assertValid("taxonomy_term", term)

    def test_the_schema_check_catches_an_extra_key_only_when_strict(self):
        extra = {**self.service, "our_own_field": 1}
        self.assertEqual(errors("service", extra), [])
        self.assertNotEqual(errors("service", extra, is_strict=True), [])

    def test_the_export_has_every_part_of_the_service(self):
        kinds = {
            key
            for key in ("phones", "contacts", "schedules", "service_areas", "languages")
            + ("service_at_locations", "cost_options", "required_documents", "attributes")
            if self.service.get(key)
        }
        self.assertEqual(len(kinds), 9)
        self.assertEqual(self.service["status"], "active")
        self.assertTrue(self.service["description"].startswith("<p>Oikeudellinen neuvonta: "))
        self.assertIn("<b>maksutta</b>", self.service["description"])
        self.assertEqual(self.service["assured_date"], "2026-11-01")
        self.assertEqual(self.service["email"], "neuvonta@pakolaisneuvonta.fi")
        self.assertEqual(self.service["interpretation_services"], "Muut kielet tulkin avulla")
        self.assertEqual(
            [doc["document"] for doc in self.service["required_documents"]],
            ["Henkilöllisyystodistus, jos on", "Oleskelulupa, jos on"],
        )
        self.assertEqual(
            [(c["option"], c["amount"]) for c in self.service["cost_options"]], [("Maksuton", 0)]
        )
        self.assertEqual([area["name"] for area in self.service["service_areas"]], ["Helsinki"])
        self.assertEqual({lang["code"] for lang in self.service["languages"]}, {"fi", "ru"})


class ConfidentialLocationTests(TestCase):
    def test_a_confidential_location_says_contact_first_and_never_where_it_is(self):
        service = exported(make_service(make_directory(), locations=[shelter()]))
        [location] = [sal["location"] for sal in service["service_at_locations"]]
        self.assertEqual(
            set(location), {"id", "location_type", "organization_id", "name", "description"}
        )
        with translation.override("fi"):
            self.assertEqual(location["description"], str(hsds.CONFIDENTIAL_LOCATION))
        text = json.dumps(service, ensure_ascii=False)
        for secret in (SECRET_STREET, SECRET_POSTCODE, "60.12", "24.65", "Sisäpihan", "Salaisen"):
            self.assertNotIn(secret, text)

    def test_a_public_location_has_its_address_coordinates_and_access(self):
        service = exported(full_service(make_directory()))
        physical = [
            sal["location"]
            for sal in service["service_at_locations"]
            if sal["location"]["name"] == "Toimisto"
        ]
        [office] = physical
        self.assertEqual((office["latitude"], office["longitude"]), (60.171, 24.944))
        [address] = office["addresses"]
        self.assertEqual(
            (address["address_1"], address["postal_code"], address["city"], address["country"]),
            ("Kaisaniemenkatu 4", "00100", "Helsinki", "FI"),
        )
        self.assertEqual(office["accessibility"][0]["description"], "Esteetön sisäänkäynti")

    def test_a_chat_is_a_virtual_location_at_its_address(self):
        service = exported(full_service(make_directory()))
        virtual = [
            sal["location"]
            for sal in service["service_at_locations"]
            if sal["location"]["location_type"] == "virtual"
        ]
        self.assertEqual([loc["url"] for loc in virtual], ["https://pakolaisneuvonta.fi/chat"])


class ScheduleTests(TestCase):
    def setUp(self):
        self.schedules = exported(full_service(make_directory()))["schedules"]

    def test_weekly_hours_are_weekly_rules_grouped_by_times(self):
        weekly = [
            (s["byday"], s["opens_at"], s["closes_at"], s.get("attending_type"))
            for s in self.schedules
            if "valid_from" not in s
        ]
        self.assertEqual(
            weekly,
            [
                ("MO,TU,WE,TH,FR", "09:00", "16:00", None),
                ("SA", "10:00", "14:00", "Vain ajanvarauksella"),
                ("FR", "22:00", "06:00", None),
            ],
        )
        self.assertTrue(all(s["freq"] == "WEEKLY" for s in self.schedules if "freq" in s))
        self.assertIn("juhlapyhinä", self.schedules[0]["notes"])

    def test_exceptions_are_valid_on_their_days_and_a_closed_one_has_no_hours(self):
        exceptions = [s for s in self.schedules if "valid_from" in s]
        closed, special, appointment = exceptions
        self.assertEqual((closed["valid_from"], closed["valid_to"]), ("2026-12-24", "2026-12-26"))
        self.assertNotIn("opens_at", closed)
        self.assertEqual((closed["description"], closed["notes"]), ("Suljettu", "Joulu"))
        self.assertEqual((special["opens_at"], special["closes_at"]), ("09:00", "12:00"))
        self.assertEqual(special["byday"], "MO,TU,WE,TH,FR,SA,SU")
        self.assertEqual(appointment["attending_type"], "Vain ajanvarauksella")

    def test_open_24_7_is_every_day_all_day(self):
        service = exported(make_service(make_directory(), open_24_7=True))
        [schedule] = service["schedules"]
        self.assertEqual(
            (schedule["byday"], schedule["opens_at"], schedule["closes_at"]),
            ("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00"),
        )


class PhoneTests(TestCase):
    def test_phones_are_in_e164_and_a_short_number_as_its_digits(self):
        service = exported(full_service(make_directory()))
        self.assertEqual(
            [(p["number"], p["description"]) for p in service["phones"]],
            [("+358923139300", "Neuvonta"), ("116006", "Auttava puhelin")],
        )
        self.assertEqual(service["organization"]["phones"][0]["number"], "+358923139300")


class LowThresholdTaxonomyTests(TestCase):
    def test_each_flag_on_is_an_attribute_with_a_term_of_the_published_taxonomy(self):
        service = exported(full_service(make_directory()))
        terms = [
            a["taxonomy_term"]
            for a in service["attributes"]
            if a["taxonomy_term"]["taxonomy_id"] == hsds.LOW_THRESHOLD.id
        ]
        self.assertEqual([t["code"] for t in terms], ["walk_in", "anonymous", "free_of_charge"])
        self.assertEqual(terms[2]["name"], "Maksuton")
        self.assertTrue(all(a["link_id"] == service["id"] for a in service["attributes"]))

    def test_the_taxonomy_has_seven_terms_with_the_same_ids_and_names_in_each_language(self):
        names = {}
        for language in ("fi", "sv", "en"):
            with translation.override(language):
                terms = hsds.low_threshold_terms(language)
            self.assertEqual([t["code"] for t in terms], list(LOW_THRESHOLD_FLAGS))
            names[language] = {t["id"]: t["name"] for t in terms}
        self.assertEqual(set(names["fi"]), set(names["sv"]))
        self.assertEqual(set(names["fi"]), set(names["en"]))
        free = hsds.LOW_THRESHOLD.term_id("free_of_charge")
        self.assertEqual(
            (names["fi"][free], names["sv"][free], names["en"][free]),
            ("Maksuton", "Avgiftsfri", "Free of charge"),
        )

    def test_categories_and_target_groups_are_attributes_of_their_own_taxonomies(self):
        service = exported(full_service(make_directory()))
        by_taxonomy = {
            a["taxonomy_term"]["taxonomy_detail"]["name"]: a["taxonomy_term"]["code"]
            for a in service["attributes"]
            if a["taxonomy_term"]["taxonomy_id"] != hsds.LOW_THRESHOLD.id
        }
        self.assertEqual(set(by_taxonomy.values()), {"legal-advice", "victims"})


class IdTests(TestCase):
    def test_ids_are_the_same_in_two_exports(self):
        service = full_service(make_directory())
        self.assertEqual(exported(service), exported(service))

    def test_a_translation_keeps_the_ids_of_the_service_and_its_parts(self):
        service = full_service(make_directory())
        swedish = service.copy_for_translation(LocaleFactory(language_code="sv"), copy_parents=True)
        swedish.save_revision().publish()
        finnish, translated = exported(service), exported(swedish, "sv")

        def ids(obj):
            return sorted(value for value in nested(obj, "id"))

        self.assertEqual(translated["id"], finnish["id"])
        self.assertEqual(ids(translated), ids(finnish))

    def test_different_services_have_different_ids(self):
        directory = make_directory()
        first, second = make_service(directory, "Yksi"), make_service(directory, "Kaksi")
        self.assertNotEqual(exported(first)["id"], exported(second)["id"])
