"""Demo conversations on Step One: mentors introduce themselves under the first lesson (the
first introduction pinned), and learners and a mentor talk under the second, which is
pre-moderated (one learner's post waits for a moderator, so the queue has something to show).

Original, fictional writing. Both lessons' discussions are made programme-wide, so every demo
course sees them. Running it again adds nothing to a thread that has posts.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from discussion.models import LessonDiscussion, Post, Profile, Thread
from discussion.screening import Reason
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


SECOND_LESSON = [
    # (who, text, answers): who is a learner's name or "mentor"; answers the comment's index.
    (
        "Robin (demo learner)",
        "I tried telling my story to a friend first, like the lesson suggests. I rushed the "
        "middle part. Does everyone find the middle hardest?",
        None,
    ),
    (
        "mentor",
        "Nearly everyone does, Robin. Try picking one moment from the middle and telling only "
        "that, slowly. The rest can be a sentence either side.",
        0,
    ),
    (
        "Dee (demo learner)",
        "Thank you, that helps me too. I am going to write my one moment down tonight.",
        0,
    ),
    (
        "Sol (demo learner)",
        "Has anyone told their story at a patient participation group yet? I have been asked "
        "to and I am nervous about the questions afterwards.",
        None,
    ),
]
#: A learner's post that waits for a moderator: it shares a (fictional) phone number.
HELD_POST = (
    "Jo (demo learner)",
    "If anyone wants to practise together, text me on 07700 900 461 and we can meet up.",
)


def first_lesson() -> LessonPage | None:
    lessons = step_one_lessons()
    return lessons[0] if lessons else None


def step_one_lessons() -> list[LessonPage]:
    step = StepPage.objects.live().filter(step_number=1).first()
    if step is None:
        return []
    return list(LessonPage.objects.live().child_of(step).order_by("path"))


def _person(name: str, mentor_page: MentorPage | None = None) -> Learner:
    """The demo person of that name (made once: their profile carries the name)."""
    found = (
        Profile.objects.filter(display_name=name, learner__display_name=name)
        .select_related("learner")
        .first()
    )
    if found is not None:
        return found.learner
    learner = Learner.objects.create(display_name=name)
    Profile.objects.create(learner=learner, display_name=name, mentor_page=mentor_page)
    return learner


@transaction.atomic
def seed_demo_discussion() -> int:
    """Add the demo conversations; returns how many posts were added (0 if already there)."""
    lessons = step_one_lessons()
    mentors = list(MentorPage.objects.live().order_by("path")[: len(INTRODUCTIONS)])
    if not lessons or not mentors:
        return 0
    added = _introductions(lessons[0], mentors)
    if len(lessons) > 1:
        added += _second_lesson(lessons[1], mentors[-1])
    return added


def _second_lesson(lesson: LessonPage, mentor: MentorPage) -> int:
    """A pre-moderated, programme-wide exchange: answered and unanswered learner comments,
    and one learner's post waiting for a moderator."""
    LessonDiscussion.objects.update_or_create(
        lesson=lesson, defaults={"programme_wide": True, "premoderated": True}
    )
    thread, _ = Thread.objects.get_or_create(lesson=lesson, context=None)
    if thread.posts.exists():
        return 0
    start = timezone.now() - timedelta(days=2)
    made: list[Post] = []
    for index, (who, text, answers) in enumerate(SECOND_LESSON):
        author = _person(mentor.title, mentor) if who == "mentor" else _person(who)
        parent = made[answers] if answers is not None else None
        post = Post.objects.create(
            thread=thread,
            parent=parent,
            root=parent,
            author=author,
            body=text,
            created_at=start + timedelta(hours=3 * index),
        )
        made.append(post)
    name, text = HELD_POST
    Post.objects.create(
        thread=thread,
        author=_person(name),
        body=text,
        created_at=start + timedelta(days=1),
        held_at=start + timedelta(days=1),
        held_because=Reason.PHONE,
    )
    return len(made) + 1


def _introductions(lesson: LessonPage, mentors: list[MentorPage]) -> int:
    """The mentors' introductions under the first lesson, the first one pinned."""
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
    # The first introduction stays on top, pinned by its mentor.
    Post.objects.filter(pk=posts[0].pk).update(pinned_at=start, pinned_by=mentor_people[0])
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
