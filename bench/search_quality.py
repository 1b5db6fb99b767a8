"""Measure how often the directory search finds what a visitor means, on the demo content.

Run ``.venv/bin/python bench/search_quality.py`` (see bench/README.md). It loads the demo
content (``manage.py ikut_demo``) into a temporary SQLite database, runs each query of QUERIES
on the database backend (and on the engine when ``IKUT_OPENSEARCH_URL`` names a node), and
counts a query as passed when every service it expects is among the first five results. Prints
one JSON line: the share passed by language and by kind, and the queries that failed.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
TOP = 5

# The demo's services by their content keys (wagtail_ikut/services/demo.py).
SYSTEM = "assistance-system-help"
HELPLINE = "riku-helpline"
SHELTER = "monika-shelter"


def counselling(city):
    return f"{city}-social-counselling"


def trafficking_work(city):
    return f"{city}-trafficking-social-work"


# (language, kind, query, services that must be in the top five). Kinds: "plain" (a word the
# text has as written), "inflection" (another form of it), "compound" (a part of a compound,
# or a compound of the text's words), "typo" (one or two letters wrong, missing, extra or
# swapped), "synonym" (a word the text does not have, for what it says).
QUERIES = [
    # Finnish.
    ("fi", "plain", "turvakoti", [SHELTER]),
    ("fi", "plain", "sosiaalineuvonta tampere", [counselling("tampere")]),
    ("fi", "plain", "sosiaalineuvonta oulu", [counselling("oulu")]),
    ("fi", "plain", "auttamisjärjestelmä", [SYSTEM]),
    ("fi", "plain", "puhelin", [HELPLINE]),
    ("fi", "plain", "ihmiskaupan uhrien sosiaalityö espoo", [trafficking_work("espoo")]),
    ("fi", "plain", "pakkoavioliitto", [SHELTER]),
    ("fi", "plain", "rikoksen uhri", [HELPLINE]),
    ("fi", "plain", "maahanmuuttajanaisille", [SHELTER]),
    ("fi", "plain", "neuvontaa toimeentuloon vaasa", [counselling("vaasa")]),
    ("fi", "inflection", "uhreja", [SYSTEM, HELPLINE]),
    ("fi", "inflection", "ihmiskaupan uhreille", [SYSTEM]),
    ("fi", "inflection", "turvakodissa", [SHELTER]),
    ("fi", "inflection", "turvakotiin", [SHELTER]),
    ("fi", "inflection", "turvakodit", [SHELTER]),
    ("fi", "inflection", "sosiaalineuvontaa helsingissä", [counselling("helsinki")]),
    ("fi", "inflection", "sosiaalineuvontaan turussa", [counselling("turku")]),
    ("fi", "inflection", "sosiaalineuvonnasta kuopiossa", [counselling("kuopio")]),
    ("fi", "inflection", "neuvonta vaasassa", [counselling("vaasa")]),
    ("fi", "inflection", "sosiaalityöntekijälle vantaalla", [trafficking_work("vantaa")]),
    ("fi", "inflection", "rikoksen uhreille", [HELPLINE]),
    ("fi", "inflection", "rikosten uhrit", [HELPLINE]),
    ("fi", "inflection", "naisille", [SHELTER]),
    ("fi", "inflection", "väkivallan uhri", [SHELTER]),
    ("fi", "inflection", "pakkoavioliitosta", [SHELTER]),
    ("fi", "inflection", "auttavaan puhelimeen", [HELPLINE]),
    ("fi", "inflection", "ihmiskauppaa", [SYSTEM]),
    ("fi", "inflection", "maahanmuuttajanaiselle", [SHELTER]),
    ("fi", "inflection", "sosiaalityötä espoossa", [trafficking_work("espoo")]),
    ("fi", "inflection", "hyväksikäytön uhrit", [trafficking_work("helsinki")]),
    ("fi", "compound", "koti", [SHELTER]),
    ("fi", "compound", "neuvonta oulu", [counselling("oulu")]),
    ("fi", "compound", "työntekijä espoo", [trafficking_work("espoo")]),
    ("fi", "compound", "järjestelmä", [SYSTEM]),
    ("fi", "compound", "avioliitto", [SHELTER]),
    ("fi", "compound", "ihmiskauppa sosiaalityö helsinki", [trafficking_work("helsinki")]),
    ("fi", "compound", "ihmiskaupan uhri", [SYSTEM]),
    ("fi", "compound", "maahanmuuttaja nainen", [SHELTER]),
    ("fi", "compound", "sosiaali neuvonta turku", [counselling("turku")]),
    ("fi", "compound", "työperäinen hyväksikäyttö", [trafficking_work("vantaa")]),
    ("fi", "typo", "turvakti", [SHELTER]),
    ("fi", "typo", "turvakodi", [SHELTER]),
    ("fi", "typo", "turvkoti", [SHELTER]),
    ("fi", "typo", "sosiaalineuvota tampere", [counselling("tampere")]),
    ("fi", "typo", "sosiaalineovonta oulu", [counselling("oulu")]),
    ("fi", "typo", "auttamisjärjestlmä", [SYSTEM]),
    ("fi", "typo", "auttamisjärejstelmä", [SYSTEM]),
    ("fi", "typo", "puhelim", [HELPLINE]),
    ("fi", "typo", "pakkoavioliito", [SHELTER]),
    ("fi", "typo", "ihmsikauppa", [SYSTEM]),
    ("fi", "typo", "sosiaalityöntekija vantaa", [trafficking_work("vantaa")]),
    ("fi", "typo", "turvakoti helsinki", [SHELTER]),
    ("fi", "typo", "rikoksen uhrn", [HELPLINE]),
    ("fi", "typo", "maahanmuttajanaisille", [SHELTER]),
    ("fi", "typo", "sosiaalineuvonta kuopoi", [counselling("kuopio")]),
    ("fi", "typo", "ihmiskaupan uhrien sosiaalityö espo", [trafficking_work("espoo")]),
    ("fi", "synonym", "suojakoti", [SHELTER]),
    ("fi", "synonym", "kriisipuhelin", [HELPLINE]),
    ("fi", "synonym", "lakiapu", [SYSTEM]),
    ("fi", "synonym", "oikeusapu", [SYSTEM]),
    ("fi", "synonym", "sosiaalitoimisto oulu", [counselling("oulu")]),
    ("fi", "synonym", "ensikoti naisille", [SHELTER]),
    # Swedish.
    ("sv", "plain", "skyddshem", [SHELTER]),
    ("sv", "plain", "hjälpsystemet", [SYSTEM]),
    ("sv", "plain", "hjälptelefon", [HELPLINE]),
    ("sv", "plain", "social rådgivning vasa", [counselling("vaasa")]),
    ("sv", "plain", "tvångsäktenskap", [SHELTER]),
    ("sv", "plain", "invandrarkvinnor", [SHELTER]),
    ("sv", "plain", "brottsoffer", [HELPLINE]),
    ("sv", "inflection", "skyddshemmet", [SHELTER]),
    ("sv", "inflection", "skyddshemmen", [SHELTER]),
    ("sv", "inflection", "människohandelns offer", [SYSTEM]),
    ("sv", "inflection", "offren för människohandel", [SYSTEM]),
    ("sv", "inflection", "brottsoffren", [HELPLINE]),
    ("sv", "inflection", "hjälptelefonen", [HELPLINE]),
    ("sv", "inflection", "socialt arbete esbo", [trafficking_work("espoo")]),
    ("sv", "inflection", "kvinnorna", [SHELTER]),
    ("sv", "inflection", "rådgivningen i åbo", [counselling("turku")]),
    ("sv", "inflection", "tvångsäktenskapet", [SHELTER]),
    ("sv", "compound", "hem för kvinnor", [SHELTER]),
    ("sv", "compound", "telefon", [HELPLINE]),
    ("sv", "compound", "invandrare", [SHELTER]),
    ("sv", "compound", "offer", [SYSTEM]),
    ("sv", "typo", "skyddhem", [SHELTER]),
    ("sv", "typo", "skydshem", [SHELTER]),
    ("sv", "typo", "hjälptelfon", [HELPLINE]),
    ("sv", "typo", "människohandl", [SYSTEM]),
    ("sv", "typo", "tvångsäktenskp", [SHELTER]),
    ("sv", "typo", "rådgivnig tammerfors", [counselling("tampere")]),
    ("sv", "typo", "brottsofer", [HELPLINE]),
    ("sv", "synonym", "rättshjälp", [SYSTEM]),
    ("sv", "synonym", "kvinnojour", [SHELTER]),
    ("sv", "synonym", "krislinje", [HELPLINE]),
    # English.
    ("en", "plain", "shelter", [SHELTER]),
    ("en", "plain", "helpline", [HELPLINE]),
    ("en", "plain", "social counselling tampere", [counselling("tampere")]),
    ("en", "plain", "forced marriage", [SHELTER]),
    ("en", "inflection", "shelters", [SHELTER]),
    ("en", "inflection", "victim of crime", [HELPLINE]),
    ("en", "inflection", "trafficked", [SYSTEM]),
    ("en", "inflection", "counsellor oulu", [counselling("oulu")]),
    ("en", "inflection", "immigrant woman", [SHELTER]),
    ("en", "compound", "help line", [HELPLINE]),
    ("en", "typo", "sheltr", [SHELTER]),
    ("en", "typo", "helpine", [HELPLINE]),
    ("en", "typo", "trafficing", [SYSTEM]),
    ("en", "typo", "counseling vaasa", [counselling("vaasa")]),
    ("en", "typo", "imigrant women", [SHELTER]),
    ("en", "typo", "victms of crime", [HELPLINE]),
    ("en", "synonym", "lawyer", [SYSTEM]),
    ("en", "synonym", "safe house", [SHELTER]),
    ("en", "synonym", "hotline", [HELPLINE]),
    ("en", "synonym", "social worker espoo", [trafficking_work("espoo")]),
]


def log(message):
    print(f"[quality] {message}", file=sys.stderr, flush=True)


def setup_django(database):
    # The script's own folder would shadow top-level modules with settings.py and urls.py.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]
    sys.path[:0] = [str(ROOT), str(ROOT / "example_project")]
    os.environ["BENCH_DB"] = str(database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if os.environ.get("IKUT_OPENSEARCH_URL"):
        # bench/settings.py then points the directory at that node.
        os.environ["BENCH_ENGINE_URL"] = os.environ["IKUT_OPENSEARCH_URL"]
    import django

    django.setup()


def load_demo():
    """Migrate the database, write the demo content, and index it on the engine if any."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("ikut_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed at exit
    from wagtail_ikut.services.search.engine import client, index

    if client.engine() is not None:
        for language in ("fi", "sv", "en"):
            index.rebuild(client.engine(), language)


