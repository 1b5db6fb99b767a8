"""Dates on public pages as they are written in Finland: 28.12.2026 in Finnish and Swedish,
28 December 2026 in English, whatever Django's own formats say."""

import datetime
import re
import zoneinfo

import time_machine
from django.test import TestCase
from django.utils import translation

from tests.factories import LocaleFactory
from tests.utils import (
    course_instance,
    make_course,
    make_course_index,
    make_directory,
    make_service,
    site_root,
)
from wagtail_ikut.core.dates import format_date
from wagtail_ikut.courses.listing import month_choices
from wagtail_ikut.services.details import OpeningHours

MONDAY = datetime.date(2026, 12, 28)
MONDAY_MORNING = datetime.datetime(2026, 12, 28, 8, tzinfo=zoneinfo.ZoneInfo("Europe/Helsinki"))


def in_languages(page):
    """Return ``page`` in Finnish, Swedish and English: translated, published, by language."""
    pages = {"fi": page}
    for code in ("sv", "en"):
        locale = LocaleFactory(language_code=code)
        site_root().copy_for_translation(locale)
        pages[code] = page.copy_for_translation(locale, copy_parents=True)
        pages[code].save_revision().publish()
    return pages


def text_of(pattern, response):
    """Return the first text that ``pattern``'s group matches in the page."""
    return re.search(pattern, response.content.decode()).group(1)


class FormatTests(TestCase):
    def test_finnish_and_swedish_write_the_day_as_in_finland_english_day_first(self):
        for language, expected in [
            ("fi", ("28.12.2026", "1.10.2026", "joulukuu 2026")),
            ("sv", ("28.12.2026", "1.10.2026", "december 2026")),
            ("en", ("28 December 2026", "1 October 2026", "December 2026")),
        ]:
            with self.subTest(language=language), translation.override(language):
                written = (
                    format_date(MONDAY),
                    format_date(datetime.date(2026, 10, 1)),
                    format_date(MONDAY, "month"),
                )
                self.assertEqual(written, expected)

    def test_with_the_weekday_and_time_the_year_is_left_out(self):
        with translation.override("en"):
            self.assertEqual(format_date(MONDAY, "weekday"), "Monday 28 December")
            self.assertEqual(
                format_date(MONDAY_MORNING, "weekday_time"), "Monday 28 December 08:00"
            )
        with translation.override("fi"):
            self.assertEqual(format_date(MONDAY, "weekday").lower(), "maanantai 28.12.")

    def test_a_regional_english_is_still_english(self):
        with translation.override("en-gb"):
            self.assertEqual(format_date(MONDAY), "28 December 2026")

    def test_another_language_writes_the_numbers_as_finnish_does_and_names_in_its_own(self):
        with translation.override("de"):
            self.assertEqual(format_date(MONDAY), "28.12.2026")
            self.assertEqual(format_date(MONDAY, "month"), "Dezember 2026")

    def test_the_course_listings_months_are_named_in_the_language(self):
        with translation.override("en"):
            self.assertEqual(
                month_choices(MONDAY, 2),
                [("2026-12", "December 2026"), ("2027-01", "January 2027")],
            )


@time_machine.travel(MONDAY_MORNING, tick=False)
class RenderedDateTests(TestCase):
    def test_a_course_page_gives_its_dates_as_written_in_each_language(self):
        course = make_course(make_course_index(), instances=[course_instance(MONDAY)])
        expected = {
            "fi": "28.12.2026–5.3.2027",
            "sv": "28.12.2026–5.3.2027",
            "en": "28 December 2026–5 March 2027",
        }
        for code, page in in_languages(course).items():
            with self.subTest(language=code), translation.override(code):
                response = self.client.get(page.url)
                self.assertEqual(
                    text_of(r'<h3 id="ikut-instance-1">([^<,]*)', response), expected[code]
                )

    def test_a_service_page_gives_its_check_date_and_week_as_written_in_each_language(self):
        service = make_service(
            make_directory(),
            last_verified=MONDAY,
            opening_hours=[OpeningHours(weekday=0, opens="09:00", closes="15:00")],
        )
        expected = {
            "fi": ("28.12.2026.", "maanantai 28.12."),
            "sv": ("28.12.2026.", "måndag 28.12."),
            "en": ("Details last checked on 28 December 2026.", "monday 28 december"),
        }
        for code, page in in_languages(service).items():
            with self.subTest(language=code), translation.override(code):
                response = self.client.get(page.url)
                checked, first_day = expected[code]
                self.assertTrue(
                    text_of(r'<p class="ikut-verified">([^<]*)', response).endswith(checked)
                )
                # Django's Finnish and Swedish catalogues begin the day's name with a capital.
                self.assertEqual(
                    text_of(r'<th scope="row">([^<]*)', response).strip().lower(), first_day
                )
