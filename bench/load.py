"""Load N realistic services fast, but as valid Wagtail pages, for the directory benchmark.

Pages are not created one by one with ``add_child`` and revisions (hours at 20,000). Instead:

- treebeard paths are built with ``Page._get_path`` (steplen 4, alphabet 0-9A-Z) as children of
  one freshly made ServiceDirectoryPage per locale (and one plain "stock" page per locale);
- the ``wagtailcore_page`` rows are bulk-inserted with ``Page.objects.bulk_create`` (which returns
  the new ids on SQLite), then the child rows of the multi-table models (``ServicePage``,
  ``StockServicePage``) with ``cursor.executemany``, as Django's ``bulk_create`` refuses them;
- many-to-many rows, locations and opening hours are bulk-created, the parents' ``numchild``
  set, and the tree checked for what treebeard's ``find_problems`` reports (in SQL);
- the package's own index is built with
  ``wagtail_ikut.services.search.documents.reindex_services`` (the real code path: analysis,
  update_or_create, FTS5 triggers); the stock index with modelsearch's index ``add_items`` for
  ``StockServicePage`` only, as ``rebuild_modelsearch_index`` would;
- ``ANALYZE`` runs last.

Pages get no revisions (``latest_revision`` is NULL, as after a fixture load): serving, search
and the API do not read them; an editor's first save would create one.
"""

import datetime
import random
import sys
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from modelsearch.backends import get_search_backend
from wagtail.models import Page, Site

from bench.stockpages.models import StockServicePage
from wagtail_ikut.core import demo as content
from wagtail_ikut.core.organisations import Organisation
from wagtail_ikut.core.taxonomy import Language, Municipality, ServiceCategory, TargetGroup
from wagtail_ikut.demo import DemoLoader, translation_key
from wagtail_ikut.services import demo as services
from wagtail_ikut.services.details import OpeningHours, OpeningHoursException, ServiceLocation
from wagtail_ikut.services.models import (
    LOW_THRESHOLD_FLAGS,
    ServiceDirectoryPage,
    ServicePage,
    ServiceStatus,
)
from wagtail_ikut.services.search.documents import reindex_services

LANGUAGES = ("fi", "sv", "en")
#: Probability that a (Finnish) service also has a Swedish or an English version.
TRANSLATED = {"sv": 0.35, "en": 0.35}


def table(text):
    """Return the rows of a " | "-separated table, one row a line."""
    return [tuple(cell.strip() for cell in line.split(" | ")) for line in text.strip().splitlines()]


# Municipality code, Finnish and Swedish names, latitude, longitude, central postcode, weight
# (≈ population / 10,000). The first eight are also in the demo content.
PLACES = [
    (code, fi, sv, float(lat), float(lon), postcode, int(weight))
    for code, fi, sv, lat, lon, postcode, weight in table("""
091 | Helsinki | Helsingfors | 60.1699 | 24.9384 | 00100 | 67
049 | Espoo | Esbo | 60.2055 | 24.6559 | 02100 | 31
092 | Vantaa | Vanda | 60.2934 | 25.0378 | 01300 | 24
853 | Turku | Åbo | 60.4518 | 22.2666 | 20100 | 20
837 | Tampere | Tammerfors | 61.4978 | 23.7610 | 33100 | 25
564 | Oulu | Uleåborg | 65.0121 | 25.4651 | 90100 | 21
297 | Kuopio | Kuopio | 62.8924 | 27.6770 | 70100 | 12
905 | Vaasa | Vasa | 63.0951 | 21.6165 | 65100 | 7
398 | Lahti | Lahtis | 60.9827 | 25.6612 | 15100 | 12
179 | Jyväskylä | Jyväskylä | 62.2426 | 25.7473 | 40100 | 15
167 | Joensuu | Joensuu | 62.6010 | 29.7636 | 80100 | 8
405 | Lappeenranta | Villmanstrand | 61.0587 | 28.1887 | 53100 | 7
698 | Rovaniemi | Rovaniemi | 66.5039 | 25.7294 | 96100 | 6
609 | Pori | Björneborg | 61.4851 | 21.7974 | 28100 | 8
109 | Hämeenlinna | Tavastehus | 60.9959 | 24.4643 | 13100 | 7
286 | Kouvola | Kouvola | 60.8681 | 26.7042 | 45100 | 8
285 | Kotka | Kotka | 60.4664 | 26.9458 | 48100 | 5
491 | Mikkeli | S:t Michel | 61.6886 | 27.2723 | 50100 | 5
638 | Porvoo | Borgå | 60.3932 | 25.6650 | 06100 | 5
743 | Seinäjoki | Seinäjoki | 62.7903 | 22.8403 | 60100 | 6
272 | Kokkola | Karleby | 63.8385 | 23.1307 | 67100 | 5
205 | Kajaani | Kajana | 64.2222 | 27.7278 | 87100 | 4
684 | Rauma | Raumo | 61.1272 | 21.5113 | 26100 | 4
740 | Savonlinna | Nyslott | 61.8699 | 28.8794 | 57100 | 3
851 | Tornio | Torneå | 65.8481 | 24.1466 | 95400 | 2
478 | Maarianhamina | Mariehamn | 60.0973 | 19.9348 | 22100 | 1
148 | Inari | Enare | 68.9058 | 27.0288 | 99870 | 1
734 | Salo | Salo | 60.3837 | 23.1250 | 24100 | 5
678 | Raahe | Brahestad | 64.6847 | 24.4790 | 92100 | 2
598 | Pietarsaari | Jakobstad | 63.6753 | 22.7028 | 68600 | 2
""")
]
PLACE_BY_CODE = {place[0]: place for place in PLACES}

