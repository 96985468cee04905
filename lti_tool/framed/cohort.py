"""The cohort overview: who in a course has done what, for tutors and mentors.

Only the context's own learners appear, and of their reflections only those they chose to
share. Who may see the overview at all is decided by :func:`may_view_cohort`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from hub.models import (
    LessonPage,
    LessonProgress,
    ProgressStatus,
    Reflection,
    StepCompletion,
    StepPage,
)
from hub.wording import moment_in_words
from lti_tool import roles as role_vocabulary
from lti_tool.models import Membership, RosterSync, Score

STATUS_LABELS = dict(ProgressStatus.choices)
FILTERS = {
    "": "All current learners",
    ProgressStatus.NOT_STARTED: ProgressStatus.NOT_STARTED.label,
    ProgressStatus.IN_PROGRESS: ProgressStatus.IN_PROGRESS.label,
    ProgressStatus.COMPLETE: "Completed the step",
    "inactive": "Left the course",
}


def may_view_cohort(context_id: int | None, lti_user_id: int, launch_roles: list[str]) -> bool:
    """Tutors (instructors, teaching assistants, administrators) and mentors of this context.

    Both the launch's roles and the membership the tool holds (kept current by roster syncs)
    must say so, and the membership must be active: a mentor of another course, or someone
    who has left this one, sees nothing.
    """
    if context_id is None:
        return False
    if not (role_vocabulary.is_staff(launch_roles) or role_vocabulary.is_mentor(launch_roles)):
        return False
    membership = Membership.objects.filter(
        context_id=context_id, user_id=lti_user_id, status=Membership.Status.ACTIVE
    ).first()
    return membership is not None and (membership.is_staff or membership.is_mentor)


@dataclass
class LearnerRow:
    name: str
    statuses: list[ProgressStatus]
    completed: int
    last_activity: datetime | None
    shared_reflections: list[Reflection] = field(default_factory=list)
    step_status: ProgressStatus = ProgressStatus.NOT_STARTED
    active: bool = True

    @property
    def step_status_label(self) -> str:
        return STATUS_LABELS[self.step_status]

    @property
    def cells(self) -> list[tuple[str, str]]:
        return [(status, STATUS_LABELS[status]) for status in self.statuses]


@dataclass
class Bar:
    """One bar of the completion chart. The chart is HTML text beside a drawn bar, so the
    full lesson name wraps at any width and the figures are dark text on white."""

    label: str
    count: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


@dataclass
class CohortOverview:
    lessons: list[LessonPage]
    rows: list[LearnerRow]
    status_filter: str = ""
    all_rows: list[LearnerRow] = field(default_factory=list)

    @property
    def current(self) -> list[LearnerRow]:
        return [r for r in self.all_rows if r.active]

    @property
    def with_reflections(self) -> list[LearnerRow]:
        return [r for r in self.rows if r.shared_reflections]

    @property
    def completed_counts(self) -> list[int]:
        """How many current learners completed each lesson, in lesson order."""
        return [
            sum(1 for r in self.current if r.statuses[i] == ProgressStatus.COMPLETE)
            for i in range(len(self.lessons))
        ]

    @property
    def bars(self) -> list[Bar]:
        """The chart's data: learners who completed each lesson, then the whole step."""
        total = len(self.current)
        bars = [
            Bar(lesson.title, count, total)
            for lesson, count in zip(self.lessons, self.completed_counts, strict=True)
        ]
        bars.append(
            Bar(
                "Whole step",
                sum(1 for r in self.current if r.step_status == ProgressStatus.COMPLETE),
                total,
            )
        )
        return bars

    @property
    def status_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for row in self.current:
            counts[row.step_status] += 1
        return counts

    @property
    def status_summary(self) -> list[tuple[str, int]]:
        """How many current learners are in each state of the step, by the state's label."""
        return [(STATUS_LABELS[state], count) for state, count in self.status_counts.items()]


