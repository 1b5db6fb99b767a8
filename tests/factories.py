import factory
from wagtail.models import Locale

from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import (
    CourseTheme,
    Language,
    Municipality,
    ServiceCategory,
    TargetGroup,
)
from wagtail_ikut.guidance.legal import LegalReference


class LocaleFactory(factory.django.DjangoModelFactory):
    language_code = "fi"

    class Meta:
        model = Locale
        django_get_or_create = ["language_code"]


class TranslatableFactory(factory.django.DjangoModelFactory):
    locale = factory.SubFactory(LocaleFactory)


class MunicipalityFactory(TranslatableFactory):
    name = factory.Sequence(lambda n: f"Kunta {n}")
    code = factory.Sequence(lambda n: f"{n % 1000:03d}")

    class Meta:
        model = Municipality


class LanguageFactory(TranslatableFactory):
    code = factory.Iterator(["fi", "sv", "en", "ru", "uk", "ar", "so", "fa"])
    name = factory.LazyAttribute(lambda obj: f"kieli {obj.code}")

    class Meta:
        model = Language


class TermFactory(TranslatableFactory):
    name = factory.Sequence(lambda n: f"Termi {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")


class ServiceCategoryFactory(TermFactory):
    class Meta:
        model = ServiceCategory


class TargetGroupFactory(TermFactory):
    class Meta:
        model = TargetGroup


class CourseThemeFactory(TermFactory):
    class Meta:
        model = CourseTheme


class OrganisationFactory(TranslatableFactory):
    name = factory.Sequence(lambda n: f"Järjestö {n}")
    kind = Organisation.Kind.NGO

    class Meta:
        model = Organisation


class LegalReferenceFactory(TranslatableFactory):
    title = "Laki kotoutumisen edistämisestä"
    statute_number = "1386/2010"

    class Meta:
        model = LegalReference
