"""Benchmark the public directory search at scale against Wagtail's stock search; one JSON line.

Run ``.venv/bin/python bench/directory.py --sizes 2000,20000`` (see bench/README.md). For each
size a worker process loads the services into a fresh SQLite copy of a migrated database under
``bench/.data/`` (bench/load.py), then renders a fixed, seeded query set through the real page view
with Django's test client, counts the SQL queries of a results page at 10 and 50 results, and runs
a few dozen of the same texts through Wagtail's API v2 ``?search=`` on plain pages. Progress goes
to stderr, the figures to stdout; ``bench/.data/`` is deleted at the end.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA = BENCH_DIR / ".data"
SEED = 20251123

TEXTS = {  # what visitors type, inflected and not
    "fi": "sosiaalineuvonta, ihmiskaupan uhreille, oikeusapua, kriisipuhelin, asuminen, "
    "aikuisille, tulkki, velkaneuvontaa, nuorille, maksuton oikeusapu, turvakoti, paperittomat, "
    "työperäinen hyväksikäyttö, sosiaalityöntekijä, apua, neuvonta",
    "sv": "rådgivning, rättshjälp, offer för människohandel, skyddshem, tolk, boende, kristelefon",
    "en": "housing help, legal aid, crisis line, victims of trafficking, interpreter, advice, "
    "shelter",
}
TEXTS = {code: texts.split(", ") for code, texts in TEXTS.items()}
LANGUAGE_WEIGHTS = {"fi": 0.6, "sv": 0.2, "en": 0.2}
CATEGORIES = ["crisis-help", "housing", "health-care", "psychological-support", "legal-advice"]
CATEGORIES += ["social-services", "income-support", "employment", "interpretation"]
MUNICIPALITIES = ["091", "049", "092", "853", "837", "564", "297", "905", "398", "179", "698"]
LANGUAGES = ["fi", "sv", "en", "ru", "uk", "ar", "so"]
FLAGS = ["walk_in", "anonymous", "no_id_required", "no_referral_required", "free_of_charge"]
FLAGS += ["interpreter_available", "phone_24_7"]
# Coordinates in Helsinki, Turku, Tampere, Oulu and Jyväskylä, and postcodes.
NEAR = ["60.17,24.94", "60.45,22.27", "61.50,23.76", "65.01,25.47", "62.24,25.75"]
NEAR += ["00100", "00530", "33100", "90100", "20100", "40100", "96100"]
#: The "full results page with facets" whose SQL is counted at 10 and 50 results.
COUNTED = [
    ("text_facets", "fi", {"q": "neuvonta", "category": "social-services"}),
    ("text", "fi", {"q": "apua"}),
    ("text_filters", "fi", {"q": "apua", "free_of_charge": "1", "open_now": "1"}),
    ("near", "fi", {"near": "00530", "q": "apua"}),
    ("browse", "fi", {}),
]


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def query_set(seed):
    """Return the fixed list of (kind, language, params) the package's search is timed on."""
    rng = random.Random(seed)

    def language():
        return rng.choices(list(LANGUAGE_WEIGHTS), list(LANGUAGE_WEIGHTS.values()))[0]

    queries = [("text", code, {"q": text}) for code, texts in TEXTS.items() for text in texts]
    for _ in range(20):
        code = language()
        params = {"q": rng.choice(TEXTS[code])}
        for name, values in (
            ("category", CATEGORIES),
            ("municipality", MUNICIPALITIES),
            ("language", LANGUAGES),
        ):
            if rng.random() < 0.6:
                params[name] = rng.sample(values, rng.choice((1, 1, 2)))
        queries.append(("text_facets", code, params))
    for _ in range(20):
        code = language()
        params = {"q": rng.choice(TEXTS[code])}
        params.update(dict.fromkeys(rng.sample(FLAGS, rng.choice((1, 1, 2))), "1"))
        if rng.random() < 0.4:
            params["open_now"] = "1"
        queries.append(("text_filters", code, params))
    for _ in range(20):
        code = language()
        params = {"near": rng.choice(NEAR)}
        if rng.random() < 0.5:
            params["q"] = rng.choice(TEXTS[code])
        if rng.random() < 0.3:
            params["category"] = rng.choice(CATEGORIES)
        if rng.random() < 0.3:
            params[rng.choice(FLAGS)] = "1"
        queries.append(("near", code, params))
    for _ in range(16):
        code = language()
        params = rng.choice(
            [
                {},
                {"page": "2"},
                {"category": rng.choice(CATEGORIES)},
                {"municipality": rng.choice(MUNICIPALITIES), "language": rng.choice(LANGUAGES)},
                {rng.choice(FLAGS): "1", "open_now": "1"},
            ]
        )
        queries.append(("browse", code, params))
    return queries


