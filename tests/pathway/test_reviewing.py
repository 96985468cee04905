"""Assessors' decisions: each recorded with its audit entry; acceptance needs N different
assessors; a refused decision changes nothing."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import TestCase

from badges.models import Credential
from pathway import applications, reviewing
from pathway.models import Application, ApplicationStatus, AuditEntry, Review
from pathway.reviewing import ReviewRefused
from tests.support.pathway import assessor, ready_for_review, submitted

pytestmark = pytest.mark.django_db


def _actions(application: Application) -> list[tuple[str, str]]:
    return [(e.action, e.actor_label) for e in application.audit.all()]


def test_one_assessor_accepting_issues_the_accreditation_with_its_audit_trail(
    graduate, mentor, amina
):
    application = ready_for_review(graduate, mentor)

    with TestCase.captureOnCommitCallbacks(execute=True):
        outcome = reviewing.decide(application, amina, "accept", "Clear, well-evidenced.")

    application.refresh_from_db()
    assert outcome.status == ApplicationStatus.ACCEPTED
    assert application.credential == outcome.credential
    credential = Credential.objects.get(learner=graduate)
    assert credential.awarded_by == amina
    assert credential.valid_until is not None
    assert _actions(application) == [
        ("submitted", "The applicant"),
        ("referee_answered", "The referee"),
        ("accepted", "Amina (amina)"),
        ("issued", "Amina (amina)"),
    ]
    accepted = application.audit.get(action="accepted")
    assert accepted.actor == amina and accepted.detail == "Clear, well-evidenced."
    assert accepted.at is not None


def test_two_assessors_are_needed_and_one_cannot_count_twice(graduate, facilitator, amina, tom):
    application = ready_for_review(graduate, facilitator)

    first = reviewing.decide(application, amina, "accept", "Strong session plan.")
    with pytest.raises(ReviewRefused, match="already decided"):
        reviewing.decide(application, amina, "accept", "Still strong.")

    assert first.status == ApplicationStatus.SUBMITTED and first.accepted_by == 1
    assert not Credential.objects.exists()
    assert Review.objects.count() == 1
    second = reviewing.decide(application, tom, "accept", "Agreed.")
    assert second.status == ApplicationStatus.ACCEPTED and second.accepted_by == 2
    assert Credential.objects.filter(learner=graduate).count() == 1
    assert [a for a, _ in _actions(application)][-3:] == ["accepted", "accepted", "issued"]


def test_asking_for_more_returns_the_application_with_feedback_and_a_new_round(
    graduate, mentor, amina, tom
):
    application = ready_for_review(graduate, mentor)

    with TestCase.captureOnCommitCallbacks(execute=True):
        reviewing.decide(application, amina, "more", "Add a dated entry from this year.")

    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_ASKED and application.editable
    assert application.audit.filter(action="more_asked", actor=amina).exists()
    # The applicant resubmits: the referee already answered for this address, so is not
    # asked again; a new round lets every assessor decide afresh.
    sent = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert applications.submit(application) == []
    application.refresh_from_db()
    assert application.round == 2 and len(mail.outbox) == sent
    reviewing.decide(application, amina, "accept", "Thank you, now complete.")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.ACCEPTED


def test_declining_closes_the_application_and_a_new_one_may_be_started(graduate, mentor, amina):
    application = ready_for_review(graduate, mentor)

    reviewing.decide(application, amina, "decline", "Not enough practice yet.")

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.audit.filter(action="declined", actor=amina).exists()
    with pytest.raises(ReviewRefused, match="not waiting"):
        reviewing.decide(application, amina, "accept", "Changed my mind.")
    assert applications.start_application(graduate, mentor).pk != application.pk


def test_acceptance_needs_the_referee_to_confirm(graduate, mentor, amina):
    application = applications.start_application(graduate, mentor)
    submitted(application)

    with pytest.raises(ReviewRefused, match="referee has not confirmed"):
        reviewing.decide(application, amina, "accept", "Looks good.")

    assert not Review.objects.exists() and not Credential.objects.exists()
    assert not AuditEntry.objects.filter(action="accepted").exists()


def test_a_referee_who_does_not_confirm_blocks_acceptance(graduate, mentor, amina):
    from pathway import referees

    application = applications.start_application(graduate, mentor)
    token = submitted(application)
    request = referees.find_request(token)
    answers = {str(q.pk): "I never saw this." for q in mentor.referee_questions.all()}
    referees.answer(token, answers, confirms=False)

    with pytest.raises(ReviewRefused, match="referee has not confirmed"):
        reviewing.decide(application, amina, "accept", "Looks good.")
    assert request.application.audit.filter(detail="Did not confirm the practice.").exists()


@pytest.mark.parametrize(
    ("decision", "feedback", "message"),
    [
        ("accept", "  ", "Write feedback"),
        ("approve", "Fine.", "Choose accept"),
    ],
)
def test_a_decision_without_feedback_or_choice_is_refused(
    graduate, mentor, amina, decision, feedback, message
):
    application = ready_for_review(graduate, mentor)

    with pytest.raises(ReviewRefused, match=message):
        reviewing.decide(application, amina, decision, feedback)

    assert not Review.objects.exists()
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def test_staff_without_the_assessors_permission_cannot_decide(graduate, mentor, django_user_model):
    application = ready_for_review(graduate, mentor)
    staff = django_user_model.objects.create_user("editor", password="pw", is_staff=True)

    with pytest.raises(ReviewRefused, match="Only assessors"):
        reviewing.decide(application, staff, "accept", "Fine.")

    assert not Review.objects.exists() and not Credential.objects.exists()


def test_an_inactive_assessor_cannot_decide(graduate, mentor, django_user_model):
    application = ready_for_review(graduate, mentor)
    former = assessor(django_user_model, "former")
    former.is_active = False
    former.save()

    with pytest.raises(ReviewRefused):
        reviewing.decide(application, former, "accept", "Fine.")
    assert not Review.objects.exists()
