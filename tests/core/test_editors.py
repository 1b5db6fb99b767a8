from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import (
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.factories import LocaleFactory, MunicipalityFactory, OrganisationFactory
from tests.utils import (
    EnglishAdminTestUtils,
    make_course,
    make_course_index,
    make_directory,
    make_guidance,
    make_service,
    site_root,
)
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.courses.models import CourseIndexPage
from wagtail_ikut.guidance.models import GuidanceIndexPage
from wagtail_ikut.services.models import ServiceDirectoryPage


def setup_editors(*args):
    """Run ``ikut_setup_editors`` with ``args`` and return what it printed."""
    out = StringIO()
    with translation.override("en"):
        call_command("ikut_setup_editors", *args, stdout=out)
    return out.getvalue()


def guidance_index(title):
    """Add a published guidance index under the site's front page."""
    index = GuidanceIndexPage(title=title)
    site_root().add_child(instance=index)
    index.save_revision().publish()
    return index


def everything_set_up():
    """Return every row the command may write, to compare before and after a run."""
    return [
        list(Group.objects.values_list("name", "permissions__codename").order_by("pk", "name")),
        list(GroupPagePermission.objects.values_list("group", "page", "permission")),
        list(Workflow.objects.values_list("name", "active")),
        list(Task.objects.values_list("name", "active")),
        list(WorkflowTask.objects.values_list("workflow", "task", "sort_order")),
        list(WorkflowPage.objects.values_list("page", "workflow")),
        list(
            Task.objects.filter(groupapprovaltask__isnull=False).values_list(
                "name", "groupapprovaltask__groups"
            )
        ),
    ]


class OrganisationsSectionsMixin(EnglishAdminTestUtils):
    """Vantaa and Espoo, each with a section of a shared directory, a course index and guidance."""

    def setUp(self):
        self.vantaa = OrganisationFactory(
            name="Vantaan kaupunki", kind=Organisation.Kind.MUNICIPALITY
        )
        self.espoo = OrganisationFactory(
            name="Espoon kaupunki", kind=Organisation.Kind.MUNICIPALITY
        )
        self.shared = make_directory(title="Palvelut")
        self.sections = {}
        self.pages = {}
        for key, organisation, place in (("a", self.vantaa, "Vantaa"), ("b", self.espoo, "Espoo")):
            directory = make_directory(parent=self.shared, title=f"{place} palvelut")
            courses = make_course_index(title=f"{place} kurssit")
            guidance = guidance_index(f"{place} ohjeet")
            self.sections[key] = (directory, courses, guidance)
            self.pages[key] = (
                make_service(directory, f"{place} neuvonta", provider=organisation),
                make_course(courses, f"{place} työelämäkurssi", organiser=organisation),
                make_guidance(guidance, f"{place} tunnistamisohje"),
            )
            # A section by its path below the site's root, the others by id.
            setup_editors(
                organisation.name,
                *("--page", str(directory.pk)),
                *("--page", f"/{courses.slug}/"),
                *("--page", str(guidance.pk)),
            )

    def user_in(self, group_name):
        """Log in a new member of the group ``group_name``."""
        user = self.create_user(group_name.replace(" ", "-"), password="password")
        user.groups.add(Group.objects.get(name=group_name))
        self.login(user)
        return user

    def service_form(self, service, **changes):
        """Return the service editor's form data for ``service``, with ``changes``."""
        return nested_form_data(
            {
                "title": service.title,
                "slug": service.slug,
                "summary": service.summary,
                "provider": service.provider_id,
                "status": service.status,
                **{
                    name: rich_text("")
                    for name in ("how_to_get_help", "description", "eligibility")
                },
                **{
                    name: inline_formset([])
                    for name in (
                        "locations",
                        "contact_channels",
                        "opening_hours",
                        "hours_exceptions",
                        "comments",
                    )
                },
                **changes,
            }
        )


class SetupEditorsCommandTests(OrganisationsSectionsMixin, TestCase):
    """The command gives one organisation its groups, page permissions and workflow."""

    def test_the_groups_get_their_permissions_on_the_organisations_sections_only(self):
        def permitted(group):
            return set(
                GroupPagePermission.objects.filter(group__name=group).values_list(
                    "page", "permission__codename"
                )
            )

        pages = [page.pk for page in self.sections["a"]]
        self.assertEqual(
            permitted("Vantaan kaupunki editors"),
            {(page, codename) for page in pages for codename in ("add_page", "change_page")},
        )
        self.assertEqual(
            permitted("Vantaan kaupunki moderators"),
            {
                (page, f"{permission}_page")
                for page in pages
                for permission in ("add", "change", "publish", "lock", "unlock")
            },
        )
        editors = Group.objects.get(name="Vantaan kaupunki editors")
        self.assertTrue(
            {"access_admin", "view_organisation", "view_municipality", "view_servicecategory"}
            <= set(editors.permissions.values_list("codename", flat=True))
        )
        self.assertFalse(editors.permissions.filter(codename="change_organisation").exists())

    def test_the_organisations_sections_are_moderated_by_its_moderators(self):
        workflow = Workflow.objects.get(name="Vantaan kaupunki moderation")
        self.assertEqual(
            set(workflow.workflow_pages.values_list("page", flat=True)),
            {page.pk for page in self.sections["a"]},
        )
        [task] = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
        self.assertEqual(
            list(task.groups.values_list("name", flat=True)), ["Vantaan kaupunki moderators"]
        )
        for page in self.pages["a"]:
            self.assertEqual(page.get_workflow(), workflow)
        for page in self.pages["b"]:
            self.assertEqual(page.get_workflow().name, "Espoon kaupunki moderation")

    def test_running_it_again_changes_nothing(self):
        before = everything_set_up()
        directory, courses, guidance = self.sections["a"]
        output = setup_editors(
            "vantaan KAUPUNKI",
            "--page",
            f"/palvelut/{directory.slug}/",
            "--page",
            str(courses.pk),
            "--page",
            str(guidance.pk),
        )
        self.assertEqual(everything_set_up(), before)
        self.assertIn("Nothing to do", output)

    def test_a_municipality_is_found_by_its_name_or_code(self):
        MunicipalityFactory(name="Kauniainen", code="235")
        page = make_directory(title="Kauniaisten palvelut")
        output = setup_editors("235", "--page", str(page.pk))
        self.assertIn("Created the group “Kauniainen editors”", output)
        self.assertIn("Nothing to do", setup_editors("kauniainen", "--page", str(page.pk)))

    def test_the_sections_translations_are_included_and_named_by_the_default_language(self):
        swedish = LocaleFactory(language_code="sv")
        directory = self.sections["a"][0]
        translated = directory.copy_for_translation(swedish, copy_parents=True)
        sv_vantaa = self.vantaa.copy_for_translation(swedish)
        sv_vantaa.name = "Vanda stad"
        sv_vantaa.save()
        setup_editors("Vanda stad", "--page", str(directory.pk))
        self.assertTrue(
            GroupPagePermission.objects.filter(
                group__name="Vantaan kaupunki editors", page=translated
            ).exists()
        )
        self.assertEqual(
            WorkflowPage.objects.get(page=translated).workflow.name, "Vantaan kaupunki moderation"
        )

    def test_an_unknown_organisation_or_page_is_an_error_that_writes_nothing(self):
        before = everything_set_up()
        with self.assertRaisesMessage(
            CommandError, "No organisation or municipality is named or coded “Lahti”"
        ):
            setup_editors("Lahti", "--page", str(self.shared.pk))
        with self.assertRaisesMessage(CommandError, "No single page has the id or path “/ei-ole/”"):
            setup_editors("Vantaan kaupunki", "--page", "/ei-ole/")
        self.assertEqual(everything_set_up(), before)


class OrganisationEditingTests(OrganisationsSectionsMixin, TestCase):
    """In the admin, an organisation's editors and moderators work on its pages only."""

    def assert_denied(self, response):
        self.assertRedirects(response, reverse("wagtailadmin_home"))

    def test_an_editor_cannot_touch_another_organisations_pages(self):
        self.user_in("Vantaan kaupunki editors")
        own_directory = self.sections["a"][0]
        for page in self.pages["b"]:
            before = (page.title, page.live, page.get_parent().pk, page.latest_revision_id)
            with self.subTest(page=page.title):
                for name in ("edit", "delete", "unpublish"):
                    self.assert_denied(
                        self.client.get(reverse(f"wagtailadmin_pages:{name}", args=[page.pk]))
                    )
                self.assert_denied(
                    self.client.post(
                        reverse("wagtailadmin_pages:edit", args=[page.pk]),
                        {"title": "Muutettu", "action-publish": "action-publish"},
                    )
                )
                self.assert_denied(
                    self.client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
                )
                self.assert_denied(
                    self.client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
                )
                self.assert_denied(
                    self.client.post(
                        reverse("wagtailadmin_pages:move_confirm", args=[page.pk, own_directory.pk])
                    )
                )
                page.refresh_from_db()
                self.assertEqual(
                    (page.title, page.live, page.get_parent().pk, page.latest_revision_id), before
                )

    def test_the_listings_show_an_editor_only_their_organisations_pages(self):
        self.user_in("Vantaan kaupunki editors")
        others = [page.title for page in self.pages["b"]]

        def listed(url, **params):
            content = self.client.get(url, params).content.decode()
            return [page.title for page in self.pages["a"] if page.title in content] + [
                title for title in others if title in content
            ]

        self.assertEqual(listed(reverse("wagtail_ikut_services:index")), ["Vantaa neuvonta"])
        self.assertEqual(listed(reverse("wagtail_ikut_courses:index")), ["Vantaa työelämäkurssi"])
        self.assertEqual(
            listed(reverse("wagtailadmin_pages:search"), q="neuvonta"), ["Vantaa neuvonta"]
        )
        for section in self.sections["b"]:
            self.assertEqual(listed(reverse("wagtailadmin_explore", args=[section.pk])), [])
        root = self.client.get(reverse("wagtailadmin_explore", args=[site_root().pk]))
        self.assertContains(root, "Vantaa kurssit")
        self.assertNotContains(root, "Espoo kurssit")
        shared = self.client.get(reverse("wagtailadmin_explore", args=[self.shared.pk]))
        self.assertContains(shared, "Vantaa palvelut")
        self.assertNotContains(shared, "Espoo palvelut")

    def test_an_editor_submits_their_organisations_page_and_cannot_publish_it(self):
        self.user_in("Vantaan kaupunki editors")
        service = self.pages["a"][0]
        url = reverse("wagtailadmin_pages:edit", args=[service.pk])
        self.client.post(
            url, self.service_form(service, title="Julkaistu?", **{"action-publish": "1"})
        )
        service.refresh_from_db()
        self.assertEqual(service.title, "Vantaa neuvonta")
        self.assertTrue(service.has_unpublished_changes)
        self.client.post(
            url, self.service_form(service, title="Vantaan neuvonta", **{"action-submit": "1"})
        )
        state = WorkflowState.objects.get(object_id=str(service.pk))
        self.assertEqual(
            (state.status, state.workflow.name),
            (WorkflowState.STATUS_IN_PROGRESS, "Vantaan kaupunki moderation"),
        )
        service.refresh_from_db()
        self.assertEqual(service.title, "Vantaa neuvonta")

    def test_a_moderator_approves_and_publishes_their_organisations_pages_only(self):
        service = self.pages["a"][0]
        self.user_in("Vantaan kaupunki editors")
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[service.pk]),
            self.service_form(service, title="Vantaan neuvonta", **{"action-submit": "1"}),
        )
        self.user_in("Vantaan kaupunki moderators")
        task_state = WorkflowState.objects.get(object_id=str(service.pk)).current_task_state
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action", args=[service.pk, "approve", task_state.pk]
            )
        )
        service.refresh_from_db()
        self.assertEqual(
            (service.title, service.has_unpublished_changes), ("Vantaan neuvonta", False)
        )

        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[service.pk]),
            self.service_form(service, title="Vantaan neuvontapiste", **{"action-publish": "1"}),
        )
        service.refresh_from_db()
        self.assertEqual(service.title, "Vantaan neuvontapiste")
        self.client.post(reverse("wagtailadmin_pages:unpublish", args=[service.pk]))
        service.refresh_from_db()
        self.assertFalse(service.live)

        other = self.pages["b"][0]
        self.assert_denied(
            self.client.post(reverse("wagtailadmin_pages:unpublish", args=[other.pk]))
        )
        other.refresh_from_db()
        self.assertTrue(other.live)

    def test_the_shared_directory_still_lists_every_organisations_services(self):
        self.assertTrue(ServiceDirectoryPage.can_create_at(self.shared))
        self.assertTrue(CourseIndexPage.can_create_at(self.sections["a"][1]))
        response = self.client.get(self.shared.url)
        self.assertContains(response, "Vantaa neuvonta")
        self.assertContains(response, "Espoo neuvonta")

    def test_the_review_report_and_dashboard_show_an_editor_only_their_organisations_pages(self):
        self.user_in("Vantaan kaupunki editors")
        for response in (
            self.client.get(reverse("wagtail_ikut_review_report")),
            self.client.get(reverse("wagtail_ikut_review_report"), {"export": "csv"}),
            self.client.get(reverse("wagtailadmin_home")),
        ):
            content = response.getvalue().decode()
            self.assertIn("Vantaa neuvonta", content)
            self.assertNotIn("Espoo neuvonta", content)