def percentiles(values):
    ordered = sorted(values)
    p95 = (
        statistics.quantiles(ordered, n=100, method="inclusive")[94]
        if len(ordered) > 1
        else ordered[0]
    )
    return round(statistics.median(ordered), 2), round(p95, 2)


# Worker: runs inside Django with bench.settings.


def setup_django():
    # The script's own folder would shadow top-level modules with settings.py and urls.py.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]
    sys.path[:0] = [str(ROOT), str(ROOT / "example_project")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def do_worker_part(args, run_size):
    """In a worker process: migrate the database, or time one size and print its JSON line."""
    setup_django()
    if args.worker == "migrate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    else:
        print(json.dumps(run_size(args.size, args)))


def set_per_page(directories, per_page):
    from wagtail_ikut.services.models import ServiceDirectoryPage

    ServiceDirectoryPage.objects.filter(pk__in=[d.pk for d in directories.values()]).update(
        results_per_page=per_page
    )


def time_package(client, directories, queries, repeat, seed):
    """Render every query ``repeat`` times (after one warm-up pass); return the wall-clock and
    the process CPU milliseconds by kind (CPU time is less disturbed by other processes)."""
    wall = {kind: [] for kind, _code, _params in queries}
    cpu = {kind: [] for kind in wall}
    for kind, code, params in queries:  # warm-up, and every query must answer
        response = client.get(directories[code].url, params)
        assert response.status_code == 200, (kind, code, params, response.status_code)
    order = list(queries) * repeat
    random.Random(seed).shuffle(order)
    for kind, code, params in order:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(directories[code].url, params)
        wall[kind].append((time.perf_counter() - started) * 1000)
        cpu[kind].append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
    return wall, cpu


def count_queries(client, directories):
    """Return {kind: {per_page: SQL queries}} for the COUNTED searches, and results rendered."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, rendered = {}, {}
    for per_page in (10, 50):
        set_per_page(directories, per_page)
        for kind, code, params in COUNTED:
            client.get(directories[code].url, params)  # warm
            with CaptureQueriesContext(connection) as captured:
                response = client.get(directories[code].url, params)
            counts.setdefault(kind, {})[per_page] = len(captured.captured_queries)
            rendered.setdefault(kind, {})[per_page] = response.content.count(
                b'class="ikut-service-summary"'
            )
    set_per_page(directories, 20)
    return counts, rendered


def time_stock(client, queries, limit, timeout):
    """Run up to ``limit`` of the text searches through the stock API v2, each interrupted
    after ``timeout`` seconds; return (ms samples, number interrupted)."""
    from django.db import OperationalError, connection

    texts = list(
        dict.fromkeys((code, params["q"]) for _k, code, params in queries if "q" in params)
    )[:limit]
    connection.ensure_connection()
    samples, interrupted = [], 0
    # Warm up with a rare word, so the first measured query pays no start-up cost.
    client.get("/api/v2/pages/", {"search": "zzzq", "type": "stockpages.StockServicePage"})
    for code, text in texts:
        timer = threading.Timer(timeout, connection.connection.interrupt)
        started = time.perf_counter()
        timer.start()
        try:
            response = client.get(
                "/api/v2/pages/",
                {
                    "search": text,
                    "type": "stockpages.StockServicePage",
                    "locale": code,
                    "fields": "summary",
                    "limit": 20,
                },
            )
            assert response.status_code == 200, response.content[:300]
            elapsed = (time.perf_counter() - started) * 1000
            log(f"stock {text!r}: {elapsed:.0f} ms, {response.json()['meta']['total_count']} hits")
        except OperationalError:
            elapsed = timeout * 1000
            interrupted += 1
            log(f"stock {text!r}: interrupted after {timeout} s")
        finally:
            timer.cancel()
        samples.append(elapsed)
    return samples, interrupted


FLOOR_SQL = {
    "top": "SELECT p.id, p.title, s.summary FROM {hits} ORDER BY f.rank LIMIT 20",
    "count_and_flags": "SELECT COUNT(*), "
    + ", ".join(f"SUM(s.{flag})" for flag in FLAGS)
    + " FROM {hits}",
    **{
        relation: f"SELECT t.{column}, COUNT(*) FROM wagtail_ikut_servicepage_{relation} t "
        "WHERE t.servicepage_id IN (SELECT p.id FROM {hits}) GROUP BY 1"
        for relation, column in (
            ("categories", "servicecategory_id"),
            ("municipalities", "municipality_id"),
            ("languages", "language_id"),
        )
    },
}
# CROSS JOIN makes SQLite read the FTS5 matches first: left to choose, it sometimes walks the
# directory's pages and evaluates the MATCH once per page instead.
FLOOR_HITS = (
    "wagtail_ikut_service_fts f CROSS JOIN wagtailcore_page p ON p.id = f.rowid "
    "CROSS JOIN wagtail_ikut_servicepage s ON s.page_ptr_id = p.id "
    "WHERE wagtail_ikut_service_fts MATCH %s AND p.live AND p.path > %s AND p.path < %s "
    "AND s.status != 'ended'"
)


def time_floor(directories, queries, repeat):
    """Time hand-written FTS5 SQL for the text-only searches: the top 20 by rank, the count
    with the flag counts, and three facet counts (five statements, no ORM, no rendering), over
    the same analysed terms; return ms per search."""
    from django.db import connection

    from wagtail_ikut.services.search.analysis import query_terms
    from wagtail_ikut.services.search.database.text import sqlite_match

    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeat + 1):
            for kind, code, params in queries:
                if kind != "text":
                    continue
                path = directories[code].path
                # Page paths are 0-9A-Z, so "~" sorts after every descendant's path.
                args = [sqlite_match(query_terms(params["q"], code)), path, path + "~"]
                started = time.perf_counter()
                for sql in FLOOR_SQL.values():
                    cursor.execute(sql.replace("{hits}", FLOOR_HITS), args)
                    cursor.fetchall()
                samples.append((time.perf_counter() - started) * 1000)
    return samples[len(samples) // (repeat + 1) :]  # the first pass warms up


def profile(client, directories, samples_by_query, top):
    """Log, for the slowest searches, each SQL statement's time and SQLite query plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    slowest = sorted(samples_by_query, key=lambda item: -item[1])[:top]
    for (kind, code, params), _ms in slowest:
        client.get(directories[code].url, params)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            client.get(directories[code].url, params)
        total = (time.perf_counter() - started) * 1000
        sql_ms = sum(float(q["time"]) * 1000 for q in captured.captured_queries)
        report = {
            "kind": kind,
            "language": code,
            "params": params,
            "total_ms": round(total, 1),
            "sql_ms": round(sql_ms, 1),
            "queries": len(captured.captured_queries),
            "statements": [],
        }
        with connection.cursor() as cursor:
            for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:6]:
                sql = query["sql"]
                try:
                    cursor.execute("EXPLAIN QUERY PLAN " + sql)
                    plan = [row[-1] for row in cursor.fetchall()]
                except Exception as error:  # an interpolated literal SQLite cannot re-read
                    plan = [f"(no plan: {error})"]
                report["statements"].append(
                    {"ms": round(float(query["time"]) * 1000, 1), "sql": sql, "plan": plan}
                )
        print("[profile] " + json.dumps(report, ensure_ascii=False), file=sys.stderr, flush=True)


