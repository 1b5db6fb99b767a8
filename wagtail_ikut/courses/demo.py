"""Demo courses: the seed's ten-week working-life course, run in Helsinki, Espoo and Vantaa.

Dates are relative to the day the demo is loaded: three runs to come and one already over,
which the listings leave out. Places and seats are illustrative.
"""

import datetime

from django.utils import timezone

from wagtail_ikut.core.demo import CITY_OFFICES
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import CourseTheme, Language, Municipality
from wagtail_ikut.courses.details import CourseContact, CourseInstance

INDEX = {
    "key": "course-index",
    "slug": {"fi": "kurssit", "sv": "kurser", "en": "courses"},
    "title": {"fi": "Kurssit", "sv": "Kurser", "en": "Courses"},
    "intro": {
        "fi": "<p>Maksuttomia kursseja ihmiskaupan uhreille: työelämätaitoja, suomen kieltä ja "
        "tukea arkeen pienessä ryhmässä.</p>",
        "sv": "<p>Avgiftsfria kurser för offer för människohandel: arbetslivsfärdigheter, finska "
        "och stöd i vardagen i en liten grupp.</p>",
        "en": "<p>Free courses for victims of human trafficking: working-life skills, Finnish "
        "and support with everyday life in a small group.</p>",
    },
}

OFFICES = {code: (street, postcode) for _k, _o, code, postcode, street, *_c in CITY_OFFICES}

GROUP_ROOM = {
    "fi": "Sosiaalipalvelujen ryhmätila",
    "sv": "Socialservicens grupprum",
    "en": "Social services group room",
}

# (key, municipality code, weeks from the coming Monday to the start, seats left,
#  weeks before the start that enrolment opens)
RUNS = [
    ("helsinki-past", "091", -20, 0, 4),
    ("helsinki", "091", 3, 2, 6),
    ("espoo", "049", 9, 6, 4),
    ("vantaa", "092", 16, 6, 12),
]

WORKING_LIFE_COURSE = {
    "key": "working-life-course",
    "slug": {"fi": "tyoelamakurssi", "sv": "arbetslivskurs", "en": "working-life-course"},
    "title": {"fi": "Työelämäkurssi", "sv": "Arbetslivskurs", "en": "Working-life course"},
    "summary": {
        "fi": "Kymmenen viikon kurssi pienessä ryhmässä: työntekijän oikeudet, työnhaku, "
        "suomen kieli ja tietotekniikka. Mukana henkilökohtainen ohjaus.",
        "sv": "En kurs på tio veckor i en liten grupp: arbetstagarens rättigheter, "
        "arbetssökande, finska och IT. Med personlig handledning.",
        "en": "A ten-week course in a small group: workers' rights, job seeking, Finnish and "
        "IT skills, with individual guidance.",
    },
    "structure": {
        "fi": "<p>Kurssi alkaa kattavalla alkukartoituksella. Sen jälkeen ryhmä kokoontuu "
        "12–15 tuntia viikossa, ja jokainen saa henkilökohtaista ohjausta.</p>",
        "sv": "<p>Kursen börjar med en omfattande inledande kartläggning. Därefter träffas "
        "gruppen 12–15 timmar i veckan, och var och en får personlig handledning.</p>",
        "en": "<p>The course starts with a comprehensive initial assessment. After it the "
        "group meets 12–15 hours a week, and everyone gets individual guidance.</p>",
    },
    "eligibility": {
        "fi": "<p>Ihmiskaupan uhreille, jotka ovat auttamisjärjestelmän asiakkaita tai "
        "kaupungin sosiaalityön asiakkaita Helsingissä, Espoossa tai Vantaalla.</p>",
        "sv": "<p>För offer för människohandel som är klienter hos hjälpsystemet eller hos "
        "socialarbetet i Helsingfors, Esbo eller Vanda.</p>",
        "en": "<p>For victims of human trafficking who are clients of the Assistance System or "
        "of the city's social work in Helsinki, Espoo or Vantaa.</p>",
    },
    "how_to_apply": {
        "fi": "<p>Pyydä sosiaalityöntekijääsi tai auttamisjärjestelmää ohjaamaan sinut "
        "kurssille.</p>",
        "sv": "<p>Be din socialarbetare eller hjälpsystemet att hänvisa dig till kursen.</p>",
        "en": "<p>Ask your social worker or the Assistance System to refer you to the course.</p>",
    },
    "accessibility": {
        "fi": "Esteetön tila. Tauot sovitaan ryhmän kanssa.",
        "sv": "Tillgängliga lokaler. Pauserna avtalas med gruppen.",
        "en": "Step-free premises. Breaks are agreed with the group.",
    },
    "funder_name": {
        "fi": "Euroopan sosiaalirahasto plus (ESR+)",
        "sv": "Europeiska socialfonden plus (ESF+)",
        "en": "European Social Fund Plus (ESF+)",
    },
    "funding_programme": {
        "fi": "Uudistuva ja osaava Suomi 2021–2027",
        "sv": "Ett förnyande och kompetent Finland 2021–2027",
        "en": "Innovation and Skills in Finland 2021–2027",
    },
    "organiser": "assistance-system",
    "partners": ["victim-support-finland", "monika", "helsinki", "espoo", "vantaa"],
    "themes": [
        "everyday-life",
        "it-skills",
        "finnish-language",
        "workers-rights",
        "job-seeking",
        "networks",
    ],
    "languages": ["fi", "en"],
    "interpretation_languages": ["ru", "uk", "ar"],
    "contacts": [
        {
            "key": "assistance-system-phone",
            "kind": "phone",
            "phone": "+358295463177",
            "label": {
                "fi": "Kysy seuraavasta kurssista",
                "sv": "Fråga om nästa kurs",
                "en": "Ask about the next course",
            },
        }
    ],
}

