import datetime
import json
import shutil
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import translation
from wagtail.models import Page, Site

from wagtail_ikut.core import demo as content
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import Language, Municipality, ServiceCategory, TargetGroup
from wagtail_ikut.demo import DemoLoader
from wagtail_ikut.services import demo as services_demo
from wagtail_ikut.services.models import ServiceDirectoryPage, ServicePage, ServiceStatus
from wagtail_ikut.services.search.models import ServiceSearchDocument

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ptv"
HELSINKI_COUNSELLING = "Sosiaalineuvonta, Helsinki"


def fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def run(path=FIXTURES, *options):
    out = StringIO()
    with translation.override("en"):
        call_command(
            "ikut_import_ptv", str(path), "--directory", "/palvelut/", *options, stdout=out
        )
    return out.getvalue()


def state():
    """Return what an import may write: pages, organisations and the search index."""
    return (
        list(Page.objects.order_by("pk").values_list("pk", "title", "live", "latest_revision_id")),
        list(Organisation.objects.order_by("pk").values_list("pk", "name", "ptv_id")),
        list(
            ServiceSearchDocument.objects.order_by("page_id").values_list("page_id", "body_terms")
        ),
    )


class PtvImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        loader = DemoLoader(["fi", "sv", "en"])
        for model, entries in (
            (Municipality, content.MUNICIPALITIES),
            (Language, content.LANGUAGES),
            (ServiceCategory, content.SERVICE_CATEGORIES),
            (TargetGroup, content.TARGET_GROUPS),
            (Organisation, content.ORGANISATIONS),
        ):
            loader.load_entries(model, entries)
        root = Site.objects.get(is_default_site=True).root_page
        for locale in loader.locales:
            parent = loader.translated_root(root, locale)
            loader.get_or_create_page(ServiceDirectoryPage, services_demo.DIRECTORY, locale, parent)

    @classmethod
    def run_import(cls, path=FIXTURES, *options):
        """Import as the command does, running what waits for the commit."""
        with cls.captureOnCommitCallbacks(execute=True):
            return run(path, *options)

    def folder(self, **replace):
        """Return a copy of the fixtures with files replaced by the given JSON values."""
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        for file in FIXTURES.glob("*.json"):
            shutil.copy(file, folder)
        for name, value in replace.items():
            text = value if isinstance(value, (str, bytes)) else json.dumps(value)
            mode = "wb" if isinstance(text, bytes) else "w"
            with open(folder / f"{name}.json", mode) as file:
                file.write(text)
        return folder

    def services_with(self, change):
        """Return services.json with ``change`` applied to Helsinki's social counselling."""
        document = fixture("services.json")
        for service in document["itemList"]:
            if service["serviceNames"][0]["value"] == HELSINKI_COUNSELLING:
                change(service)
        return document


