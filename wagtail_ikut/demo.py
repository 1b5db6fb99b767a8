"""Create the demo content once; running it again changes nothing."""

import datetime
import uuid

from django.db import transaction
from wagtail.models import Locale, Site

from wagtail_ikut.core import demo as content
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import (
    CourseTheme,
    Language,
    Municipality,
    ServiceCategory,
    TargetGroup,
)
from wagtail_ikut.courses import demo as courses
from wagtail_ikut.courses.models import CourseIndexPage, CoursePage
from wagtail_ikut.guidance import demo as guidance
from wagtail_ikut.guidance.legal import LegalReference
from wagtail_ikut.guidance.models import GuidanceIndexPage, GuidancePage
from wagtail_ikut.safety import demo as safety
from wagtail_ikut.safety.models import SafetyPage
from wagtail_ikut.services import demo as services
from wagtail_ikut.services.details import ContactChannel, OpeningHours, ServiceLocation
from wagtail_ikut.services.models import ServiceDirectoryPage, ServicePage
from wagtail_ikut.services.search.synonyms import SynonymSet

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
        self.load_pages()
        self.load_entries(SynonymSet, services.SYNONYMS)
        self.load_guidance()
        self.load_courses()
        self.load_safety()
        return self.created

    def load_pages(self):
        """Put a service directory with the demo services under the default site's root."""
        root = Site.objects.get(is_default_site=True).root_page
        for locale in self.locales:
            parent = self.translated_root(root, locale)
            directory = self.get_or_create_page(
                ServiceDirectoryPage, services.DIRECTORY, locale, parent
            )
            for entry in services.SERVICES:
                self.get_or_create_page(ServicePage, entry, locale, directory)

    def load_guidance(self):
        """Put the legal references, and a guidance index with its pages, in every language."""
        self.load_entries(LegalReference, guidance.LEGAL_REFERENCES)
        root = Site.objects.get(is_default_site=True).root_page
        for locale in self.locales:
            index = self.get_or_create_page(
                GuidanceIndexPage, guidance.INDEX, locale, self.translated_root(root, locale)
            )

            def find(model, key, locale=locale):
                return model.objects.get(translation_key=translation_key(model, key), locale=locale)

            for entry in guidance.PAGES:
                self.get_or_create_page(
                    GuidancePage, entry, locale, index, guidance.page_values(entry, locale, find)
                )

    def load_courses(self):
        """Put a course index with the demo courses under each language's site root."""
        root = Site.objects.get(is_default_site=True).root_page
        for locale in self.locales:
            parent = self.translated_root(root, locale)
            index = self.get_or_create_page(CourseIndexPage, courses.INDEX, locale, parent)
            for entry in courses.COURSES:
                values = courses.page_values(entry, locale, translation_key)
                self.get_or_create_page(CoursePage, entry, locale, index, values)

    def load_safety(self):
        """Put the "staying safe online" page, which every page's quick exit links to, under
        each language's site root."""
        root = Site.objects.get(is_default_site=True).root_page
        for locale in self.locales:
            parent = self.translated_root(root, locale)
            self.get_or_create_page(SafetyPage, safety.PAGE, locale, parent)

    def translated_root(self, root, locale):
        translation = root.get_translation_or_none(locale)
        if translation is None:
            translation = root.copy_for_translation(locale)
            translation.save_revision().publish()
        return translation

    def get_or_create_page(self, model, entry, locale, parent, values=None):
        key = translation_key(model, entry["key"])
        existing = model.objects.filter(translation_key=key, locale=locale).first()
        if existing is not None:
            return existing
        values = values or self.page_values(entry, locale)
        page = model(translation_key=key, locale=locale, **values)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def page_values(self, entry, locale):
        code = locale.language_code

        def text(value):
            return value[code] if isinstance(value, dict) else value

        def terms(model, field, keys):
            return list(model.objects.filter(locale=locale, **{f"{field}__in": keys}))

        values = {"title": text(entry["title"]), "slug": text(entry["slug"])}
        if "intro" in entry:
            values["intro"] = text(entry["intro"])
            return values
        municipalities = {m.code: m for m in terms(Municipality, "code", content_codes())}
        values.update(
            summary=text(entry["summary"]),
            provider=Organisation.objects.get(
                translation_key=translation_key(Organisation, entry["provider"]), locale=locale
            ),
            nationwide=entry.get("nationwide", False),
            language_note=text(entry.get("language_note", "")),
            open_24_7=entry.get("open_24_7", False),
            last_verified=services.LAST_VERIFIED,
            verified_by="wagtail-ikut demo",
            categories=terms(ServiceCategory, "slug", entry["categories"]),
            target_groups=terms(TargetGroup, "slug", entry["target_groups"]),
            municipalities=[municipalities[c] for c in entry.get("municipalities", [])],
            languages=terms(Language, "code", entry["languages"]),
            locations=[
                ServiceLocation(
                    **{
                        **{name: text(value) for name, value in location.items()},
                        "municipality": municipalities[location["municipality"]],
                    }
                )
                for location in entry.get("locations", [])
            ],
            opening_hours=[
                OpeningHours(
                    weekday=weekday,
                    opens=datetime.time.fromisoformat(opens),
                    closes=datetime.time.fromisoformat(closes),
                    by_appointment=bool(rest and rest[0]),
                )
                for weekday, opens, closes, *rest in entry.get("hours", [])
            ],
            contact_channels=[ContactChannel(**contact) for contact in entry.get("contacts", [])],
            **dict.fromkeys(entry.get("flags", []), True),
        )
        return values

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


def content_codes():
    return [entry["code"] for entry in content.MUNICIPALITIES]