def run_size(size, args):
    from django.test import Client

    from bench.load import load

    directories, facts = load(size, args.seed)
    # Each process builds the directory's bit-set index once, then again after every change.
    from django.utils import timezone

    from wagtail_ikut.services.search.database.index import current_index
    from wagtail_ikut.services.search.models import ServiceIndexVersion

    started = time.perf_counter()
    current_index(ServiceIndexVersion.current(), timezone.now())
    facts["service_index_seconds"] = round(time.perf_counter() - started, 2)
    # And the terms that typos are corrected by, once a language, the first time a search asks.
    from wagtail_ikut.services.search.database.vocabulary import Vocabulary

    started = time.perf_counter()
    for directory in directories.values():
        Vocabulary(directory.locale_id)
    facts["vocabulary_seconds"] = round(time.perf_counter() - started, 2)
    client = Client()
    queries = query_set(args.seed)
    log(f"{size}: timing {len(queries)} searches x {args.repeat}")
    load_before = os.getloadavg()[0]
    samples, cpu = time_package(client, directories, queries, args.repeat, args.seed)
    all_ms = [ms for values in samples.values() for ms in values]
    p50, p95 = percentiles(all_ms)
    cpu_p50, cpu_p95 = percentiles([ms for values in cpu.values() for ms in values])
    floor_p50, floor_p95 = percentiles(time_floor(directories, queries, args.repeat))
    counts, rendered = count_queries(client, directories)
    log(
        f"{size}: package p50 {p50} ms, p95 {p95} ms; hand-written FTS5 p50 {floor_p50} ms, "
        f"p95 {floor_p95} ms; SQL queries per page {counts}"
    )
    result = {
        "services": size,
        "p50_ms": p50,
        "p95_ms": p95,
        "max_ms": round(max(all_ms), 2),
        "cpu_p50_ms": cpu_p50,
        "cpu_p95_ms": cpu_p95,
        "requests": len(all_ms),
        "by_kind": {
            kind: dict(
                zip(("p50_ms", "p95_ms"), percentiles(values), strict=True),
                **dict(zip(("cpu_p50_ms", "cpu_p95_ms"), percentiles(cpu[kind]), strict=True)),
                n=len(values),
            )
            for kind, values in samples.items()
        },
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "floor_fts5_p50_ms": floor_p50,
        "floor_fts5_p95_ms": floor_p95,
        "queries_at_10": counts["text_facets"][10],
        "queries_at_50": counts["text_facets"][50],
        "queries_by_kind": counts,
        "results_rendered": rendered,
    }
    if args.profile:
        per_query = []
        for query in queries:
            kind, code, params = query
            started = time.perf_counter()
            client.get(directories[code].url, params)
            per_query.append((query, (time.perf_counter() - started) * 1000))
        profile(client, directories, per_query, args.profile)
    if args.stock_queries:
        stock, interrupted = time_stock(client, queries, args.stock_queries, args.stock_timeout)
        stock_p50, stock_p95 = percentiles(stock)
        result.update(
            stock_p50_ms=stock_p50,
            stock_p95_ms=stock_p95,
            stock_queries_run=len(stock),
            stock_interrupted=interrupted,
            stock_timeout_s=args.stock_timeout,
        )
        log(f"{size}: stock p50 {stock_p50} ms, p95 {stock_p95} ms, {interrupted} interrupted")
    result.update(facts)
    return result


