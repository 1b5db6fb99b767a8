from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import TestCase
from wagtail_localize.models import StringSegment, TranslationSource

from tests.factories import LocaleFactory, MunicipalityFactory, ServiceCategoryFactory
from wagtail_ikut.core.taxonomy import Language, Municipality


class MunicipalityTests(TestCase):
    def test_the_code_is_unique_within_a_language(self):
        MunicipalityFactory(code="091", name="Helsinki")
        with self.assertRaises(IntegrityError):
            MunicipalityFactory(code="091", name="Helsinki II")

    def test_a_translation_keeps_the_code(self):
        helsinki = MunicipalityFactory(code="091", name="Helsinki")
        helsingfors = helsinki.copy_for_translation(LocaleFactory(language_code="sv"))
        helsingfors.name = "Helsingfors"
        helsingfors.save()
        self.assertEqual(helsinki.get_translation(helsingfors.locale).code, "091")
        self.assertEqual(str(helsingfors), "Helsingfors")

    def test_the_code_is_the_official_three_digits(self):
        for code in ("91", "0911", "HEL"):
            with self.subTest(code=code), self.assertRaises(ValidationError) as raised:
                Municipality(name="Helsinki", code=code, locale=LocaleFactory()).full_clean()
            self.assertIn("code", raised.exception.message_dict)


class LanguageTests(TestCase):
    def test_the_code_is_an_iso_639_code_in_lower_case(self):
        for code, valid in (("fi", True), ("sme", True), ("FI", False), ("finnish", False)):
            language = Language(code=code, name="suomi", locale=LocaleFactory())
            with self.subTest(code=code):
                if valid:
                    language.full_clean()
                else:
                    self.assertRaises(ValidationError, language.full_clean)


class TermTests(TestCase):
    def test_the_slug_is_unique_within_a_language(self):
        ServiceCategoryFactory(slug="housing")
        with self.assertRaises(IntegrityError):
            ServiceCategoryFactory(slug="housing")

    def test_translators_get_the_name_and_description_but_not_the_slug(self):
        category = ServiceCategoryFactory(
            slug="housing", name="Asuminen", description="Turvallinen majoitus"
        )
        source, _created = TranslationSource.get_or_create_from_instance(category)
        strings = StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
        self.assertEqual(set(strings), {"Asuminen", "Turvallinen majoitus"})
