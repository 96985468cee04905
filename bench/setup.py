"""How long a fresh clone takes to serve, with nothing in the package caches.

``python -m bench.setup [--ref REV] [--setup-only]`` clones this repository (at ``REV``,
default ``HEAD``) into a temporary directory and points ``UV_CACHE_DIR``, ``PIP_CACHE_DIR``
and ``XDG_CACHE_HOME`` at a fresh empty directory, so every package is downloaded and
installed as on a new machine. Then it starts ``make run`` (on free ports, the default SQLite
database) and prints the wall time until ``/healthz`` first answers 200, against the 45 s
goal, after the second at which each stage began (the failing log's tail when one fails).
With ``--setup-only`` it times ``make setup static`` instead, the part of ``make run`` before
supervisord starts. Network speed to PyPI is part of the figure: compare runs made close
together.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

GOAL_SECONDS = 45.0
GIVE_UP_SECONDS = 600.0
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _tool(name: str) -> str:
    """The full path of a program the benchmark runs (git, make)."""
    path = shutil.which(name)
    if path is None:
        sys.exit(f"{name} is needed and is not on PATH")
    return path


def _clone(into: Path, ref: str) -> Path:
    git = _tool("git")
    checkout = into / "clone"
    subprocess.run([git, "clone", "-q", "--no-checkout", str(ROOT), str(checkout)], check=True)  # noqa: S603 - this repository
    sha = subprocess.run(  # noqa: S603 - a revision of this repository
        [git, "rev-parse", "--verify", f"{ref}^{{commit}}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run([git, "checkout", "-q", sha], cwd=checkout, check=True)  # noqa: S603 - a commit id
    return checkout


def _environment(scratch: Path, port: int, lms_port: int) -> dict[str, str]:
    """The caller's environment without anything that would reuse a warm cache or database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV"}
        and not k.startswith(("UV_", "PIP_"))
    }
    cache = scratch / "cache"
    env.update(
        UV_CACHE_DIR=str(cache / "uv"),
        PIP_CACHE_DIR=str(cache / "pip"),
        XDG_CACHE_HOME=str(cache),
        PORT=str(port),
        LMS_PORT=str(lms_port),
    )
    return env


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError):
        return False


STAGE = re.compile(r"^(\S*python3?(\.\d+)? -m venv|\.venv/bin/\S+ )|supervisord started")


class _Log:
    """Make's output, each line stamped with the seconds since the start; stages kept apart."""

    def __init__(self, path: Path, started: float) -> None:
        self.path, self.started = path, started
        self.stages: list[tuple[float, str]] = []

    def follow(self, stream) -> threading.Thread:
        def read() -> None:
            with self.path.open("w") as out:
                for line in stream:
                    elapsed = time.perf_counter() - self.started
                    out.write(f"{elapsed:6.1f}s {line}")
                    if STAGE.search(line):
                        self.stages.append((elapsed, line.strip()))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        return reader

    def print_stages(self) -> None:
        for elapsed, line in self.stages:
            print(f"  {elapsed:6.1f} s  {line[:90]}")


def _start(command: list[str], checkout: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - the clone's own Makefile
        command,
        cwd=checkout,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: stopped below as a whole
    )


def _wait_for_supervisord(checkout: Path) -> None:
    """Wait until supervisord has stopped its programs (it puts each in its own process group,
    so they are not in make's; removing the clone under a stopping supervisord orphans them)."""
    pid_file = checkout / "var" / "supervisord.pid"
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return
    give_up = time.monotonic() + 90
    while time.monotonic() < give_up:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)


def _time_make_run(checkout: Path, env: dict[str, str], port: int, log: _Log) -> float | None:
    make = _start([_tool("make"), "run"], checkout, env)
    log.follow(make.stdout)
    try:
        while time.perf_counter() - log.started < GIVE_UP_SECONDS:
            if _healthy(port):
                return time.perf_counter() - log.started
            if make.poll() is not None:
                return None
            time.sleep(0.2)
        return None
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGTERM)
            try:
                make.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(make.pid, signal.SIGKILL)
                make.wait()
        _wait_for_supervisord(checkout)


def _time_setup(checkout: Path, env: dict[str, str], log: _Log) -> float | None:
    make = _start([_tool("make"), "setup", "static"], checkout, env)
    reader = log.follow(make.stdout)
    code = make.wait()
    elapsed = time.perf_counter() - log.started
    reader.join()
    return elapsed if code == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ref", default="HEAD", help="the revision to clone (default HEAD)")
    parser.add_argument("--setup-only", action="store_true", help="time `make setup static`")
    parser.add_argument("--keep", action="store_true", help="keep the clone and its log")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="plh-setup-"))
    try:
        checkout = _clone(scratch, args.ref)
        port, lms_port = _free_port(), _free_port()
        env = _environment(scratch, port, lms_port)
        log = _Log(scratch / "make.log", time.perf_counter())
        if args.setup_only:
            what = "fresh clone -> `make setup static` done"
            elapsed = _time_setup(checkout, env, log)
        else:
            what = "fresh clone -> `make run` answering /healthz 200"
            elapsed = _time_make_run(checkout, env, port, log)
        if elapsed is None:
            print(log.path.read_text()[-4000:], file=sys.stderr)
            sys.exit(f"{what}: failed (log above)")
        log.print_stages()
        print(
            f"{what}, empty package cache   {elapsed:6.1f} s"
            f"   goal {GOAL_SECONDS:.0f} s   ratio {elapsed / GOAL_SECONDS:4.2f}"
        )
        if args.keep:
            print(f"kept: {scratch}")
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
