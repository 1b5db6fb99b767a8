import datetime

import time_machine
from django.core.exceptions import ValidationError
from django.test import TestCase

from tests.factories import CourseThemeFactory, LocaleFactory, MunicipalityFactory
from tests.utils import course_instance, make_course, make_course_index
from wagtail_ikut.courses.blocks import CourseListBlock
from wagtail_ikut.courses.details import CourseStatus

MONDAY = datetime.date(2027, 3, 1)
DAY = datetime.timedelta(days=1)


@time_machine.travel(datetime.datetime(2027, 3, 1, 8, tzinfo=datetime.UTC))
class CourseListBlockTests(TestCase):
    def setUp(self):
        self.index = make_course_index()
        self.block = CourseListBlock()

    def value(self, **raw):
        return self.block.to_python(
            {
                "heading": "Tulevat kurssit",
                "index": self.index.pk,
                "theme": None,
                "municipality": None,
                "limit": 5,
                **raw,
            }
        )

    def test_lists_upcoming_instances_filtered_by_theme_and_municipality(self):
        it = CourseThemeFactory(slug="it-skills")
        espoo = MunicipalityFactory(code="049", name="Espoo")
        make_course(
            self.index,
            "Tietotekniikka",
            themes=[it],
            instances=[
                course_instance(MONDAY + 21 * DAY, municipality=espoo),
                course_instance(MONDAY + 7 * DAY, municipality=espoo),
                course_instance(MONDAY - 100 * DAY, municipality=espoo),
                course_instance(
                    MONDAY + 40 * DAY, municipality=espoo, status=CourseStatus.CANCELLED
                ),
                course_instance(MONDAY + 14 * DAY),
            ],
        )
        make_course(
            self.index, "Muu kurssi", instances=[course_instance(MONDAY, municipality=espoo)]
        )
        value = self.value(theme=it.pk, municipality=espoo.pk)
        instances = self.block.get_context(value)["instances"]
        self.assertEqual(
            [instance.start_date for instance in instances],
            [MONDAY + 7 * DAY, MONDAY + 21 * DAY],
        )
        html = self.block.render(value)
        self.assertIn("<h2>Tulevat kurssit</h2>", html)
        self.assertIn("Tietotekniikka", html)
        self.assertNotIn("Muu kurssi", html)

    def test_the_theme_and_municipality_must_be_in_the_indexs_language(self):
        swedish = LocaleFactory(language_code="sv")
        theme = CourseThemeFactory(locale=swedish)
        with self.assertRaises(ValidationError) as raised:
            self.block.clean(self.value(theme=theme.pk))
        self.assertIn("theme", raised.exception.block_errors)
        self.block.clean(self.value(theme=CourseThemeFactory().pk))

    def test_says_so_when_nothing_is_coming(self):
        self.assertIn("Tulevia kursseja ei ole juuri nyt.", self.block.render(self.value()))
