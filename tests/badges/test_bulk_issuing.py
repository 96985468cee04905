"""Issuing in batches: exactly once per learner and achievement, status indexes in blocks,
few queries per batch, and a cohort award racing another award of the same learners."""

from __future__ import annotations

import io
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from badges.dataintegrity import verify_proof
from badges.issuing import (
    AwardError,
    award,
    award_accreditations,
    award_many,
    award_step_badges,
)
from badges.models import BulkAward, Credential, StatusList
from badges.signing import resolve_key
from badges.statuslist import allocate_indexes
from badges.tasks import run_bulk_award
from hub.models import Learner, StepCompletion


def _learners(count: int, prefix: str = "Learner") -> list[Learner]:
    return Learner.objects.bulk_create(Learner(display_name=f"{prefix} {n}") for n in range(count))


def test_award_many_issues_once_per_learner_and_keeps_what_is_held(mentor_achievement):
    cohort = _learners(6)
    held = award(cohort[2], mentor_achievement).credential

    results = award_many([*cohort, cohort[0], cohort[4]], mentor_achievement, batch_size=4)

    assert [result.credential.learner_id for result in results] == [
        learner.pk for learner in cohort
    ]
    assert [result.created for result in results] == [True, True, False, True, True, True]
    assert results[2].credential.pk == held.pk
    assert Credential.objects.filter(achievement=mentor_achievement).count() == 6
    again = award_many(cohort, mentor_achievement)
    assert not any(result.created for result in again)
    assert Credential.objects.filter(achievement=mentor_achievement).count() == 6


def test_credentials_issued_in_a_batch_are_each_their_own(mentor_achievement):
    results = award_many(_learners(5), mentor_achievement)
    credentials = [result.credential for result in results]

    for credential in credentials:
        credential.refresh_from_db()
        assert verify_proof(credential.document, resolve_key).verified
        assert credential.document["id"] == credential.url()
        status = credential.document["credentialStatus"]
        assert status["statusListIndex"] == str(credential.status_index)
        assert status["statusListCredential"] == credential.status_list.url()
    assert len({c.recipient_salt for c in credentials}) == 5
    assert len({c.public_id for c in credentials}) == 5
    assert len({c.document["proof"]["proofValue"] for c in credentials}) == 5
    # Nested values are not shared between documents: changing one leaves the others.
    credentials[0].document["credentialSubject"]["achievement"]["name"] = "Changed"
    assert credentials[1].document["credentialSubject"]["achievement"]["name"] != "Changed"


def test_queries_per_batch_do_not_grow_with_the_batch(mentor_achievement):
    award(Learner.objects.create(), mentor_achievement)  # the key and a status list exist
    small, large = _learners(3, "small"), _learners(30, "large")

    with CaptureQueriesContext(connection) as small_queries:
        award_many(small, mentor_achievement)
    with CaptureQueriesContext(connection) as large_queries:
        award_many(large, mentor_achievement)

    assert len(large_queries.captured_queries) == len(small_queries.captured_queries)
    assert Credential.objects.filter(achievement=mentor_achievement).count() == 34


def test_status_indexes_come_in_blocks_and_roll_over_to_a_new_list(issuer):
    first = allocate_indexes(issuer, 3)
    status_list = first[0][0]
    assert [index for _, index in first] == [0, 1, 2]
    StatusList.objects.filter(pk=status_list.pk).update(next_index=status_list.length - 2)

    block = allocate_indexes(issuer, 5)

    assert [(slot.pk, index) for slot, index in block[:2]] == [
        (status_list.pk, status_list.length - 2),
        (status_list.pk, status_list.length - 1),
    ]
    new_list = block[2][0]
    assert new_list.pk != status_list.pk
    assert [(slot.pk, index) for slot, index in block[2:]] == [(new_list.pk, i) for i in range(3)]
    assert StatusList.objects.get(pk=new_list.pk).next_index == 3
    with pytest.raises(ValueError):
        allocate_indexes(issuer, 0)


def test_a_batch_spanning_two_status_lists_gives_every_credential_its_own_slot(
    issuer, mentor_achievement
):
    allocate_indexes(issuer, 1)
    status_list = StatusList.objects.get()
    StatusList.objects.filter(pk=status_list.pk).update(next_index=status_list.length - 2)

    results = award_many(_learners(4), mentor_achievement)

    slots = [(r.credential.status_list_id, r.credential.status_index) for r in results]
    assert len(set(slots)) == 4
    assert StatusList.objects.count() == 2
    assert slots[:2] == [
        (status_list.pk, status_list.length - 2),
        (status_list.pk, status_list.length - 1),
    ]


def test_accreditations_in_bulk_only_for_assessor_awarded_achievements(
    step_achievement, mentor_achievement, django_user_model
):
    assessor = django_user_model.objects.create_user("assessor", password="x")
    cohort = _learners(3)
    with pytest.raises(AwardError):
        award_accreditations(cohort, step_achievement, assessor)
    assert not Credential.objects.exists()

    results = award_accreditations(cohort, mentor_achievement, assessor)
    assert all(result.credential.awarded_by == assessor for result in results)


