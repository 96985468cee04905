"""Pathway helpers: accreditations with requirements, assessors, complete applications, the
referee's link from the email, and a learner launched into the LMS frame."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import unquote

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from badges.models import Achievement, AchievementType, AwardRule, Issuer
from hub.models import Learner, StepCompletion, StepPage
from pathway import applications, referees
from pathway.applications import Draft
from pathway.models import Application, Criterion, RefereeQuestion, Requirement
from pathway.reviewing import ASSESSORS_GROUP


def accreditation(issuer: Issuer, name: str = "Accredited group facilitator") -> Achievement:
    return Achievement.objects.create(
        issuer=issuer,
        name=name,
        description="Accredited to facilitate peer groups.",
        criteria_narrative="Facilitated observed sessions; reviewed by assessors.",
        achievement_type=AchievementType.LICENSE,
        award_rule=AwardRule.ASSESSOR,
        validity_days=365,
    )


def requirement_for(
    achievement: Achievement,
    steps: Sequence[StepPage],
    *,
    assessors: int = 1,
    entries: int = 2,
    validity_days: int = 365,
    window_days: int = 60,
) -> Requirement:
    requirement = Requirement(
        achievement=achievement,
        introduction="Run peer groups where every voice counts.",
        assessors_required=assessors,
        minimum_practice_entries=entries,
        validity_days=validity_days,
        renewal_window_days=window_days,
    )
    requirement.criteria = [
        Criterion(title="Planning an inclusive session", evidence_guidance="A session plan."),
        Criterion(title="Keeping the group safe", evidence_guidance="A difficult moment."),
    ]
    requirement.referee_questions = [
        RefereeQuestion(text="Where did you see the applicant facilitate?"),
        RefereeQuestion(text="How did they include everyone?"),
    ]
    requirement.required_steps.set(steps)  # kept with the cluster until it is saved
    requirement.save()
    return requirement


def assessor(django_user_model: Any, username: str, *, staff: bool = False) -> Any:
    """A user in the Assessors group, which holds the review permission."""
    group, _ = Group.objects.get_or_create(name=ASSESSORS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="pathway", codename="review_application"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    user = django_user_model.objects.create_user(
        username, password="pw", first_name=username.title(), is_staff=staff
    )
    user.groups.add(group)
    return user


def complete_steps(learner: Learner, steps: Sequence[StepPage]) -> None:
    for step in steps:
        StepCompletion.objects.get_or_create(
            learner=learner, step=step, defaults={"completed_at": timezone.now()}
        )


PRIVATE_STATEMENT = "I calmed Jo down after her panic attack on the ward"
REFEREE_NAME = "Rosa Referee"
REFEREE_EMAIL = "rosa.referee@example.net"


def full_draft(application: Application, today: date | None = None) -> Draft:
    today = today or timezone.localdate()
    criteria = application.requirement.criteria.all()
    if application.kind == "renewal":
        statements = {"renewal": "I kept running the Tuesday group."}
    else:
        statements = {str(c.pk): f"{PRIVATE_STATEMENT} ({c.title})" for c in criteria}
    return Draft(
        statements=statements,
        practice_log=[
            {"date": (today - timedelta(days=40)).isoformat(), "activity": "Ran a peer group"},
            {"date": (today - timedelta(days=10)).isoformat(), "activity": "Co-led a panel"},
        ],
        referee_name=REFEREE_NAME,
        referee_email=REFEREE_EMAIL,
    )


def submitted(application: Application, now: datetime | None = None) -> str:
    """Fill in and submit the application; returns the referee's token from the email."""
    applications.save_draft(application, full_draft(application, (now or timezone.now()).date()))
    with TestCase.captureOnCommitCallbacks(execute=True):
        problems = applications.submit(application, now)
    assert problems == [], problems
    return referee_token()


def referee_token() -> str:
    """The token in the last referee email's link."""
    body = mail.outbox[-1].body
    found = re.search(r"/pathway/referee/\?token=([^\s]+)", body)
    assert found, body
    return unquote(found[1])


def referee_confirms(token: str, now: datetime | None = None) -> None:
    request = referees.find_request(token, now)
    answers = {
        str(q.pk): "I saw them run it well."
        for q in request.application.requirement.referee_questions.all()
    }
    referees.answer(token, answers, True, now)


def ready_for_review(
    learner: Learner, requirement: Requirement, now: datetime | None = None
) -> Application:
    """An application submitted and confirmed by the referee, waiting for assessors."""
    application = applications.start_application(learner, requirement)
    token = submitted(application, now)
    referee_confirms(token, now)
    application.refresh_from_db()
    return application
