"""Applying for an accreditation (or renewing one): drafts, checks and submission.

A draft keeps whatever the applicant typed, even what is not valid yet, so nothing is lost
when a submission is refused; :func:`problems` lists what stops it being submitted, each
with the id of the field to fix (the page links the error summary to them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from badges.models import Credential
from hub.models import Learner, Reflection
from pathway import audit, referees
from pathway.eligibility import eligibility
from pathway.models import (
    OPEN_STATUSES,
    Application,
    ApplicationKind,
    ApplicationStatus,
    AuditEntry,
    Requirement,
)

RENEWAL_STATEMENT = "renewal"
MAX_LOG_ROWS = 50
MAX_TEXT = 5000


class ApplicationRefused(ValueError):
    """The applicant may not do this; the message is fit to show them."""


@dataclass
class Draft:
    """What the applicant's form holds, as typed."""

    statements: dict[str, str] = field(default_factory=dict)
    practice_log: list[dict[str, str]] = field(default_factory=list)
    reflection_ids: list[int] = field(default_factory=list)
    referee_name: str = ""
    referee_email: str = ""


@dataclass(frozen=True)
class Problem:
    field_id: str
    message: str


def open_application(learner: Learner, requirement: Requirement) -> Application | None:
    return Application.objects.filter(
        learner=learner, requirement=requirement, status__in=OPEN_STATUSES
    ).first()


def current_credential(learner: Learner, requirement: Requirement) -> Credential | None:
    """The learner's current (not superseded) credential for this accreditation."""
    return (
        Credential.objects.current()
        .filter(learner=learner, achievement_id=requirement.achievement_id)
        .first()
    )


def renewal_opens(credential: Credential, requirement: Requirement) -> datetime | None:
    if credential.valid_until is None:
        return None
    return credential.valid_until - timedelta(days=requirement.renewal_window_days)


def _create(learner: Learner, requirement: Requirement, **fields: object) -> Application:
    try:
        with transaction.atomic():
            return Application.objects.create(learner=learner, requirement=requirement, **fields)
    except IntegrityError:
        # Another request opened one first (the constraint allows one open application).
        existing = open_application(learner, requirement)
        if existing is None:
            raise
        return existing


def start_application(learner: Learner, requirement: Requirement) -> Application:
    """The learner's open application for this accreditation, or a new draft if eligible."""
    existing = open_application(learner, requirement)
    if existing is not None:
        return existing
    held = current_credential(learner, requirement)
    if held is not None:
        raise ApplicationRefused(
            f"You already hold “{requirement.achievement.name}”. "
            "You can renew it when its renewal window opens."
        )
    found = eligibility(learner, requirement)
    if not found.eligible:
        raise ApplicationRefused("You cannot apply yet. " + " ".join(found.reasons))
    return _create(learner, requirement)


def start_renewal(
    learner: Learner, requirement: Requirement, now: datetime | None = None
) -> Application:
    """The learner's open renewal, or a new one when their credential's window is open."""
    now = now or timezone.now()
    existing = open_application(learner, requirement)
    if existing is not None:
        return existing
    held = current_credential(learner, requirement)
    if held is None or held.is_revoked:
        raise ApplicationRefused("You hold no current accreditation of this kind to renew.")
    if held.is_suspended:
        raise ApplicationRefused(
            "Your accreditation is suspended: it can be renewed once an assessor reinstates it."
        )
    opens = renewal_opens(held, requirement)
    if opens is None:
        raise ApplicationRefused("This accreditation does not expire, so it needs no renewal.")
    if now < opens:
        raise ApplicationRefused(
            f"Renewal opens on {opens:%d %B %Y}, {requirement.renewal_window_days} days "
            "before your accreditation expires."
        )
    return _create(learner, requirement, kind=ApplicationKind.RENEWAL, renews=held)


def save_draft(application: Application, draft: Draft) -> Application:
    """Keep what the applicant typed (only while the application is theirs to change)."""
    if not application.editable:
        raise ApplicationRefused("This application has been submitted and cannot be changed.")
    own = set(
        Reflection.objects.filter(
            learner_id=application.learner_id, pk__in=draft.reflection_ids
        ).values_list("pk", flat=True)
    )
    if set(draft.reflection_ids) - own:
        raise ApplicationRefused("You can only add your own reflections.")
    application.statements = {k: v[:MAX_TEXT] for k, v in draft.statements.items()}
    application.practice_log = [
        {"date": row.get("date", "")[:10], "activity": row.get("activity", "")[:1000]}
        for row in draft.practice_log[:MAX_LOG_ROWS]
    ]
    application.referee_name = draft.referee_name[:150]
    application.referee_email = draft.referee_email[:254]
    application.save()
    application.reflections.set(sorted(own))
    return application


def problems(application: Application, today: date | None = None) -> list[Problem]:
    """What stops the application being submitted, in the order of the form."""
    today = today or timezone.localdate()
    found: list[Problem] = []
    requirement = application.requirement
    if application.kind == ApplicationKind.RENEWAL:
        if not application.statements.get(RENEWAL_STATEMENT, "").strip():
            found.append(
                Problem("statement-renewal", "Describe how your practice has continued since.")
            )
    else:
        for criterion in requirement.criteria.all():
            if not application.statements.get(str(criterion.pk), "").strip():
                found.append(
                    Problem(
                        f"statement-{criterion.pk}",
                        f"Write your statement for “{criterion.title}”.",
                    )
                )
    rows = application.practice_log
    for number, row in enumerate(rows, start=1):
        try:
            when = date.fromisoformat(row.get("date", ""))
        except ValueError:
            found.append(
                Problem(f"log-date-{number}", f"Practice log entry {number}: enter a real date.")
            )
        else:
            if when > today:
                found.append(
                    Problem(
                        f"log-date-{number}",
                        f"Practice log entry {number}: the date must not be in the future.",
                    )
                )
        if not row.get("activity", "").strip():
            found.append(
                Problem(
                    f"log-activity-{number}",
                    f"Practice log entry {number}: say what you did.",
                )
            )
    if len(rows) < requirement.minimum_practice_entries:
        found.append(
            Problem(
                "log-add",
                f"Add at least {requirement.minimum_practice_entries} practice log entries "
                f"(you have {len(rows)}).",
            )
        )
    if not application.referee_name.strip():
        found.append(Problem("referee-name", "Enter your referee's name."))
    try:
        validate_email(application.referee_email)
    except ValidationError:
        found.append(
            Problem("referee-email", "Enter your referee's email address, like name@example.org.")
        )
    return found


def submit(application: Application, now: datetime | None = None) -> list[Problem]:
    """Submit the saved draft if it is complete; otherwise return its problems (the draft
    stays as it was saved). A submission asks the referee, unless they already answered
    for this application."""
    now = now or timezone.now()
    if not application.editable:
        raise ApplicationRefused("This application has already been submitted.")
    found = problems(application, timezone.localdate(now))
    if found:
        return found
    with transaction.atomic():
        updated = Application.objects.filter(
            pk=application.pk, status__in=[ApplicationStatus.DRAFT, ApplicationStatus.MORE_ASKED]
        ).update(status=ApplicationStatus.SUBMITTED, submitted_at=now, round=application.round + 1)
        if not updated:
            raise ApplicationRefused("This application has already been submitted.")
        application.refresh_from_db()
        answered = referees.latest_answer(application)
        if answered is None or answered.referee_email != application.referee_email:
            referees.request_reference(application, now)
        audit.record(
            AuditEntry.Action.SUBMITTED,
            application=application,
            label="The applicant",
            detail=f"Submission {application.round}.",
            now=now,
        )
    return []
