"""Demo services: realistic listings for the demo organisations, not verified facts.

Opening hours and addresses are illustrative; a real deployment enters its own.
"""

import datetime

from django.utils.text import slugify

from wagtail_ikut.core.demo import CITY_OFFICES, DOMAINS, MUNICIPALITIES

PLACE_NAMES = {entry["code"]: entry["name"] for entry in MUNICIPALITIES}


def in_place(titles, code):
    """Return per-language titles followed by the municipality's name in that language."""
    return {
        language: f"{title}, {PLACE_NAMES[code][language]}" for language, title in titles.items()
    }


def slugs(titles):
    """Return per-language slugs made of per-language titles."""
    return {language: slugify(title) for language, title in titles.items()}


DIRECTORY = {
    "key": "directory",
    "slug": {"fi": "palvelut", "sv": "tjanster", "en": "services"},
    "title": {"fi": "Apua ja palveluja", "sv": "Hjälp och tjänster", "en": "Help and services"},
    "intro": {
        "fi": "<p>Etsi apua omalla kielelläsi. Monet palvelut ovat maksuttomia, ja niihin voi "
        "tulla ilman ajanvarausta ja nimettömänä.</p>",
        "sv": "<p>Sök hjälp på ditt eget språk. Många tjänster är avgiftsfria, och du kan komma "
        "utan tidsbokning och anonymt.</p>",
        "en": "<p>Find help in your own language. Many services are free, and you can come "
        "without an appointment and without giving your name.</p>",
    },
}

WEEKDAYS_9_TO_15 = [(day, "09:00", "15:00") for day in range(5)]
WEEKDAYS_BY_APPOINTMENT = [(day, "08:30", "16:00", True) for day in range(5)]

# Cities in the seed material with social workers specialised in victims of trafficking.
SPECIALISED_CITIES = {"helsinki", "espoo", "vantaa"}


def city_office(organisation, code, postcode, street, latitude, longitude):
    """Return what a city's services at its office share: provider, place and web form."""
    return {
        "provider": organisation,
        "municipalities": [code],
        "locations": [
            {
                "street_address": street,
                "postcode": postcode,
                "municipality": code,
                "latitude": latitude,
                "longitude": longitude,
            }
        ],
        "contacts": [{"kind": "web_form", "url": f"https://www.{DOMAINS[organisation]}/"}],
    }


def social_counselling(key, organisation, code, *place):
    title = in_place(
        {"fi": "Sosiaalineuvonta", "sv": "Social rådgivning", "en": "Social counselling"}, code
    )
    return {
        **city_office(organisation, code, *place),
        "key": f"{key}-social-counselling",
        "slug": slugs(title),
        "title": title,
        "summary": {
            "fi": "Neuvontaa toimeentuloon, asumiseen ja arjen ongelmiin. Voit tulla ilman "
            "ajanvarausta; tulkki saadaan tarvittaessa.",
            "sv": "Rådgivning om försörjning, boende och vardagens problem. Du kan komma utan "
            "tidsbokning; tolk ordnas vid behov.",
            "en": "Advice on income, housing and everyday problems. Come without an "
            "appointment; an interpreter is arranged when needed.",
        },
        "categories": ["social-services", "income-support", "housing"],
        "target_groups": ["victims-of-trafficking", "undocumented"],
        "languages": ["fi", "sv", "en"],
        "language_note": {
            "fi": "Muilla kielillä tulkin välityksellä.",
            "sv": "På andra språk med tolk.",
            "en": "Other languages through an interpreter.",
        },
        "flags": ["walk_in", "no_referral_required", "free_of_charge", "interpreter_available"],
        "hours": WEEKDAYS_9_TO_15,
    }


def specialised_social_work(key, organisation, code, *place):
    title = in_place(
        {
            "fi": "Ihmiskaupan uhrien sosiaalityö",
            "sv": "Socialt arbete för offer för människohandel",
            "en": "Social work for victims of human trafficking",
        },
        code,
    )
    return {
        **city_office(organisation, code, *place),
        "key": f"{key}-trafficking-social-work",
        "slug": slugs(title),
        "title": title,
        "summary": {
            "fi": "Sosiaalityöntekijä, joka on erikoistunut ihmiskaupan ja työperäisen "
            "hyväksikäytön uhrien auttamiseen. Tapaaminen sovitaan puhelimitse.",
            "sv": "En socialarbetare som är specialiserad på att hjälpa offer för "
            "människohandel och arbetsrelaterad exploatering. Tid bokas per telefon.",
            "en": "A social worker specialised in helping victims of human trafficking and "
            "labour exploitation. Book a meeting by phone.",
        },
        "categories": ["social-services", "psychological-support", "housing"],
        "target_groups": ["victims-of-trafficking", "labour-exploitation", "sexual-exploitation"],
        "languages": ["fi", "en"],
        "flags": ["free_of_charge", "interpreter_available", "anonymous", "no_id_required"],
        "hours": WEEKDAYS_BY_APPOINTMENT,
    }


