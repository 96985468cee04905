"""How fast the public and framed pages render, and whether their queries grow with content.

``python -m bench.pages [--rounds N] [--cache database|locmem]`` builds a throw-away SQLite
database, loads the demo programme and prints:

1. **Lesson page ÷ a plain Wagtail page** (goal ≤ 1.5×). The demo lesson that uses every block
   type, served as learners see it, against a plain Wagtail page rendering the same StreamField
   value: :mod:`bench.plain_page` routes the same URL through Wagtail's page tree and serve
   hooks, then renders only ``{% include_block %}`` for each block in a minimal template (the
   blocks' own templates, the project's middleware and context processors). No page model is
   added for it. Both are fetched with Django's test client, taking turns, after one warm-up
   request each; the figures are the medians of N rounds, of CPU time (the process's, SQLite
   included: the ratio to judge on a busy machine) and of wall time, and the database queries
   of one request.
2. **Queries at 5, 20 and 50** (goal: the same at every size). At each size N the step of
   that lesson has N lessons, the step and the lesson have N mentors each (each with a
   photo) and the lesson holds its body N / 5 times over (1, 4, then 10 of every block,
   images and videos included). The programme page, the step page, the lesson, the mentor
   directory, and the framed step and lesson pages of a learner with progress in every
   lesson (a launch session opened directly, as a launch would) are counted at each size.
   The ratio printed is the count at 50 ÷ the count at 5.

By default the cache is the database cache, as ``make run`` deploys without Redis, so cache
reads and writes are queries too; ``--cache locmem`` counts with a per-process memory cache.
The LTI launch itself is measured by ``python -m bench.launch``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='plh-bench-')}/bench.sqlite3"

LESSON_GOAL = 1.5
SIZES = (5, 20, 50)


def count_queries(action: Callable[[], object]) -> int:
    from django.db import connection

    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        action()
    return len(queries)


def get(client, url: str) -> Callable[[], object]:
    def fetch() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return response

    return fetch


def alternate(
    actions: dict[str, Callable[[], object]], rounds: int
) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of each action, run in turn round after round.

    Taking turns spreads the machine's load over both; the CPU time (this process's, which
    includes SQLite's work) moves less with other work on the machine than the wall time.
    """
    for action in actions.values():
        action()
    walls: dict[str, list[float]] = {name: [] for name in actions}
    cpus: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            wall, cpu = time.perf_counter(), time.process_time()
            action()
            cpus[name].append(time.process_time() - cpu)
            walls[name].append(time.perf_counter() - wall)
    return {
        name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in actions
    }


def use_cache(kind: str) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    if kind == "database":
        caches = getattr(settings, "DATABASE_CACHES", None) or {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "plh_cache",
            }
        }
    else:
        caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    override_settings(CACHES=caches).enable()
    if kind == "database":
        call_command("createcachetable", verbosity=0)


def every_block_lesson():
    from hub.blocks import LESSON_BLOCK_TYPES
    from hub.models import LessonPage

    def kinds(lesson) -> int:
        return len({block.block_type for block in lesson.body})

    lesson = max(LessonPage.objects.live().order_by("path"), key=kinds)
    return lesson, kinds(lesson), len(LESSON_BLOCK_TYPES)


def grow_step(step, size: int) -> None:
    """Add short lessons to ``step`` until it has ``size``."""
    from hub.models import LessonPage

    have = LessonPage.objects.child_of(step).count()
    for n in range(have, size):
        lesson = LessonPage(
            title=f"Bench lesson {n}",
            slug=f"bench-lesson-{n}",
            summary="A lesson added by the benchmark.",
            estimated_minutes=10,
            body=[{"type": "rich_text", "value": "<p>More to read.</p>"}],
        )
        step.add_child(instance=lesson)
        lesson.save_revision(log_action=False).publish(log_action=False)


