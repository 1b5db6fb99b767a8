"""Benchmark API v3 at scale in-process: courses, guidance, a service, the directory; one JSON line.

Run ``.venv/bin/python bench/api.py --sizes 20000`` (see bench/README.md). For each size a worker
loads the services into a fresh SQLite copy of a migrated database (bench/load.py), adds the demo
content (``ikut_demo``'s courses and guidance in fi/sv/en) and copies of the demo courses and
guidance pages up to ``--courses`` and ``--guidance`` a language, then times each route with
Django's test client and counts the SQL queries of each list at page sizes 10 and 50.
"""

import argparse
import random
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]
sys.path.insert(0, str(ROOT))

from bench.directory import (  # noqa: E402
    SEED,
    TEXTS,
    do_worker_part,
    log,
    percentiles,
    print_sizes,
)

LANGUAGES = ("fi", "sv", "en")


def copy_pages(model, per_language):
    """Copy each language's published pages of ``model`` until it has ``per_language``."""
    for code in LANGUAGES:
        originals = list(model.objects.live().filter(locale__language_code=code))
        for number in range(per_language - len(originals)):
            original = originals[number % len(originals)]
            original.copy(
                update_attrs={
                    "title": f"{original.title} {number + 2}",
                    "slug": f"{original.slug}-{number + 2}",
                },
                keep_live=True,
                log_action=None,
            )


def add_courses_and_guidance(courses, guidance):
    from wagtail_ikut.courses.models import CoursePage
    from wagtail_ikut.demo import DemoLoader
    from wagtail_ikut.guidance.models import GuidancePage

    DemoLoader(list(LANGUAGES)).load()
    started = time.perf_counter()
    copy_pages(CoursePage, courses)
    copy_pages(GuidancePage, guidance)
    log(f"courses and guidance copied in {time.perf_counter() - started:.1f} s")
    return {
        "courses_fi": CoursePage.objects.live().filter(locale__language_code="fi").count(),
        "guidance_fi": GuidancePage.objects.live().filter(locale__language_code="fi").count(),
    }


def routes(directories, seed):
    """Return the requests timed, by route: (path, params) pairs; each list's first one is the
    one whose SQL is counted."""
    from wagtail_ikut.services.visibility import public_services

    rng = random.Random(seed)
    service_ids = list(
        public_services().filter(locale__language_code="fi").values_list("pk", flat=True)
    )
    directory = directories["fi"].pk
    return {
        "course_list": [
            ("/api/v3/courses/", {"locale": "fi"}),
            ("/api/v3/courses/", {"locale": "sv", "enrolment_open": "true"}),
            ("/api/v3/courses/", {"locale": "fi", "theme": "job-seeking"}),
            ("/api/v3/courses/", {"locale": "en", "offset": 20}),
        ],
        "guidance_list": [
            ("/api/v3/guidance/", {"locale": "fi"}),
            ("/api/v3/guidance/", {"locale": "sv"}),
            ("/api/v3/guidance/", {"locale": "en", "offset": 20}),
        ],
        "service_detail": [(f"/api/v3/services/{pk}/", {}) for pk in rng.sample(service_ids, 20)],
        "directory_search": [
            ("/api/v3/services/", {"directory": directory, "q": text}) for text in TEXTS["fi"]
        ]
        + [
            ("/api/v3/services/", {"directory": directory}),
            ("/api/v3/services/", {"directory": directory, "q": "apua", "free_of_charge": True}),
            (
                "/api/v3/services/",
                {"directory": directory, "q": "neuvonta", "category": "social-services"},
            ),
        ],
    }


#: The name of each list route's page-size parameter.
PAGE_SIZE = {"course_list": "limit", "guidance_list": "limit", "directory_search": "limit"}


def time_routes(directories, repeat, seed):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    result = {}
    for name, requests in routes(directories, seed).items():
        for path, params in requests:  # warm-up, and every request must answer
            response = client.get(path, params)
            assert response.status_code == 200, (path, params, response.content[:500])
        samples = []
        for _ in range(repeat):
            for path, params in requests:
                started = time.perf_counter()
                client.get(path, params)
                samples.append((time.perf_counter() - started) * 1000)
        p50, p95 = percentiles(samples)
        result[name] = {"p50_ms": p50, "p95_ms": p95}
        if name in PAGE_SIZE:
            path, params = requests[0]
            for size in (10, 50):
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path, {**params, PAGE_SIZE[name]: size})
                assert response.status_code == 200, response.content[:500]
                result[name][f"queries_per_page_{size}"] = len(captured)
        log(f"{name}: {result[name]}")
    return result


def run_size(size, args):
    from bench.load import load

    log(f"loading {size} services")
    directories, facts = load(size, args.seed)
    counts = add_courses_and_guidance(args.courses, args.guidance)
    return {
        "services_fi": facts["pages_by_language"]["fi"],
        **counts,
        "routes": time_routes(directories, args.repeat, args.seed),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="20000")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--courses", type=int, default=100, help="courses a language")
    parser.add_argument("--guidance", type=int, default=50, help="guidance pages a language")
    parser.add_argument("--repeat", type=int, default=10, help="rounds of requests timed")
    parser.add_argument("--keep-data", action="store_true", help="keep bench/.data/")
    parser.add_argument("--worker", choices=["migrate", "run"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        do_worker_part(args, run_size)
        return

    arguments = ["--seed", str(args.seed), "--repeat", str(args.repeat)]
    arguments += ["--courses", str(args.courses), "--guidance", str(args.guidance)]
    print_sizes("api", __file__, args.sizes, arguments, args)


if __name__ == "__main__":
    main()