def cohort_overview(
    context_id: int | None, step: StepPage | None, status_filter: str = ""
) -> CohortOverview:
    """Learners (not tutors or mentors) of the context, with their status in each lesson."""
    status_filter = status_filter if status_filter in FILTERS else ""
    lessons = list(step.lessons()) if step else []
    if context_id is None:
        return CohortOverview(lessons, [], status_filter)
    memberships = [
        m
        for m in Membership.objects.filter(context_id=context_id)
        .select_related("user__learner")
        .order_by("user__name", "pk")
        if not m.is_staff and not m.is_mentor
    ]
    learners = [m.user.learner for m in memberships]
    records = LessonProgress.objects.filter(learner__in=learners, lesson__in=lessons)
    by_learner: dict[int, dict[int, LessonProgress]] = {}
    for record in records:
        by_learner.setdefault(record.learner_id, {})[record.lesson_id] = record
    activity = {
        r.learner_id: r.last_seen_at
        for r in LessonProgress.objects.filter(learner__in=learners).order_by("last_seen_at")
    }
    completed_step = set(
        StepCompletion.objects.filter(learner__in=learners, step=step).values_list(
            "learner_id", flat=True
        )
        if step
        else []
    )
    shared = Reflection.objects.filter(
        learner__in=learners, lesson__in=lessons, shared_with_mentors=True
    ).order_by("updated_at")
    shared_by: dict[int, list[Reflection]] = {}
    for reflection in shared:
        shared_by.setdefault(reflection.learner_id, []).append(reflection)
    rows = []
    for membership, learner in zip(memberships, learners, strict=True):
        mine = by_learner.get(learner.pk, {})
        statuses = [ProgressStatus.of(mine.get(lesson.pk)) for lesson in lessons]
        step_status = ProgressStatus.of_step(statuses, learner.pk in completed_step)
        rows.append(
            LearnerRow(
                membership.user.name or str(learner),
                statuses,
                statuses.count(ProgressStatus.COMPLETE),
                activity.get(learner.pk),
                shared_by.get(learner.pk, []),
                step_status,
                membership.status == Membership.Status.ACTIVE,
            )
        )
    if status_filter == "inactive":
        shown = [r for r in rows if not r.active]
    else:
        shown = [r for r in rows if r.active and status_filter in ("", r.step_status)]
    return CohortOverview(lessons, shown, status_filter, rows)


def _cell(value: object) -> str:
    """A CSV cell that spreadsheets will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def cohort_csv(overview: CohortOverview) -> str:
    """The overview's rows (as filtered) as CSV: one line per learner.

    Times come twice: ISO 8601 for spreadsheets and scripts to sort and parse, and in words
    beside it ("29 November 2026 at 2:05pm GMT") for the people who read the sheet.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Learner",
            "Step status",
            "Lessons completed",
            "Lessons",
            *[lesson.title for lesson in overview.lessons],
            "Last activity",
            "Last activity (in words)",
            "Shared reflections",
            "In the course",
        ]
    )
    for row in overview.rows:
        writer.writerow(
            [
                _cell(row.name),
                row.step_status_label,
                row.completed,
                len(overview.lessons),
                *[STATUS_LABELS[s] for s in row.statuses],
                row.last_activity.isoformat(timespec="minutes") if row.last_activity else "",
                moment_in_words(row.last_activity) if row.last_activity else "",
                len(row.shared_reflections),
                "yes" if row.active else "no",
            ]
        )
    return out.getvalue()


#: A sync still queued after this long is probably waiting for a worker that is not running:
#: the page says so (the scheduler queues it again after ``nrps.RECENT``).
QUEUED_FOR_LONG = timedelta(minutes=2)


@dataclass(frozen=True)
class SyncStage:
    """One stage of the roster sync shown as a list: queued, reading, finished."""

    label: str
    state: str  # "done" | "current" | "to do" | "failed"


@dataclass
class SyncState:
    roster: RosterSync | None
    scores_waiting: int
    scores_failed: int
    now: datetime | None = None

    @property
    def running(self) -> bool:
        return self.roster is not None and self.roster.status in (
            RosterSync.Status.QUEUED,
            RosterSync.Status.RUNNING,
        )

    @property
    def busy(self) -> bool:
        """Whether the page should keep its status up to date (a sync or scores in flight)."""
        return self.running or self.scores_waiting > 0

    @property
    def stages(self) -> list[SyncStage]:
        """Where the latest sync has got, stage by stage, so a tutor sees it move on from
        "queued" rather than one sentence that may not change for a while."""
        if self.roster is None:
            return []
        order: list[str] = [
            RosterSync.Status.QUEUED,
            RosterSync.Status.RUNNING,
            RosterSync.Status.DONE,
        ]
        status = self.roster.status
        reached = order.index(status) if status in order else len(order) - 1
        finished = "Failed" if status == RosterSync.Status.FAILED else "Finished"
        labels = ["Queued", "Reading the roster from your learning platform", finished]
        stages = []
        for index, label in enumerate(labels):
            if status == RosterSync.Status.FAILED and index == len(labels) - 1:
                state = "failed"
            elif index < reached or status == RosterSync.Status.DONE:
                state = "done"
            elif index == reached:
                state = "current"
            else:
                state = "to do"
            stages.append(SyncStage(label, state))
        return stages

    @property
    def queued_for_long(self) -> bool:
        """A sync that has sat in the queue for a while: the page says why it may wait."""
        if self.roster is None or self.roster.status != RosterSync.Status.QUEUED:
            return False
        now = self.now or timezone.now()
        return self.roster.updated_at < now - QUEUED_FOR_LONG


def sync_state(context_id: int | None, now: datetime | None = None) -> SyncState:
    """The roster sync and gradebook delivery state of a context, for the cohort page."""
    if context_id is None:
        return SyncState(None, 0, 0, now)
    scores = Score.objects.filter(line_item__context_id=context_id)
    return SyncState(
        RosterSync.objects.filter(context_id=context_id).first(),
        scores.filter(status__in=[Score.Status.PENDING, Score.Status.SENDING]).count(),
        scores.filter(status=Score.Status.FAILED).count(),
        now,
    )
