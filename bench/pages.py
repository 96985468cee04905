"""How fast the public site and the LTI launch are, on the demo programme.

``python -m bench.pages [--rounds N]`` builds a throw-away SQLite database, loads the demo
programme, then times (wall clock, median of N rounds) and counts database queries for:
the programme page, a step page, a lesson page with every block type, the content API, and a
full LTI launch (login, platform authorisation, signed id_token, validation, framed page)
against the project's platform peer on loopback. It prints one line per measurement.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='plh-bench-')}/bench.sqlite3"


def measure(name: str, action: Callable[[], object], rounds: int) -> float:
    from django.db import connection

    action()  # warm caches once
    times = []
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        action()
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{name:<34} median {median * 1000:7.1f} ms   queries {len(queries):4d}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # Keep one connection for the whole run (as Django's TestCase does), so queries are counted.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)

    from bench.support import CLIENT_ID, register_with
    from hub.models import LessonPage, ProgrammePage, StepPage
    from lti_platform import PlatformServer
    from lti_tool.models import ToolKey

    client = Client()
    programme = ProgrammePage.objects.get()
    step = StepPage.objects.order_by("step_number").first()
    lesson = LessonPage.objects.first()
    results = {
        "programme page": measure("programme page", lambda: client.get(programme.url), args.rounds),
        "step page": measure("step page", lambda: client.get(step.url), args.rounds),
        "lesson page (all 13 blocks)": measure(
            "lesson page (all 13 blocks)", lambda: client.get(lesson.url), args.rounds
        ),
        "content API: lessons": measure(
            "content API: lessons", lambda: client.get("/api/content/lessons/"), args.rounds
        ),
    }

    ToolKey.generate()
    with PlatformServer() as server:
        platform = server.platform
        register_with(server)
        counter = iter(range(10**9))

        def launch() -> None:
            pending = platform.prepare_launch(
                client_id=CLIENT_ID,
                user=f"bench-{next(counter)}",
                custom={"plh_page": str(lesson.pk)},
            )
            login = client.post("/lti/login/", pending.login_params)
            _, form = platform.authorize(parse_qs(urlsplit(login["Location"]).query))
            response = client.post("/lti/launch/", form)
            page = client.get(response["Location"].removeprefix("http://testserver"))
            page = client.get(page["Location"].removeprefix("http://testserver"))
            if page.status_code != 200:
                raise SystemExit(f"launch failed: {page.status_code}")

        results["LTI launch, new learner"] = measure(
            "LTI launch, new learner (end to end)", launch, args.rounds
        )
    lesson_ms = results["lesson page (all 13 blocks)"]
    print(f"ratio LTI launch / lesson page: {results['LTI launch, new learner'] / lesson_ms:.1f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
