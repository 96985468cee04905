"""The learning domain: learners and their progress through lessons and steps.

A :class:`Learner` is deliberately thin: the hub knows nothing about how a person signs in. The
LTI tool maps an LMS user to a Learner; the hub stores only what progress needs. Rules live in
:mod:`hub.progress`; these models hold the facts and the constraints that keep them unique.
"""

from __future__ import annotations

import uuid

from django.db import models


class Learner(models.Model):
    """Someone working through the programme.

    ``display_name`` is optional and is only used to greet the learner and to show them to
    their instructors and mentors; no other personal data is kept here.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.display_name or f"Learner {self.public_id.hex[:8]}"


class ProgressStatus(models.TextChoices):
    """Where a learner stands in a lesson (or a step): the one vocabulary of the learner's
    pages, the tutor's cohort view and their templates."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Completed"

    @classmethod
    def of(cls, record: LessonProgress | None) -> ProgressStatus:
        """The state a learner's progress row (or its absence) stands for."""
        if record is None:
            return cls.NOT_STARTED
        return cls.COMPLETE if record.completed_at else cls.IN_PROGRESS

    @classmethod
    def of_step(cls, lessons: list[ProgressStatus], completed: bool) -> ProgressStatus:
        """A step's state from its lessons' states (``completed``: the step's completion is
        recorded, which stands even after editors add a lesson)."""
        if completed or (lessons and all(s == cls.COMPLETE for s in lessons)):
            return cls.COMPLETE
        if any(s != cls.NOT_STARTED for s in lessons):
            return cls.IN_PROGRESS
        return cls.NOT_STARTED


class LessonProgress(models.Model):
    """Where one learner is with one lesson. One row per (learner, lesson)."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(
        "hub.LessonPage", on_delete=models.CASCADE, related_name="progress_records"
    )
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    reached_end_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "lesson progress"
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="one_progress_per_lesson")
        ]
        indexes = [models.Index(fields=["learner", "last_seen_at"])]

    def __str__(self) -> str:
        state = "completed" if self.completed_at else "in progress"
        return f"{self.learner} – {self.lesson_id} ({state})"


class Reflection(models.Model):
    """A learner's written answer to one reflection prompt. Private unless they share it."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="reflections")
    lesson = models.ForeignKey("hub.LessonPage", on_delete=models.CASCADE, related_name="+")
    prompt_id = models.CharField(max_length=64, help_text="The prompt block's stable id.")
    text = models.TextField(max_length=10_000)
    shared_with_mentors = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson", "prompt_id"], name="one_reflection_per_prompt"
            )
        ]

    def __str__(self) -> str:
        return f"Reflection by {self.learner} on {self.prompt_id}"


class KnowledgeCheckAnswer(models.Model):
    """The latest option a learner chose for one knowledge-check question."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="answers")
    lesson = models.ForeignKey("hub.LessonPage", on_delete=models.CASCADE, related_name="+")
    question_id = models.CharField(max_length=64)
    option_index = models.PositiveSmallIntegerField()
    correct = models.BooleanField()
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson", "question_id"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} answered {self.question_id}"


class StepCompletion(models.Model):
    """A learner completed every lesson of a step. Created exactly once."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="step_completions")
    step = models.ForeignKey("hub.StepPage", on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "step"], name="one_completion_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.learner} completed {self.step_id}"
