"""A whole cohort starts at once: N learners launch and finish a lesson against the real stack.

``python -m bench.cohort [--learners 200] [--within 60] [--setups sqlite,postgres,redis]``

For each set-up the benchmark builds a fresh database, loads the demo programme and starts the
stack as ``make run`` serves it (gunicorn with the same options, the task worker, DEBUG off),
with the project's LTI platform peer on loopback as the LMS. Then N learners arrive at random
moments within ``--within`` seconds (0: all at once). Each one, like a browser would:

1. posts the platform's login initiation to the tool (``/lti/login/``),
2. follows the tool's redirect to the platform's authorisation endpoint, which signs an
   id_token with the tool's nonce,
3. posts the id_token to the tool (``/lti/launch/``) and follows it to the framed lesson,
4. finishes the lesson (``action=finish``) and reads the page it is sent back to.

It prints, per set-up, the throughput, the 50th/95th/99th percentiles of a whole launch (1–3)
and of the finish (4), and every error by kind; then it checks the database: one learner, one
completion and one score per person, every login used once. Set-ups:

- ``sqlite``: the ``make run`` default (SQLite file, database cache);
- ``postgres``: PostgreSQL with the database cache (``--postgres`` names the server);
- ``redis``: PostgreSQL with the Redis cache (``--redis``).

Everything runs on loopback. The numbers are for comparing set-ups and changes on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLIENT_ID = "cohort-bench"
DEPLOYMENT_ID = "cohort-deployment"
SETUPS = ("sqlite", "postgres", "redis")


# --- The parent: one child process per set-up, then the table ---------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--within", type=float, default=60.0, help="arrival window, seconds")
    parser.add_argument("--setups", default=",".join(SETUPS))
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument(
        "--database",
        default="plh_cohort_bench",
        help="name of the PostgreSQL database made (and replaced) for the run",
    )
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, seconds")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.learners < 1 or args.within < 0:
        parser.error("--learners must be at least 1 and --within zero or more")
    if args.child:
        print(json.dumps(run_setup(args.child, args)))
        return

    setups = [name.strip() for name in args.setups.split(",") if name.strip()]
    unknown = sorted(set(setups) - set(SETUPS))
    if unknown:
        parser.error(f"unknown set-up(s) {', '.join(unknown)}; choose from {', '.join(SETUPS)}")
    print(
        f"Cohort: {args.learners} learners arriving within {args.within:g} s, each: login, "
        "platform authorisation, launch, framed lesson, finish. Loopback, this machine."
    )
    results = []
    for name in setups:
        print(f"\n== {name}: building the database and starting the stack", flush=True)
        child = subprocess.run(  # noqa: S603 - our own module
            [PYTHON, "-m", "bench.cohort", "--child", name, *sys.argv[1:]],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            print(child.stdout[-3000:], child.stderr[-6000:], sep="\n")
            results.append({"setup": name, "failed": f"exit {child.returncode}"})
            continue
        result = json.loads(child.stdout.strip().splitlines()[-1])
        results.append(result)
        report(result)
    print("\n" + table(results))


def report(result: dict[str, Any]) -> None:
    print(
        f"   wall {result['wall_s']:.1f} s, {result['learners_per_s']:.1f} learners/s, "
        f"{result['requests_per_s']:.1f} requests/s"
    )
    for phase in ("launch", "finish"):
        p = result[phase]
        print(
            f"   {phase:<7} p50 {p['p50']:7.0f} ms  p95 {p['p95']:7.0f} ms  p99 {p['p99']:7.0f} ms"
        )
    print(f"   errors: {result['errors'] or 'none'}")
    print(f"   database: {result['checks']}")


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| set-up | learners | within | learners/s | launch p50 / p95 / p99 (ms) "
        "| finish p50 / p95 / p99 (ms) | errors | exactly once |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if "failed" in r:
            lines.append(f"| {r['setup']} | failed to run ({r['failed']}) |||||||")
            continue
        launch, finish = r["launch"], r["finish"]
        errors = sum(r["errors"].values())
        lines.append(
            f"| {r['label']} | {r['learners']} | {r['within']:g} s | {r['learners_per_s']:.1f} "
            f"| {launch['p50']:.0f} / {launch['p95']:.0f} / {launch['p99']:.0f} "
            f"| {finish['p50']:.0f} / {finish['p95']:.0f} / {finish['p99']:.0f} "
            f"| {errors} | {'yes' if r['checks']['ok'] else 'NO'} |"
        )
    return "\n".join(lines)


# --- The child: one set-up ---------------------------------------------------------------------
LABELS = {
    "sqlite": "SQLite, database cache (make run)",
    "postgres": "PostgreSQL, database cache",
    "redis": "PostgreSQL, Redis cache",
}


def _environment(name: str, args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    env["SECRET_KEY_FILE"] = str(workdir / "secret-key.txt")
    env["WAGTAILADMIN_BASE_URL"] = f"http://127.0.0.1:{args.port}"
    env["MEDIA_ROOT"] = str(workdir / "media")
    env["LOG_LEVEL"] = "WARNING"
    env.pop("REDIS_URL", None)
    if name == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'cohort.sqlite3'}"
    else:
        base = args.postgres.rsplit("/", 1)[0]
        env["DATABASE_URL"] = f"{base}/{args.database}"
        # Persistent connections, as docs/deploy.md recommends for PostgreSQL.
        env.setdefault("DATABASE_CONN_MAX_AGE", "60")
        _recreate_postgres_database(args.postgres, args.database)
    if name == "redis":
        env["REDIS_URL"] = args.redis
        _flush_redis(args.redis)
    return env


def _recreate_postgres_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def _manage(env: dict[str, str], *command: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{done.stderr[-4000:]}")
    return done.stdout


@dataclass
class Stack:
    """gunicorn and the task worker, started as ``make run`` starts them."""

    env: dict[str, str]
    port: int
    workdir: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self) -> None:
        web_log = (self.workdir / "web.log").open("wb")
        worker_log = (self.workdir / "worker.log").open("wb")
        self.processes.append(
            subprocess.Popen(  # noqa: S603
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    "-c",
                    "config/gunicorn.py",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=web_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        self.processes.append(
            subprocess.Popen(  # noqa: S603
                [PYTHON, "manage.py", "run_worker"],
                cwd=ROOT,
                env=self.env,
                stdout=worker_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        self._wait_until_serving()

    def _wait_until_serving(self) -> None:
        import requests

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.25)
        raise RuntimeError("the stack did not answer /healthz within 60 s")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def log_lines(self, needle: str) -> int:
        return sum(
            path.read_text(errors="replace").count(needle)
            for path in (self.workdir / "web.log", self.workdir / "worker.log")
        )


@dataclass
class Outcome:
    launch_ms: float | None = None
    finish_ms: float | None = None
    requests: int = 0
    error: str = ""


def run_setup(name: str, args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from lti_platform import PlatformServer

    workdir = Path(tempfile.mkdtemp(prefix=f"plh-cohort-{name}-"))
    env = _environment(name, args, workdir)
    os.environ.update(env)
    tool = f"http://127.0.0.1:{args.port}"
    stack = Stack(env, args.port, workdir)
    try:
        with PlatformServer(flavour="generic") as peer:
            _manage(env, "migrate", "--noinput", "-v0")
            _manage(env, "createcachetable")
            _manage(env, "load_demo")
            _manage(env, "setup_badges", "--demo")
            _manage(env, "collectstatic", "--noinput", "-v0")
            _manage(
                env,
                "lti_add_platform",
                "--name",
                "Cohort bench LMS",
                "--issuer",
                peer.platform.issuer,
                "--client-id",
                CLIENT_ID,
                "--auth-url",
                peer.auth_url,
                "--token-url",
                peer.token_url,
                "--keyset-url",
                peer.jwks_url,
                "--deployment-id",
                DEPLOYMENT_ID,
            )
            lesson_id = int(_manage(env, "shell", "-c", FIND_LESSON).strip().splitlines()[-1])
            stack.start()
            import requests

            peer.platform.register_tool(
                client_id=CLIENT_ID,
                login_initiation_url=f"{tool}/lti/login/",
                redirect_uris=[f"{tool}/lti/launch/"],
                target_link_uri=f"{tool}/lti/launch/",
                jwks=requests.get(f"{tool}/lti/jwks/", timeout=10).json(),
                deployment_ids=[DEPLOYMENT_ID],
            )
            outcomes, wall = _run_cohort(peer, tool, lesson_id, args)
            checks = _check_database(env, args.learners, lesson_id)
            checks["database_is_locked_in_logs"] = stack.log_lines("database is locked")
            checks["ok"] = checks["ok"] and checks["database_is_locked_in_logs"] == 0
    finally:
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    errors = Counter(o.error for o in outcomes if o.error)
    requests_made = sum(o.requests for o in outcomes)
    return {
        "setup": name,
        "label": LABELS[name],
        "learners": args.learners,
        "within": args.within,
        "wall_s": wall,
        "learners_per_s": args.learners / wall,
        "requests_per_s": requests_made / wall,
        "launch": _percentiles([o.launch_ms for o in outcomes if o.launch_ms is not None]),
        "finish": _percentiles([o.finish_ms for o in outcomes if o.finish_ms is not None]),
        "errors": dict(errors),
        "checks": checks,
    }


FIND_LESSON = """
from hub.models import LessonPage, StepPage
step = StepPage.objects.live().order_by("step_number").first()
lesson = next(
    l for l in step.lessons()
    if l.complete_on_reaching_end and not l.requires_knowledge_checks
    and not l.requires_reflections
)
print(lesson.pk)
"""

CHECK_DATABASE = """
import json
from hub.models import Learner, LessonProgress
from lti_tool.models import LoginState, LtiUser, Score
print(json.dumps({
    "learners": Learner.objects.count(),
    "lti_users": LtiUser.objects.count(),
    "completions": LessonProgress.objects.filter(
        lesson_id=LESSON, completed_at__isnull=False).count(),
    "scores": Score.objects.filter(line_item__isnull=False).values("user_id").distinct().count(),
    "logins_used": LoginState.objects.filter(used_at__isnull=False).count(),
}))
"""


def _check_database(env: dict[str, str], learners: int, lesson_id: int) -> dict[str, Any]:
    found = json.loads(
        _manage(env, "shell", "-c", CHECK_DATABASE.replace("LESSON", str(lesson_id)))
        .strip()
        .splitlines()[-1]
    )
    found["ok"] = all(
        found[key] == learners for key in ("learners", "lti_users", "completions", "logins_used")
    )
    return found


def _run_cohort(peer: Any, tool: str, lesson_id: int, args: argparse.Namespace):
    rng = random.Random(20261129)
    arrivals = sorted(rng.uniform(0, args.within) for _ in range(args.learners))
    outcomes = [Outcome() for _ in arrivals]
    start = time.monotonic() + 0.5
    threads = [
        threading.Thread(
            target=_learner,
            args=(peer, tool, lesson_id, n, start + at, outcomes[n], args.timeout),
            daemon=True,
        )
        for n, at in enumerate(arrivals)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.within + 10 * args.timeout)
    return outcomes, time.monotonic() - start


def _learner(
    peer: Any, tool: str, lesson_id: int, n: int, at: float, outcome: Outcome, timeout: float
) -> None:
    import requests

    time.sleep(max(0.0, at - time.monotonic()))
    browser = requests.Session()
    hop = "prepare"

    def check(response: requests.Response, expected: int) -> requests.Response:
        outcome.requests += 1
        if response.status_code != expected:
            raise BenchError(f"{hop} answered {response.status_code}")
        return response

    try:
        pending = peer.platform.prepare_launch(
            client_id=CLIENT_ID,
            user=f"cohort-learner-{n}",
            roles=["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            custom={"plh_page": str(lesson_id)},
        )
        began = time.perf_counter()
        hop = "login"
        login = check(
            browser.post(
                f"{tool}/lti/login/",
                data=pending.login_params,
                allow_redirects=False,
                timeout=timeout,
            ),
            302,
        )
        # A browser on 127.0.0.1 keeps the tool's Secure state cookie; requests keeps Secure
        # cookies for https only, so the bench carries it by hand.
        state_cookies = {cookie.name: cookie.value for cookie in login.cookies}
        hop = "authorise"
        auth = check(
            browser.get(
                login.headers["Location"], headers={"Accept": "application/json"}, timeout=timeout
            ),
            200,
        ).json()
        hop = "launch"
        launched = check(
            browser.post(
                auth["redirect_uri"],
                data=auth["form_fields"],
                cookies=state_cookies,
                allow_redirects=False,
                timeout=timeout,
            ),
            302,
        )
        hop = "resume"
        resume = check(
            browser.get(
                urljoin(tool, launched.headers["Location"]), allow_redirects=False, timeout=timeout
            ),
            302,
        )
        lesson_url = urljoin(tool, resume.headers["Location"])
        hop = "lesson page"
        check(browser.get(lesson_url, timeout=timeout), 200)
        outcome.launch_ms = (time.perf_counter() - began) * 1000
        began = time.perf_counter()
        hop = "finish"
        finished = check(
            browser.post(
                lesson_url,
                data={"action": "finish"},
                allow_redirects=False,
                headers={"Origin": tool},
                timeout=timeout,
            ),
            302,
        )
        hop = "finished page"
        path = urlsplit(urljoin(tool, finished.headers["Location"]))
        check(browser.get(f"{tool}{path.path}?{path.query}", timeout=timeout), 200)
        outcome.finish_ms = (time.perf_counter() - began) * 1000
    except BenchError as error:
        outcome.error = str(error)
    except requests.RequestException as error:
        outcome.error = f"{hop}: {type(error).__name__}"


class BenchError(Exception):
    pass


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan"), "n": 0}
    if len(values) == 1:
        return {"p50": values[0], "p95": values[0], "p99": values[0], "n": 1}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "n": len(values)}


if __name__ == "__main__":
    main()
