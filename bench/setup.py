"""How long a fresh clone takes to serve, with nothing in the package caches.

``python -m bench.setup [--ref REV] [--setup-only]`` clones this repository (at ``REV``,
default ``HEAD``) into a temporary directory and points ``UV_CACHE_DIR``, ``PIP_CACHE_DIR``
and ``XDG_CACHE_HOME`` at a fresh empty directory, so every package is downloaded and
installed as on a new machine. Then it starts ``make run`` (on free ports, the default SQLite
database) and prints the wall time until ``/healthz`` first answers 200, against the 45 s
goal; ``make run``'s stages are visible in the printed log tail when something fails. With
``--setup-only`` it times ``make setup static`` instead, the part of ``make run`` before
supervisord starts. Network speed to PyPI is part of the figure: compare runs made close
together.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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


def _time_make_run(checkout: Path, env: dict[str, str], port: int, log: Path) -> float | None:
    with log.open("w") as out:
        started = time.perf_counter()
        make = subprocess.Popen(  # noqa: S603 - the clone's own Makefile
            [_tool("make"), "run"],
            cwd=checkout,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped below as a whole
        )
        try:
            while time.perf_counter() - started < GIVE_UP_SECONDS:
                if _healthy(port):
                    return time.perf_counter() - started
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


def _time_setup(checkout: Path, env: dict[str, str], log: Path) -> float | None:
    with log.open("w") as out:
        started = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - the clone's own Makefile
            [_tool("make"), "setup", "static"],
            cwd=checkout,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        elapsed = time.perf_counter() - started
    return elapsed if done.returncode == 0 else None


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
        log = scratch / "make.log"
        if args.setup_only:
            what = "fresh clone -> `make setup static` done"
            elapsed = _time_setup(checkout, env, log)
        else:
            what = "fresh clone -> `make run` answering /healthz 200"
            elapsed = _time_make_run(checkout, env, port, log)
        if elapsed is None:
            print(log.read_text()[-4000:], file=sys.stderr)
            sys.exit(f"{what}: failed (log above)")
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