COURSES = [WORKING_LIFE_COURSE]


def coming_monday(today):
    return today + datetime.timedelta(days=7 - today.weekday())


def instance_values(code, start_in_weeks, seats_left, enrolment_weeks, today):
    """Return one run: Monday to Thursday 9–12:30 for ten weeks, six seats."""
    start = coming_monday(today) + datetime.timedelta(weeks=start_in_weeks)
    street, postcode = OFFICES[code]
    return {
        "start_date": start,
        "end_date": start + datetime.timedelta(weeks=10, days=-3),
        "weekdays": [0, 1, 2, 3],
        "start_time": datetime.time(9),
        "end_time": datetime.time(12, 30),
        "seats": 6,
        "seats_left": seats_left,
        "enrolment_start": start - datetime.timedelta(weeks=enrolment_weeks),
        "enrolment_end": start - datetime.timedelta(days=7),
        "street_address": street,
        "postcode": postcode,
    }


def page_values(entry, locale, translation_key, today=None):
    """Return the field values and child rows of a demo course page in ``locale``."""
    today = today or timezone.localdate()
    code = locale.language_code

    def text(value):
        return value[code] if isinstance(value, dict) else value

    def find(model, **lookup):
        return list(model.objects.filter(locale=locale, **lookup))

    def organisation(key):
        return Organisation.objects.get(
            locale=locale, translation_key=translation_key(Organisation, key)
        )

    municipalities = {m.code: m for m in find(Municipality)}
    return {
        "title": text(entry["title"]),
        "slug": text(entry["slug"]),
        "duration_weeks": 10,
        "hours_per_week_min": 12,
        "hours_per_week_max": 15,
        "group_size_min": 4,
        "group_size_max": 6,
        "initial_assessment": True,
        "group_activities": True,
        "individual_guidance": True,
        "referral_by_social_worker": True,
        "referral_by_assistance_system": True,
        "free_of_charge": True,
        **{
            name: text(entry[name])
            for name in (
                "summary",
                "structure",
                "eligibility",
                "how_to_apply",
                "accessibility",
                "funder_name",
                "funding_programme",
            )
        },
        "organiser": organisation(entry["organiser"]),
        "partners": [organisation(key) for key in entry["partners"]],
        "themes": find(CourseTheme, slug__in=entry["themes"]),
        "languages": find(Language, code__in=entry["languages"]),
        "interpretation_languages": find(Language, code__in=entry["interpretation_languages"]),
        "instances": [
            CourseInstance(
                translation_key=translation_key(CourseInstance, f"{entry['key']}:{key}"),
                locale=locale,
                name=GROUP_ROOM[code],
                municipality=municipalities[municipality],
                **instance_values(municipality, *run, today),
            )
            for key, municipality, *run in RUNS
        ],
        "contact_channels": [
            CourseContact(
                translation_key=translation_key(CourseContact, f"{entry['key']}:{contact['key']}"),
                locale=locale,
                **{name: text(value) for name, value in contact.items() if name != "key"},
            )
            for contact in entry["contacts"]
        ],
    }
