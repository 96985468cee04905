"""Assessors' decisions on applications, the credential issued on acceptance, and the
suspension and reinstatement of accreditations. Every one is in the audit trail.

An accreditation that needs N assessors is issued when N different assessors accepted the
same submission (a unique constraint lets each assessor decide once per submission). Each
decision locks the application's row first, so two assessors accepting at once are counted
one after the other and the credential is issued once (the conditional status change and
the badges' own unique constraint make sure of it too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from badges import recipients
from badges.issuing import SuspensionError, award, reinstate, suspend
from badges.models import AwardRule, Credential
from pathway import audit, referees
from pathway.evidence import public_evidence
from pathway.models import (
    Application,
    ApplicationKind,
    ApplicationStatus,
    AuditEntry,
    Decision,
    Review,
)

ASSESSORS_GROUP = "Assessors"
ASSESSORS_PURPOSE = (
    "awards accreditations (mentor, coach, facilitator), reviews the applications for them, "
    "and suspends and reinstates them"
)
#: The permission to work the review queue; ``setup_pathway`` grants it to the Assessors.
REVIEW_PERMISSION = "pathway.review_application"


class ReviewRefused(ValueError):
    """The decision cannot be made; the message is fit to show the assessor."""


def may_review(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "has_perm", lambda _: False)(REVIEW_PERMISSION))


def review_queue() -> QuerySet[Application]:
    """Submitted applications, oldest submission first."""
    return (
        Application.objects.filter(status=ApplicationStatus.SUBMITTED)
        .select_related("learner", "requirement__achievement")
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class Outcome:
    review: Review
    status: str
    accepted_by: int  # different assessors who accepted this submission
    credential: Credential | None


_ACTIONS = {
    Decision.ACCEPT: AuditEntry.Action.ACCEPTED,
    Decision.MORE: AuditEntry.Action.MORE_ASKED,
    Decision.DECLINE: AuditEntry.Action.DECLINED,
}


def decide(
    application: Application,
    assessor: Any,
    decision: str,
    feedback: str,
    now: datetime | None = None,
) -> Outcome:
    """Record an assessor's decision on the application's current submission."""
    now = now or timezone.now()
    if not may_review(assessor):
        raise ReviewRefused("Only assessors can decide on applications.")
    if decision not in Decision.values:
        raise ReviewRefused("Choose accept, ask for more evidence, or decline.")
    feedback = feedback.strip()
    if not feedback:
        raise ReviewRefused("Write feedback for the applicant: they read it with the decision.")
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("requirement__achievement__issuer", "learner")
            .get(pk=application.pk)
        )
        if locked.status != ApplicationStatus.SUBMITTED:
            raise ReviewRefused("This application is not waiting for a decision.")
        if decision == Decision.ACCEPT:
            answer = referees.latest_answer(locked)
            if answer is None or not answer.confirms:
                raise ReviewRefused(
                    "The referee has not confirmed the practice yet: you can ask for more "
                    "evidence or decline, but not accept."
                )
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    application=locked,
                    round=locked.round,
                    assessor=assessor,
                    decision=decision,
                    feedback=feedback[:5000],
                    created_at=now,
                )
        except IntegrityError:
            raise ReviewRefused("You have already decided on this submission.") from None
        audit.record(
            _ACTIONS[Decision(decision)],
            application=locked,
            actor=assessor,
            detail=feedback,
            now=now,
        )
        accepted_by = locked.reviews.filter(round=locked.round, decision=Decision.ACCEPT).count()
        credential = None
        if decision == Decision.ACCEPT:
            if accepted_by >= locked.requirement.assessors_required:
                credential = _accept(locked, assessor, accepted_by, now)
        else:
            status = (
                ApplicationStatus.MORE_ASKED
                if decision == Decision.MORE
                else ApplicationStatus.DECLINED
            )
            Application.objects.filter(pk=locked.pk, status=ApplicationStatus.SUBMITTED).update(
                status=status, decided_at=now
            )
        locked.refresh_from_db()
    _tell_applicant(locked)
    return Outcome(review, locked.status, accepted_by, credential)


def _accept(
    application: Application, assessor: Any, accepted_by: int, now: datetime
) -> Credential | None:
    """Issue the credential (once) and close the application as accepted."""
    moved = Application.objects.filter(
        pk=application.pk, status=ApplicationStatus.SUBMITTED
    ).update(status=ApplicationStatus.ACCEPTED, decided_at=now)
    if not moved:
        return None
    if application.kind == ApplicationKind.RENEWAL and application.renews_id:
        Credential.objects.filter(pk=application.renews_id, superseded_at__isnull=True).update(
            superseded_at=now
        )
    result = award(
        application.learner,
        application.requirement.achievement,
        awarded_by=assessor,
        now=now,
        evidence=public_evidence(application, accepted_by),
        suspendable=True,
    )
    Application.objects.filter(pk=application.pk).update(credential=result.credential)
    audit.record(
        AuditEntry.Action.ISSUED,
        application=application,
        credential=result.credential,
        actor=assessor,
        detail=f"Accepted by {accepted_by} assessor(s); valid until "
        f"{result.credential.valid_until:%d %B %Y}."
        if result.credential.valid_until
        else f"Accepted by {accepted_by} assessor(s).",
        now=now,
    )
    return result.credential


def _tell_applicant(application: Application) -> None:
    """An email that a decision is waiting in the course (when the learner's email is known)."""
    if application.status == ApplicationStatus.SUBMITTED:
        return
    email = recipients.emails_for([application.learner]).get(application.learner_id)
    if not email:
        return
    name = application.requirement.achievement.name
    transaction.on_commit(
        lambda: send_mail(
            f"Your application: {name}",
            f"There is a decision on your application for “{name}”: "
            f"{application.get_status_display()}. Open the programme in your course and "
            "choose “Accreditation” to read the assessors' feedback.\n",
            None,
            [email],
        )
    )


def accreditation_credentials() -> QuerySet[Credential]:
    """Current accreditation credentials, for the assessors' suspension page."""
    return (
        Credential.objects.current()
        .filter(achievement__award_rule=AwardRule.ASSESSOR)
        .select_related("achievement", "learner")
        .order_by("-issued_at")
    )


def suspend_accreditation(
    credential: Credential, assessor: Any, reason: str, now: datetime | None = None
) -> Credential:
    """Suspend an accreditation (its suspension status bit is set), audited."""
    now = now or timezone.now()
    if not may_review(assessor):
        raise ReviewRefused("Only assessors can suspend accreditations.")
    if credential.is_revoked:
        raise ReviewRefused("This accreditation was revoked; it cannot be suspended.")
    if credential.is_suspended:
        raise ReviewRefused("This accreditation is already suspended.")
    try:
        with transaction.atomic():
            suspend(credential, reason, now)
            audit.record(
                AuditEntry.Action.SUSPENDED,
                credential=credential,
                actor=assessor,
                detail=reason.strip(),
                now=now,
            )
    except SuspensionError as error:
        raise ReviewRefused(_plain(error)) from None
    return credential


def reinstate_accreditation(
    credential: Credential, assessor: Any, reason: str, now: datetime | None = None
) -> Credential:
    """Lift a suspension, with the reason, audited."""
    now = now or timezone.now()
    if not may_review(assessor):
        raise ReviewRefused("Only assessors can reinstate accreditations.")
    if not reason.strip():
        raise ReviewRefused("Give the reason for reinstating.")
    try:
        with transaction.atomic():
            reinstate(credential)
            audit.record(
                AuditEntry.Action.REINSTATED,
                credential=credential,
                actor=assessor,
                detail=reason.strip(),
                now=now,
            )
    except SuspensionError as error:
        raise ReviewRefused(_plain(error)) from None
    return credential


def _plain(error: Exception) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + "."
