"""ikut_import_hsds: HSDS in, the same HSDS out; re-imports that change nothing; bad input
refused with nothing written."""

import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.utils import translation
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from tests.factories import LocaleFactory
from tests.interop.test_hsds import full_service, shelter
from tests.interop.test_ptv import state
from tests.utils import make_directory, make_service
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import Language, Municipality, ServiceCategory, TargetGroup
from wagtail_ikut.services.models import ServicePage, ServiceStatus
from wagtail_ikut.services.search.models import ServiceSearchDocument

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "hsds"


def export(*args):
    out = StringIO()
    call_command("ikut_export_hsds", "-", *args, stdout=out, verbosity=0)
    return json.loads(out.getvalue())


def comparable(document):
    """Return the services of an export without what each export makes anew."""
    return [
        {key: value for key, value in service.items() if key != "last_modified"}
        for service in document["contents"]
    ]


def empty_the_site():
    """Leave the directory pages only: no services, organisations or vocabularies."""
    for page in ServicePage.objects.all():
        page.delete()
    Organisation.objects.all().delete()
    for model in (Municipality, Language, ServiceCategory, TargetGroup):
        model.objects.all().delete()


class HsdsImportTestCase(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def write(self, name, value):
        path = self.folder / name
        if isinstance(value, bytes):
            path.write_bytes(value)
        else:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            path.write_text(text, encoding="utf-8")
        return path

    def run_import(self, *args):
        """Import as the command does, running what waits for the commit; return its output."""
        out = StringIO()
        with self.captureOnCommitCallbacks(execute=True), translation.override("en"):
            call_command(
                "ikut_import_hsds", *map(str, args), "--directory", "/palvelut/", stdout=out
            )
        return out.getvalue()


class RoundTripTests(HsdsImportTestCase):
    def setUp(self):
        super().setUp()
        self.directory = make_directory()
        full_service(self.directory)
        # The provider's parent: in the export as a provider itself, not only by its id.
        city = Organisation.objects.get(name="Helsingin kaupunki")
        make_service(
            self.directory, "Kriisipuhelin", provider=city, phone_24_7=True, open_24_7=True
        )
        make_service(self.directory, "Turvakoti", locations=[shelter()])

    def test_export_import_into_an_empty_site_export_gives_the_same_document(self):
        before = export()
        path = self.write("hsds.json", before)
        empty_the_site()
        out = self.run_import(path, "--publish")
        self.assertIn("created: 3", out)
        self.assertNotIn("left out", out)
        self.assertEqual(comparable(export()), comparable(before))

    def test_languages_of_one_service_become_translations_of_one_page(self):
        finnish = ServicePage.objects.get(title="Kriisipuhelin")
        swedish = finnish.copy_for_translation(LocaleFactory(language_code="sv"), copy_parents=True)
        swedish.title = "Krisjouren"
        swedish.save_revision().publish()
        documents = {code: export("--locale", code) for code in ("fi", "sv")}
        paths = [self.write(f"{code}.json", doc) for code, doc in documents.items()]
        empty_the_site()
        self.run_import(*paths, "--publish")
        [key] = set(
            ServicePage.objects.filter(title__in=["Kriisipuhelin", "Krisjouren"]).values_list(
                "translation_key", flat=True
            )
        )
        self.assertEqual(ServicePage.objects.filter(translation_key=key).count(), 2)
        for code, document in documents.items():
            self.assertEqual(comparable(export("--locale", code)), comparable(document))

    def test_one_ndjson_file_with_services_of_two_languages_sharing_an_id(self):
        finnish = ServicePage.objects.get(title="Turvakoti")
        finnish.copy_for_translation(LocaleFactory(language_code="sv"), copy_parents=True)
        ServicePage.objects.get(locale__language_code="sv").save_revision().publish()
        lines = [
            json.dumps(service, ensure_ascii=False)
            for code in ("fi", "sv")
            for service in export("--locale", code)["contents"]
        ]
        path = self.write("hsds.ndjson", "\n".join(lines) + "\n")
        empty_the_site()
        self.run_import(path, "--publish")
        self.assertEqual(
            set(ServicePage.objects.values_list("locale__language_code", "title")),
            {("fi", "Oikeudellinen neuvonta"), ("fi", "Kriisipuhelin"), ("fi", "Turvakoti")}
            | {("sv", "Turvakoti")},
        )


def assert_whole_tree(test, directory):
    """Check the page tree as treebeard and Wagtail keep it, below ``directory`` too."""
    test.assertEqual(Page.find_problems(), ([], [], [], [], []))
    directory.refresh_from_db()
    test.assertEqual(directory.numchild, directory.get_children().count())
    for page in ServicePage.objects.child_of(directory):
        test.assertEqual(page.url_path, f"{directory.url_path}{page.slug}/")


class ReimportTests(HsdsImportTestCase):
    def setUp(self):
        super().setUp()
        self.directory = make_directory()
        self.path = self.write("sample.json", json.loads(FIXTURES.joinpath("fi.json").read_text()))
        self.run_import(self.path, "--publish")

    def test_the_sample_dataset_imports_with_its_organisations_and_vocabularies(self):
        document = json.loads(FIXTURES.joinpath("fi.json").read_text(encoding="utf-8"))
        self.assertEqual(ServicePage.objects.live().count(), document["total_items"])
        self.assertTrue(Organisation.objects.exists())
        self.assertTrue(ServiceCategory.objects.exists())
        self.assertEqual(ServiceSearchDocument.objects.count(), document["total_items"])

    def test_imported_pages_are_whole_pages_of_the_tree_with_their_revision_and_references(self):
        assert_whole_tree(self, self.directory)
        for page in ServicePage.objects.all():
            self.assertEqual(page.revisions.count(), 1)
            self.assertEqual(page.live_revision_id, page.latest_revision_id)
            published = page.live_revision.as_object()
            for name in ("locations", "contact_channels", "opening_hours", "categories"):
                with self.subTest(page=page.title, rows=name):
                    self.assertEqual(
                        [row.pk for row in getattr(published, name).all()],
                        [row.pk for row in getattr(page, name).all()],
                    )
            self.assertTrue(
                ReferenceIndex.get_references_to(page.provider)
                .filter(object_id=str(page.pk))
                .exists()
            )
            self.assertEqual(
                list(
                    PageLogEntry.objects.filter(page=page)
                    .order_by("pk")
                    .values_list("action", "revision", "label")
                ),
                [
                    ("wagtail.create", None, page.title),
                    ("wagtail.publish", page.live_revision_id, page.title),
                ],
            )

    def test_the_references_recorded_of_a_new_page_are_those_wagtail_records_for_it(self):
        def recorded(page):
            return set(
                ReferenceIndex.get_references_for_object(page).values_list(
                    "content_type", "to_content_type", "to_object_id", "model_path", "content_path"
                )
            )

        for page in ServicePage.objects.all():
            imported = recorded(page)
            ReferenceIndex.remove_for_object(page)
            ReferenceIndex.create_or_update_for_object(page)
            with self.subTest(page=page.title):
                self.assertTrue(imported)
                self.assertEqual(imported, recorded(page))

    def test_an_editor_can_edit_and_publish_an_imported_page(self):
        page = ServicePage.objects.first()
        page.title = "Muokattu"
        page.save_revision().publish()
        self.assertEqual(ServicePage.objects.get(pk=page.pk).title, "Muokattu")
        assert_whole_tree(self, self.directory)

    def test_a_service_added_later_goes_after_the_pages_already_there(self):
        make_service(self.directory, "Oma palvelu")
        document = export()
        document["contents"] = document["contents"][:1]
        document["contents"][0]["id"] = "0b9a2c4e-8f3d-4c1a-9e7b-5d6f8a1b2c3d"
        out = self.run_import(self.write("new.json", document), "--publish")
        self.assertIn("created: 1", out)
        assert_whole_tree(self, self.directory)
        last = self.directory.get_children().last().specific
        self.assertEqual(last.hsds_id, "0b9a2c4e-8f3d-4c1a-9e7b-5d6f8a1b2c3d")

    def test_new_services_named_as_a_page_there_get_the_next_free_slugs(self):
        taken = ServicePage.objects.child_of(self.directory).first()
        document = export()
        document["contents"] = [
            {**document["contents"][0], "id": new_id, "name": taken.title}
            for new_id in (
                "0b9a2c4e-8f3d-4c1a-9e7b-5d6f8a1b2c3d",
                "7e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
            )
        ]
        self.run_import(self.write("namesakes.json", document), "--publish")
        self.assertEqual(
            list(
                ServicePage.objects.child_of(self.directory)
                .filter(hsds_id__in=[item["id"] for item in document["contents"]])
                .order_by("path")
                .values_list("slug", flat=True)
            ),
            [f"{taken.slug}-1", f"{taken.slug}-2"],
        )
        assert_whole_tree(self, self.directory)

    def test_a_second_import_changes_nothing_and_duplicates_nothing(self):
        before = state()
        out = self.run_import(self.path, "--publish")
        self.assertEqual(state(), before)
        self.assertIn("created: 0", out)
        self.assertIn("updated: 0", out)

    def test_importing_the_sites_own_export_changes_nothing(self):
        path = self.write("again.json", export())
        before = state()
        self.run_import(path, "--publish")
        self.assertEqual(state(), before)

    def test_a_changed_service_is_updated_in_place(self):
        document = export()
        document["contents"][0]["name"] = "Uusi nimi"
        document["contents"][0]["status"] = "temporarily closed"
        count = ServicePage.objects.count()
        out = self.run_import(self.write("changed.json", document), "--publish")
        self.assertIn("updated: 1", out)
        self.assertEqual(ServicePage.objects.count(), count)
        page = ServicePage.objects.get(title="Uusi nimi")
        self.assertEqual(page.status, ServiceStatus.TEMPORARILY_CLOSED)

    def test_a_changed_organisation_is_updated_and_an_unchanged_one_left_alone(self):
        document = export()
        organisation = document["contents"][0]["organization"]
        others = set(
            Organisation.objects.exclude(name=organisation["name"]).values_list("pk", "name")
        )
        for service in document["contents"]:
            if service["organization"]["id"] == organisation["id"]:
                service["organization"].update(name="Uusi järjestö", website="https://uusi.fi/")
        out = self.run_import(self.write("changed.json", document), "--publish")
        self.assertIn("organisations updated: 1", out)
        changed = Organisation.objects.get(name="Uusi järjestö")
        self.assertEqual(changed.website, "https://uusi.fi/")
        self.assertTrue(ServicePage.objects.live().filter(provider=changed).exists())
        self.assertEqual(
            set(Organisation.objects.exclude(pk=changed.pk).values_list("pk", "name")), others
        )

    def test_dry_run_reports_and_writes_nothing(self):
        document = export()
        document["contents"][0]["name"] = "Uusi nimi"
        before = state()
        out = self.run_import(self.write("changed.json", document), "--dry-run")
        self.assertEqual(state(), before)
        self.assertIn("Would be updated: 1", out)
        self.assertIn(f"Would be left alone, unchanged: {len(document['contents']) - 1}", out)

    def test_a_service_left_out_of_the_file_is_left_alone(self):
        document = export()
        document["contents"] = document["contents"][:1]
        self.run_import(self.write("one.json", document), "--publish")
        self.assertFalse(ServicePage.objects.filter(status=ServiceStatus.ENDED).exists())


class BadInputTests(HsdsImportTestCase):
    """Each kind of bad input names the record and field, fails, and writes nothing."""

    def setUp(self):
        super().setUp()
        make_directory()
        make_service(make_directory(title="Muut"), "Olemassa oleva")
        self.document = json.loads(FIXTURES.joinpath("fi.json").read_text(encoding="utf-8"))
        # A service with a place on the map.
        self.first = next(
            service
            for service in self.document["contents"]
            if "latitude" in service.get("service_at_locations", [{"location": {}}])[0]["location"]
        )

    def assertRefused(self, value, *expected):
        path = self.write("bad.json", value)
        before = state()
        with self.assertRaises(CommandError) as raised:
            self.run_import(path, "--publish")
        for text in expected:
            self.assertIn(text, str(raised.exception))
        self.assertEqual(state(), before)

    def test_malformed_json(self):
        self.assertRefused('{"contents": [', "bad.json: (file)", "not valid JSON")

    def test_a_service_failing_the_schema(self):
        del self.first["status"]
        self.first["service_at_locations"][0]["location"]["latitude"] = "north"
        self.assertRefused(
            self.document,
            f'service {self.first["id"]}: (object): "status" is a required property',
            'service_at_locations.0.location.latitude: "north" is not of type "number"',
        )

    def test_an_unknown_organisation(self):
        del self.first["organization"]
        self.first["organization_id"] = "00000000-0000-4000-8000-000000000000"
        self.assertRefused(
            self.document,
            f"service {self.first['id']}: organization_id: The organization "
            "00000000-0000-4000-8000-000000000000 is neither in the file nor in the site.",
        )

    def test_duplicate_ids(self):
        self.document["contents"].append(self.first)
        self.assertRefused(
            self.document, f"service {self.first['id']}: id: The same id appears twice"
        )

    @override_settings(WAGTAIL_IKUT={"IMPORT_MAX_BYTES": 1000})
    def test_a_file_over_the_size_limit(self):
        self.assertRefused(self.document, "larger than the limit of 1000 bytes")

    def test_wrong_encoding(self):
        text = json.dumps(self.document, ensure_ascii=False).encode("latin-1", "replace")
        self.assertRefused(text, "bad.json", "not UTF-8")

    def test_coordinates_outside_finland(self):
        location = self.first["service_at_locations"][0]["location"]
        location.update(latitude=52.52, longitude=13.40)
        self.assertRefused(
            self.document,
            f"service {self.first['id']}: service_at_locations[0].location.latitude: "
            "The coordinates 52.52000, 13.40000 are outside Finland.",
        )

    def test_a_value_the_site_refuses(self):
        helpline = self.document["contents"][0]
        helpline["phones"][0]["number"] = "12"
        self.assertRefused(self.document, f"{helpline['id']} (fi): contact_channels[0].phone")


class SourceIdTests(TestCase):
    def test_a_translation_keeps_the_source_ids_and_a_copy_does_not(self):
        directory = make_directory()
        service = make_service(
            directory, "Neuvonta", hsds_id="8afb189f-9252-544a-a1f3-ba6becb218f0"
        )
        swedish = service.copy_for_translation(LocaleFactory(language_code="sv"), copy_parents=True)
        copy = service.copy(update_attrs={"slug": "neuvonta-2", "title": "Neuvonta 2"})
        self.assertEqual(ServicePage.objects.get(pk=swedish.pk).hsds_id, service.hsds_id)
        self.assertEqual(ServicePage.objects.get(pk=copy.pk).hsds_id, "")