def test_step_badges_go_to_those_who_completed_the_step_only(step, step_achievement):
    done, not_done = _learners(3, "done"), _learners(2, "not done")
    for learner in done:
        StepCompletion.objects.create(learner=learner, step=step, completed_at=timezone.now())

    results = award_step_badges(step)

    assert sorted(r.credential.learner_id for r in results) == sorted(
        learner.pk for learner in done
    )
    assert not Credential.objects.filter(learner__in=not_done).exists()
    assert not any(result.created for result in award_step_badges(step, learners=done))


def test_bulk_award_records_every_learner_and_its_progress(mentor_achievement, django_user_model):
    assessor = django_user_model.objects.create_user("assessor", password="x")
    cohort = _learners(7)
    award(cohort[1], mentor_achievement)
    bulk = BulkAward.objects.create(achievement=mentor_achievement, requested_by=assessor, total=7)
    bulk.learners.set(cohort)

    counts = run_bulk_award.call(bulk.pk)

    bulk.refresh_from_db()
    assert counts == {"issued": 6, "already_held": 1}
    assert (bulk.status, bulk.done, bulk.total) == ("finished", 7, 7)
    assert bulk.results.count() == 7
    assert run_bulk_award.call(bulk.pk) == counts  # a second run adds nothing
    assert Credential.objects.filter(achievement=mentor_achievement).count() == 7


def test_bulk_award_of_a_step_badge_records_failures_per_learner(
    step_achievement, django_user_model
):
    assessor = django_user_model.objects.create_user("assessor", password="x")
    cohort = _learners(3)
    bulk = BulkAward.objects.create(achievement=step_achievement, requested_by=assessor, total=3)
    bulk.learners.set(cohort)

    assert run_bulk_award.call(bulk.pk) == {"failed": 3}
    bulk.refresh_from_db()
    assert bulk.done == 3
    assert all(
        "AwardError" in message for message in bulk.results.values_list("message", flat=True)
    )
    assert not Credential.objects.exists()


# --- racing awards (PostgreSQL: SQLite lets one writer in at a time, so no race there) ----------

needs_row_locks = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="a concurrent award needs a database that lets two writers in at once",
)


@needs_row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_award_committed_between_the_check_and_the_insert_is_not_duplicated(
    mentor_achievement,
):
    cohort = _learners(5)
    interloper_done = threading.Event()
    errors: list[BaseException] = []

    def interloper() -> None:
        try:
            award(Learner.objects.get(pk=cohort[3].pk), mentor_achievement)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()
            interloper_done.set()

    def after_the_check(execute, sql, params, many, context):
        # The cohort's "who holds it already" query has run; before the status list is locked,
        # another connection awards one of the cohort and commits.
        if "badges_statuslist" in sql and not interloper_done.is_set():
            thread = threading.Thread(target=interloper)
            thread.start()
            thread.join()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(after_the_check):
        results = award_many(cohort, mentor_achievement)

    assert not errors
    assert interloper_done.is_set()
    assert Credential.objects.filter(achievement=mentor_achievement).count() == 5
    assert [result.created for result in results] == [True, True, True, False, True]
    assert results[3].credential == Credential.objects.get(learner=cohort[3])


@needs_row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_cohort_awards_of_the_same_learners_at_once_issue_each_credential_once(
    mentor_achievement,
):
    cohort = _learners(40)
    start = threading.Barrier(2)
    outcomes: list[list[bool]] = []
    errors: list[BaseException] = []

    def cohort_award(order: list[Learner]) -> None:
        try:
            start.wait()
            results = award_many(order, mentor_achievement, batch_size=10)
            outcomes.append(
                [r.created for r in sorted(results, key=lambda r: r.credential.learner_id)]
            )
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=cohort_award, args=(cohort,)),
        threading.Thread(target=cohort_award, args=(cohort[::-1],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert Credential.objects.filter(achievement=mentor_achievement).count() == 40
    created_by_either = [a != b for a, b in zip(*outcomes, strict=True)]
    assert all(created_by_either), "every learner's credential was created by exactly one"
    slots = Credential.objects.values_list("status_list_id", "status_index")
    assert len(set(slots)) == 40


def test_the_progress_page_refreshes_itself_until_the_award_is_finished(
    admin_client, mentor_achievement
):
    bulk = BulkAward.objects.create(achievement=mentor_achievement, total=300, done=120)
    url = f"/admin/badges/award/{bulk.pk}/"

    running = admin_client.get(url).content.decode()
    BulkAward.objects.filter(pk=bulk.pk).update(status=BulkAward.Status.FINISHED, done=300)
    finished = admin_client.get(url).content.decode()

    assert "120 of 300 learners done" in running
    assert 'http-equiv="refresh"' in running
    assert "300 of 300 learners done" in finished
    assert 'http-equiv="refresh"' not in finished


def test_the_step_badge_command_catches_up_and_can_run_again(step, step_achievement):
    from django.core.management import call_command

    cohort = _learners(3)
    for learner in cohort:
        StepCompletion.objects.create(learner=learner, step=step, completed_at=timezone.now())
    first, second = io.StringIO(), io.StringIO()

    call_command("award_step_badges", stdout=first)
    call_command("award_step_badges", stdout=second)

    assert f"{step.title}: 3 issued, 0 already held" in first.getvalue()
    assert f"{step.title}: 0 issued, 3 already held" in second.getvalue()
    assert Credential.objects.filter(achievement=step_achievement).count() == 3
