"""Load the example site under gunicorn on loopback with locust's visitors; one JSON line.

Run ``.venv/bin/python bench/loadrun.py`` (see bench/README.md; needs the ``bench`` extra). A
worker loads ``--size`` services and the demo content into a fresh SQLite database under
``bench/.data/`` (bench/load.py), gunicorn serves the example site from it with ``--workers``
processes, and locust (headless, bench/locustfile.py) keeps ``--clients`` visitors asking, with
no pause, for ``--seconds`` each: the directory page with a search, the API's search and service
pages. A second round repeats each with every other request revalidating with ``If-None-Match``,
and then times full answers and 304s one request at a time, for what a 304 costs.
"""

import argparse
import csv
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA = BENCH_DIR / ".data"
VENV_BIN = Path(sys.executable).parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]
sys.path.insert(0, str(ROOT))

from bench.directory import SEED, TEXTS, do_worker_part, log, worker_line  # noqa: E402

ROUTES = ("directory_page", "api_search", "service_page")


def run_size(size, args):
    """In the worker: load the site's content; return the URLs each route's visitors ask for."""
    from bench.load import load
    from wagtail_ikut.demo import DemoLoader
    from wagtail_ikut.services.models import ServicePage
    from wagtail_ikut.services.visibility import public_services

    directories, _facts = load(size, args.seed)
    DemoLoader(["fi", "sv", "en"]).load()
    rng = random.Random(args.seed)
    services = list(public_services().values_list("pk", flat=True))
    searches = [(code, text) for code, texts in TEXTS.items() for text in texts]
    return {
        "directory_page": [
            f"{directories[code].url}?{urllib.parse.urlencode({'q': text})}"
            for code, text in searches
        ],
        "api_search": [
            "/api/v3/services/?"
            + urllib.parse.urlencode({"directory": directories[code].pk, "q": text})
            for code, text in searches
        ],
        "service_page": [ServicePage.objects.get(pk=pk).url for pk in rng.sample(services, 200)],
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database, port, workers):
    command = [str(VENV_BIN / "gunicorn"), "ikut_site.wsgi", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    env = {
        "PATH": str(VENV_BIN) + ":/usr/bin:/bin",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'example_project'}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_DB": str(database),
    }
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/fi/", timeout=5)
            return server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.5)


def warm_up(host, urls):
    for url in urls:
        urllib.request.urlopen(host + url, timeout=60).read()


def timed_get(url, headers):
    """Return the milliseconds and the status of one GET of ``url``."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=60
        ) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:  # urllib reports a 304 as an error
        status = error.code
    return (time.perf_counter() - started) * 1000, status


def revalidation_cost(host, urls, rounds=3):
    """Return the median time of a 304 over that of a full answer, one request at a time: the
    load runs measure queueing as much as work."""
    full, revalidated = [], []
    for _ in range(rounds):
        for url in urls[:20]:
            elapsed, status = timed_get(host + url, {})
            full.append(elapsed)
            with urllib.request.urlopen(host + url, timeout=60) as response:
                etag = response.headers["ETag"]
            elapsed, status = timed_get(host + url, {"If-None-Match": etag})
            if status == 304:
                revalidated.append(elapsed)
    return {
        "full_p50_ms": round(statistics.median(full), 2),
        "304_p50_ms": round(statistics.median(revalidated), 2),
        "cost_304": round(statistics.median(revalidated) / statistics.median(full), 2),
    }


def run_locust(host, name, urls, revalidate, args, folder):
    """Run locust headless on ``urls``; return its figures by request name."""
    plan = Path(folder) / f"{name}.json"
    plan.write_text(json.dumps({"name": name, "urls": urls, "revalidate": revalidate}))
    prefix = Path(folder) / f"{name}-{int(revalidate)}"
    command = [str(VENV_BIN / "locust"), "-f", str(BENCH_DIR / "locustfile.py"), "--headless"]
    command += ["--users", str(args.clients), "--spawn-rate", str(args.clients)]
    command += ["--run-time", f"{args.seconds}s", "--host", host, "--csv", str(prefix)]
    command += ["--only-summary", "--loglevel", "WARNING"]
    subprocess.run(command, env={"PATH": "/usr/bin:/bin", "LOAD_PLAN": str(plan)}, check=False)
    figures = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                continue
            figures[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "requests_per_s": round(float(row["Requests/s"]), 1),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "p99_ms": float(row["99%"]),
            }
    log(f"{name}{' (revalidating)' if revalidate else ''}: {figures}")
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=20000, help="services loaded")
    parser.add_argument("--seconds", type=int, default=60, help="length of each run")
    parser.add_argument("--clients", type=int, default=8, help="concurrent visitors")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--worker", choices=["migrate", "run"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        do_worker_part(args, run_size)
        return

    started = time.perf_counter()
    DATA.mkdir(exist_ok=True)
    database = DATA / "loadrun.sqlite3"
    database.unlink(missing_ok=True)
    arguments = ["--seed", str(args.seed), "--size", str(args.size)]
    log("migrating")
    worker_line(__file__, database, ["--worker", "migrate", *arguments])
    log(f"loading {args.size} services")
    urls = json.loads(worker_line(__file__, database, ["--worker", "run", *arguments]))
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server = start_server(database, port, args.workers)
    folder = tempfile.mkdtemp(dir=DATA)
    try:
        runs, revalidating = {}, {}
        for name in ROUTES:
            warm_up(host, urls[name])
            runs[name] = run_locust(host, name, urls[name], False, args, folder)[name]
        for name in ROUTES:
            figures = run_locust(host, name, urls[name], True, args, folder)
            revalidating[name] = {
                "200": figures[f"{name} 200"],
                "304": figures.get(f"{name} 304"),
                **revalidation_cost(host, urls[name]),
            }
            log(f"{name}: {revalidating[name]}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder)
        database.unlink(missing_ok=True)
    print(
        json.dumps(
            {
                "size": args.size,
                "clients": args.clients,
                "workers": args.workers,
                "seconds": args.seconds,
                "runs": runs,
                "revalidating": revalidating,
                "seed": args.seed,
                "run_seconds": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
