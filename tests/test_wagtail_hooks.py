import datetime

import time_machine
from django.contrib.auth.models import Group, Permission
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.factories import (
    CourseThemeFactory,
    LanguageFactory,
    LocaleFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ServiceCategoryFactory,
    TargetGroupFactory,
)
from tests.utils import (
    EnglishAdminTestUtils,
    course_instance,
    make_course,
    make_course_index,
    make_directory,
    make_guidance,
    make_service,
)
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.courses.models import CoursePage
from wagtail_ikut.services.models import ServiceStatus

RICH_TEXT_FIELDS = ("description", "structure", "eligibility", "how_to_apply")


class SnippetAdminTests(EnglishAdminTestUtils, TestCase):
    def setUp(self):
        self.login()

    def test_every_shared_snippet_has_a_listing_under_one_menu(self):
        for factory in (
            OrganisationFactory,
            MunicipalityFactory,
            LanguageFactory,
            ServiceCategoryFactory,
            TargetGroupFactory,
            CourseThemeFactory,
        ):
            obj = factory()
            with self.subTest(model=type(obj).__name__):
                url = reverse(f"wagtailsnippets_wagtail_ikut_{obj._meta.model_name}:list")
                self.assertContains(self.client.get(url), str(obj))
        menu = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("Help for victims", menu)

    def test_an_editor_creates_an_organisation_with_a_phone_number_as_typed(self):
        url = reverse("wagtailsnippets_wagtail_ikut_organisation:add")
        response = self.client.post(
            url,
            {"name": "Pro-tukipiste", "kind": "ngo", "phone": "09 310 1611", "locale": "fi"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Organisation.objects.get(name="Pro-tukipiste").phone, "+35893101611")

    def test_a_wrong_phone_number_is_shown_to_the_editor_and_nothing_is_saved(self):
        url = reverse("wagtailsnippets_wagtail_ikut_organisation:add")
        response = self.client.post(url, {"name": "Pro-tukipiste", "kind": "ngo", "phone": "123"})
        self.assertContains(response, "“123” is not a valid phone number.")
        self.assertFalse(Organisation.objects.exists())

    def test_organisations_can_be_filtered_by_kind(self):
        OrganisationFactory(name="Vantaan kaupunki", kind=Organisation.Kind.MUNICIPALITY)
        OrganisationFactory(name="Pro-tukipiste", kind=Organisation.Kind.NGO)
        url = reverse("wagtailsnippets_wagtail_ikut_organisation:list")
        response = self.client.get(url, {"kind": "municipality"})
        self.assertContains(response, "Vantaan kaupunki")
        self.assertNotContains(response, "Pro-tukipiste")


class ServiceListingTests(EnglishAdminTestUtils, TestCase):
    def setUp(self):
        self.login()
        self.directory = make_directory()

    def test_services_can_be_filtered_by_status_and_last_verified(self):
        make_service(self.directory, "Tarkistettu", last_verified=datetime.date(2026, 10, 1))
        make_service(self.directory, "Vanha", last_verified=datetime.date(2024, 1, 1))
        make_service(self.directory, "Suljettu", status=ServiceStatus.TEMPORARILY_CLOSED)
        url = reverse("wagtail_ikut_services:index")
        response = self.client.get(url, {"last_verified_to": "2025-01-01"})
        self.assertContains(response, "Vanha")
        self.assertNotContains(response, "Tarkistettu")
        response = self.client.get(url, {"status": "temporarily_closed"})
        self.assertContains(response, "Suljettu")
        self.assertNotContains(response, "Vanha")
        self.assertIn(url, self.client.get(reverse("wagtailadmin_home")).content.decode())


class ServiceEditorTests(EnglishAdminTestUtils, TestCase):
    def setUp(self):
        self.login()
        self.directory = make_directory()

    @time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC))
    def test_the_editor_is_warned_when_the_details_are_overdue_for_checking(self):
        old = make_service(self.directory, "Vanha", last_verified=datetime.date(2025, 1, 1))
        fresh = make_service(self.directory, "Tuore", last_verified=datetime.date(2026, 11, 1))
        warning = "These details were last checked on"
        self.assertContains(
            self.client.get(reverse("wagtailadmin_pages:edit", args=[old.pk])), warning
        )
        self.assertNotContains(
            self.client.get(reverse("wagtailadmin_pages:edit", args=[fresh.pk])), warning
        )

    def test_the_form_offers_only_terms_in_the_pages_language(self):
        ServiceCategoryFactory(name="Asuminen")
        ServiceCategoryFactory(name="Boende", locale=LocaleFactory(language_code="sv"))
        url = reverse(
            "wagtailadmin_pages:add", args=["wagtail_ikut", "servicepage", self.directory.pk]
        )
        response = self.client.get(url)
        self.assertContains(response, "Asuminen")
        self.assertNotContains(response, "Boende")