def backends():
    """Return (name, backend) for each path to measure: the database, and the engine if any."""
    from wagtail_ikut.services.search.database.backend import DatabaseBackend
    from wagtail_ikut.services.search.engine import client
    from wagtail_ikut.services.search.engine.backend import EngineBackend

    found = [("database", DatabaseBackend())]
    if client.engine() is not None:
        found.append(("engine", EngineBackend(client.engine())))
    return found


def top_keys(backend, directory, code, text):
    """Return the demo keys of the first TOP services ``backend`` finds for ``text``."""
    from django.http import QueryDict

    from wagtail_ikut.services.models import ServicePage
    from wagtail_ikut.services.search.directory import DirectorySearch

    search = DirectorySearch(directory, QueryDict(f"q={text}"), code)
    ids = backend.search(search.request, 1, TOP).page.object_list
    keys = dict(ServicePage.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    return [KEYS.get(keys[pk], str(pk)) for pk in ids]


def demo_keys():
    """Return {translation key: demo content key} of the demo's services."""
    from wagtail_ikut.demo import translation_key
    from wagtail_ikut.services import demo
    from wagtail_ikut.services.models import ServicePage

    return {translation_key(ServicePage, entry["key"]): entry["key"] for entry in demo.SERVICES}


KEYS = {}


def measure(name, backend, directories):
    """Return the shares passed on one backend, by language and kind, and the failures."""
    passed, failed = defaultdict(list), []
    for code, kind, text, expected in QUERIES:
        found = top_keys(backend, directories[code], code, text)
        ok = all(key in found for key in expected)
        passed[code].append(ok)
        passed[f"{code}_{kind}"].append(ok)
        passed[kind].append(ok)
        passed["all"].append(ok)
        if not ok:
            failed.append(f"{code} {kind} {text!r}: {found}")
    log(f"{name}: {sum(passed['all'])} of {len(QUERIES)} passed")
    return {
        "passed": {group: round(sum(oks) / len(oks), 3) for group, oks in sorted(passed.items())},
        "failed": failed,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ikut-quality-") as folder:
        setup_django(Path(folder) / "quality.sqlite3")
        log("loading the demo content")
        load_demo()
        from wagtail_ikut.services.models import ServiceDirectoryPage
        from wagtail_ikut.services.search.analysis import backend_name

        KEYS.update(demo_keys())
        directories = {
            directory.locale.language_code: directory
            for directory in ServiceDirectoryPage.objects.select_related("locale")
        }
        counts = defaultdict(int)
        for code, _kind, _text, _expected in QUERIES:
            counts[code] += 1
        result = {"queries": dict(counts), "top": TOP, "analyzer": backend_name("fi")}
        for name, backend in backends():
            result[name] = measure(name, backend, directories)
    result["run_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
