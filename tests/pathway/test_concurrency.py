"""Writes two people can make at once, made at once (threads with their own connections and
transactions, released by a barrier): on SQLite (IMMEDIATE transactions) and PostgreSQL
(row locks) alike, exactly one outcome."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connections

from badges.models import Credential
from pathway import applications, reviewing
from pathway.models import Application, ApplicationStatus, AuditEntry, Review
from pathway.reviewing import ReviewRefused
from tests.support.pathway import ready_for_review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_together(*calls: Callable[[], object]) -> tuple[list[object], list[BaseException]]:
    barrier = threading.Barrier(len(calls))
    results: list[object] = []
    errors: list[BaseException] = []

    def worker(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(call())
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results, errors


def test_two_assessors_accepting_at_once_issue_exactly_one_credential(
    graduate, facilitator, amina, tom
):
    application = ready_for_review(graduate, facilitator)

    results, errors = run_together(
        lambda: reviewing.decide(application, amina, "accept", "Yes from Amina."),
        lambda: reviewing.decide(application, tom, "accept", "Yes from Tom."),
    )

    assert not errors, errors
    assert sorted(outcome.accepted_by for outcome in results) == [1, 2]  # type: ignore[attr-defined]
    assert Credential.objects.filter(learner=graduate).count() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.credential == Credential.objects.get(learner=graduate)
    assert AuditEntry.objects.filter(action="issued").count() == 1


def test_one_assessor_accepting_twice_at_once_counts_once(graduate, facilitator, amina):
    application = ready_for_review(graduate, facilitator)

    results, errors = run_together(
        lambda: reviewing.decide(application, amina, "accept", "Yes."),
        lambda: reviewing.decide(application, amina, "accept", "Yes."),
    )

    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ReviewRefused)
    assert Review.objects.count() == 1
    assert not Credential.objects.exists()
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED


def test_applying_twice_at_once_opens_one_application(graduate, facilitator):
    results, errors = run_together(
        lambda: applications.start_application(graduate, facilitator),
        lambda: applications.start_application(graduate, facilitator),
        lambda: applications.start_application(graduate, facilitator),
    )

    assert not errors, errors
    assert Application.objects.count() == 1
    assert {application.pk for application in results} == {Application.objects.get().pk}  # type: ignore[attr-defined]


def test_a_referee_link_sent_twice_at_once_is_used_once(graduate, facilitator):
    from pathway import referees
    from pathway.models import RefereeRequest
    from tests.support.pathway import submitted

    token = submitted(applications.start_application(graduate, facilitator))
    questions = facilitator.referee_questions.all()
    answers = {str(q.pk): "Seen it." for q in questions}

    results, errors = run_together(
        lambda: referees.answer(token, answers, True),
        lambda: referees.answer(token, answers, False),
    )

    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], referees.RefereeLinkError)
    assert RefereeRequest.objects.get().answered_at is not None
    assert AuditEntry.objects.filter(action="referee_answered").count() == 1
