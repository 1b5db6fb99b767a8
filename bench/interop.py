"""Benchmark the HSDS export and import at scale; one JSON line.

Run ``.venv/bin/python bench/interop.py --sizes 20000`` (see bench/README.md). For each size a
worker process loads the services into a fresh SQLite copy of a migrated database (bench/load.py)
and times ``ikut_export_hsds`` in the JSON and CSV forms, in Finnish, the largest locale; then a
worker of its own, on another copy with the directories and organisations only, imports the
services exported in each language and imports them again (time_import). With ``--api``, the
HSDS API's ``/hsds/services`` in-process instead (time_api).
"""

import argparse
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]
sys.path.insert(0, str(ROOT))

from bench.directory import (  # noqa: E402
    DATA,
    SEED,
    TEXTS,
    do_worker_part,
    log,
    percentiles,
    print_sizes,
    template_path,
    worker_line,
)

FORMATS = ("json", "csv")
#: The exports the import benchmark imports, one a language.
LANGUAGES = ("fi", "sv", "en")


def api_requests():
    """Return the /hsds/services requests timed, by kind: a plain page, search, a term."""
    from wagtail_ikut.interop import hsds

    return {
        "plain": [{}, {"page": 2}, {"page": 50}],
        "search": [{"search": text} for text in TEXTS["fi"]],
        "taxonomy_term_id": [
            {"taxonomy_term_id": hsds.LOW_THRESHOLD.term_id(flag)}
            for flag in ("walk_in", "anonymous", "free_of_charge")
        ]
        + [{"taxonomy_term_id": hsds.ORGANISATION_KINDS.term_id("ngo")}],
    }


def time_api(repeat):
    """Time /hsds/services in-process (Finnish, 20 a page) and count its SQL queries a page at
    ``per_page`` 10 and 50."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    result = {}
    for kind, requests in api_requests().items():
        for params in requests:  # the directory's indexes are built on first use
            client.get("/hsds/services", params)
        samples = []
        for _ in range(repeat):
            for params in requests:
                started = time.perf_counter()
                response = client.get("/hsds/services", params)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.content
        p50, p95 = percentiles(samples)
        queries = {}
        for per_page in (10, 50):
            with CaptureQueriesContext(connection) as captured:
                client.get("/hsds/services", {**requests[0], "per_page": per_page})
            queries[per_page] = len(captured)
        result[kind] = {
            "p50_ms": p50,
            "p95_ms": p95,
            "queries_per_page_10": queries[10],
            "queries_per_page_50": queries[50],
        }
        log(f"/hsds/services {kind}: p50 {p50} ms, p95 {p95} ms, SQL queries {queries}")
    return result


def run_size(size, args):
    from django.core.management import call_command

    from bench.load import load

    log(f"loading {size} services")
    _directories, facts = load(size, args.seed)
    result = {"services_fi": facts["pages_by_language"]["fi"]}
    if args.api:
        return {**result, "hsds_services": time_api(args.repeat)}
    with tempfile.TemporaryDirectory(dir=DATA) as folder:
        for format in FORMATS:
            path = Path(folder) / f"hsds-{format}"
            started = time.perf_counter()
            call_command("ikut_export_hsds", str(path), format=format, verbosity=0)
            result[f"export_{format}_seconds"] = round(time.perf_counter() - started, 2)
            files = [path] if path.is_file() else list(path.iterdir())
            result[f"export_{format}_mb"] = round(sum(f.stat().st_size for f in files) / 1e6, 1)
            log(f"{format}: {result[f'export_{format}_seconds']} s")
        for code in LANGUAGES:
            call_command("ikut_export_hsds", language_file(folder, code), locale=code, verbosity=0)
        # Into a site of its own, with the directories and organisations only: deleting the
        # services here would take longer than the whole benchmark.
        database = Path(folder) / "import.sqlite3"
        shutil.copyfile(template_path("interop"), database)
        arguments = ["--worker", "import", "--size", str(size), "--seed", str(args.seed)]
        arguments += ["--folder", folder]
        result.update(json.loads(worker_line(__file__, database, arguments)))
    return result


def language_file(folder, code):
    return str(Path(folder) / f"hsds-{code}.json")


def time_import(size, args):
    """In a worker on a fresh database: time importing the services exported to ``--folder``,
    then importing them again unchanged."""
    from django.core.management import call_command

    from bench.load import Loader
    from wagtail_ikut.services.models import ServicePage

    loader = Loader(size, args.seed)
    loader.load_setup()
    paths = [language_file(args.folder, code) for code in LANGUAGES]
    result = {}
    for name in ("import", "unchanged_reimport"):
        started = time.perf_counter()
        call_command(
            "ikut_import_hsds",
            *paths,
            directory=str(loader.directories["fi"].pk),
            publish=True,
            stdout=io.StringIO(),
        )
        result[f"{name}_seconds"] = round(time.perf_counter() - started, 2)
        log(f"{name}: {result[f'{name}_seconds']} s")
    result["pages_imported"] = ServicePage.objects.count()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="20000")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep-data", action="store_true", help="keep bench/.data/")
    parser.add_argument(
        "--api", action="store_true", help="time the HSDS API's /hsds/services, not the export"
    )
    parser.add_argument("--repeat", type=int, default=10, help="rounds of API requests timed")
    parser.add_argument("--worker", choices=["migrate", "run", "import"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        do_worker_part(args, time_import if args.worker == "import" else run_size)
        return

    arguments = ["--seed", str(args.seed), "--repeat", str(args.repeat)]
    print_sizes("interop", __file__, args.sizes, arguments + (["--api"] if args.api else []), args)


if __name__ == "__main__":
    main()