SERVICES = [
    {
        "key": "assistance-system-help",
        "slug": {"fi": "auttamisjarjestelma", "sv": "hjalpsystemet", "en": "assistance-system"},
        "title": {
            "fi": "Ihmiskaupan uhrien auttamisjärjestelmä",
            "sv": "Hjälpsystemet för offer för människohandel",
            "en": "Assistance for victims of human trafficking",
        },
        "summary": {
            "fi": "Apua ihmiskaupan uhreille koko Suomessa: neuvontaa, turvallinen asuminen, "
            "terveyspalvelut ja oikeudellinen apu. Voit soittaa ympäri vuorokauden.",
            "sv": "Hjälp för offer för människohandel i hela Finland: rådgivning, tryggt boende, "
            "hälsovård och juridisk hjälp. Du kan ringa dygnet runt.",
            "en": "Help for victims of human trafficking all over Finland: advice, safe "
            "housing, health care and legal help. You can call at any time of day or night.",
        },
        "provider": "assistance-system",
        "nationwide": True,
        "categories": ["crisis-help", "housing", "health-care", "legal-advice", "interpretation"],
        "target_groups": [
            "victims-of-trafficking",
            "labour-exploitation",
            "sexual-exploitation",
            "forced-marriage",
        ],
        "languages": ["fi", "sv", "en", "ru"],
        "language_note": {
            "fi": "Tulkki mille tahansa kielelle.",
            "sv": "Tolk till vilket språk som helst.",
            "en": "An interpreter for any language.",
        },
        "flags": [
            "anonymous",
            "no_id_required",
            "no_referral_required",
            "free_of_charge",
            "interpreter_available",
            "phone_24_7",
        ],
        "contacts": [{"kind": "phone", "phone": "+358295463177"}],
        "open_24_7": True,
    },
    {
        "key": "riku-helpline",
        "slug": {
            "fi": "rikosuhripaivystys",
            "sv": "hjalptelefon-for-brottsoffer",
            "en": "helpline-for-victims-of-crime",
        },
        "title": {
            "fi": "Rikoksen uhrin auttava puhelin",
            "sv": "Hjälptelefon för brottsoffer",
            "en": "Helpline for victims of crime",
        },
        "summary": {
            "fi": "Keskusteluapua ja neuvontaa rikoksen uhreille ja heidän läheisilleen. "
            "Voit soittaa nimettömänä.",
            "sv": "Samtalsstöd och rådgivning för brottsoffer och deras närstående. Du kan "
            "ringa anonymt.",
            "en": "Someone to talk to, and advice, for victims of crime and their families. "
            "You can call without giving your name.",
        },
        "provider": "victim-support-finland",
        "nationwide": True,
        "categories": ["psychological-support", "legal-advice", "crisis-help"],
        "target_groups": ["victims-of-trafficking", "young-people"],
        "languages": ["fi", "sv", "en"],
        "flags": ["anonymous", "no_referral_required", "free_of_charge", "no_id_required"],
        "contacts": [{"kind": "phone", "phone": "116006"}],
        "hours": [(day, "09:00", "20:00") for day in range(5)],
    },
    {
        "key": "monika-shelter",
        "slug": {"fi": "turvakoti", "sv": "skyddshem", "en": "shelter"},
        "title": {
            "fi": "Turvakoti maahanmuuttajanaisille",
            "sv": "Skyddshem för invandrarkvinnor",
            "en": "Shelter for immigrant women",
        },
        "summary": {
            "fi": "Turvallinen paikka väkivaltaa tai pakkoavioliittoa pakenevalle naiselle ja "
            "hänen lapsilleen. Ota ensin yhteyttä puhelimitse.",
            "sv": "En trygg plats för en kvinna som flyr våld eller tvångsäktenskap, och för "
            "hennes barn. Kontakta oss först per telefon.",
            "en": "A safe place for a woman escaping violence or forced marriage, and for her "
            "children. Contact us by phone first.",
        },
        "provider": "monika",
        "categories": ["housing", "crisis-help", "psychological-support"],
        "target_groups": ["forced-marriage", "sexual-exploitation", "victims-of-trafficking"],
        "municipalities": ["091", "049", "092"],
        "languages": ["fi", "en", "ar", "so", "ru"],
        "flags": ["free_of_charge", "no_id_required", "interpreter_available", "anonymous"],
        "locations": [
            {
                "name": {"fi": "Turvakoti", "sv": "Skyddshem", "en": "Shelter"},
                "municipality": "091",
                "confidential": True,
            }
        ],
        "contacts": [{"kind": "chat", "url": "https://monikanaiset.fi/"}],
        "open_24_7": True,
    },
    *(social_counselling(*office) for office in CITY_OFFICES),
    *(
        specialised_social_work(*office)
        for office in CITY_OFFICES
        if office[0] in SPECIALISED_CITIES
    ),
]

#: Services were last checked for the demo on this date.
LAST_VERIFIED = datetime.date(2026, 10, 1)

#: Synonym sets of the directory search, one a meaning, with its words in each language.
SYNONYMS = [
    {
        "key": "shelter",
        "entries": {
            "fi": "turvakoti, suojakoti, turvatalo",
            "sv": "skyddshem, kvinnojour, skyddat boende",
            "en": "shelter, safe house, refuge",
        },
    },
    {
        "key": "legal-help",
        "entries": {
            "fi": "oikeudellinen apu, oikeusapu, lakiapu, juridinen apu",
            "sv": "juridisk hjälp, rättshjälp, juridisk rådgivning",
            "en": "legal help, legal advice, legal aid, lawyer",
        },
    },
    {
        "key": "helpline",
        "entries": {
            "fi": "auttava puhelin, kriisipuhelin, tukipuhelin",
            "sv": "hjälptelefon, krislinje, stödtelefon, jourtelefon",
            "en": "helpline, help line, hotline, phone line",
        },
    },
    {
        "key": "social-services",
        "entries": {
            "fi": "sosiaalineuvonta, sosiaalitoimisto, sosiaalipalvelut",
            "sv": "social rådgivning, socialbyrå, socialtjänst",
            "en": "social counselling, social services, social welfare office",
        },
    },
]