# Orchestrator.


def worker_line(script, database, arguments, **environ):
    """Run ``script`` as a worker on the SQLite file ``database``; return its last output line."""
    env = {
        **os.environ,
        "BENCH_DB": str(database),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        **environ,
    }
    command = [sys.executable, script, *arguments]
    output = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
    lines = output.stdout.strip().splitlines()
    return lines[-1] if lines else None


def template_path(name):
    """Return the migrated database that the workers of benchmark ``name`` start from."""
    return DATA / f"{name}-migrated.sqlite3"


def run_sizes(name, sizes, run_worker, keep_data):
    """Migrate a template database once, then time each size in a worker on a copy of it.

    ``run_worker(database, *arguments)`` returns the worker's JSON line; return the results by
    size.
    """
    DATA.mkdir(exist_ok=True)
    template = template_path(name)
    template.unlink(missing_ok=True)  # left by --keep-data, perhaps from older migrations
    log("migrating a template database")
    run_worker(template, "--worker", "migrate")
    results = {}
    for size in sizes:
        database = DATA / f"{name}-{size}.sqlite3"
        shutil.copyfile(template, database)
        results[str(size)] = json.loads(
            run_worker(database, "--worker", "run", "--size", str(size))
        )
        if not keep_data:
            database.unlink()
    return results


