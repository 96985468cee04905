"""A programme that grows: more lessons, mentors and blocks, for query-count tests.

Query counts must not depend on how much content a page shows. :func:`grow` takes the small
programme of :func:`tests.factories.build_programme` to ``size`` lessons in Step One, ``size``
mentors (on Step One, on its first lesson and in the directory) and a first lesson with
``size`` blocks of every type (each image and video its own), and gives the learner progress,
answers and reflections in each lesson, so every query the pages make has something to find.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub.models import (
    KnowledgeCheckAnswer,
    Learner,
    LessonPage,
    LessonProgress,
    MentorPage,
    Reflection,
)
from tests.factories import Programme, every_block, make_image, make_video, publish, rich


def sized_body(size: int) -> list[dict]:
    """``size`` copies of every block type, with ids of their own and their own media."""
    body = []
    for n in range(size):
        for block in every_block(make_image(f"Picture {n}"), make_video(f"Video {n}")):
            block = copy.deepcopy(block)
            block["id"] = f"{block['id']}-{n}"
            if block["type"] == "knowledge_check":
                for question in block["value"]["questions"]:
                    question["id"] = f"{question['id']}-{n}"
            body.append(block)
    return body


def grow(programme: Programme, learner: Learner, size: int) -> LessonPage:
    """Grow the programme to ``size`` of everything; returns the lesson with every block."""
    step = programme.steps[0]
    mentors = list(MentorPage.objects.child_of(programme.mentor_index))
    for n in range(len(mentors), size):
        mentors.append(
            publish(
                programme.mentor_index,
                MentorPage(
                    title=f"Mentor {n:03d}",
                    slug=f"mentor-{n:03d}",
                    photo=make_image(f"Portrait {n}"),
                    photo_alt_text="A mentor",
                    short_biography="A fictional mentor.",
                    lived_experience=rich("Lived experience."),
                    graduation_year=2020,
                ),
            )
        )
    lessons = list(LessonPage.objects.child_of(step))
    for n in range(len(lessons), size):
        lessons.append(
            publish(
                step,
                LessonPage(
                    title=f"Lesson {n:03d}",
                    slug=f"lesson-{n:03d}",
                    summary="More.",
                    estimated_minutes=10,
                    body=[{"type": "rich_text", "id": f"t-{n}", "value": rich("Co-production.")}],
                ),
            )
        )
    lesson = LessonPage.objects.get(pk=programme.lessons["first"].pk)
    lesson.body = sized_body(size)
    lesson.mentors = mentors
    lesson.save_revision(log_action=False).publish(log_action=False)
    step.mentors = mentors
    step.save_revision(log_action=False).publish(log_action=False)

    now = timezone.now()
    for i, each in enumerate(lessons):
        LessonProgress.objects.update_or_create(
            learner=learner,
            lesson=each,
            defaults={
                "started_at": now - timedelta(days=1),
                "last_seen_at": now,
                "completed_at": now if i % 2 and each.pk != lesson.pk else None,
            },
        )
    lesson = LessonPage.objects.get(pk=lesson.pk)
    for question_id, _, _ in lesson.iter_questions():
        KnowledgeCheckAnswer.objects.update_or_create(
            learner=learner,
            lesson=lesson,
            question_id=question_id,
            defaults={"option_index": 0, "correct": True, "answered_at": now},
        )
    for prompt_id in lesson.reflection_prompt_ids():
        Reflection.objects.update_or_create(
            learner=learner, lesson=lesson, prompt_id=prompt_id, defaults={"text": "Thoughts."}
        )
    return lesson


# --- Counting --------------------------------------------------------------------------------
def use_database_cache(settings: Any) -> None:
    """Count as deployed without Redis (the database cache): each cache read or write is a query."""
    settings.CACHES = settings.DATABASE_CACHES
    call_command("createcachetable", verbosity=0)


def count_queries(client: Client, url: str) -> tuple[int, list[str]]:
    """The queries of one GET of ``url``, after a first GET that creates any renditions."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), [q["sql"] for q in queries.captured_queries]


def counts_at(
    sizes: tuple[int, ...],
    programme: Programme,
    learner: Learner,
    urls: Callable[[], dict[str, str]],
) -> dict[str, list[tuple[int, list[str]]]]:
    """Grow the programme to each size in turn and count the queries of every URL."""
    client = Client()
    results: dict[str, list[tuple[int, list[str]]]] = {}
    for size in sizes:
        grow(programme, learner, size)
        for name, url in urls().items():
            results.setdefault(name, []).append(count_queries(client, url))
    return results


def assert_constant(results: dict[str, list[tuple[int, list[str]]]], bound: int) -> None:
    """Every page: the same count at each size, within ``bound`` (all pages reported)."""
    problems = []
    for name, measured in results.items():
        counts = [n for n, _ in measured]
        if len(set(counts)) != 1 or counts[0] > bound:
            listing = "\n  ".join(sql[:200] for sql in measured[-1][1])
            problems.append(f"{name}: {counts} queries (bound {bound})\n  {listing}")
    assert not problems, "\n".join(problems)
