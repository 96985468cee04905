"""Demo conversation: mentors introduce themselves under Step One's first lesson.

Original, fictional writing. The lesson's discussion is made programme-wide, so every demo
course sees the introductions. Running it again adds nothing once the thread has posts.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from discussion.models import LessonDiscussion, Post, Profile, Thread
from hub.models import Learner, LessonPage, MentorPage, StepPage

INTRODUCTIONS = [
    "Hello, and welcome to Step One. I finished the programme a few years ago after a long "
    "time as a carer. Ask me anything about getting started: there are no silly questions.",
    "Hi everyone. I remember opening this lesson and wondering if I had anything to offer. "
    "You do. I will be checking in here most weeks, so say hello below.",
]
LEARNERS = [
    (
        "Robin (demo learner)",
        "I am not sure I count as a leader yet, but I would like to help make our GP "
        "surgery easier for people who use wheelchairs.",
    ),
    (
        "Dee (demo learner)",
        "Same here, Robin. Reading the mentors' stories made it feel possible.",
    ),
]
MENTOR_REPLY = (
    "Robin, noticing what gets in the way is exactly where peer leadership starts. "
    "Step Two has a lesson on preparing for meetings that will help."
)


def first_lesson() -> LessonPage | None:
    step = StepPage.objects.live().filter(step_number=1).first()
    if step is None:
        return None
    return LessonPage.objects.live().child_of(step).order_by("path").first()


def _person(name: str, mentor_page: MentorPage | None = None) -> Learner:
    learner = Learner.objects.create(display_name=name)
    Profile.objects.create(learner=learner, display_name=name, mentor_page=mentor_page)
    return learner


@transaction.atomic
def seed_demo_discussion() -> int:
    """Add the demo introductions; returns how many posts were added (0 if already there)."""
    lesson = first_lesson()
    mentors = list(MentorPage.objects.live().order_by("path")[: len(INTRODUCTIONS)])
    if lesson is None or not mentors:
        return 0
    LessonDiscussion.objects.update_or_create(lesson=lesson, defaults={"programme_wide": True})
    thread, _ = Thread.objects.get_or_create(lesson=lesson, context=None)
    if thread.posts.exists():
        return 0
    start = timezone.now() - timedelta(days=3)
    posts = []
    mentor_people = [_person(page.title, page) for page in mentors]
    for index, (person, text) in enumerate(zip(mentor_people, INTRODUCTIONS, strict=False)):
        posts.append(
            Post.objects.create(
                thread=thread, author=person, body=text, created_at=start + timedelta(hours=index)
            )
        )
    name, text = LEARNERS[0]
    question = Post.objects.create(
        thread=thread, author=_person(name), body=text, created_at=start + timedelta(days=1)
    )
    name, text = LEARNERS[1]
    Post.objects.create(
        thread=thread,
        parent=question,
        root=question,
        author=_person(name),
        body=text,
        created_at=start + timedelta(days=1, hours=2),
    )
    Post.objects.create(
        thread=thread,
        parent=question,
        root=question,
        author=mentor_people[0],
        body=MENTOR_REPLY,
        created_at=start + timedelta(days=1, hours=5),
    )
    return len(posts) + 3