def print_sizes(name, script, sizes, arguments, args):
    """Time each size in a worker of ``script`` given ``arguments``; print the one JSON line."""
    started = time.perf_counter()
    try:
        results = run_sizes(
            name,
            [int(value) for value in sizes.split(",")],
            lambda database, *extra: worker_line(script, database, arguments + list(extra)),
            args.keep_data,
        )
    finally:
        # Only this benchmark's files: another one may be running on bench/.data/ too.
        if not args.keep_data:
            template_path(name).unlink(missing_ok=True)
    run_seconds = round(time.perf_counter() - started, 1)
    print(json.dumps({"sizes": results, "seed": args.seed, "run_seconds": run_seconds}))


def worker(args, database, *extra):
    arguments = [
        "--seed",
        str(args.seed),
        "--repeat",
        str(args.repeat),
        "--stock-queries",
        str(args.stock_queries),
        "--stock-timeout",
        str(args.stock_timeout),
        "--profile",
        str(args.profile),
        *extra,
    ]
    return worker_line(__file__, database, arguments)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default="2000,20000", type=lambda text: [int(size) for size in text.split(",")]
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the query set")
    parser.add_argument(
        "--stock-queries",
        type=int,
        default=30,
        help="stock API searches per size (0: skip the stock comparison)",
    )
    parser.add_argument(
        "--stock-timeout",
        type=float,
        default=10.0,
        help="seconds after which a stock search is interrupted",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="log SQL timings and query plans of the N slowest searches",
    )
    parser.add_argument("--keep-data", action="store_true", help="keep bench/.data/")
    parser.add_argument("--worker", choices=["migrate", "run"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        do_worker_part(args, run_size)
        return

    started = time.perf_counter()
    try:
        sizes = run_sizes(
            "directory",
            args.sizes,
            lambda database, *extra: worker(args, database, *extra),
            args.keep_data,
        )
    finally:
        if not args.keep_data:
            shutil.rmtree(DATA, ignore_errors=True)

    sys.path.insert(0, str(ROOT))
    import sqlite3

    from wagtail_ikut.services.search.analysis import backend_name

    largest = str(max(args.sizes))
    result = {"sizes": sizes}
    if "stock_p50_ms" in sizes[largest]:
        result[f"ratio_stock_to_package_p50_at_{largest}"] = round(
            sizes[largest]["stock_p50_ms"] / sizes[largest]["p50_ms"], 1
        )
    result.update(
        analyzer=backend_name("fi"),
        analyze_run=all(size["analyze_run"] for size in sizes.values()),
        seed=args.seed,
        sqlite=sqlite3.sqlite_version,
        run_seconds=round(time.perf_counter() - started, 1),
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
