import datetime

import time_machine
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail_localize.models import OverridableSegment, StringSegment, TranslationSource

from tests.factories import CourseThemeFactory, LocaleFactory, OrganisationFactory
from tests.utils import (
    EnglishAdminTestUtils,
    course_instance,
    make_course,
    make_course_index,
    site_root,
)
from wagtail_ikut.courses.details import (
    CourseContact,
    CourseInstance,
    CourseStatus,
    enrolment_open_q,
)
from wagtail_ikut.courses.models import CourseFormat, CourseIndexPage, CoursePage

MONDAY = datetime.date(2027, 3, 1)
MONDAY_MORNING = datetime.datetime(2027, 3, 1, 8, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def errors_of(obj):
    """Return the errors, by field and in English, that ``obj.clean()`` must raise."""
    with translation.override("en"):
        try:
            obj.clean()
        except ValidationError as error:
            return error.message_dict
    raise AssertionError(f"{obj!r} passed clean()")


class CourseInstanceStatusTests(TestCase):
    def test_the_status_follows_from_the_dates_and_seats(self):
        start = MONDAY + 14 * DAY
        cases = [
            ({}, MONDAY, CourseStatus.ENROLMENT_OPEN),
            ({"seats": 6, "seats_left": 0}, MONDAY, CourseStatus.FULL),
            ({"enrolment_start": MONDAY + DAY}, MONDAY, CourseStatus.PLANNED),
            ({"enrolment_end": MONDAY - DAY}, MONDAY, CourseStatus.PLANNED),
            ({}, start + DAY, CourseStatus.RUNNING),
            ({"enrolment_end": start + 7 * DAY}, start + DAY, CourseStatus.ENROLMENT_OPEN),
            ({}, start + 80 * DAY, CourseStatus.FINISHED),
            ({"status": CourseStatus.CANCELLED}, MONDAY, CourseStatus.CANCELLED),
        ]
        for fields, today, expected in cases:
            with self.subTest(fields=fields, today=today):
                self.assertEqual(course_instance(start, **fields).status_on(today), expected)

    def test_the_database_agrees_on_which_instances_take_enrolments(self):
        course = make_course(make_course_index())
        start = MONDAY + 14 * DAY
        variants = [
            {},
            {"seats": 6, "seats_left": 0},
            {"seats": 6, "seats_left": 2},
            {"enrolment_start": MONDAY + DAY},
            {"enrolment_end": MONDAY - DAY},
            {"enrolment_end": MONDAY},
            {"status": CourseStatus.CANCELLED},
        ]
        for fields in variants:
            course_instance(start, page=course, **fields).save()
        for today in (MONDAY, start, start + 80 * DAY):
            with self.subTest(today=today):
                in_python = {
                    i.pk
                    for i in CourseInstance.objects.all()
                    if i.status_on(today) == CourseStatus.ENROLMENT_OPEN
                }
                in_sql = set(
                    CourseInstance.objects.filter(enrolment_open_q(today)).values_list(
                        "pk", flat=True
                    )
                )
                self.assertEqual(in_python, in_sql)

    def test_the_first_meeting_is_the_first_meeting_day_on_or_after_the_first_day(self):
        instance = course_instance(MONDAY, weekdays=[2, 4])
        self.assertEqual(instance.first_meeting, MONDAY + 2 * DAY)
        with translation.override("en"):
            self.assertEqual(instance.weekday_names, ["Wednesday", "Friday"])


class CourseValidationTests(TestCase):
    def test_the_last_day_cannot_be_before_the_first(self):
        instance = CourseInstance(start_date=MONDAY, end_date=MONDAY - DAY)
        self.assertIn("end_date", errors_of(instance))

    def test_enrolment_cannot_close_before_it_opens_or_after_the_course(self):
        instance = course_instance(
            MONDAY, enrolment_start=MONDAY - DAY, enrolment_end=MONDAY - 5 * DAY
        )
        self.assertEqual(
            errors_of(instance)["enrolment_end"], ["Enrolment cannot close before it opens."]
        )
        late = course_instance(MONDAY, enrolment_end=MONDAY + 100 * DAY)
        self.assertIn("enrolment_end", errors_of(late))

    def test_there_cannot_be_more_seats_left_than_seats(self):
        self.assertIn("seats_left", errors_of(course_instance(MONDAY, seats=6, seats_left=7)))

    def test_meetings_need_both_times_in_order_and_their_days(self):
        self.assertIn("end_time", errors_of(course_instance(MONDAY, end_time=None)))
        self.assertIn("end_time", errors_of(course_instance(MONDAY, end_time=datetime.time(8))))
        self.assertIn("weekdays", errors_of(course_instance(MONDAY, weekdays=[])))

    def test_group_size_and_hours_ranges_run_from_least_to_most(self):
        page = CoursePage(
            group_size_min=6, group_size_max=4, hours_per_week_min=15, hours_per_week_max=12
        )
        errors = errors_of(page)
        self.assertEqual(
            errors["group_size_max"], ["The largest group cannot be smaller than the smallest."]
        )
        self.assertIn("hours_per_week_max", errors)

    def test_a_course_has_group_activities_individual_guidance_or_both(self):
        page = CoursePage(group_activities=False, individual_guidance=False)
        self.assertIn("group_activities", errors_of(page))
        self.assertEqual(
            CoursePage(group_activities=True, individual_guidance=True).course_format,
            CourseFormat.BOTH,
        )

    def test_instances_overlap_at_the_same_address_on_a_shared_day_and_hour(self):
        here = {"street_address": "Toinen linja 4", "postcode": "00530"}
        first = course_instance(MONDAY, **here)
        self.assertTrue(
            first.overlaps(
                course_instance(
                    MONDAY + 7 * DAY, **{"street_address": " toinen  LINJA 4", "postcode": "00530"}
                )
            )
        )
        self.assertFalse(first.overlaps(course_instance(MONDAY, weekdays=[4], **here)))
        self.assertFalse(
            first.overlaps(
                course_instance(
                    MONDAY, start_time=datetime.time(13), end_time=datetime.time(15), **here
                )
            )
        )
        self.assertFalse(first.overlaps(course_instance(MONDAY + 100 * DAY, **here)))
        self.assertFalse(first.overlaps(course_instance(MONDAY, street_address="Muu katu 1")))


@time_machine.travel(MONDAY_MORNING)
class CoursePageTests(TestCase):
    def setUp(self):
        self.index = make_course_index()

    def test_past_instances_drop_out_of_the_page_as_time_passes(self):
        course = make_course(
            self.index,
            instances=[
                course_instance(MONDAY - 100 * DAY, street_address="Vanha katu 1"),
                course_instance(MONDAY + 14 * DAY, street_address="Uusi katu 1"),
            ],
        )
        content = self.client.get(course.url).content.decode()
        self.assertIn("Uusi katu 1", content)
        self.assertNotIn("Vanha katu 1", content)
        with time_machine.travel(MONDAY_MORNING + datetime.timedelta(days=100)):
            content = self.client.get(course.url).content.decode()
        self.assertNotIn("Uusi katu 1", content)
        self.assertIn("ikut-no-upcoming", content)

    def test_a_course_without_upcoming_instances_offers_to_notify_through_its_contact(self):
        course = make_course(
            self.index,
            instances=[course_instance(MONDAY - 100 * DAY)],
            contact_channels=[CourseContact(kind="phone", phone="0295463177")],
        )
        content = self.client.get(course.url).content.decode()
        self.assertIn('class="ikut-no-upcoming"', content)
        self.assertIn('href="tel:+358295463177"', content)

    def test_without_contact_channels_the_organisers_contacts_are_offered(self):
        organiser = OrganisationFactory(email="kurssit@example.fi")
        course = make_course(self.index, organiser=organiser)
        self.assertContains(self.client.get(course.url), 'href="mailto:kurssit@example.fi"')

    def test_the_page_shows_the_extent_and_the_way_in(self):
        course = make_course(
            self.index,
            duration_weeks=10,
            hours_per_week_min=12,
            hours_per_week_max=15,
            group_size_min=4,
            group_size_max=6,
            referral_by_social_worker=True,
            instances=[course_instance(MONDAY + 14 * DAY, seats=6, seats_left=2)],
        )
        content = self.client.get(course.url).content.decode()
        for text in (
            "10 viikkoa",
            "12–15 tuntia viikossa",
            "Ryhmässä 4–6 henkeä",
            "2 paikkaa vapaana (6 paikkaa)",
            "Sosiaalityöntekijän lähetteellä",
        ):
            self.assertIn(text, content)


class CoursePageTreeTests(WagtailPageTestCase):
    def test_a_course_can_be_created_only_under_a_course_index(self):
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertCanNotCreateAt(Page, CoursePage)
        self.assertAllowedSubpageTypes(CoursePage, {})


class CourseTranslationTests(TestCase):
    def test_a_translation_copies_the_instances_as_the_same_runs_in_the_new_language(self):
        course = make_course(make_course_index(), instances=[course_instance(MONDAY)])
        swedish = LocaleFactory(language_code="sv")
        site_root().copy_for_translation(swedish)
        translation_ = course.copy_for_translation(swedish, copy_parents=True)
        [source] = course.instances.all()
        [copy] = translation_.instances.all()
        self.assertEqual(copy.locale, swedish)
        self.assertEqual(copy.translation_key, source.translation_key)
        self.assertEqual(copy.weekdays, [0, 1, 2, 3])

    def test_a_confidential_places_details_are_kept_out_of_the_translation_source(self):
        shelter = {
            "name": "Turvakoti Lokki",
            "street_address": "Salainen kuja 3",
            "postcode": "00530",
            "directions": "Soita summeria B, ovi avataan sisältä.",
            "accessibility": "Hissi pihan puolella.",
        }
        college = {
            "name": "Kansalaisopisto",
            "street_address": "Opistotie 2",
            "postcode": "00100",
            "directions": "Raitiovaunu 7, pysäkki Opisto.",
            "accessibility": "Esteetön sisäänkäynti.",
        }
        course = make_course(
            make_course_index(),
            instances=[
                course_instance(MONDAY, confidential=True, **shelter),
                course_instance(MONDAY + 7 * DAY, **college),
            ],
        )
        source, _created = TranslationSource.get_or_create_from_instance(course)
        strings = set(
            StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
        )
        overridables = [
            segment.data for segment in OverridableSegment.objects.filter(source=source)
        ]
        for text in shelter.values():
            self.assertNotIn(text, strings)
            self.assertNotIn(text, overridables)
        self.assertLessEqual(
            {college["name"], college["directions"], college["accessibility"]}, strings
        )
        self.assertIn(college["street_address"], overridables)
        self.assertIn(college["postcode"], overridables)

        translated, _created = source.create_or_update_translation(
            LocaleFactory(language_code="sv"), copy_parent_pages=True, fallback=True
        )
        copy = translated.instances.get(confidential=True)
        self.assertEqual({field: getattr(copy, field) for field in shelter}, shelter)


class CourseAdminFormTests(EnglishAdminTestUtils, TestCase):
    def test_the_add_form_offers_meeting_days_and_terms_in_the_pages_language(self):
        self.login()
        index = make_course_index()
        CourseThemeFactory(name="Työnhaku")
        CourseThemeFactory(name="Arbetssökande", locale=LocaleFactory(language_code="sv"))
        url = reverse("wagtailadmin_pages:add", args=["wagtail_ikut", "coursepage", index.pk])
        response = self.client.get(url)
        self.assertContains(response, "Meeting days")
        self.assertContains(response, "Työnhaku")
        self.assertNotContains(response, "Arbetssökande")