class CourseEditorTests(EnglishAdminTestUtils, TestCase):
    """Bad input in the course editor is shown next to the field it concerns."""

    def setUp(self):
        self.login()
        self.index = make_course_index()
        self.course = make_course(self.index, "Työelämäkurssi")
        self.url = reverse("wagtailadmin_pages:edit", args=[self.course.pk])

    def post(self, instances, **fields):
        data = {
            "title": "Työelämäkurssi",
            "slug": "tyoelamakurssi",
            "summary": "Kymmenen viikon kurssi.",
            "organiser": self.course.organiser_id,
            "group_activities": "on",
            "group_size_min": "4",
            "group_size_max": "6",
            "free_of_charge": "on",
            **{name: rich_text("") for name in RICH_TEXT_FIELDS},
            "instances": inline_formset(
                [
                    {
                        "id": "",
                        "ORDER": str(number),
                        "DELETE": "",
                        "start_date": "2027-03-15",
                        "end_date": "2027-05-21",
                        "weekdays": ("0", "2"),
                        "start_time": "09:00",
                        "end_time": "12:00",
                        "status": "planned",
                        **instance,
                    }
                    for number, instance in enumerate(instances)
                ]
            ),
            "contact_channels": inline_formset([]),
            "comments": inline_formset([]),
            **fields,
        }
        return self.client.post(self.url, nested_form_data(data))

    def instance_errors(self, response):
        """Return each instance form's errors, in English."""
        formset = response.context["form"].formsets["instances"]
        with translation.override("en"):
            return [
                {
                    name: [str(message) for message in messages]
                    for name, messages in form.errors.items()
                }
                for form in formset.forms
            ]

    def test_a_valid_course_with_an_instance_is_saved(self):
        response = self.post([{"seats": "6", "seats_left": "2"}])
        self.assertEqual(response.status_code, 302)
        revision = CoursePage.objects.get(pk=self.course.pk).get_latest_revision_as_object()
        [instance] = revision.instances.all()
        self.assertEqual(instance.weekdays, [0, 2])

    def test_dates_and_enrolment_out_of_order_are_errors_on_their_fields(self):
        response = self.post(
            [
                {
                    "end_date": "2027-03-01",
                    "enrolment_start": "2027-02-15",
                    "enrolment_end": "2027-02-01",
                }
            ]
        )
        [errors] = self.instance_errors(response)
        self.assertEqual(errors["end_date"], ["The last day cannot be before the first day."])
        self.assertEqual(errors["enrolment_end"], ["Enrolment cannot close before it opens."])
        self.assertContains(response, "The page could not be saved due to validation errors")

    def test_seats_below_zero_above_the_group_size_or_below_seats_left_are_errors(self):
        response = self.post([{"seats": "-1"}, {"seats": "8"}, {"seats": "4", "seats_left": "5"}])
        negative, too_many, left = self.instance_errors(response)
        self.assertIn("seats", negative)
        self.assertEqual(too_many["seats"], ["A group of 6 at most cannot have 8 seats."])
        self.assertEqual(
            left["seats_left"], ["There cannot be more seats left than there are seats."]
        )

    def test_group_size_and_hours_out_of_order_are_errors_on_the_page_fields(self):
        response = self.post(
            [],
            group_size_min="6",
            group_size_max="4",
            hours_per_week_min="15",
            hours_per_week_max="12",
        )
        errors = response.context["form"].errors
        self.assertIn("group_size_max", errors)
        self.assertIn("hours_per_week_max", errors)

    def test_instances_at_the_same_place_and_time_are_an_error(self):
        place = {"street_address": "Toinen linja 4", "postcode": "00530"}
        response = self.post(
            [
                {**place},
                {**place, "start_date": "2027-04-05", "end_date": "2027-06-11"},
                {**place, "start_time": "13:00", "end_time": "15:00"},
            ]
        )
        first, clashing, afternoon = self.instance_errors(response)
        self.assertEqual(first, {})
        self.assertEqual(afternoon, {})
        self.assertIn(
            "Another course instance meets at the same place at the same time",
            clashing["start_date"][0],
        )

    def test_an_instance_clashing_with_another_courses_is_an_error(self):
        make_course(
            self.index,
            "Suomen kieli",
            instances=[
                course_instance(
                    datetime.date(2027, 3, 1), street_address="Toinen linja 4", postcode="00530"
                )
            ],
        )
        response = self.post([{"street_address": "Toinen linja 4", "postcode": "00530"}])
        [errors] = self.instance_errors(response)
        self.assertIn("Suomen kieli", errors["start_date"][0])

    def test_courses_are_listed_in_the_help_for_victims_menu(self):
        url = reverse("wagtail_ikut_courses:index")
        self.assertContains(self.client.get(url), "Työelämäkurssi")
        self.assertIn(url, self.client.get(reverse("wagtailadmin_home")).content.decode())