# Aligned vocabularies: Finnish, Swedish, English, inflected as the sentences need them.
# A service's name and its categories.
SERVICE_NAMES = [
    ((fi, sv, en), categories.split())
    for fi, sv, en, categories in table("""
Sosiaalineuvonta | Social rådgivning | Social counselling | social-services
Oikeusapu | Rättshjälp | Legal aid | legal-advice
Kriisipuhelin | Kristelefon | Crisis line | crisis-help psychological-support
Asumisneuvonta | Boenderådgivning | Housing advice | housing
Terveysneuvonta | Hälsorådgivning | Health advice | health-care
Velkaneuvonta | Skuldrådgivning | Debt advice | income-support
Työllisyyspalvelut | Sysselsättningstjänster | Employment services | employment
Tulkkauspalvelu | Tolktjänst | Interpreting service | interpretation
Kriisikeskus | Kriscenter | Crisis centre | crisis-help
Turvakoti | Skyddshem | Shelter | housing crisis-help
Matalan kynnyksen vastaanotto | Lågtröskelmottagning | Walk-in clinic | health-care
Päivätoimintakeskus | Dagcenter | Day centre | social-services
Mielenterveyspalvelut | Mentalvårdstjänster | Mental health services | psychological-support
Maahanmuuttajaneuvonta | Invandrarrådgivning | Immigrant advice | social-services legal-advice
Rikosuhripäivystys | Brottsofferjour | Victim support | legal-advice psychological-support
Vertaistukiryhmä | Kamratstödsgrupp | Peer support group | psychological-support
Ruoka-apu | Mathjälp | Food aid | income-support
Perheneuvola | Familjerådgivning | Family counselling | social-services
Kotoutumispalvelut | Integrationstjänster | Integration services | employment social-services
Asumisapu | Boendehjälp | Housing help | housing social-services
""")
]
# For whom (Finnish allative) and the target group, if one of the demo's.
TARGETS = [
    ((fi, sv, en), None if group == "-" else group)
    for fi, sv, en, group in table("""
ihmiskaupan uhreille | för offer för människohandel | for victims of human trafficking | victims-of-trafficking
työperäisen hyväksikäytön uhreille | för offer för arbetsrelaterad exploatering | for victims of labour exploitation | labour-exploitation
seksuaalisen hyväksikäytön uhreille | för offer för sexuell exploatering | for victims of sexual exploitation | sexual-exploitation
pakkoavioliiton uhreille | för offer för tvångsäktenskap | for victims of forced marriage | forced-marriage
nuorille | för unga | for young people | young-people
paperittomille | för papperslösa | for undocumented people | undocumented
aikuisille | för vuxna | for adults | -
maahanmuuttajille | för invandrare | for immigrants | -
lapsiperheille | för barnfamiljer | for families with children | -
naisille | för kvinnor | for women | -
rikoksen uhreille | för brottsoffer | for victims of crime | -
""")  # noqa: E501
]
# What is offered (Finnish partitive).
HELP = table("""
neuvontaa | rådgivning | advice
oikeusapua | rättshjälp | legal aid
tukea | stöd | support
keskusteluapua | samtalsstöd | someone to talk to
majoitusta | logi | accommodation
terveydenhoitoa | hälsovård | health care
tulkkausta | tolkning | interpreting
sosiaalineuvontaa | social rådgivning | social counselling
velkaneuvontaa | skuldrådgivning | debt advice
asumisneuvontaa | boenderådgivning | housing advice
kriisiapua | krishjälp | crisis help
ohjausta | vägledning | guidance
ruoka-apua | mathjälp | food aid
apua työnhakuun | hjälp att söka arbete | help with job seeking
""")
ADJECTIVES = [
    ("maksutonta ", "avgiftsfri ", "free "),
    ("luottamuksellista ", "konfidentiell ", "confidential "),
    ("monikielistä ", "flerspråkig ", "multilingual "),
    ("", "", ""),
]
OFFER = (
    "Tarjoamme {adj}{help} {target}.",
    "Vi erbjuder {adj}{help} {target}.",
    "We offer {adj}{help} {target}.",
)
SENTENCES = table("""
Voit tulla ilman ajanvarausta. | Du kan komma utan tidsbokning. | You can come without an appointment.
Tulkki saadaan tarvittaessa. | Tolk ordnas vid behov. | An interpreter is arranged when needed.
Autamme asumiseen, toimeentuloon ja työhön liittyvissä asioissa. | Vi hjälper med boende, försörjning och arbete. | We help with housing, income and work.
Palvelu on maksuton ja luottamuksellinen. | Tjänsten är avgiftsfri och konfidentiell. | The service is free and confidential.
Kriisipuhelin päivystää ympäri vuorokauden. | Kristelefonen har jour dygnet runt. | The crisis line is open around the clock.
Ota yhteyttä sosiaalityöntekijään. | Kontakta socialarbetaren. | Contact the social worker.
Neuvomme oikeusavun hakemisessa. | Vi ger råd om hur man ansöker om rättshjälp. | We advise on applying for legal aid.
Tuemme ihmiskaupan uhreja ja heidän läheisiään. | Vi stöder offer för människohandel och deras närstående. | We support victims of human trafficking and their families.
Asiakkaaksi voi tulla nimettömänä. | Du kan vara anonym. | You can stay anonymous.
Henkilöllisyystodistusta ei tarvita. | Du behöver inget identitetsbevis. | You do not need an ID.
Vastaanotolla tapaat sairaanhoitajan. | På mottagningen träffar du en sjukskötare. | At the clinic you meet a nurse.
Järjestämme vertaistukiryhmiä naisille ja nuorille. | Vi ordnar kamratstödsgrupper för kvinnor och unga. | We run peer support groups for women and young people.
Autamme työperäisen hyväksikäytön uhreja. | Vi hjälper offer för arbetsrelaterad exploatering. | We help victims of labour exploitation.
Saat apua myös puhelimitse ja chatissa. | Du får hjälp också per telefon och i chatten. | You can also get help by phone and chat.
Neuvonta on tarkoitettu aikuisille. | Rådgivningen är avsedd för vuxna. | The advice is meant for adults.
Paperittomat saavat kiireellistä hoitoa. | Papperslösa får brådskande vård. | Undocumented people get urgent care.
Sosiaalityöntekijälle voi soittaa arkisin. | Du kan ringa socialarbetaren på vardagar. | You can call the social worker on weekdays.
Majoitus turvakodissa järjestetään nopeasti. | Logi i skyddshem ordnas snabbt. | A place in a shelter is arranged quickly.
""")  # noqa: E501
# Local providers in every municipality: name patterns and organisation kind.
PROVIDER_KINDS = [
    ((fi, sv, en), kind)
    for fi, sv, en, kind in table("""
Sosiaalipalvelut – {fi} | Socialtjänsten – {sv} | Social services – {en} | municipality
Diakoniatyö – {fi} | Diakoniarbetet – {sv} | Diaconal work – {en} | religious
Matalan kynnyksen yhdistys – {fi} | Lågtröskelföreningen – {sv} | Low Threshold Association – {en} | ngo
Ihmiskaupan vastainen verkosto – {fi} | Nätverket mot människohandel – {sv} | Anti-trafficking network – {en} | local_network
""")  # noqa: E501
]
# The languages a service is offered in, and the odds of each low-threshold flag.
SERVICE_LANGUAGES = {"fi": 0.9, "sv": 0.3, "en": 0.5, "ru": 0.15, "uk": 0.1, "ar": 0.1}
SERVICE_LANGUAGES |= {"so": 0.05, "fa": 0.05, "th": 0.03, "vi": 0.03, "ro": 0.03, "es": 0.05}
FLAG_ODDS = {"walk_in": 0.35, "anonymous": 0.25, "no_id_required": 0.2}
FLAG_ODDS |= {"no_referral_required": 0.5, "free_of_charge": 0.6}
FLAG_ODDS |= {"interpreter_available": 0.3, "phone_24_7": 0.05}
#: The service's many-to-many relations, and the field a generated service names a term by.
RELATIONS = {
    "categories": (ServiceCategory, "slug"),
    "target_groups": (TargetGroup, "slug"),
    "municipalities": (Municipality, "code"),
    "languages": (Language, "code"),
}
STREETS = ["Asematie", "Kauppakatu", "Rautatienkatu", "Koulukatu", "Keskuskatu", "Kirkkokatu"]


