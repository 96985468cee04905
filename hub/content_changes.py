"""What happens to learners' progress when editors change the programme.

The rule (shown to editors in the lesson and step forms, see ``hub.models.pages``):

- a lesson or step a learner completed stays completed, whatever is edited later;
- learners who have not finished meet the rule as it is published now: a new question must be
  answered, a removed one no longer counts;
- a lesson or step that learners have progress on cannot be deleted, only unpublished, so
  nobody's answers, reflections or completions are erased by an edit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from hub import progress
from hub.models import Learner, LessonPage, StepPage


def learners_with_progress(page: Page) -> int:
    """How many learners hold progress on ``page`` or any page below it."""
    lessons = LessonPage.objects.descendant_of(page, inclusive=True).values("pk")
    steps = StepPage.objects.descendant_of(page, inclusive=True).values("pk")
    return (
        Learner.objects.filter(
            Q(lesson_progress__lesson__in=lessons) | Q(step_completions__step__in=steps)
        )
        .distinct()
        .count()
    )


def on_lesson_published(sender: Any, instance: LessonPage, **kwargs: Any) -> None:
    progress.apply_lesson_change(instance)


def on_lesson_unpublished(sender: Any, instance: LessonPage, **kwargs: Any) -> None:
    step = instance.get_parent()
    if step is not None and isinstance(step.specific, StepPage):
        progress.apply_step_change(step.specific)


def connect() -> None:
    page_published.connect(on_lesson_published, sender=LessonPage, dispatch_uid="hub-lesson-pub")
    page_unpublished.connect(
        on_lesson_unpublished, sender=LessonPage, dispatch_uid="hub-lesson-unpub"
    )
