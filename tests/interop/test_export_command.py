"""ikut_export_hsds: what it exports, in which forms, and what it leaves out."""

import csv
import datetime
import io
import json
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import LocaleFactory, OrganisationFactory
from tests.interop.schema import errors, tabular_table
from tests.interop.test_hsds import full_service, shelter
from tests.utils import make_directory, make_service
from wagtail_ikut.interop.tabular import TABLES
from wagtail_ikut.services.models import ServicePage, ServiceStatus


def export(*args, **options):
    """Run the command to stdout; return (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("ikut_export_hsds", "-", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def names(document):
    return sorted(service["name"] for service in document["contents"])


class JsonDocumentTests(TestCase):
    def setUp(self):
        self.directory = make_directory()

    def test_one_document_in_the_hsds_page_shape_of_valid_services(self):
        full_service(self.directory)
        make_service(self.directory, "Kriisipuhelin", phone_24_7=True)
        document = json.loads(export()[0])
        self.assertEqual(
            {key: value for key, value in document.items() if key != "contents"},
            {
                "total_items": 2,
                "total_pages": 1,
                "page_number": 1,
                "size": 2,
                "first_page": True,
                "last_page": True,
                "empty": False,
            },
        )
        for service in document["contents"]:
            self.assertEqual(errors("service", service, is_strict=True), [])

    def test_only_published_public_services_that_have_not_ended(self):
        make_service(self.directory, "Julkinen")
        make_service(self.directory, "Luonnos", publish=False)
        make_service(self.directory, "Päättynyt", status=ServiceStatus.ENDED)
        make_service(
            self.directory, "Vanhentunut", expire_at=timezone.now() - datetime.timedelta(days=1)
        )
        restricted = make_service(self.directory, "Salasanan takana")
        PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        self.assertEqual(names(json.loads(export()[0])), ["Julkinen"])

    def test_an_empty_directory_is_an_empty_page(self):
        document = json.loads(export()[0])
        self.assertEqual((document["total_items"], document["empty"]), (0, True))
        self.assertEqual(document["contents"], [])

    def test_the_locale_chooses_the_services_language(self):
        finnish = make_service(self.directory, "Neuvonta")
        swedish = finnish.copy_for_translation(LocaleFactory(language_code="sv"), copy_parents=True)
        swedish.title = "Rådgivning"
        swedish.save_revision().publish()
        self.assertEqual(names(json.loads(export()[0])), ["Neuvonta"])
        self.assertEqual(names(json.loads(export("--locale", "sv")[0])), ["Rådgivning"])
        with self.assertRaises(CommandError):
            export("--locale", "de")

    def test_modified_after_leaves_out_services_published_before(self):
        old, new = make_service(self.directory, "Vanha"), make_service(self.directory, "Uusi")
        ServicePage.objects.filter(pk=old.pk).update(
            last_published_at=timezone.make_aware(datetime.datetime(2026, 1, 1, 12))
        )
        ServicePage.objects.filter(pk=new.pk).update(
            last_published_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 12))
        )
        self.assertEqual(names(json.loads(export("--modified-after", "2026-02-01")[0])), ["Uusi"])
        self.assertEqual(
            names(json.loads(export("--modified-after", "2026-03-01T11:00:00+02:00")[0])),
            ["Uusi"],
        )
        self.assertEqual(names(json.loads(export("--modified-after", "2026-03-01T13:00")[0])), [])

    def test_writes_a_file_and_says_so_unless_quiet(self):
        make_service(self.directory, "Neuvonta")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "hsds.json"
            err = io.StringIO()
            call_command("ikut_export_hsds", str(path), stderr=err)
            self.assertEqual(names(json.loads(path.read_text(encoding="utf-8"))), ["Neuvonta"])
            # Not a terminal: no progress, only the closing line.
            self.assertEqual(err.getvalue().count("\n"), 1)
            self.assertIn("1", err.getvalue())
        self.assertEqual(export(verbosity=0)[1], "")


class NdjsonTests(TestCase):
    def test_one_valid_service_a_line(self):
        directory = make_directory()
        full_service(directory)
        make_service(directory, "Kriisipuhelin")
        lines = export("--format", "ndjson")[0].splitlines()
        self.assertEqual(len(lines), 2)
        for line in lines:
            self.assertEqual(errors("service", json.loads(line), is_strict=True), [])


class CsvPackageTests(TestCase):
    def setUp(self):
        directory = make_directory()
        provider = OrganisationFactory(name="Yhteinen järjestö")
        full_service(directory)
        make_service(directory, "Turvakoti", provider=provider, locations=[shelter()])
        make_service(directory, "Kriisipuhelin", provider=provider)
        self.folder = Path(tempfile.mkdtemp())
        call_command("ikut_export_hsds", str(self.folder), format="csv", verbosity=0)

    def tearDown(self):
        for path in self.folder.iterdir():
            path.unlink()
        self.folder.rmdir()

    def table(self, name):
        with (self.folder / TABLES[name][0]).open(encoding="utf-8", newline="") as file:
            return list(csv.DictReader(file))

    def test_a_data_package_lists_every_table_file(self):
        package = json.loads((self.folder / "datapackage.json").read_text(encoding="utf-8"))
        self.assertEqual(package["profile"], "tabular-data-package")
        paths = {resource["path"] for resource in package["resources"]}
        self.assertEqual(paths, {path.name for path in self.folder.glob("*.csv")})

    def test_each_table_has_the_hsds_columns_and_required_values(self):
        for name in TABLES:
            schema = tabular_table(name)
            with self.subTest(table=name):
                self.assertEqual(schema["path"], TABLES[name][0])
                with (self.folder / schema["path"]).open(encoding="utf-8") as file:
                    header = next(csv.reader(file))
                self.assertLessEqual(set(header), set(schema["properties"]))
                required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
                self.assertLessEqual(required, set(header))
                for row in self.table(name):
                    self.assertTrue(row["id"])

    def test_rows_link_up_and_shared_objects_are_written_once(self):
        services = self.table("service")
        organisations = {row["id"]: row["name"] for row in self.table("organization")}
        self.assertEqual(len(services), 3)
        self.assertEqual(list(organisations.values()).count("Yhteinen järjestö"), 1)
        self.assertLessEqual({row["organization_id"] for row in services}, set(organisations))
        terms = self.table("taxonomy_term")
        self.assertEqual(len(terms), len({row["id"] for row in terms}))
        self.assertLessEqual(
            {row["taxonomy_term_id"] for row in self.table("attribute")}, {t["id"] for t in terms}
        )

    def test_a_confidential_location_has_no_address_row_or_coordinates(self):
        shelters = [row for row in self.table("location") if row["name"] == "Turvakoti"]
        located = {row["location_id"] for row in self.table("address")}
        self.assertEqual(len(shelters), 2)
        for row in shelters:
            self.assertEqual((row["latitude"], row["longitude"]), ("", ""))
            self.assertNotIn(row["id"], located)
        text = "".join(path.read_text(encoding="utf-8") for path in self.folder.iterdir())
        self.assertNotIn("Salainen kuja", text)

    def test_the_tabular_form_needs_a_directory(self):
        with self.assertRaises(CommandError):
            export("--format", "csv")