def log(message):
    print(f"[load] {message}", file=sys.stderr, flush=True)


class Loader:
    def __init__(self, size, seed):
        self.size = size
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.timings = {}

    def uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    # Taxonomy, organisations, directories.

    def load_setup(self):
        loader = DemoLoader(LANGUAGES)
        place_entries = [
            {"key": code, "code": code, "name": {"fi": fi, "sv": sv, "en": fi}}
            for code, fi, sv, *_rest in PLACES
        ]
        provider_entries = [
            {
                "key": f"{kind}-{code}",
                "kind": kind,
                "name": dict(
                    zip(LANGUAGES, (p.format(fi=fi, sv=sv, en=fi) for p in patterns), strict=True)
                ),
            }
            for code, fi, sv, *_rest in PLACES
            for patterns, kind in PROVIDER_KINDS
        ]
        with transaction.atomic():
            loader.load_entries(Municipality, place_entries)
            loader.load_entries(Language, content.LANGUAGES)
            loader.load_entries(ServiceCategory, content.SERVICE_CATEGORIES)
            loader.load_entries(TargetGroup, content.TARGET_GROUPS)
            loader.load_entries(Organisation, content.ORGANISATIONS + provider_entries)
            root = Site.objects.get(is_default_site=True).root_page
            self.directories, self.stock_parents = {}, {}
            for locale in loader.locales:
                home = loader.translated_root(root, locale)
                self.directories[locale.language_code] = loader.get_or_create_page(
                    ServiceDirectoryPage, services.DIRECTORY, locale, home
                )
                stock = Page(title="Stock", slug="stock", locale=locale)
                home.add_child(instance=stock)
                stock.save_revision().publish()
                self.stock_parents[locale.language_code] = stock
        # (model, language, slug or code): id
        self.terms = {
            (model, obj.locale.language_code, getattr(obj, key)): obj.pk
            for model, key in RELATIONS.values()
            for obj in model.objects.select_related("locale")
        }
        self.providers = {
            (org.locale.language_code, org.translation_key): org.pk
            for org in Organisation.objects.select_related("locale")
        }
        self.local_providers = {
            code: [_key(f"{kind}-{code}") for _patterns, kind in PROVIDER_KINDS]
            for code, *_rest in PLACES
        }
        self.national_providers = [_key(entry["key"]) for entry in content.ORGANISATIONS]

    # One service, described once and written in each of its languages.

    def describe(self, number):
        rng = self.rng
        name_index = rng.randrange(len(SERVICE_NAMES))
        names, categories = SERVICE_NAMES[name_index]
        target_index = rng.randrange(len(TARGETS))
        nationwide = rng.random() < 0.05
        place = None if nationwide else self.pick_place()
        served = set()
        if place is not None:  # its own municipality, sometimes a neighbour or two too
            served = {place[0]} | {self.pick_place()[0] for _ in range(rng.choice((0, 0, 0, 1, 2)))}
        extra_categories = rng.sample(
            [e["slug"] for e in content.SERVICE_CATEGORIES], rng.choice((0, 0, 1, 2))
        )
        target_groups = ({TARGETS[target_index][1]} - {None}) | set(
            rng.sample([e["slug"] for e in content.TARGET_GROUPS], rng.choice((0, 1, 1, 2)))
        )
        flags = [name for name in LOW_THRESHOLD_FLAGS if rng.random() < FLAG_ODDS[name]]
        locations = []
        if place is not None or rng.random() < 0.3:
            base = place or PLACE_BY_CODE["091"]
            for _ in range(rng.choice((1, 1, 1, 1, 2, 3))):
                locations.append(
                    {
                        "code": base[0],
                        "postcode": f"{base[5][:2]}{rng.randrange(1, 10)}{rng.randrange(10)}0",
                        "latitude": round(base[3] + rng.gauss(0, 0.03), 6),
                        "longitude": round(base[4] + rng.gauss(0, 0.06), 6),
                        "street_address": f"{rng.choice(STREETS)} {rng.randrange(1, 60)}",
                        "confidential": rng.random() < 0.03,
                    }
                )
        closed_day = None
        if rng.random() < 0.05:  # an exception: closed one day around now
            closed_day = self.now.date() + datetime.timedelta(days=rng.randrange(-3, 10))
        provider = rng.choice(self.national_providers)
        if place is not None and rng.random() < 0.8:
            provider = rng.choice(self.local_providers[place[0]])
        title_form = rng.random()
        status = rng.choices(
            [ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED, ServiceStatus.ENDED],
            [0.95, 0.03, 0.02],
        )[0]
        return {
            "number": number,
            "translation_key": self.uuid(),
            "names": names,
            "target": TARGETS[target_index][0],
            "with_target": title_form < 0.7,
            "with_place": place is not None and title_form > 0.5,
            "place": place,
            "help": rng.choice(HELP),
            "adjective": rng.choice(ADJECTIVES),
            "summary_extra": rng.sample(SENTENCES, rng.choice((0, 1, 1))),
            "description": rng.sample(SENTENCES, rng.randrange(2, 5)),
            "categories": sorted(set(categories) | set(extra_categories)),
            "target_groups": sorted(target_groups),
            "nationwide": nationwide,
            "municipalities": sorted(served),
            "languages": [code for code, odds in SERVICE_LANGUAGES.items() if rng.random() < odds]
            or ["fi"],
            "flags": flags,
            "cost": "" if "free_of_charge" in flags or rng.random() < 0.7 else "10 €",
            "status": status,
            "locations": locations,
            "hours": self.pick_hours(),
            "open_24_7": rng.random() < 0.05,
            "closed_day": closed_day,
            "provider": provider,
            "first_published": self.now - datetime.timedelta(days=rng.randrange(1, 1500)),
            "last_verified": self.now.date() - datetime.timedelta(days=rng.randrange(0, 400)),
        }

    def pick_place(self):
        return self.rng.choices(PLACES, [place[6] for place in PLACES])[0]

    def pick_hours(self):
        rng, roll = self.rng, self.rng.random()
        if roll < 0.2:
            return []
        if roll < 0.9:
            opens, closes = rng.choice(
                [("08:00", "16:00"), ("09:00", "15:00"), ("10:00", "18:00"), ("12:00", "20:00")]
            )
            days = range(5) if rng.random() < 0.8 else range(6)
            appointment = rng.random() < 0.2
            return [(day, opens, closes, appointment) for day in days]
        return [(day, "20:00", "02:00", False) for day in range(7)]  # a night service

    def title(self, spec, index):
        parts = [spec["names"][index]]
        if spec["with_target"]:
            parts.append(" " + spec["target"][index])
        if spec["with_place"]:
            parts.append(", " + (spec["place"][2] if index == 1 else spec["place"][1]))
        return "".join(parts)

    def texts(self, spec, index):
        offer = OFFER[index].format(
            adj=spec["adjective"][index], help=spec["help"][index], target=spec["target"][index]
        )
        offer = offer[0].upper() + offer[1:]
        summary = " ".join([offer, *(s[index] for s in spec["summary_extra"])])
        description = "<p>" + " ".join(s[index] for s in spec["description"]) + "</p>"
        return summary, description

    # Rows.

    def build(self):
        """Describe services until there are ``size`` pages; return {language: [rows]}."""
        rows = {code: [] for code in LANGUAGES}
        count, number = 0, 0
        while count < self.size:
            spec = self.describe(number)
            number += 1
            languages = ["fi"] + [c for c in ("sv", "en") if self.rng.random() < TRANSLATED[c]]
            for code in languages[: self.size - count]:
                rows[code].append(spec)
                count += 1
        return rows

    def insert_pages(self, parent, model, entries):
        """Bulk-insert ``entries`` [(title, slug, translation key, first published)] as live
        children of ``parent``; return the new page ids in order."""
        assert parent.numchild == 0, "the bench loads into fresh parents only"
        content_type = ContentType.objects.get_for_model(model)
        depth = parent.depth + 1
        pages = [
            Page(
                path=Page._get_path(parent.path, depth, step),
                depth=depth,
                numchild=0,
                title=title,
                draft_title=title,
                slug=slug,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                translation_key=key,
                live=True,
                has_unpublished_changes=False,
                first_published_at=first_published,
                last_published_at=first_published,
                seo_title="",
                search_description="",
            )
            for step, (title, slug, key, first_published) in enumerate(entries, 1)
        ]
        Page.objects.bulk_create(pages, batch_size=2000)
        Page.objects.filter(pk=parent.pk).update(numchild=len(pages))
        return [page.pk for page in pages]

    def load_services(self):
        started = time.perf_counter()
        by_language = self.build()
        self.page_ids = {}
        with transaction.atomic():
            for code, specs in by_language.items():
                directory, stock_parent = self.directories[code], self.stock_parents[code]
                index = LANGUAGES.index(code)
                entries = []
                for spec in specs:
                    title = self.title(spec, index)
                    slug = f"{slugify(title)[:60]}-{spec['number']}"
                    entries.append((title, slug, spec["translation_key"], spec["first_published"]))
                ids = self.insert_pages(directory, ServicePage, entries)
                # Translation keys are unique per locale: the stock copies get their own.
                stock_ids = self.insert_pages(
                    stock_parent,
                    StockServicePage,
                    [(t, s, self.uuid(), p) for t, s, _k, p in entries],
                )
                self.page_ids[code] = ids
                service_rows, stock_rows = [], []
                for page_id, stock_id, spec in zip(ids, stock_ids, specs, strict=True):
                    summary, description = self.texts(spec, index)
                    service_rows.append(self.service(page_id, code, spec, summary, description))
                    stock_rows.append(
                        StockServicePage(
                            page_ptr_id=stock_id, summary=summary, body=strip_tags(description)
                        )
                    )
                insert_child_rows(ServicePage, service_rows)
                insert_child_rows(StockServicePage, stock_rows)
                self.insert_related(code, ids, specs)
        self.timings["load_seconds"] = time.perf_counter() - started
        log(f"loaded {self.size} services in {self.timings['load_seconds']:.1f} s")

    def service(self, page_id, code, spec, summary, description):
        return ServicePage(
            page_ptr_id=page_id,
            provider_id=self.providers[code, spec["provider"]],
            summary=summary,
            description=description,
            nationwide=spec["nationwide"],
            status=spec["status"],
            cost=spec["cost"],
            open_24_7=spec["open_24_7"],
            last_verified=spec["last_verified"],
            verified_by="bench",
            **dict.fromkeys(spec["flags"], True),
        )

    def insert_related(self, code, ids, specs):
        for name, (model, _key) in RELATIONS.items():
            through = ServicePage._meta.get_field(name).remote_field.through
            column = f"{model._meta.model_name}_id"
            links = [
                through(servicepage_id=page_id, **{column: self.terms[model, code, value]})
                for page_id, spec in zip(ids, specs, strict=True)
                for value in spec[name]
            ]
            through.objects.bulk_create(links, batch_size=5000)
        locations, hours, exceptions = [], [], []
        for page_id, spec in zip(ids, specs, strict=True):
            for order, location in enumerate(spec["locations"]):
                locations.append(
                    ServiceLocation(
                        page_id=page_id,
                        sort_order=order,
                        municipality_id=self.terms[Municipality, code, location["code"]],
                        **{name: value for name, value in location.items() if name != "code"},
                    )
                )
            for order, (weekday, opens, closes, appointment) in enumerate(spec["hours"]):
                hours.append(
                    OpeningHours(
                        page_id=page_id,
                        sort_order=order,
                        weekday=weekday,
                        opens=datetime.time.fromisoformat(opens),
                        closes=datetime.time.fromisoformat(closes),
                        by_appointment=appointment,
                    )
                )
            if spec["closed_day"]:
                exceptions.append(
                    OpeningHoursException(
                        page_id=page_id,
                        sort_order=0,
                        start_date=spec["closed_day"],
                        end_date=spec["closed_day"],
                        kind=OpeningHoursException.Kind.CLOSED,
                    )
                )
        ServiceLocation.objects.bulk_create(locations, batch_size=2000)
        OpeningHours.objects.bulk_create(hours, batch_size=2000)
        OpeningHoursException.objects.bulk_create(exceptions, batch_size=2000)

    # Indexes.

    def build_indexes(self):
        started = time.perf_counter()
        with transaction.atomic():
            count = sum(
                reindex_services(ServicePage.objects.child_of(directory))
                for directory in self.directories.values()
            )
        self.timings["index_seconds"] = time.perf_counter() - started
        log(
            f"indexed {count} services with reindex_services in "
            f"{self.timings['index_seconds']:.1f} s"
        )

        started = time.perf_counter()
        backend = get_search_backend()
        index = backend.get_index_for_model(StockServicePage)
        rebuilder = backend.rebuilder_class(index)
        with transaction.atomic():
            queryset = StockServicePage.get_indexed_objects().order_by("pk")
            last = 0
            while chunk := list(queryset.filter(pk__gt=last)[:1000]):
                index.add_items(StockServicePage, chunk)
                last = chunk[-1].pk
            rebuilder.finish()
        self.timings["stock_index_seconds"] = time.perf_counter() - started
        log(f"built the stock index in {self.timings['stock_index_seconds']:.1f} s")

    def analyze(self):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def check(self):
        """Return the number of tree problems treebeard's ``find_problems`` looks for (bad
        path characters or length, wrong depth, orphans, wrong numchild), checked in SQL: its
        own per-node walk takes minutes at 20,000 pages."""
        checks = [
            # Paths of 4-character steps from the alphabet, as deep as depth says.
            "SELECT COUNT(*) FROM wagtailcore_page WHERE length(path) != depth * 4 "
            "OR path GLOB '*[^0-9A-Z]*'",
            # Every page but the root has a parent.
            "SELECT COUNT(*) FROM wagtailcore_page c WHERE c.depth > 1 AND NOT EXISTS (SELECT 1 "
            "FROM wagtailcore_page p WHERE p.path = substr(c.path, 1, length(c.path) - 4))",
            # numchild counts the children ("~" sorts after 0-9A-Z).
            "SELECT COUNT(*) FROM wagtailcore_page p WHERE numchild != (SELECT COUNT(*) "
            "FROM wagtailcore_page c WHERE c.path > p.path AND c.path < p.path || '~' "
            "AND c.depth = p.depth + 1)",
        ]
        with connection.cursor() as cursor:
            return sum(cursor.execute(sql).fetchone()[0] for sql in checks)


def _key(key):
    return translation_key(Organisation, key)


def insert_child_rows(model, objs):
    """Insert the own table rows of multi-table-inheritance children whose parents exist."""
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, add=True), connection) for field in fields]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def load(size, seed):
    """Load ``size`` services; return the directories by language and facts about the load."""
    loader = Loader(size, seed)
    started = time.perf_counter()
    loader.load_setup()
    log(f"taxonomy, organisations and directories in {time.perf_counter() - started:.1f} s")
    loader.load_services()
    loader.build_indexes()
    started = time.perf_counter()
    loader.analyze()
    log(f"ANALYZE in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    problems = loader.check()
    log(f"tree check: {problems} problems ({time.perf_counter() - started:.1f} s)")
    directories = {
        code: ServiceDirectoryPage.objects.get(pk=page.pk)
        for code, page in loader.directories.items()
    }
    counts = {code: len(ids) for code, ids in loader.page_ids.items()}
    return directories, {
        **loader.timings,
        "pages_by_language": counts,
        "tree_problems": problems,
        "analyze_run": True,
    }