@time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC))
@override_settings(WAGTAIL_IKUT={"VERIFICATION_MAX_AGE_DAYS": 180})
class ReviewPermissionTests(EnglishAdminTestUtils, TestCase):
    """The review report, its export and the dashboard list only what the user may edit."""

    TITLES = ("Vantaan neuvonta", "Espoon neuvonta", "Valtion korvaus")

    def setUp(self):
        self.vantaa = make_directory(title="Vantaan palvelut")
        make_service(self.vantaa, "Vantaan neuvonta", verified_by="Vantaan koordinaattori")
        espoo = make_directory(title="Espoon palvelut")
        make_service(espoo, "Espoon neuvonta", verified_by="Espoon koordinaattori")
        make_guidance(title="Valtion korvaus", next_review=datetime.date(2026, 11, 1))

    def editor(self, *pages):
        """Log in a user of the admin whose group may change ``pages`` and what is below them."""
        group = Group.objects.create(name="Vantaan toimittajat")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for page in pages:
            GroupPagePermission.objects.create(group=group, page=page, permission_type="change")
        user = self.create_user("toimittaja", password="password")
        user.groups.add(group)
        self.login(user)

    def seen(self):
        """Return the overdue titles in the report, its CSV export and the dashboard panel."""
        report = self.client.get(reverse("wagtail_ikut_review_report")).content.decode()
        csv = self.client.get(reverse("wagtail_ikut_review_report"), {"export": "csv"})
        dashboard = self.client.get(reverse("wagtailadmin_home")).content.decode()
        return {
            name: [title for title in self.TITLES if title in content]
            for name, content in (
                ("report", report),
                ("csv", csv.getvalue().decode()),
                ("dashboard", dashboard),
            )
        }

    def test_an_editor_of_one_directory_sees_only_its_overdue_services_a_superuser_all(self):
        self.login()
        everything = list(self.TITLES)
        self.assertEqual(
            self.seen(), {"report": everything, "csv": everything, "dashboard": everything}
        )
        self.editor(self.vantaa)
        only_vantaa = ["Vantaan neuvonta"]
        self.assertEqual(
            self.seen(), {"report": only_vantaa, "csv": only_vantaa, "dashboard": only_vantaa}
        )
        report = self.client.get(reverse("wagtail_ikut_review_report"))
        self.assertNotContains(report, "Espoon koordinaattori")
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, "1 guidance page or service listing is overdue for review.")

    def test_an_editor_without_page_permissions_sees_no_overdue_content_on_the_dashboard(self):
        self.editor()
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(dashboard, "overdue for review")
        for title in self.TITLES:
            self.assertNotContains(dashboard, title)
