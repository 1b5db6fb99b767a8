"""Create the demo content once; running it again changes nothing."""

import uuid

from django.db import transaction
from wagtail.models import Locale

from ..models import (
    CourseTheme,
    Language,
    Municipality,
    Organisation,
    ServiceCategory,
    TargetGroup,
)
from . import content

# Demo objects get translation keys derived from their content keys, so a second run finds
# them again however an editor has renamed them since.
DEMO_NAMESPACE = uuid.UUID("0b4f6f55-7c1e-4d55-9a2b-1f6a2e6b9c10")


def translation_key(model, key):
    return uuid.uuid5(DEMO_NAMESPACE, f"{model._meta.label_lower}:{key}")


class DemoLoader:
    """Write the demo content in the given languages, the first being the source language."""

    def __init__(self, language_codes):
        self.locales = [
            Locale.objects.get_or_create(language_code=code)[0] for code in language_codes
        ]
        self.created = 0

    @transaction.atomic
    def load(self):
        self.load_entries(Municipality, content.MUNICIPALITIES)
        self.load_entries(Language, content.LANGUAGES)
        self.load_entries(ServiceCategory, content.SERVICE_CATEGORIES)
        self.load_entries(TargetGroup, content.TARGET_GROUPS)
        self.load_entries(CourseTheme, content.COURSE_THEMES)
        self.load_entries(Organisation, content.ORGANISATIONS)
        return self.created

    def load_entries(self, model, entries):
        for entry in entries:
            for locale in self.locales:
                self.get_or_create(model, entry, locale)

    def get_or_create(self, model, entry, locale):
        key = translation_key(model, entry["key"])
        existing = model.objects.filter(translation_key=key, locale=locale).first()
        if existing is not None:
            return existing
        obj = model(translation_key=key, locale=locale, **self.values(model, entry, locale))
        obj.full_clean()
        obj.save()
        self.created += 1
        return obj

    def values(self, model, entry, locale):
        values = {}
        for name, value in entry.items():
            if name == "key":
                continue
            if name == "parent":
                value = model.objects.get(
                    translation_key=translation_key(model, value), locale=locale
                )
            elif isinstance(value, dict):
                value = value[locale.language_code]
            values[name] = value
        return values