def grow_mentors(programme, step, lesson, size: int, body: list[dict]) -> None:
    """``size`` mentors with photos on ``step`` and ``lesson``; the body ``size // 5`` times."""
    import uuid

    from wagtail.images.models import Image

    from hub.models import MentorIndexPage, MentorPage

    index = MentorIndexPage.objects.child_of(programme).get()
    photo = Image.objects.order_by("pk").first()
    mentors = list(MentorPage.objects.child_of(index))
    for n in range(len(mentors), size):
        mentor = MentorPage(
            title=f"Bench mentor {n:03d}",
            slug=f"bench-mentor-{n:03d}",
            photo=photo,
            photo_alt_text="A portrait",
            short_biography="A mentor added by the benchmark.",
            graduation_year=2020,
        )
        index.add_child(instance=mentor)
        mentor.save_revision(log_action=False).publish(log_action=False)
        mentors.append(mentor)
    mentors = mentors[:size]
    for page, body_copies in ((step, None), (lesson, max(1, size // 5))):
        page = page.specific_class.objects.get(pk=page.pk)
        page.mentors = mentors
        if body_copies is not None:
            page.body = [
                {**block, "id": str(uuid.uuid4())} for _ in range(body_copies) for block in body
            ]
        page.save_revision(log_action=False).publish(log_action=False)


def learner_with_progress(step):
    """A learner launched into ``step`` with progress in each of its lessons; their session."""
    from django.utils import timezone

    from hub.models import Learner, LessonPage, LessonProgress
    from lti_fixtures.sessions import framed_session

    learner = Learner.objects.create(display_name="Bench Learner")
    session = framed_session(learner, step)

    def give_progress() -> None:
        now = timezone.now()
        for i, lesson in enumerate(LessonPage.objects.child_of(step)):
            LessonProgress.objects.get_or_create(
                learner=learner,
                lesson=lesson,
                defaults={
                    "started_at": now - timedelta(hours=1),
                    "last_seen_at": now,
                    "completed_at": now if i % 2 else None,
                },
            )

    return session, give_progress


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--cache", choices=["database", "locmem"], default="database")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    # Keep one connection for the whole run (as Django's TestCase does), so queries are counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    use_cache(args.cache)
    override_settings(ROOT_URLCONF="bench.plain_page").enable()
    call_command("load_demo", verbosity=0)

    from hub.models import MentorIndexPage, ProgrammePage

    client = Client()
    lesson, kinds, all_kinds = every_block_lesson()
    step = lesson.get_parent().specific
    programme = ProgrammePage.objects.get()
    print(f"cache: {args.cache}; lesson: {lesson.title!r} ({kinds} of {all_kinds} block types)")

    lesson_page = get(client, lesson.url)
    plain = get(client, "/plain-wagtail-page" + lesson.url)
    medians = alternate({"lesson": lesson_page, "plain": plain}, args.rounds)
    lesson_queries, plain_queries = count_queries(lesson_page), count_queries(plain)
    for name, key, queries in (
        ("lesson page (public)", "lesson", lesson_queries),
        ("plain Wagtail page, same body", "plain", plain_queries),
    ):
        wall, cpu = medians[key]
        print(
            f"{name:<34} median {wall * 1000:7.1f} ms wall {cpu * 1000:7.1f} ms CPU   "
            f"queries {queries:3d}"
        )
    for kind, index in (("CPU", 1), ("wall", 0)):
        ratio = medians["lesson"][index] / medians["plain"][index]
        print(
            f"ratio lesson / plain ({kind}): {ratio:.2f}x (goal <= {LESSON_GOAL}x; "
            f"{ratio / LESSON_GOAL:.2f} of the goal)"
        )

    session, give_progress = learner_with_progress(step)
    mentor_index = MentorIndexPage.objects.child_of(programme).get()

    def framed(page) -> str:
        return reverse("lti:page", kwargs={"token": session.token, "page_id": page.pk})

    pages = {
        "programme page": lambda: programme.url,
        "step page": lambda: step.url,
        "lesson page (every block)": lambda: lesson.url,
        "mentor directory": lambda: mentor_index.url,
        "framed step page (learner)": lambda: framed(step),
        "framed lesson (learner)": lambda: framed(lesson),
    }
    counts: dict[str, dict[int, int]] = {name: {} for name in pages}
    body = list(lesson.body.raw_data)
    for size in SIZES:
        grow_step(step, size)
        grow_mentors(programme, step, lesson, size, body)
        give_progress()
        for name, url in pages.items():
            fetch = get(client, url())
            fetch()  # renditions and anything else a first view creates
            counts[name][size] = count_queries(fetch)
    print(
        f"\nqueries with {', '.join(map(str, SIZES))} lessons, mentors and every block x size/5 "
        f"in {step.title!r} (goal: constant)"
    )
    print(f"{'page':<30}" + "".join(f"{size:>6}" for size in SIZES) + "   ratio at 50 / at 5")
    for name, by_size in counts.items():
        ratio = by_size[SIZES[-1]] / by_size[SIZES[0]]
        print(f"{name:<30}" + "".join(f"{by_size[s]:>6}" for s in SIZES) + f"   {ratio:.2f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
