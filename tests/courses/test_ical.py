"""The iCalendar feeds, parsed back as a calendar app would read them."""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import TestCase
from icalendar import Calendar

from tests.factories import MunicipalityFactory
from tests.utils import course_instance, make_course, make_course_index
from wagtail_ikut.courses.details import CourseInstance, CourseStatus

HELSINKI = ZoneInfo("Europe/Helsinki")
MONDAY = datetime.date(2027, 3, 1)
DAY = datetime.timedelta(days=1)


def events(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


@time_machine.travel(datetime.datetime(2027, 3, 1, 8, tzinfo=datetime.UTC))
class CourseCalendarTests(TestCase):
    def setUp(self):
        self.index = make_course_index()
        self.course = make_course(
            self.index,
            "Työelämäkurssi",
            instances=[
                course_instance(
                    MONDAY + 14 * DAY,
                    weekdays=[0, 2],
                    start_time=datetime.time(9),
                    end_time=datetime.time(12, 30),
                    name="Ryhmätila",
                    street_address="Toinen linja 4",
                    postcode="00530",
                    municipality=MunicipalityFactory(code="091", name="Helsinki"),
                ),
                course_instance(MONDAY - 100 * DAY),
            ],
        )

    def test_a_course_feed_is_a_valid_calendar_with_a_weekly_event_in_helsinki_time(self):
        response = self.client.get(self.course.url + "ical/")
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        calendar = Calendar.from_ical(response.content)
        self.assertEqual(calendar["VERSION"], "2.0")
        self.assertTrue(calendar["PRODID"])
        self.assertEqual([tz["TZID"] for tz in calendar.walk("VTIMEZONE")], ["Europe/Helsinki"])
        [event] = calendar.walk("VEVENT")  # The past instance is left out.
        start = event.decoded("DTSTART")
        self.assertEqual(start, datetime.datetime(2027, 3, 15, 9, tzinfo=HELSINKI))
        self.assertEqual(event["DTSTART"].params["TZID"], "Europe/Helsinki")
        self.assertEqual(
            event.decoded("DTEND"), datetime.datetime(2027, 3, 15, 12, 30, tzinfo=HELSINKI)
        )
        rule = event["RRULE"]
        self.assertEqual(rule["FREQ"], ["WEEKLY"])
        self.assertEqual(rule["BYDAY"], ["MO", "WE"])
        # The last day, 21.5.2027, counts to its end in Helsinki, given in UTC.
        self.assertEqual(
            rule["UNTIL"], [datetime.datetime(2027, 5, 21, 20, 59, 59, tzinfo=datetime.UTC)]
        )
        self.assertEqual(str(event["SUMMARY"]), "Työelämäkurssi")
        self.assertEqual(str(event["LOCATION"]), "Ryhmätila, Toinen linja 4, 00530 Helsinki")
        self.assertEqual(str(event["STATUS"]), "CONFIRMED")
        self.assertIn("DTSTAMP", event)

    def test_the_uid_stays_the_same_when_the_course_is_edited(self):
        [before] = events(self.client.get(self.course.url + "ical/"))
        self.course.title = "Työelämän kurssi"
        instance = self.course.instances.first()
        instance.seats = 5
        self.course.save_revision().publish()
        [after] = events(self.client.get(self.course.url + "ical/"))
        self.assertEqual(str(after["SUMMARY"]), "Työelämän kurssi")
        self.assertEqual(str(before["UID"]), str(after["UID"]))
        self.assertIn(
            str(CourseInstance.objects.get(start_date=MONDAY + 14 * DAY).translation_key),
            str(after["UID"]),
        )

    def test_a_cancelled_instance_stays_in_the_feed_marked_cancelled(self):
        self.course.instances.update(status=CourseStatus.CANCELLED)
        [event] = events(self.client.get(self.course.url + "ical/"))
        self.assertEqual(str(event["STATUS"]), "CANCELLED")

    def test_an_instance_without_meeting_times_is_an_all_day_event_over_its_dates(self):
        make_course(
            self.index,
            "Ohjaus",
            instances=[course_instance(MONDAY + 7 * DAY, weeks=1, start_time=None, end_time=None)],
        )
        by_summary = {
            str(event["SUMMARY"]): event
            for event in events(self.client.get(self.index.url + "ical/"))
        }
        self.assertEqual(set(by_summary), {"Työelämäkurssi", "Ohjaus"})
        event = by_summary["Ohjaus"]
        self.assertEqual(event.decoded("DTSTART"), MONDAY + 7 * DAY)
        self.assertEqual(event.decoded("DTEND"), MONDAY + 12 * DAY)
        self.assertNotIn("RRULE", event)

    def test_a_confidential_place_is_not_in_the_feed(self):
        self.course.instances.update(confidential=True)
        [event] = events(self.client.get(self.course.url + "ical/"))
        self.assertNotIn("Toinen linja", str(event["LOCATION"]))
