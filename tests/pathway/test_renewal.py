"""Expiry and renewal on a clock the tests set (``now`` passed explicitly): reminders once in
the renewal window, a renewal refused before it, a renewed credential that supersedes the
old one, and step badges still issued exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import TestCase

from badges.issuing import award
from badges.models import Achievement, Credential
from badges.public import accreditations_for
from badges.verify import Verdict, verify_credential
from pathway import applications, reviewing
from pathway.applications import ApplicationRefused
from pathway.models import ApplicationKind, AuditEntry
from pathway.tasks import remind_due
from tests.support.pathway import ready_for_review, referee_confirms, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def accredited(graduate, mentor, amina):
    application = ready_for_review(graduate, mentor)
    return reviewing.decide(application, amina, "accept", "Good.").credential


@pytest.fixture
def graduate_email(graduate):
    from lti_tool.models import LtiUser, Registration

    registration = Registration.objects.create(
        name="LMS",
        issuer="https://lms.example.org",
        client_id="c",
        auth_login_url="https://lms.example.org/a",
        auth_token_url="https://lms.example.org/t",
        key_set_url="https://lms.example.org/k",
    )
    LtiUser.objects.create(
        registration=registration, sub="g", learner=graduate, email="grace@example.org"
    )
    return "grace@example.org"


def test_a_reminder_is_sent_once_when_the_renewal_window_opens(graduate_email, accredited, mentor):
    before_window = accredited.valid_until - timedelta(days=mentor.renewal_window_days + 1)
    in_window = accredited.valid_until - timedelta(days=mentor.renewal_window_days - 1)
    mail.outbox.clear()

    assert remind_due(before_window) == 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert remind_due(in_window) == 1
    assert remind_due(in_window + timedelta(days=1)) == 0
    assert remind_due(accredited.valid_until + timedelta(days=1)) == 0  # expired: no reminder

    assert [m.to for m in mail.outbox] == [[graduate_email]]
    assert "expires on" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="reminded", credential=accredited).count() == 1


def test_renewal_is_refused_before_its_window_and_for_someone_without_the_credential(
    accredited, graduate, mentor, learner
):
    early = accredited.valid_until - timedelta(days=mentor.renewal_window_days + 5)

    with pytest.raises(ApplicationRefused, match="Renewal opens on"):
        applications.start_renewal(graduate, mentor, now=early)
    with pytest.raises(ApplicationRefused, match="no current accreditation"):
        applications.start_renewal(learner, mentor, now=early)
    with pytest.raises(ApplicationRefused, match="already hold"):
        applications.start_application(graduate, mentor)
    reviewing.suspend_accreditation(accredited, accredited.awarded_by, "Under review")
    in_window = accredited.valid_until - timedelta(days=1)
    with pytest.raises(ApplicationRefused, match="suspended"):
        applications.start_renewal(graduate, mentor, now=in_window)
    assert not mentor.applications.filter(kind=ApplicationKind.RENEWAL).exists()


def test_a_renewal_reviewed_like_an_application_issues_a_renewed_credential(
    accredited, graduate, mentor, tom
):
    in_window = accredited.valid_until - timedelta(days=10)
    renewal = applications.start_renewal(graduate, mentor, now=in_window)
    assert renewal.kind == ApplicationKind.RENEWAL and renewal.renews == accredited

    token = submitted(renewal, now=in_window)
    referee_confirms(token, now=in_window)
    outcome = reviewing.decide(renewal, tom, "accept", "Practice continues.", now=in_window)

    renewed = outcome.credential
    accredited.refresh_from_db()
    assert renewed is not None and renewed.pk != accredited.pk
    assert accredited.superseded_at == in_window
    assert renewed.valid_until == in_window.replace(microsecond=0) + timedelta(
        days=mentor.validity_days
    )
    assert Credential.objects.filter(learner=graduate).count() == 2
    assert Credential.objects.current().get(learner=graduate) == renewed
    assert [b.valid_until for b in accreditations_for(graduate, now=in_window)] == [
        renewed.valid_until
    ]
    names = [item["name"] for item in renewed.document["evidence"]]
    assert names == ["Continuing practice log", "Referee confirmation", "Assessment"]
    after_old_expiry = accredited.valid_until + timedelta(days=1)
    assert verify_credential(renewed.document, now=after_old_expiry).verdict == Verdict.VALID
    assert verify_credential(accredited.document, now=after_old_expiry).verdict == (Verdict.EXPIRED)


def test_only_one_current_credential_per_learner_and_achievement(accredited, graduate, mentor):
    duplicate = Credential(
        achievement=accredited.achievement,
        learner=graduate,
        recipient_type=accredited.recipient_type,
        recipient_hash="x",
        recipient_salt="y",
        issued_at=accredited.issued_at,
        valid_from=accredited.valid_from,
        document={},
        status_list=accredited.status_list,
        status_index=accredited.status_index + 1000,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_step_badges_are_still_issued_exactly_once(graduate, issuer, programme):
    step_badge = Achievement.objects.create(
        issuer=issuer,
        name="Step One completed",
        description="Step One.",
        criteria_narrative="Completed Step One.",
        step=programme.steps[0],
    )
    first = award(graduate, step_badge)
    again = award(graduate, step_badge)

    assert first.created and not again.created
    assert again.credential == first.credential
    assert Credential.objects.filter(achievement=step_badge).count() == 1
    assert isinstance(first.credential.document["credentialStatus"], dict)


def test_the_lti_scheduler_queues_the_reminders_periodically(accredited, mentor):
    from lti_tool.schedule import PERIODIC_JOBS, Scheduler

    scheduler = Scheduler()
    in_window = accredited.valid_until - timedelta(days=1)

    first = scheduler.tick(now=in_window)
    soon = scheduler.tick(now=in_window + timedelta(minutes=5))
    later = scheduler.tick(now=in_window + PERIODIC_JOBS["pathway.renewal_reminders"].every)

    assert "pathway.renewal_reminders" in first.periodic
    assert "pathway.renewal_reminders" not in soon.periodic
    assert "pathway.renewal_reminders" in later.periodic
