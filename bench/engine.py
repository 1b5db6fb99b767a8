"""Benchmark the directory on a real OpenSearch node, against the raw engine and the database.

Prints one JSON line on stdout; progress goes to stderr. See bench/README.md.

    .venv/bin/python bench/engine.py --sizes 20000,100000
"""

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA = BENCH_DIR / ".data"
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]
sys.path.insert(0, str(ROOT))

from bench.directory import (  # noqa: E402
    SEED,
    do_worker_part,
    log,
    percentiles,
    query_set,
    run_sizes,
    worker_line,
)


def package_search(directory, params):
    """Return a DirectorySearch for the query string ``params``, as the page view makes it."""
    from urllib.parse import urlencode

    from django.http import QueryDict

    from wagtail_ikut.services.search.directory import DirectorySearch

    query = QueryDict(urlencode(params, doseq=True))
    return DirectorySearch(directory, query, directory.locale.language_code)


def time_queries(directories, queries, repeat, seed, runs):
    """Time each of ``runs`` ({name: run(directory, params)}) on every query ``repeat`` times
    after a warm-up pass; return the milliseconds by name and kind.

    The runs take turns on each query, in a shuffled order, so that each meets the engine and
    the database as warm as the others: timed one after the other, the last would find the
    engine's caches warmed by the others' passes.
    """
    samples = {name: {kind: [] for kind, _code, _params in queries} for name in runs}
    for _kind, code, params in queries:
        for run in runs.values():
            run(directories[code], params)
    order = list(queries) * repeat
    shuffle = random.Random(seed).shuffle
    shuffle(order)
    for kind, code, params in order:
        names = list(runs)
        shuffle(names)
        for name in names:
            started = time.perf_counter()
            runs[name](directories[code], params)
            samples[name][kind].append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples):
    every = [ms for values in samples.values() for ms in values]
    p50, p95 = percentiles(every)
    return {
        "p50_ms": p50,
        "p95_ms": p95,
        "by_kind": {
            kind: dict(zip(("p50_ms", "p95_ms"), percentiles(values), strict=True))
            for kind, values in samples.items()
        },
    }


def run_size(size, args):
    from django.test import Client, override_settings

    from bench.load import load
    from wagtail_ikut.services.search.engine import index as engine_index
    from wagtail_ikut.services.search.engine import query as engine_query
    from wagtail_ikut.services.search.engine.client import alias_name, engine, msearch_lines

    directories, facts = load(size, args.seed)
    backend = engine()
    started = time.perf_counter()
    indexed = sum(engine_index.rebuild(backend, code) for code in directories)
    bulk_seconds = time.perf_counter() - started
    # Every search is timed several times: the engine's request cache would answer the repeats
    # of a text search's counts from memory, which says little of a visitor's search.
    for code in directories:
        backend.es.indices.put_settings(
            index=alias_name(backend, code), body={"index.requests.cache.enable": False}
        )
    log(f"{size}: bulk-indexed {indexed} services in {bulk_seconds:.1f} s")
    queries = query_set(args.seed)

    def through_package(directory, params):
        results = package_search(directory, params).run(params.get("page"), 20)
        assert results.searched_with == "engine", params

    client = Client()

    def rendered(directory, params):
        response = client.get(directory.url, params)
        assert response.status_code == 200, params

    # The raw engine gets exactly the requests the package sends, built beforehand.
    requests = {}
    for _kind, code, params in queries:
        search = package_search(directories[code], params)
        lines = msearch_lines(engine_query.search_requests(search.request, 0, 20))
        requests[id(params)] = (alias_name(backend, code), lines)
    took = []

    def raw(directory, params):
        index, body = requests[id(params)]
        took.append(backend.es.msearch(index=index, body=body)["took"])

    def timed(runs, repeat=args.repeat):
        samples = time_queries(directories, queries, repeat, args.seed, runs)
        return {name: summary(by_kind) for name, by_kind in samples.items()}

    log(f"{size}: timing {len(queries)} searches x {args.repeat}: package, rendered, raw in turn")
    result = {
        "services": size,
        "indexed": indexed,
        "bulk_index_seconds": round(bulk_seconds, 1),
        **timed({"package": through_package, "rendered": rendered, "raw": raw}),
    }
    result["raw"]["engine_took_p50_ms"], result["raw"]["engine_took_p95_ms"] = percentiles(took)
    result["overhead_p50"] = round(result["package"]["p50_ms"] / result["raw"]["p50_ms"], 2)
    result["overhead_p95"] = round(result["package"]["p95_ms"] / result["raw"]["p95_ms"], 2)
    log(f"{size}: timing the database backend on the same data")
    with override_settings(WAGTAIL_IKUT={"SEARCH_BACKEND": "default"}):

        def in_database(directory, params):
            results = package_search(directory, params).run(params.get("page"), 20)
            assert results.searched_with == "database", params

        result["database"] = timed({"database": in_database}, args.database_repeat)["database"]
    log(
        f"{size}: package p50/p95 {result['package']['p50_ms']}/{result['package']['p95_ms']} ms, "
        f"raw {result['raw']['p50_ms']}/{result['raw']['p95_ms']} ms, database "
        f"{result['database']['p50_ms']}/{result['database']['p95_ms']} ms"
    )
    result.update(facts)
    return result


def worker(args, database, url, *extra):
    arguments = ["--seed", str(args.seed), "--repeat", str(args.repeat)]
    arguments += ["--database-repeat", str(args.database_repeat), *extra]
    return worker_line(__file__, database, arguments, BENCH_ENGINE_URL=url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,100000", help="comma-separated service counts")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes on the engine")
    parser.add_argument("--database-repeat", type=int, default=1, help="timed database passes")
    parser.add_argument("--keep-data", action="store_true", help="keep bench/.data/")
    parser.add_argument("--worker", choices=["migrate", "run"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        do_worker_part(args, run_size)
        return

    from tests.support import opensearch_node

    started = time.perf_counter()
    node_dir = DATA / "opensearch"
    try:
        log(f"starting a node of {opensearch_node.ENGINE.label}")
        url = opensearch_node.start(node_dir)
        sizes = run_sizes(
            "engine",
            [int(value) for value in args.sizes.split(",")],
            lambda database, *extra: worker(args, database, url, *extra),
            args.keep_data,
        )
    finally:
        opensearch_node.stop(node_dir)
        if not args.keep_data:
            shutil.rmtree(DATA, ignore_errors=True)
    print(
        json.dumps(
            {
                "sizes": sizes,
                "engine": opensearch_node.ENGINE.label,
                "seed": args.seed,
                "run_seconds": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