class MappingTests(PtvImportTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.run_import(FIXTURES, "--publish")

    def page(self, language, title=HELSINKI_COUNSELLING):
        finnish = ServicePage.objects.get(title=title, locale__language_code="fi")
        return ServicePage.objects.get(
            translation_key=finnish.translation_key, locale__language_code=language
        )

    def test_each_service_is_one_page_in_each_of_its_languages_sharing_a_translation_key(self):
        self.assertEqual(ServicePage.objects.filter(locale__language_code="fi").count(), 27)
        titles = {language: self.page(language).title for language in ("fi", "sv", "en")}
        self.assertEqual(
            titles,
            {
                "fi": "Sosiaalineuvonta, Helsinki",
                "sv": "Social rådgivning, Helsingfors",
                "en": "Social counselling, Helsinki",
            },
        )
        self.assertTrue(self.page("sv").live)

    def test_texts_land_in_each_language(self):
        page = self.page("sv")
        self.assertEqual(
            page.summary,
            "Rådgivning om försörjning, boende och vardagens problem. "
            "Du kan komma utan tidsbokning.",
        )
        self.assertIn("<p>Tolk ordnas vid behov.</p>", page.description)
        self.assertEqual(page.how_to_get_help, "<p>Kom till socialstationen eller ring.</p>")
        self.assertTrue(page.free_of_charge)

    def test_printable_form_is_a_link_in_the_description(self):
        self.assertIn(
            '<a href="https://www.hel.fi/forms/contact.pdf">'
            "Request for contact with social welfare</a>",
            self.page("en").description,
        )

    def test_location_with_address_municipality_and_coordinates_from_tm35fin(self):
        location = self.page("sv").locations.get()
        self.assertEqual(location.street_address, "Andra linjen 4")
        self.assertEqual(location.postcode, "00530")
        self.assertEqual(location.municipality.name, "Helsingfors")
        self.assertAlmostEqual(location.latitude, Decimal("60.1841"), places=4)
        self.assertAlmostEqual(location.longitude, Decimal("24.9480"), places=4)
        self.assertEqual(location.accessibility, "Ingången är tillgänglig.")

    def test_weekly_hours_and_exceptional_hours(self):
        page = self.page("en")
        self.assertEqual(
            list(page.opening_hours.values_list("weekday", "opens", "closes", "by_appointment")),
            [(day, datetime.time(8), datetime.time(16), False) for day in range(5)],
        )
        self.assertEqual(
            list(
                page.hours_exceptions.values_list("start_date", "end_date", "kind", "opens", "note")
            ),
            [
                (
                    datetime.date(2026, 12, 24),
                    datetime.date(2026, 12, 26),
                    "closed",
                    None,
                    "Closed over Christmas",
                ),
                (
                    datetime.date(2026, 12, 31),
                    datetime.date(2026, 12, 31),
                    "special_hours",
                    datetime.time(9),
                    "Shorter hours",
                ),
            ],
        )

    def test_hours_of_the_connection_by_appointment_and_over_midnight_and_always_open(self):
        youth = self.page("fi", "Nuorten sosiaaliohjaus, Helsinki")
        self.assertEqual(
            set(youth.opening_hours.values_list("weekday", "by_appointment")),
            {(1, True), (2, True), (3, True)},
        )
        helpline = self.page("fi", "Rikoksen uhrin auttava puhelin")
        self.assertIn(
            (4, datetime.time(20), datetime.time(2)),
            helpline.opening_hours.values_list("weekday", "opens", "closes"),
        )
        self.assertTrue(self.page("fi", "Ihmiskaupan uhrien auttamisjärjestelmä").open_24_7)

    def test_contact_channels_of_phone_web_page_and_electronic_channels(self):
        contacts = set(self.page("sv").contact_channels.values_list("kind", "phone", "url"))
        self.assertIn(("phone", "+35893101611", ""), contacts)
        self.assertIn(("web_form", "", "https://www.hel.fi/sv/socialtjanster"), contacts)
        service_number = self.page("fi", "Rikoksen uhrin auttava puhelin").contact_channels.get()
        self.assertEqual(service_number.phone, "116006")

    def test_areas_languages_and_vocabularies_map_onto_the_sites(self):
        page = self.page("fi")
        self.assertEqual(list(page.municipalities.values_list("code", flat=True)), ["091"])
        self.assertEqual(set(page.languages.values_list("code", flat=True)), {"fi", "sv", "en"})
        self.assertEqual(
            set(page.categories.values_list("slug", flat=True)),
            {"social-services", "income-support"},
        )
        youth = self.page("en", "Nuorten sosiaaliohjaus, Helsinki")
        self.assertEqual(list(youth.target_groups.values_list("slug", flat=True)), ["young-people"])
        self.assertTrue(self.page("fi", "Ihmiskaupan uhrien auttamisjärjestelmä").nationwide)
        monika = self.page("fi", "Chat väkivaltaa kokeneille maahanmuuttajanaisille")
        self.assertEqual(
            set(monika.municipalities.values_list("code", flat=True)), {"091", "049", "092"}
        )

    def test_a_service_without_a_swedish_text_has_no_swedish_page(self):
        monika = self.page("fi", "Chat väkivaltaa kokeneille maahanmuuttajanaisille")
        self.assertEqual(
            set(
                ServicePage.objects.filter(translation_key=monika.translation_key).values_list(
                    "locale__language_code", flat=True
                )
            ),
            {"fi", "en"},
        )

    def test_the_provider_is_the_sites_organisation_found_by_name_now_with_its_ptv_id(self):
        page = self.page("sv")
        self.assertEqual(page.provider.name, "Helsingfors stad")
        self.assertEqual(Organisation.objects.filter(name="Helsingin kaupunki").count(), 1)
        self.assertTrue(page.provider.ptv_id)

    def test_published_services_are_in_the_search_index_once_the_import_commits(self):
        self.assertTrue(ServiceSearchDocument.objects.filter(page=self.page("fi")).exists())

    def test_nothing_is_indexed_before_the_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            run(
                self.folder(
                    services=self.services_with(
                        lambda s: s["serviceNames"][0].update(value="Uusi nimi")
                    )
                ),
                "--publish",
            )
        page = ServicePage.objects.get(title="Uusi nimi")
        indexed = ServiceSearchDocument.objects.get(page=page).title_terms
        self.assertNotIn("nim", indexed)
        for callback in callbacks:
            callback()
        self.assertNotEqual(ServiceSearchDocument.objects.get(page=page).title_terms, indexed)


class ReimportTests(PtvImportTestCase):
    def test_a_second_import_changes_nothing_and_duplicates_nothing(self):
        self.run_import(FIXTURES, "--publish")
        before = state()
        out = self.run_import(FIXTURES, "--publish")
        self.assertEqual(state(), before)
        self.assertIn("left alone, unchanged: 27", out)
        self.assertIn("created: 0", out)

    def test_a_re_import_updates_a_changed_service(self):
        self.run_import(FIXTURES, "--publish")
        changed = self.services_with(
            lambda service: service["serviceDescriptions"][0].update(value="Uusi tiivistelmä.")
        )
        out = self.run_import(self.folder(services=changed), "--publish")
        self.assertIn("updated: 1", out)
        page = ServicePage.objects.get(title=HELSINKI_COUNSELLING)
        self.assertEqual(page.summary, "Uusi tiivistelmä.")
        self.assertEqual(ServicePage.objects.filter(title=HELSINKI_COUNSELLING).count(), 1)

    def test_a_service_no_longer_in_ptv_is_marked_ended_not_deleted(self):
        self.run_import(FIXTURES, "--publish")
        document = fixture("services.json")
        document["itemList"] = [
            service
            for service in document["itemList"]
            if service["serviceNames"][0]["value"] != HELSINKI_COUNSELLING
        ]
        out = self.run_import(self.folder(services=document), "--publish")
        self.assertIn("ended (no longer in PTV): 1", out)
        pages = ServicePage.objects.filter(
            ptv_id=ServicePage.objects.get(title=HELSINKI_COUNSELLING).ptv_id
        )
        self.assertEqual({page.status for page in pages}, {ServiceStatus.ENDED})
        self.assertEqual(pages.count(), 3)
        self.assertFalse(ServiceSearchDocument.objects.filter(page__in=pages).exists())

    def test_a_page_with_an_editors_draft_is_left_alone_and_reported(self):
        from django.contrib.auth import get_user_model

        self.run_import(FIXTURES, "--publish")
        page = ServicePage.objects.get(title=HELSINKI_COUNSELLING)
        page.summary = "Toimittajan luonnos."
        page.save_revision(user=get_user_model().objects.create_user("editor"))
        changed = self.services_with(
            lambda service: service["serviceDescriptions"][0].update(value="PTV:n uusi teksti.")
        )
        out = self.run_import(self.folder(services=changed), "--publish")
        self.assertIn("an editor's draft in the way: 1", out)
        page.refresh_from_db()
        self.assertEqual(page.get_latest_revision_as_object().summary, "Toimittajan luonnos.")

    def organisations_with(self, change, name="Helsingin kaupunki"):
        """Return organizations.json with ``change`` applied to the organisation ``name``
        (its Finnish name), and that organisation's PTV id."""
        document = fixture("organizations.json")
        for organisation in document:
            if organisation["organizationNames"][0]["value"] == name:
                change(organisation)
                return document, organisation["id"]
        raise AssertionError(f"No organisation {name} in the fixtures.")

    def test_a_changed_organisation_is_updated_and_the_others_left_alone(self):
        self.run_import(FIXTURES, "--publish")

        def renamed_in_swedish_with_a_new_website(organisation):
            for name in organisation["organizationNames"]:
                if name["language"] == "sv":
                    name["value"] = "Helsingfors stad (ny)"
            organisation["webPages"][0]["url"] = "https://www.hel.fi/uusi/"

        document, ptv_id = self.organisations_with(renamed_in_swedish_with_a_new_website)
        helsinki = Organisation.objects.filter(ptv_id=ptv_id)
        pks = set(helsinki.values_list("pk", flat=True))
        others = set(
            Organisation.objects.exclude(ptv_id=ptv_id).values_list("pk", "name", "website")
        )
        providers = list(ServicePage.objects.order_by("pk").values_list("pk", "provider_id"))

        out = self.run_import(self.folder(organizations=document), "--publish")

        self.assertIn("organisations updated: 1", out)
        self.assertIn(f"  {ptv_id}\n", out)
        self.assertIn("organisations created: 0", out)
        self.assertEqual(
            set(helsinki.values_list("pk", "locale__language_code", "name", "website")),
            {
                (
                    helsinki.get(locale__language_code=code).pk,
                    code,
                    name,
                    "https://www.hel.fi/uusi/",
                )
                for code, name in (
                    ("fi", "Helsingin kaupunki"),
                    ("sv", "Helsingfors stad (ny)"),
                    ("en", "City of Helsinki"),
                )
            },
        )
        self.assertEqual(set(helsinki.values_list("pk", flat=True)), pks)
        self.assertEqual(
            set(Organisation.objects.exclude(ptv_id=ptv_id).values_list("pk", "name", "website")),
            others,
        )
        self.assertEqual(
            list(ServicePage.objects.order_by("pk").values_list("pk", "provider_id")), providers
        )
        # Only the organisation changed: its services are as they were.
        self.assertIn("Done: updated: 0", out)

    def test_what_the_ptv_record_leaves_empty_is_kept_as_an_editor_set_it(self):
        self.run_import(FIXTURES, "--publish")
        document, ptv_id = self.organisations_with(
            lambda organisation: organisation["webPages"][0].update(url="https://www.hel.fi/uusi/")
        )
        finnish = Organisation.objects.get(ptv_id=ptv_id, locale__language_code="fi")
        finnish.email = "neuvonta@hel.fi"
        finnish.phone = "+35893101611"
        finnish.description = "Toimittajan kuvaus."
        finnish.save()

        out = self.run_import(self.folder(organizations=document), "--publish")

        self.assertIn("organisations updated: 1", out)
        finnish.refresh_from_db()
        self.assertEqual(finnish.website, "https://www.hel.fi/uusi/")
        # PTV gives no email or phone, and these fixtures no description.
        self.assertEqual(
            (finnish.email, str(finnish.phone), finnish.description),
            ("neuvonta@hel.fi", "+35893101611", "Toimittajan kuvaus."),
        )

    def test_an_invalid_changed_organisation_value_fails_the_import_and_writes_nothing(self):
        self.run_import(FIXTURES, "--publish")

        def renamed_with_a_website_that_is_not_a_url(organisation):
            organisation["organizationNames"][0]["value"] = "Helsingin kaupunki (uusi)"
            organisation["webPages"][0]["url"] = "www hel fi"

        document, ptv_id = self.organisations_with(renamed_with_a_website_that_is_not_a_url)
        websites = list(Organisation.objects.order_by("pk").values_list("pk", "website"))
        before = state()

        with self.assertRaises(CommandError) as raised:
            self.run_import(self.folder(organizations=document), "--publish")

        message = str(raised.exception)
        self.assertIn("Nothing was imported", message)
        self.assertIn(f"{ptv_id} (fi): website", message)
        self.assertEqual(state(), before)
        self.assertEqual(
            list(Organisation.objects.order_by("pk").values_list("pk", "website")), websites
        )

    def test_drafts_by_default(self):
        self.run_import(FIXTURES)
        self.assertFalse(ServicePage.objects.filter(live=True).exists())
        self.assertFalse(ServiceSearchDocument.objects.exists())


class DryRunTests(PtvImportTestCase):
    def test_dry_run_reports_and_writes_nothing(self):
        before = state()
        out = self.run_import(FIXTURES, "--dry-run")
        self.assertEqual(state(), before)
        self.assertIn("Would be created: 27", out)


class BadInputTests(PtvImportTestCase):
    """Each kind of bad input names the record and field, fails, and writes nothing."""

    def assertRefused(self, folder, *expected):
        before = state()
        with self.assertRaises(CommandError) as raised:
            self.run_import(folder, "--publish")
        for text in expected:
            self.assertIn(text, str(raised.exception))
        self.assertEqual(state(), before)

    def test_malformed_json(self):
        self.assertRefused(
            self.folder(services='{"itemList": ['), "services.json: (file)", "not valid JSON"
        )

    def test_wrong_shape(self):
        self.assertRefused(self.folder(services=[{"name": "Palvelu"}]), "Not a PTV service")
        self.assertRefused(self.folder(services="[1, 2]"), "services.json", "Expected PTV objects")

    def test_a_service_without_a_finnish_or_swedish_name(self):
        def english_only(service):
            service["serviceNames"] = [n for n in service["serviceNames"] if n["language"] == "en"]

        service_id = next(
            s["id"]
            for s in fixture("services.json")["itemList"]
            if s["serviceNames"][0]["value"] == HELSINKI_COUNSELLING
        )
        self.assertRefused(
            self.folder(services=self.services_with(english_only)),
            f"service {service_id}: serviceNames: The service has no Finnish or Swedish name.",
        )

    def test_coordinates_outside_finland(self):
        channels = fixture("service-channels.json")
        office = channels["itemList"][0]
        office["addresses"][0]["streetAddress"].update(latitude="52.52", longitude="13.40")
        self.assertRefused(
            self.folder(**{"service-channels": channels}),
            f"channel {office['id']}: addresses[0].streetAddress.latitude",
            "outside Finland",
        )

    def test_unknown_municipality_code(self):
        self.assertRefused(
            self.folder(services=self.services_with(lambda s: s["areas"][0].update(code="999"))),
            "areas: Unknown municipality code “999”",
        )

    def test_unknown_organisation(self):
        self.assertRefused(
            self.folder(
                services=self.services_with(
                    lambda s: s["organizations"][0]["organization"].update(
                        id="00000000-0000-0000-0000-000000000000"
                    )
                )
            ),
            "organizations: The organisation 00000000-0000-0000-0000-000000000000 is neither",
        )

    def test_duplicate_ids(self):
        document = fixture("services.json")
        document["itemList"].append(document["itemList"][0])
        self.assertRefused(self.folder(services=document), "The same id appears twice.")

    @override_settings(WAGTAIL_IKUT={"IMPORT_MAX_BYTES": 1000})
    def test_a_file_over_the_size_limit(self):
        self.assertRefused(self.folder(), "larger than the limit of 1000 bytes")

    def test_wrong_encoding(self):
        latin1 = (
            (FIXTURES / "services.json").read_text(encoding="utf-8").encode("latin-1", "replace")
        )
        self.assertRefused(self.folder(services=latin1), "services.json", "not UTF-8")

    def test_an_invalid_field_value_found_only_on_writing(self):
        channels = fixture("service-channels.json")
        channels["itemList"][0]["phoneNumbers"][0]["number"] = "12"
        self.assertRefused(
            self.folder(**{"service-channels": channels}), "contact_channels[0].phone"
        )
