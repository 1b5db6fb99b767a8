"""Start/stop a private PostgreSQL server for the test suite; `start` prints its DATABASE_URL."""

import argparse
import contextlib
import fcntl
import glob
import os
import pwd
import re
import socket
import subprocess
import sys
from pathlib import Path

DB_NAME = "ikut_test"
DB_USER = "postgres"
AS_ROOT = os.geteuid() == 0


def _run(cmd, as_owner=False, check=True, **kwargs):
    """Run cmd (as the postgres user when we are root); raise RuntimeError if check and it fails."""
    if as_owner and AS_ROOT:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    # cwd=/ so a cwd the postgres user cannot enter (e.g. /root) doesn't break the tools.
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd="/", **kwargs)
    if check and proc.returncode:
        output = proc.stdout + proc.stderr
        raise RuntimeError(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{output}")
    return proc


def _bindir(data, install=True):
    """Return the bin dir for data's major (or the newest), installing PostgreSQL if none."""
    # An existing cluster can only be run by the major version that created it.
    major = (data / "PG_VERSION").read_text().strip() if (data / "PG_VERSION").exists() else "*"
    pattern = f"/usr/lib/postgresql/{major}/bin/postgres"
    if not glob.glob(pattern) and install:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        _run(["apt-get", "update"], env=env)
        _run(["apt-get", "install", "-y", "--no-install-recommends", "postgresql"], env=env)
    found = sorted(glob.glob(pattern), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise RuntimeError(f"no PostgreSQL server binaries match {pattern}")
    return Path(found[-1]).parent


def _hand_over(dir):
    """When root, give dir to the postgres user, creating that user if needed."""
    if not AS_ROOT:
        return
    if "postgres" not in {user.pw_name for user in pwd.getpwall()}:
        _run(["useradd", "--system", "--user-group", "--no-create-home", "postgres"])
    pw = pwd.getpwnam("postgres")
    os.chown(dir, pw.pw_uid, pw.pw_gid)
    # The server must traverse every ancestor to reach its data dir and socket.
    for parent in dir.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            print(f"postgres_server: chmod o+x {parent} for the postgres user", file=sys.stderr)
            parent.chmod(mode | 0o001)


def _free_port(url_file):
    """Return the last run's port if it is still free, else any free port on 127.0.0.1."""
    # A stable port keeps an already exported DATABASE_URL valid across restarts.
    last = re.search(r":(\d+)/", url_file.read_text()) if url_file.exists() else None
    for port in (int(last[1]) if last else 0, 0):
        with socket.socket() as s, contextlib.suppress(OSError):
            s.bind(("127.0.0.1", port))
            return s.getsockname()[1]


def _running_port(bindir, data):
    """Return the port of the server running on data, or None."""
    status = _run([str(bindir / "pg_ctl"), "status", "-D", str(data)], as_owner=True, check=False)
    if status.returncode:
        return None
    return int((data / "postmaster.pid").read_text().splitlines()[3])  # line 4 is the port


def _init_cluster(bindir, dir, data):
    """Create a trust-auth cluster in data that listens on 127.0.0.1 and a socket in dir."""
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", DB_USER, "--auth=trust"]
    _run([*initdb, "-E", "UTF8", "--locale=C.UTF-8"], as_owner=True)
    settings = {"listen_addresses": "127.0.0.1", "unix_socket_directories": dir}
    # Throwaway test data: durability only slows the suite down.
    settings |= {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
    with open(data / "postgresql.conf", "a") as conf:
        conf.write("".join(f"{name} = '{value}'\n" for name, value in settings.items()))


def _create_database(bindir, dir, port):
    """Create DB_NAME on the server unless it exists."""
    psql = [str(bindir / "psql"), "-X", "-h", str(dir), "-p", str(port), "-U", DB_USER]
    psql += ["-d", "postgres", "-tAc"]
    if not _run([*psql, f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"]).stdout.strip():
        _run([*psql, f'CREATE DATABASE "{DB_NAME}"'])


def start(dir):
    """Start (or reuse) the server for dir and return its DATABASE_URL."""
    dir = Path(dir).resolve()
    data, log, url_file = dir / "data", dir / "postgres.log", dir / "url"
    # Unix socket paths are capped at 107 bytes; fail early, not with a cryptic server error.
    if len(os.fsencode(dir / ".s.PGSQL.65535")) > 107:
        raise RuntimeError(f"--dir path too long for a unix socket: {dir}")
    dir.mkdir(parents=True, exist_ok=True)
    with open(dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # concurrent starts would race on apt/initdb/pg_ctl
        try:
            bindir = _bindir(data)
            _hand_over(dir)  # after installing: the Debian package creates a proper postgres user
            port = _running_port(bindir, data)
            if port is None:
                if not (data / "PG_VERSION").exists():
                    _init_cluster(bindir, dir, data)
                port = _free_port(url_file)
                pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w"]
                _run([*pg_ctl, "start", "-o", f"-p {port}"], as_owner=True)
            _create_database(bindir, dir, port)
        except (RuntimeError, OSError) as exc:
            lines = log.read_text(errors="replace").splitlines(True) if log.exists() else []
            tail = "".join(lines[-20:]) or "(empty)\n"
            raise RuntimeError(f"{exc}\n--- tail of {log} ---\n{tail}") from exc
        url = f"postgres://{DB_USER}@127.0.0.1:{port}/{DB_NAME}"
        url_file.write_text(url + "\n")
    return url


def stop(dir):
    """Stop the server for dir if it is running."""
    data = Path(dir).resolve() / "data"
    if not (data / "PG_VERSION").exists():
        return
    bindir = _bindir(data, install=False)
    if _running_port(bindir, data) is not None:
        _run([str(bindir / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(data)], as_owner=True)


def main(argv=None):
    """Parse the command line and start or stop the server."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--dir", required=True, help="holds data/, postgres.log, url, socket")
    args = parser.parse_args(argv)
    try:
        if args.action == "start":
            print(start(args.dir))
        else:
            stop(args.dir)
    except RuntimeError as exc:
        sys.exit(f"postgres_server {args.action} failed: {exc}")


if __name__ == "__main__":
    main()
