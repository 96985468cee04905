"""A full LTI launch against the same framed page in an established session.

``python -m bench.launch [--rounds N] [--database-url URL] [--cache db|locmem|redis URL]
[--profile]``

Builds a throw-away database (SQLite in a temporary folder, or a ``bench_<name>`` database
beside the one ``--database-url`` names, dropped afterwards), loads the demo programme and
registers the project's platform peer (on loopback) with an active deployment. Then, for N
rounds each:

* **full launch** of a new learner into Step One's first lesson, as a browser does it: the
  tool's login initiation (``POST /lti/login/``), the platform's authorisation (the peer signs
  an id_token with the tool's nonce, in this process), the id_token post (``POST
  /lti/launch/``), the redirect to the session's landing URL (``/lti/s/<token>/``) and the
  framed lesson page it redirects to;
* the **framed page** alone: the same lesson page, opened again in that learner's session.

It prints the median and 95th percentile of each, the ratio of the full launch to the framed
page (goal: at most 2.0), and the database queries of each request on the tool's side. The
platform's part (its authorisation and signing) is timed with the launch, since the learner
waits for it, and is also shown on its own; it runs no query in the tool's database.

The default cache is the project's database cache (what ``make run`` uses), so a cache lookup
counts as a query here; ``--cache locmem`` or ``--cache redis://...`` show the other set-ups.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

QUERY_GOAL = 15
RATIO_GOAL = 2.0
TOOL = "http://testserver"


@dataclass
class Round:
    seconds: dict[str, float] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)


class QueryCounter:
    """Counts the queries run on the default connection while ``hop`` names the request."""

    def __init__(self) -> None:
        self.hop = ""
        self.counts: dict[str, int] = {}
        self.sql: dict[str, list[str]] = {}

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any):
        self.counts[self.hop] = self.counts.get(self.hop, 0) + 1
        self.sql.setdefault(self.hop, []).append(sql)
        return execute(sql, params, many, ctx)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _configure(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        folder = tempfile.mkdtemp(prefix="plh-bench-launch-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    if args.cache.startswith("redis://"):
        os.environ["REDIS_URL"] = args.cache
    else:
        os.environ.pop("REDIS_URL", None)


def _use_cache(kind: str) -> None:
    """The test settings use a local-memory cache; ``db`` switches to the project's default."""
    from django.conf import settings
    from django.core.cache import caches

    if kind == "db":
        settings.CACHES["default"] = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "plh_cache",
        }
        # Forget any cache object built from the earlier settings.
        with contextlib.suppress(AttributeError, KeyError):
            del caches["default"]


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    _use_cache(args.cache)
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # One connection for the whole run, so every query is seen by the counter.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", verbosity=0)

    from bench.support import CLIENT_ID, register_with
    from hub.models import LessonPage, StepPage
    from lti_platform import PlatformServer
    from lti_tool.models import ToolKey

    step = StepPage.objects.order_by("step_number").first()
    lesson = LessonPage.objects.child_of(step).live().first()
    ToolKey.generate()
    counter = QueryCounter()
    number = iter(range(10**9))

    with PlatformServer() as server, connection.execute_wrapper(counter):
        platform = server.platform
        register_with(server)

        def timed(result: Round, hop: str, action: Callable[[], Any]) -> Any:
            counter.hop = hop
            start = time.perf_counter()
            value = action()
            result.seconds[hop] = time.perf_counter() - start
            result.queries[hop] = counter.counts.pop(hop, 0)
            counter.hop = ""
            return value

        def one_round() -> tuple[Round, Client, str]:
            client = Client()
            result = Round()
            counter.sql.clear()
            pending = platform.prepare_launch(
                client_id=CLIENT_ID,
                user=f"bench-learner-{next(number)}",
                roles=["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
                custom={"plh_page": str(lesson.pk)},
            )
            login = timed(result, "login", lambda: client.post("/lti/login/", pending.login_params))
            assert login.status_code == 302, login.content[:300]
            query = parse_qs(urlsplit(login["Location"]).query)
            _, form = timed(result, "platform", lambda: platform.authorize(query))
            launched = timed(result, "launch", lambda: client.post("/lti/launch/", form))
            assert launched.status_code == 302, launched.content[:300]
            landing = launched["Location"].removeprefix(TOOL)
            resumed = timed(result, "landing", lambda: client.get(landing))
            if resumed.status_code == 302:
                page_url = resumed["Location"].removeprefix(TOOL)
                page = timed(result, "framed page", lambda: client.get(page_url))
            else:  # the launch led straight to the page
                page_url, page = landing, resumed
            assert page.status_code == 200, page.content[:300]
            assert lesson.title in page.content.decode()
            again = timed(result, "same page again", lambda: client.get(page_url))
            assert again.status_code == 200
            return result, client, page_url

        # Warm imports, templates and caches. The first launch of a platform also records its
        # gradebook choice, which starts a new generation of the registrations kept in memory:
        # the second launch reads them again. Neither is measured.
        one_round()
        one_round()
        if args.profile:
            _profile(one_round)
            return
        rounds = [one_round()[0] for _ in range(args.rounds)]
        if args.show_sql:
            for r in rounds:
                print({hop: r.queries.get(hop) for hop in ("login", "launch", "landing")})
        if args.show_sql:
            for hop, statements in counter.sql.items():
                print(f"--- {hop}")
                for sql in statements:
                    print("   ", sql[:200])
    _report(rounds, args)


def _profile(one_round: Callable[[], Any]) -> None:
    try:
        from pyinstrument import Profiler  # type: ignore[import-not-found]
    except ImportError:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            one_round()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(20):
        one_round()
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def _report(rounds: list[Round], args: argparse.Namespace) -> None:
    def series(hops: tuple[str, ...]) -> list[float]:
        return [sum(r.seconds.get(h, 0.0) for h in hops) * 1000 for r in rounds]

    def queries(hops: tuple[str, ...]) -> int:  # the most any measured round ran
        return max(sum(r.queries.get(h, 0) for h in hops) for r in rounds)

    tool_launch = ("login", "launch", "landing", "framed page")
    full = ("login", "platform", "launch", "landing", "framed page")
    page = ("same page again",)
    cache = "database cache" if args.cache == "db" else args.cache
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"LTI launch vs framed page: {len(rounds)} rounds, {database}, {cache}, new learners")
    print(f"{'':<40}{'median ms':>10}{'p95 ms':>10}{'queries':>9}  (most in any round)")
    for label, hops in (
        ("  login initiation (POST /lti/login/)", ("login",)),
        ("  platform authorisation (peer, no DB)", ("platform",)),
        ("  id_token post (POST /lti/launch/)", ("launch",)),
        ("  landing redirect (/lti/s/<token>/)", ("landing",)),
        ("  framed lesson page", ("framed page",)),
        ("full launch, tool's requests", tool_launch),
        ("full launch, with the platform's part", full),
        ("framed page, established session", page),
    ):
        values = series(hops)
        print(
            f"{label:<40}{statistics.median(values):>10.1f}{_percentile(values, 0.95):>10.1f}"
            f"{queries(hops):>9d}"
        )
    launch_ms = statistics.median(series(full))
    tool_ms = statistics.median(series(tool_launch))
    page_ms = statistics.median(series(page))
    overhead = queries(("login", "launch", "landing"))
    page_queries = queries(page)
    print(
        f"ratio full launch / framed page (medians): {launch_ms / page_ms:.2f}x "
        f"(tool's requests only: {tool_ms / page_ms:.2f}x); goal <= {RATIO_GOAL:.1f}x"
    )
    print(
        f"queries of the launch itself (login + id_token post + landing redirect: the tool's "
        f"database queries, the database cache's included): {overhead}; goal <= {QUERY_GOAL}"
    )
    print(
        f"queries of login + launch + framed page: {queries(tool_launch)} "
        f"(the framed page alone: {page_queries} in an established session)"
    )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--database-url", help="server to run on (a bench_ database is made)")
    parser.add_argument(
        "--cache", default="db", help="db (default, as make run), locmem, or a redis:// URL"
    )
    parser.add_argument("--profile", action="store_true", help="profile 20 launches instead")
    parser.add_argument("--show-sql", action="store_true", help="print every query per request")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    _configure(args)
    if not args.database_url:
        run(args)
        return
    import django

    django.setup()
    from django.db import connection

    # A database of its own beside the named one, made and dropped here.
    connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
