import datetime
from zoneinfo import ZoneInfo

import holidays
import time_machine
from django.test import TestCase
from django.utils import translation
from wagtail.models import Site

from tests.factories import OrganisationFactory
from wagtail_ikut.core.calendar import holiday_name
from wagtail_ikut.services.details import OpeningHours, OpeningHoursException
from wagtail_ikut.services.hours import OpenStatus, Period, open_at, periods_on, status_at, week
from wagtail_ikut.services.models import ServiceDirectoryPage, ServicePage, ServiceStatus
from wagtail_ikut.services.search.database.index import ServiceIndex
from wagtail_ikut.services.search.models import ServiceIndexVersion

HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = datetime.UTC
WEEKDAYS = range(5)
EVERY_DAY = range(7)


def at(year, month, day, hour=0, minute=0):
    """Return a Helsinki wall-clock moment."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def weekly(days, opens, closes, by_appointment=False):
    return [
        OpeningHours(
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
            by_appointment=by_appointment,
        )
        for day in days
    ]


def exception(start, end, kind, opens=None, closes=None, note=""):
    return OpeningHoursException(
        start_date=start,
        end_date=end,
        kind=kind,
        opens=opens and datetime.time.fromisoformat(opens),
        closes=closes and datetime.time.fromisoformat(closes),
        note=note,
    )


def good_friday(year):
    finnish_holidays = holidays.Finland(years=year, language="en_US")
    return next(day for day, name in finnish_holidays.items() if name == "Good Friday")


class HoursTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.provider = OrganisationFactory()
        cls.directory = ServiceDirectoryPage(title="Palvelut")
        Site.objects.get(is_default_site=True).root_page.add_child(instance=cls.directory)

    def service(self, hours=(), exceptions=(), **fields):
        """Create a service page in the directory with these hours."""
        page = ServicePage(
            title=fields.pop("title", "Neuvonta"),
            summary="Neuvontaa ihmiskaupan uhreille.",
            provider=self.provider,
            opening_hours=list(hours),
            hours_exceptions=list(exceptions),
            **fields,
        )
        self.directory.add_child(instance=page)
        # Published as an editor would, so that the directory's index holds it.
        page.save_revision().publish()
        return page

    def office(self, **fields):
        """Create a service open on weekdays 9–16."""
        return self.service(hours=weekly(WEEKDAYS, "09:00", "16:00"), **fields)

    def night_shelter(self, **fields):
        """Create a shelter open every night 20–08."""
        return self.service(hours=weekly(EVERY_DAY, "20:00", "08:00"), **fields)

    def status(self, page, moment):
        """Return ``status_at``, after checking that ``open_at`` (the directory's filter) and
        the service index (its results on the database) give the same answer."""
        page = ServicePage.objects.get(pk=page.pk)
        status = status_at(page, moment)
        listed = page in open_at(ServicePage.objects.all(), moment)
        self.assertEqual(
            listed, status.is_open, f"status_at and open_at disagree at {moment.isoformat()}"
        )
        index = ServiceIndex(ServiceIndexVersion.current())
        if page.pk in index.position:  # an ended service is never a result
            indexed = index.statuses([page.pk], moment)[page.pk]
            self.assertEqual(
                (indexed.is_open, indexed.by_appointment),
                (status.is_open, status.by_appointment),
                f"status_at and the service index disagree at {moment.isoformat()}",
            )
        return status

    def assertOpen(self, page, moment):
        self.assertTrue(self.status(page, moment).is_open, f"closed at {moment.isoformat()}")

    def assertClosed(self, page, moment):
        self.assertFalse(self.status(page, moment).is_open, f"open at {moment.isoformat()}")


class WeeklyHoursTests(HoursTestCase):
    def test_an_office_is_open_on_an_ordinary_weekday_afternoon(self):
        status = self.status(self.office(), at(2025, 3, 11, 13, 30))
        self.assertEqual(
            status,
            OpenStatus(
                is_open=True,
                by_appointment=False,
                until=at(2025, 3, 11, 16),
                next_opening=at(2025, 3, 12, 9),
            ),
        )

    def test_the_opening_time_is_open_and_the_closing_time_is_not(self):
        office = self.office()
        self.assertClosed(office, at(2025, 3, 11, 8, 59))
        self.assertOpen(office, at(2025, 3, 11, 9, 0))
        self.assertOpen(office, at(2025, 3, 11, 15, 59))
        self.assertClosed(office, at(2025, 3, 11, 16, 0))

    def test_an_office_is_closed_at_the_weekend_and_next_opens_on_monday(self):
        status = self.status(self.office(), at(2025, 3, 15, 12))
        self.assertEqual(status, OpenStatus(is_open=False, next_opening=at(2025, 3, 17, 9)))

    def test_a_night_shelter_is_open_late_in_the_evening_and_after_midnight(self):
        shelter = self.night_shelter()
        self.assertClosed(shelter, at(2025, 3, 11, 19, 59))
        self.assertOpen(shelter, at(2025, 3, 11, 23, 0))
        self.assertOpen(shelter, at(2025, 3, 12, 3, 0))
        self.assertClosed(shelter, at(2025, 3, 12, 8, 0))

    def test_a_night_shelter_is_open_until_the_morning(self):
        status = self.status(self.night_shelter(), at(2025, 3, 12, 3))
        self.assertEqual(status.until, at(2025, 3, 12, 8))
        self.assertEqual(status.next_opening, at(2025, 3, 12, 20))

    def test_a_period_that_starts_where_another_ends_keeps_the_service_open(self):
        page = self.service(
            hours=weekly([1], "20:00", "08:00") + weekly([2], "08:00", "12:00"),
        )
        self.assertEqual(self.status(page, at(2025, 3, 11, 23)).until, at(2025, 3, 12, 12))

    def test_a_period_past_midnight_starts_on_its_day_and_ends_on_the_next(self):
        shelter = self.night_shelter()
        self.assertEqual(
            periods_on(shelter, datetime.date(2025, 3, 11)),
            [Period(start=at(2025, 3, 11, 20), end=at(2025, 3, 12, 8))],
        )

    def test_by_appointment_hours_count_as_open_and_say_so(self):
        page = self.service(
            hours=weekly([0], "09:00", "12:00") + weekly([3], "12:00", "16:00", by_appointment=True)
        )
        status = self.status(page, at(2025, 3, 13, 13))
        self.assertTrue(status.is_open)
        self.assertTrue(status.by_appointment)
        self.assertFalse(self.status(page, at(2025, 3, 10, 10)).by_appointment)

    def test_a_service_open_24_7_is_always_open_even_on_christmas_day(self):
        page = self.service(open_24_7=True)
        for moment in [at(2025, 3, 11, 3), at(2025, 3, 16, 12), at(2025, 12, 25, 23, 59)]:
            with self.subTest(moment=moment):
                self.assertEqual(self.status(page, moment), OpenStatus(is_open=True))

    def test_a_temporarily_closed_or_ended_service_is_never_open(self):
        for status in [ServiceStatus.TEMPORARILY_CLOSED, ServiceStatus.ENDED]:
            for page in [
                self.office(status=status),
                self.night_shelter(status=status),
                self.service(open_24_7=True, status=status),
            ]:
                with self.subTest(status=status, page=page):
                    self.assertEqual(
                        self.status(page, at(2025, 3, 11, 13)), OpenStatus(is_open=False)
                    )
                    self.assertClosed(page, at(2025, 3, 12, 3))

    def test_without_any_hours_a_service_is_closed_and_has_no_next_opening(self):
        self.assertEqual(self.status(self.service(), at(2025, 3, 11, 12)), OpenStatus(False))

    def test_now_is_the_default_moment(self):
        office = self.office()
        with time_machine.travel(at(2025, 3, 11, 10), tick=False):
            self.assertTrue(status_at(office).is_open)
            self.assertIn(office, open_at(ServicePage.objects.all()))
        with time_machine.travel(at(2025, 3, 11, 17), tick=False):
            self.assertFalse(status_at(office).is_open)
            self.assertNotIn(office, open_at(ServicePage.objects.all()))

    def test_the_open_now_filter_is_one_query_however_many_services(self):
        for _ in range(5):
            self.office()
            self.night_shelter()
        self.service(open_24_7=True)
        with self.assertNumQueries(1):
            self.assertEqual(len(open_at(ServicePage.objects.all(), at(2025, 3, 12, 3))), 6)
        with self.assertNumQueries(1):
            self.assertEqual(len(open_at(ServicePage.objects.all(), at(2025, 3, 12, 10))), 6)


class PublicHolidayTests(HoursTestCase):
    def test_independence_day_closes_a_service(self):
        office = self.office()
        self.assertClosed(office, at(2024, 12, 6, 12))
        self.assertEqual(periods_on(office, datetime.date(2024, 12, 6)), [])
        self.assertEqual(self.status(office, at(2024, 12, 5, 17)).next_opening, at(2024, 12, 9, 9))

    def test_good_friday_closes_a_service(self):
        day = good_friday(2025)
        self.assertEqual(day, datetime.date(2025, 4, 18))
        self.assertClosed(self.office(), at(day.year, day.month, day.day, 12))

    def test_a_service_open_on_public_holidays_stays_open(self):
        office = self.office(closed_on_public_holidays=False)
        self.assertOpen(office, at(2024, 12, 6, 12))
        self.assertOpen(office, at(2025, 4, 18, 12))

    def test_christmas_eve_and_midsummer_eve_close_a_service(self):
        office = self.office()
        self.assertClosed(office, at(2025, 12, 24, 12))
        self.assertClosed(office, at(2025, 6, 20, 12))
        self.assertOpen(office, at(2025, 6, 19, 12))

    def test_a_night_that_starts_before_a_holiday_goes_on_into_it(self):
        shelter = self.night_shelter()
        self.assertOpen(shelter, at(2024, 12, 6, 3))
        self.assertClosed(shelter, at(2024, 12, 6, 23))
        self.assertClosed(shelter, at(2024, 12, 7, 3))
        self.assertOpen(shelter, at(2024, 12, 7, 23))

    def test_the_holiday_name_is_in_the_active_language(self):
        day = datetime.date(2024, 12, 6)
        for language, name in [
            ("fi", "Itsenäisyyspäivä"),
            ("sv", "Självständighetsdagen"),
            ("en", "Independence Day"),
        ]:
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(holiday_name(day), name)
        self.assertIsNone(holiday_name(datetime.date(2024, 12, 5)))


class ExceptionTests(HoursTestCase):
    def christmas_break(self):
        return exception(
            datetime.date(2025, 12, 22),
            datetime.date(2025, 12, 28),
            OpeningHoursException.Kind.CLOSED,
            note="Joulutauko",
        )

    def test_a_closed_week_at_christmas_overrides_the_weeklyhours(self):
        office = self.office(closed_on_public_holidays=False, exceptions=[self.christmas_break()])
        self.assertOpen(office, at(2025, 12, 19, 12))
        self.assertClosed(office, at(2025, 12, 22, 12))
        self.assertClosed(office, at(2025, 12, 23, 12))
        self.assertEqual(
            self.status(office, at(2025, 12, 22, 12)).next_opening, at(2025, 12, 29, 9)
        )
        self.assertOpen(office, at(2025, 12, 29, 12))

    def test_special_hours_replace_the_weeklyhours(self):
        office = self.office(
            exceptions=[
                exception(
                    datetime.date(2025, 3, 11),
                    datetime.date(2025, 3, 11),
                    OpeningHoursException.Kind.SPECIAL_HOURS,
                    "12:00",
                    "14:00",
                    note="Henkilöstön koulutus aamupäivällä",
                )
            ]
        )
        self.assertClosed(office, at(2025, 3, 11, 10))
        status = self.status(office, at(2025, 3, 11, 13))
        self.assertEqual(status.until, at(2025, 3, 11, 14))
        self.assertClosed(office, at(2025, 3, 11, 15))
        self.assertEqual(
            periods_on(office, datetime.date(2025, 3, 11)),
            [
                Period(
                    start=at(2025, 3, 11, 12),
                    end=at(2025, 3, 11, 14),
                    note="Henkilöstön koulutus aamupäivällä",
                )
            ],
        )
        self.assertOpen(office, at(2025, 3, 12, 10))

    def test_special_hours_open_a_service_on_a_public_holiday(self):
        office = self.office(
            exceptions=[
                exception(
                    datetime.date(2025, 12, 24),
                    datetime.date(2025, 12, 24),
                    OpeningHoursException.Kind.SPECIAL_HOURS,
                    "10:00",
                    "12:00",
                )
            ]
        )
        self.assertOpen(office, at(2025, 12, 24, 11))
        self.assertClosed(office, at(2025, 12, 25, 11))

    def test_special_hours_past_midnight_go_on_into_the_next_day(self):
        office = self.office(
            exceptions=[
                exception(
                    datetime.date(2025, 3, 14),
                    datetime.date(2025, 3, 14),
                    OpeningHoursException.Kind.SPECIAL_HOURS,
                    "18:00",
                    "02:00",
                    note="Yöpäivystys",
                )
            ]
        )
        self.assertClosed(office, at(2025, 3, 14, 12))
        self.assertOpen(office, at(2025, 3, 14, 23))
        self.assertOpen(office, at(2025, 3, 15, 1, 59))
        self.assertClosed(office, at(2025, 3, 15, 2))

    def test_by_appointment_exception_hours_count_as_open_and_say_so(self):
        office = self.office(
            exceptions=[
                exception(
                    datetime.date(2025, 7, 1),
                    datetime.date(2025, 7, 31),
                    OpeningHoursException.Kind.BY_APPOINTMENT,
                    "10:00",
                    "14:00",
                    note="Kesällä vain ajanvarauksella",
                )
            ]
        )
        status = self.status(office, at(2025, 7, 8, 11))
        self.assertEqual((status.is_open, status.by_appointment), (True, True))
        self.assertClosed(office, at(2025, 7, 8, 15))
        self.assertFalse(self.status(office, at(2025, 8, 5, 15)).by_appointment)

    def test_closed_wins_over_special_hours_on_the_same_day(self):
        office = self.office(
            exceptions=[
                self.christmas_break(),
                exception(
                    datetime.date(2025, 12, 23),
                    datetime.date(2025, 12, 23),
                    OpeningHoursException.Kind.SPECIAL_HOURS,
                    "10:00",
                    "12:00",
                ),
            ]
        )
        self.assertClosed(office, at(2025, 12, 23, 11))

    def test_an_exception_on_the_next_day_does_not_cut_a_night_short(self):
        shelter = self.night_shelter(exceptions=[self.christmas_break()])
        self.assertOpen(shelter, at(2025, 12, 22, 3))
        self.assertClosed(shelter, at(2025, 12, 22, 23))
        self.assertClosed(shelter, at(2025, 12, 29, 3))


class ClockChangeTests(HoursTestCase):
    # Helsinki clocks go forward 03:00 → 04:00 on the last Sunday of March, and back
    # 04:00 → 03:00 on the last Sunday of October.

    def test_a_night_keeps_its_wall_clock_times_when_the_clocks_go_forward(self):
        [night] = periods_on(self.night_shelter(), datetime.date(2025, 3, 29))
        self.assertEqual((night.start.hour, night.end.hour), (20, 8))
        self.assertEqual(night.end.date(), datetime.date(2025, 3, 30))
        self.assertEqual(
            night.end.astimezone(UTC) - night.start.astimezone(UTC), datetime.timedelta(hours=11)
        )

    def test_a_night_shelter_closes_at_eight_summer_time_when_the_clocks_go_forward(self):
        shelter = self.night_shelter()
        self.assertOpen(shelter, datetime.datetime(2025, 3, 30, 0, 30, tzinfo=UTC))  # 02:30
        self.assertOpen(shelter, datetime.datetime(2025, 3, 30, 1, 30, tzinfo=UTC))  # 04:30
        self.assertOpen(shelter, datetime.datetime(2025, 3, 30, 4, 59, tzinfo=UTC))  # 07:59
        self.assertClosed(shelter, datetime.datetime(2025, 3, 30, 5, 0, tzinfo=UTC))  # 08:00
        self.assertEqual(
            self.status(shelter, at(2025, 3, 29, 23)).until.utcoffset(), datetime.timedelta(hours=3)
        )

    def test_a_night_keeps_its_wall_clock_times_when_the_clocks_go_back(self):
        page = self.service(hours=weekly([5], "22:00", "02:00"))
        [night] = periods_on(page, datetime.date(2025, 10, 25))
        self.assertEqual(night, Period(start=at(2025, 10, 25, 22), end=at(2025, 10, 26, 2)))
        self.assertEqual(
            night.end.astimezone(UTC) - night.start.astimezone(UTC), datetime.timedelta(hours=4)
        )
        self.assertOpen(page, datetime.datetime(2025, 10, 25, 22, 59, tzinfo=UTC))  # 01:59
        self.assertClosed(page, datetime.datetime(2025, 10, 25, 23, 0, tzinfo=UTC))  # 02:00

    def test_a_night_shelter_closes_at_eight_winter_time_when_the_clocks_go_back(self):
        shelter = self.night_shelter()
        self.assertOpen(shelter, datetime.datetime(2025, 10, 26, 0, 30, tzinfo=UTC))  # 03:30
        self.assertOpen(shelter, datetime.datetime(2025, 10, 26, 1, 30, tzinfo=UTC))  # 03:30
        self.assertOpen(shelter, datetime.datetime(2025, 10, 26, 5, 59, tzinfo=UTC))  # 07:59
        self.assertClosed(shelter, datetime.datetime(2025, 10, 26, 6, 0, tzinfo=UTC))  # 08:00


class WeekTests(HoursTestCase):
    def test_the_week_shows_each_day_with_its_periods_and_holiday(self):
        office = self.office()
        with translation.override("fi"):
            days = week(office, datetime.date(2024, 12, 2))
        self.assertEqual(
            [day for day, _, _ in days], [datetime.date(2024, 12, n) for n in range(2, 9)]
        )
        self.assertEqual(
            days[0],
            (datetime.date(2024, 12, 2), [Period(at(2024, 12, 2, 9), at(2024, 12, 2, 16))], None),
        )
        self.assertEqual(days[4], (datetime.date(2024, 12, 6), [], "Itsenäisyyspäivä"))
        self.assertEqual(days[5], (datetime.date(2024, 12, 7), [], None))

    def test_the_week_names_a_holiday_a_service_stays_open_on(self):
        office = self.office(closed_on_public_holidays=False)
        with translation.override("en"):
            day, periods, name = week(office, datetime.date(2024, 12, 6))[0]
        self.assertEqual(name, "Independence Day")
        self.assertEqual(periods, [Period(at(2024, 12, 6, 9), at(2024, 12, 6, 16))])
