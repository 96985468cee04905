"""The score outbox: scores are written with the progress they reflect, then delivered.

Writing
    :func:`record_lesson_completed` and :func:`record_step_completed` receive the hub's
    events *inside* the progress transaction and add a :class:`~lti_tool.models.Score` row
    for every gradebook column the learner's progress counts towards. The rows commit or roll
    back with the progress; delivery is queued only after the commit.

Delivering
    Scores of one learner on one line item form a *stream*, delivered oldest first and one at
    a time. :func:`claim` takes the newest undelivered score of a stream (older undelivered
    ones are marked superseded: the platform would ignore them after the newer one anyway)
    and marks it ``sending`` with a lease; :func:`deliver_stream` posts it and records the
    outcome. Transient failures (network, timeouts, 5xx, 429, 401 after one token refresh)
    put it back with exponential backoff; permanent ones (400, 403, 404...) mark it failed
    for an administrator to look at and retry. The periodic sweep (:func:`deliver_due`) does
    the same for many streams at once: :func:`claim_batch` claims 50 streams' scores in one
    transaction and :func:`mark_delivered_batch` records their successes in one statement.

Why nothing is lost and nothing is applied twice
    * A score is in the database before anything is sent, so a crash loses nothing.
    * A worker that dies after posting but before recording leaves the row ``sending``; when
      its lease runs out the row is due again. Its outcome is unknown, so before sending it
      again the tool reads the learner's result from the platform and, when the platform
      already shows this score, records it delivered without sending it again.
    * Where a score is sent twice anyway (the platform cannot show results, or it did not
      answer in time but acted on the request), the copy is harmless: the body is identical,
      timestamp included, and AGS platforms apply scores by timestamp: the same timestamp
      gives the same result, and an older one after a newer one is disregarded. Because a
      stream is sent strictly in timestamp order and never sends an older score after a newer
      one, the platform's result always ends at the newest score.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django_tasks import task

from lti_tool.models import LineItem, LtiUser, ResourceLink, Score
from lti_tool.registration.score_reporting import partial_grading
from lti_tool.services import ags
from lti_tool.services.errors import ServiceError

if TYPE_CHECKING:
    from hub.models import StepCompletion

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=90)
RETRY_BASE_SECONDS = 30
RETRY_CAP_SECONDS = 6 * 60 * 60
MAX_ATTEMPTS = 20
UNKNOWN_OUTCOME = "Outcome unknown: "


# --- What a learner's progress is worth -----------------------------------------------------
@dataclass(frozen=True)
class Grade:
    given: float
    maximum: float
    activity: str
    grading: str


def grade_for(user: LtiUser, link: ResourceLink, item: LineItem) -> Grade | None:
    """The score the learner's progress on the link's page is worth now (None: no progress).

    A lesson link scores full marks once the lesson is complete (nothing before). A step link
    scores the share of the step's lessons completed, scaled to the column's maximum:
    ``InProgress`` (graded as the registration's :func:`partial_grading` says) until every
    lesson is complete, then ``Completed``/``FullyGraded``.
    """
    from hub.models import LessonPage, LessonProgress, StepPage

    page = link.page.specific if link.page is not None else None
    if isinstance(page, LessonPage):
        done = LessonProgress.objects.filter(
            learner_id=user.learner_id, lesson=page, completed_at__isnull=False
        ).exists()
        if not done:
            return None
        maximum = item.score_maximum or 1.0
        return Grade(maximum, maximum, Score.Activity.COMPLETED, Score.Grading.FULLY_GRADED)
    if isinstance(page, StepPage):
        lesson_ids = list(page.lessons().values_list("pk", flat=True))
        if not lesson_ids:
            return None
        completed = LessonProgress.objects.filter(
            learner_id=user.learner_id, lesson_id__in=lesson_ids, completed_at__isnull=False
        ).count()
        if completed == 0:
            return None
        total = len(lesson_ids)
        maximum = item.score_maximum or float(total)
        given = round(maximum * completed / total, 6)
        if completed >= total:
            return Grade(maximum, maximum, Score.Activity.COMPLETED, Score.Grading.FULLY_GRADED)
        grading = partial_grading(link.deployment.registration)
        return Grade(given, maximum, Score.Activity.IN_PROGRESS, grading)
    return None


def _links_counting(user: LtiUser, page_ids: list[int]) -> list[ResourceLink]:
    """Links showing these pages in courses the user belongs to, on the user's platform."""
    return list(
        ResourceLink.objects.filter(
            deployment__registration_id=user.registration_id,
            page_id__in=page_ids,
            context__memberships__user=user,
        )
        .select_related("deployment__registration", "context", "page")
        .distinct()
        .order_by("pk")
    )


def write_score(user: LtiUser, item: LineItem, grade: Grade, reason: str) -> Score | None:
    """Add a score to the outbox (within the caller's transaction); queue it after commit.

    Skips a score identical to the stream's latest (nothing new to say). Older undelivered
    scores of the stream are superseded at once.
    """
    with transaction.atomic():
        stream = Score.objects.filter(user=user, line_item=item)
        latest = stream.exclude(status=Score.Status.SUPERSEDED).order_by("-timestamp").first()
        if (
            latest is not None
            and reason != "resync"
            and latest.status != Score.Status.FAILED
            and (latest.score_given, latest.score_maximum) == (grade.given, grade.maximum)
            and (latest.activity_progress, latest.grading_progress)
            == (grade.activity, grade.grading)
        ):
            return None
        now = timezone.now()
        newest = stream.aggregate(newest=Max("timestamp"))["newest"]
        if newest is not None and newest >= now:
            now = newest + timedelta(microseconds=1)
        score = Score.objects.create(
            registration_id=item.registration_id,
            line_item=item,
            user=user,
            score_given=grade.given,
            score_maximum=grade.maximum,
            activity_progress=grade.activity,
            grading_progress=grade.grading,
            timestamp=now,
            reason=reason[:100],
            next_attempt_at=now,
        )
        stream.filter(status__in=Score.WAITING, timestamp__lt=now).update(
            status=Score.Status.SUPERSEDED
        )
        user_id, item_id = user.pk, item.pk
        transaction.on_commit(lambda: enqueue_delivery(user_id, item_id))
    return score


def _record(learner, page_ids: list[int], reason: str) -> list[Score]:
    user = LtiUser.objects.filter(learner=learner).first()
    if user is None:
        return []  # a learner from the public site, not from an LMS
    written = []
    for link in _links_counting(user, page_ids):
        item = ags.line_item_for_link(link)
        if item is None:
            continue
        grade = grade_for(user, link, item)
        if grade is not None:
            score = write_score(user, item, grade, reason)
            if score is not None:
                written.append(score)
    return written


def record_lesson_completed(sender, learner, lesson, **kwargs) -> None:
    """Receiver of ``hub.events.lesson_completed``: scores for lesson and step links."""
    step = lesson.get_parent()
    _record(learner, [lesson.pk, *([step.pk] if step else [])], f"lesson {lesson.pk} completed")


def record_step_completed(sender, learner, step, **kwargs) -> None:
    """Receiver of ``hub.events.step_completed``: the final score for step links."""
    _record(learner, [step.pk], f"step {step.pk} completed")


def reconcile_step_scores(completion: StepCompletion) -> int:
    """Step reconciler (see :mod:`hub.events`): write the completion's missing step scores.

    For each graded link to the step in the learner's courses, a final (``Completed``) score
    is missing when no score of that stream, delivered or not, carries it. Returns how many
    it wrote; once written, a second run finds them and writes none.
    """
    user = LtiUser.objects.filter(learner_id=completion.learner_id).first()
    if user is None:
        return 0  # a learner from the public site: no gradebook
    written = 0
    for link in _links_counting(user, [completion.step_id]):
        item = ags.line_item_for_link(link)
        grade = grade_for(user, link, item) if item is not None else None
        if item is None or grade is None or grade.activity != Score.Activity.COMPLETED:
            continue
        recorded = Score.objects.filter(
            user=user,
            line_item=item,
            score_given=grade.given,
            score_maximum=grade.maximum,
            activity_progress=grade.activity,
            grading_progress=grade.grading,
        ).exists()
        if not recorded and write_score(user, item, grade, f"step {completion.step_id} reconciled"):
            written += 1
    return written


# --- Delivery ---------------------------------------------------------------------------
@task()
def deliver_scores(user_id: int, line_item_id: int) -> int:
    """Task: deliver one learner's due scores on one line item, oldest first."""
    return deliver_stream(user_id, line_item_id)


@task()
def deliver_due_scores(registration_id: int | None = None) -> int:
    """Task (queued by the scheduler): deliver every due score (all registrations, or one)."""
    return deliver_due(registration_id=registration_id)


def enqueue_delivery(user_id: int, line_item_id: int, run_after: datetime | None = None) -> None:
    """Queue the delivery task for one stream (deferred when the backend can defer)."""
    queued = deliver_scores
    if run_after is not None:
        if not queued.get_backend().supports_defer:
            return  # the periodic "deliver due scores" run picks it up
        queued = queued.using(run_after=run_after)
    try:
        queued.enqueue(user_id, line_item_id)
    except Exception:  # the row is safe in the outbox; the periodic run will send it
        logger.exception("Could not queue score delivery for stream %s/%s", user_id, line_item_id)


def backoff(attempts: int) -> timedelta:
    base = getattr(settings, "LTI_SCORE_RETRY_BASE_SECONDS", RETRY_BASE_SECONDS)
    seconds = min(base * 2 ** max(attempts - 1, 0), RETRY_CAP_SECONDS)
    return timedelta(seconds=seconds * random.uniform(0.9, 1.1))


def _claim_decision(rows: list[Score], delivered_newest: datetime | None, now: datetime):
    """What :func:`claim` decides for one stream's undelivered rows (oldest first).

    Returns ``(superseded_pks, to_send)``; ``to_send`` is None when nothing is sent now.
    Kept in one place so the one-stream and the batch claims cannot drift apart.
    """
    if not rows or any(
        r.status == Score.Status.SENDING and r.lease_until and r.lease_until > now for r in rows
    ):
        return [], None  # nothing to do, or another worker is sending
    newest = rows[-1]
    superseded = [r.pk for r in rows[:-1]]
    if delivered_newest is not None and newest.timestamp < delivered_newest:
        return [*superseded, newest.pk], None
    if newest.status == Score.Status.PENDING and newest.next_attempt_at > now:
        return superseded, None
    return superseded, newest


def claim(user_id: int, line_item_id: int, now: datetime | None = None) -> Score | None:
    """Take the stream's newest due score for sending, superseding older undelivered ones."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(
            Score.objects.select_for_update()
            .filter(user_id=user_id, line_item_id=line_item_id, status__in=Score.UNDELIVERED)
            .order_by("timestamp")
        )
        if not rows:
            return None
        delivered = Score.objects.filter(
            user_id=user_id, line_item_id=line_item_id, status=Score.Status.DELIVERED
        ).aggregate(newest=Max("timestamp"))["newest"]
        superseded, newest = _claim_decision(rows, delivered, now)
        if superseded:
            Score.objects.filter(pk__in=superseded).update(status=Score.Status.SUPERSEDED)
        if newest is None:
            return None
        if newest.status == Score.Status.SENDING:
            # Its sender's lease ran out: it may or may not have reached the platform.
            newest.last_error = UNKNOWN_OUTCOME + "the sender stopped before recording."
        newest.status = Score.Status.SENDING
        newest.attempts += 1
        newest.last_attempt_at = now
        newest.lease_until = now + LEASE
        newest.save(
            update_fields=["status", "attempts", "last_attempt_at", "lease_until", "last_error"]
        )
    return newest


def mark_delivered(score: Score, note: str = "") -> None:
    """Record a successful send (only if this attempt still holds the row)."""
    Score.objects.filter(pk=score.pk, status=Score.Status.SENDING, attempts=score.attempts).update(
        status=Score.Status.DELIVERED,
        delivered_at=timezone.now(),
        lease_until=None,
        last_error=note,
    )


def _mark_failed_attempt(score: Score, error: ServiceError | Exception) -> None:
    unknown = score.last_error.startswith(UNKNOWN_OUTCOME) or getattr(error, "ambiguous", False)
    message = f"{UNKNOWN_OUTCOME if unknown else ''}{error}"[:2000]
    retryable = getattr(error, "retryable", True)
    held = Score.objects.filter(pk=score.pk, status=Score.Status.SENDING, attempts=score.attempts)
    if not retryable or score.attempts >= MAX_ATTEMPTS:
        held.update(status=Score.Status.FAILED, lease_until=None, last_error=message)
        return
    next_at = timezone.now() + backoff(score.attempts)
    if held.update(
        status=Score.Status.PENDING, lease_until=None, last_error=message, next_attempt_at=next_at
    ):
        enqueue_delivery(score.user_id, score.line_item_id, run_after=next_at)


def _already_applied(score: Score) -> bool:
    """Whether the platform's result already shows this score (after an unknown outcome)."""
    result = ags.platform_result(score)
    return result is not None and abs(result - score.score_given / score.score_maximum) < 1e-6


def send(score: Score) -> bool:
    """Post a claimed score and record the outcome. True when it is delivered."""
    if score.last_error.startswith(UNKNOWN_OUTCOME) and _already_applied(score):
        mark_delivered(score, "Found on the platform after an unknown outcome; not sent again.")
        return True
    try:
        ags.post_score(score)
    except ServiceError as error:
        logger.warning("Score %s not delivered (attempt %s): %s", score.pk, score.attempts, error)
        _mark_failed_attempt(score, error)
        return False
    mark_delivered(score)
    return True


def deliver_stream(
    user_id: int, line_item_id: int, limit: int = 50, now: datetime | None = None
) -> int:
    """Deliver the stream's due scores in timestamp order; returns how many were delivered.

    No transaction is open while a score is posted: :func:`claim` commits before the HTTP
    call and the outcome is recorded afterwards in a single-statement update, so the
    database's write lock (SQLite has one for the whole file) is never held across the
    network.
    """
    delivered = 0
    for _ in range(limit):
        score = claim(user_id, line_item_id, now)
        if score is None:
            break
        score = Score.objects.select_related("line_item", "user", "registration").get(pk=score.pk)
        if not send(score):
            break
        delivered += 1
    return delivered


# --- Sweeps: many streams, few commits ---------------------------------------------------
BATCH_STREAMS = 50
SWEEP_ROUNDS = 50  # like deliver_stream's limit: a stream gets at most this many in a sweep


def claim_batch(streams: list[tuple[int, int]], now: datetime) -> list[Score]:
    """Claim the newest due score of each stream in one transaction (one commit in all).

    Applies :func:`claim`'s rules to every stream: older undelivered scores are superseded,
    a stream whose score another worker holds under a live lease is left alone, and a score
    whose sender's lease ran out is marked as having an unknown outcome. Each claimed row
    gets ``sending``, one more attempt and the same lease, so a worker that dies after this
    commit leaves rows that the next sweep takes over once the lease has run out.
    """
    wanted = set(streams)
    users = {u for u, _ in wanted}
    items = {i for _, i in wanted}
    with transaction.atomic():
        rows = [
            r
            for r in Score.objects.select_for_update()
            .filter(user_id__in=users, line_item_id__in=items, status__in=Score.UNDELIVERED)
            .order_by("timestamp")
            if (r.user_id, r.line_item_id) in wanted
        ]
        delivered = {
            (d["user_id"], d["line_item_id"]): d["newest"]
            for d in Score.objects.filter(
                user_id__in=users, line_item_id__in=items, status=Score.Status.DELIVERED
            )
            .values("user_id", "line_item_id")
            .annotate(newest=Max("timestamp"))
            .order_by()
        }
        by_stream: dict[tuple[int, int], list[Score]] = {}
        for row in rows:
            by_stream.setdefault((row.user_id, row.line_item_id), []).append(row)
        superseded: list[int] = []
        fresh: list[int] = []
        taken_over: list[int] = []
        for stream, stream_rows in by_stream.items():
            older, newest = _claim_decision(stream_rows, delivered.get(stream), now)
            superseded.extend(older)
            if newest is None:
                continue
            if newest.status == Score.Status.SENDING:
                taken_over.append(newest.pk)
            else:
                fresh.append(newest.pk)
        if superseded:
            Score.objects.filter(pk__in=superseded).update(status=Score.Status.SUPERSEDED)
        if not fresh and not taken_over:
            return []
        common = {
            "status": Score.Status.SENDING,
            "attempts": F("attempts") + 1,
            "last_attempt_at": now,
            "lease_until": now + LEASE,
        }
        if fresh:
            Score.objects.filter(pk__in=fresh).update(**common)
        if taken_over:
            # Their senders' leases ran out: they may or may not have reached the platform.
            Score.objects.filter(pk__in=taken_over).update(
                **common, last_error=UNKNOWN_OUTCOME + "the sender stopped before recording."
            )
        return list(
            Score.objects.select_related("line_item", "user", "registration")
            .filter(pk__in=[*fresh, *taken_over])
            .order_by("timestamp")
        )


def _held(scores: list[Score]) -> Q:
    """Rows still held by these attempts (the batch form of ``pk=..., attempts=...``)."""
    condition = Q(pk__in=[])
    for score in scores:
        condition |= Q(pk=score.pk, attempts=score.attempts)
    return condition


def mark_delivered_batch(scores: list[Score]) -> int:
    """Record a batch of successful sends in one statement (rows this attempt still holds)."""
    if not scores:
        return 0
    return Score.objects.filter(_held(scores), status=Score.Status.SENDING).update(
        status=Score.Status.DELIVERED, delivered_at=timezone.now(), lease_until=None, last_error=""
    )


def release_batch(scores: list[Score]) -> None:
    """Give back claimed scores that were not sent (their attempt is not counted)."""
    if scores:
        Score.objects.filter(_held(scores), status=Score.Status.SENDING).update(
            status=Score.Status.PENDING, attempts=F("attempts") - 1, lease_until=None
        )


def _send_claimed(score: Score, delivered: list[Score]) -> bool:
    """Send one claimed score of a batch; a plain success joins ``delivered`` for recording."""
    if score.last_error.startswith(UNKNOWN_OUTCOME):
        return send(score)  # rare: check the platform first, record on its own
    try:
        ags.post_score(score)
    except ServiceError as error:
        logger.warning("Score %s not delivered (attempt %s): %s", score.pk, score.attempts, error)
        _mark_failed_attempt(score, error)
        return False
    delivered.append(score)
    return True


def deliver_batch(streams: list[tuple[int, int]], now: datetime) -> tuple[int, set]:
    """Claim, send and record one batch of streams: two commits for the whole batch.

    Returns how many were delivered and the streams that were. Scores are posted one after
    another on this thread's pooled connection, with no transaction open. The sends stop
    well inside the lease (:data:`LEASE`), and whatever was not sent by then is given back,
    so a slow platform can never let a second worker take over a score this one is sending.
    """
    claimed = claim_batch(streams, now)
    deadline = time.monotonic() + LEASE.total_seconds() / 3
    delivered: list[Score] = []
    done: set[tuple[int, int]] = set()
    count = 0
    try:
        for index, score in enumerate(claimed):
            if time.monotonic() >= deadline:
                release_batch(claimed[index:])
                break
            if _send_claimed(score, delivered):
                count += 1
                done.add((score.user_id, score.line_item_id))
    finally:
        mark_delivered_batch(delivered)
    return count, done


def due_streams(now: datetime | None = None, registration_id: int | None = None):
    rows = Score.objects.due(now)
    if registration_id is not None:
        rows = rows.filter(registration_id=registration_id)
    return rows.values_list("user_id", "line_item_id").distinct().order_by()


def deliver_due(now: datetime | None = None, registration_id: int | None = None) -> int:
    """Deliver every stream with a due score (the periodic safety net), in batches.

    Streams are claimed :data:`BATCH_STREAMS` at a time (one commit), sent, and recorded (one
    statement), so a sweep of a thousand scores costs a few dozen commits instead of three
    per score. A stream that delivered may have a newer score by then; it is looked at again,
    up to :data:`SWEEP_ROUNDS` times. A stream that failed waits for its backoff.
    """
    total = 0
    streams = list(due_streams(now, registration_id))
    for _ in range(SWEEP_ROUNDS):
        if not streams:
            break
        done: set[tuple[int, int]] = set()
        for start in range(0, len(streams), BATCH_STREAMS):
            # The clock is read per batch: a lease taken late in a long sweep must still run
            # a full LEASE from its own claim, not from the start of the sweep.
            batch = streams[start : start + BATCH_STREAMS]
            count, batch_done = deliver_batch(batch, now or timezone.now())
            total += count
            done |= batch_done
        streams = [s for s in due_streams(now, registration_id) if s in done]
    return total


def retry_now(scores) -> int:
    """Make failed or waiting scores due at once (the admin's "retry now")."""
    count = scores.filter(status__in=Score.WAITING).update(
        status=Score.Status.PENDING, next_attempt_at=timezone.now(), attempts=0
    )
    for user_id, item_id in (
        scores.filter(status=Score.Status.PENDING).values_list("user_id", "line_item_id").distinct()
    ):
        enqueue_delivery(user_id, item_id)
    return count


def resync_context(context) -> int:
    """Write a fresh score for every learner with progress on every column of a context.

    Fresh timestamps make them supersede anything undelivered; the platform ends up showing
    what the tool knows now. Returns how many scores were queued.
    """
    count = 0
    for link in ResourceLink.objects.filter(context=context).select_related(
        "deployment__registration", "context"
    ):
        ags.line_item_for_link(link)
    items = LineItem.objects.filter(
        context=context, deleted_at__isnull=True, resource_link__isnull=False
    ).select_related("resource_link__page", "resource_link__deployment__registration")
    users = LtiUser.objects.filter(memberships__context=context).distinct().order_by("pk")
    for item in items:
        item_link = item.resource_link
        assert item_link is not None  # the query keeps only columns made for a link
        for user in users:
            grade = grade_for(user, item_link, item)
            if grade is None:
                continue
            with transaction.atomic():
                if write_score(user, item, grade, "resync") is not None:
                    count += 1
    return count
