"""The accreditation credential: public evidence only, two status entries (revocation and
suspension), a validity period; suspension and reinstatement as verifiers and partners see
them."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from badges.public import accreditations_for, badges_for, credential_status
from badges.verify import Verdict, verify_credential
from pathway import reviewing
from pathway.models import AuditEntry
from pathway.reviewing import ReviewRefused
from tests.support.pathway import (
    PRIVATE_STATEMENT,
    REFEREE_EMAIL,
    REFEREE_NAME,
    ready_for_review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def accredited(graduate, mentor, amina):
    from hub.models import Reflection

    reflection = Reflection.objects.create(
        learner=graduate,
        lesson=mentor.required_steps.first().get_children().specific().first(),
        prompt_id="p1",
        text="My private reflection about my brother",
    )
    application = ready_for_review(graduate, mentor)
    application.reflections.add(reflection)
    return reviewing.decide(application, amina, "accept", "Well evidenced.").credential


def test_the_evidence_summarises_the_application_and_says_nothing_private(accredited, graduate):
    document = accredited.document
    evidence = document["evidence"]
    text = json.dumps(document)

    names = [item["name"] for item in evidence]
    assert names == [
        "Criterion met: Planning an inclusive session",
        "Criterion met: Keeping the group safe",
        "Practice log",
        "Referee confirmation",
        "Assessment",
    ]
    assert all(item["type"] == ["Evidence"] and item["narrative"] for item in evidence)
    assert "2 dated records" in evidence[2]["narrative"]
    assert "1 independent assessor" in evidence[4]["narrative"]
    for private in (
        PRIVATE_STATEMENT,
        "My private reflection",
        REFEREE_NAME,
        REFEREE_EMAIL,
        "Ran a peer group",
        "Well evidenced.",
        "@",
        graduate.display_name,
    ):
        assert private not in json.dumps(evidence), private
    assert REFEREE_EMAIL not in text and REFEREE_NAME not in text


def test_the_credential_has_a_validity_and_two_status_entries(accredited, mentor):
    document = accredited.document
    entries = document["credentialStatus"]

    assert [entry["statusPurpose"] for entry in entries] == ["revocation", "suspension"]
    assert entries[0]["statusListCredential"] != entries[1]["statusListCredential"]
    assert accredited.valid_until - accredited.valid_from == timedelta(days=mentor.validity_days)
    assert "validUntil" in document
    report = verify_credential(document)
    assert report.verdict == Verdict.VALID, report.checks
    status = next(check for check in report.checks if check.key == "status")
    assert status.detail == "Not revoked and not suspended (status lists checked)."
    assert [item["name"] for item in report.facts["evidence"]][-1] == "Assessment"


def test_suspension_is_shown_to_verifiers_and_partners_and_reinstatement_lifts_it(
    accredited, graduate, amina, client
):
    reviewing.suspend_accreditation(accredited, amina, "Under review after a complaint")

    report = verify_credential(accredited.document)
    assert report.verdict == Verdict.SUSPENDED and not report.is_valid
    assert report.suspension_reason == "Under review after a complaint"
    assert "Suspended" in report.verdict_text
    assert [badge.status for badge in accreditations_for(graduate)] == ["suspended"]
    assert not accreditations_for(graduate)[0].shareable
    page = client.get(accredited.url().removeprefix("http://testserver"), HTTP_ACCEPT="text/html")
    checked = client.post("/badges/verify/", {"url": accredited.url()}).content.decode()
    assert "Suspended: the issuer has suspended this badge" in checked
    assert "Reason given by the issuer for the suspension:</strong> Under review" in checked
    assert "Evidence: Assessment" in checked
    assert "Suspended: the issuer has suspended this badge" in page.content.decode()
    status_list = client.get(
        accredited.document["credentialStatus"][1]["statusListCredential"].removeprefix(
            "http://testserver"
        )
    ).json()
    assert status_list["credentialSubject"]["statusPurpose"] == "suspension"

    reviewing.reinstate_accreditation(accredited, amina, "Complaint not upheld")

    assert verify_credential(accredited.document).verdict == Verdict.VALID
    assert [badge.status for badge in accreditations_for(graduate)] == ["valid"]
    trail = AuditEntry.objects.filter(credential=accredited)
    assert [(e.action, e.actor, e.detail) for e in trail][1:] == [
        ("suspended", amina, "Under review after a complaint"),
        ("reinstated", amina, "Complaint not upheld"),
    ]


def test_suspending_needs_a_reason_and_an_assessor(accredited, amina, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="pw", is_staff=True)

    with pytest.raises(ReviewRefused, match="reason"):
        reviewing.suspend_accreditation(accredited, amina, "  ")
    with pytest.raises(ReviewRefused, match="Only assessors"):
        reviewing.suspend_accreditation(accredited, staff, "Because")
    with pytest.raises(ReviewRefused, match="not suspended"):
        reviewing.reinstate_accreditation(accredited, amina, "Nothing to lift")

    accredited.refresh_from_db()
    assert accredited.suspended_at is None
    assert list(
        AuditEntry.objects.filter(credential=accredited).values_list("action", flat=True)
    ) == ["issued"]


def test_an_expired_accreditation_is_reported_expired(accredited, graduate):
    later = accredited.valid_until + timedelta(days=1)

    assert verify_credential(accredited.document, now=later).verdict == Verdict.EXPIRED
    assert credential_status(accredited, later) == "expired"
    assert [b.status for b in accreditations_for(graduate, now=later)] == ["expired"]


def test_accreditations_for_lists_only_accreditations(accredited, graduate, issuer, programme):
    from badges.issuing import award
    from badges.models import Achievement

    step_badge = Achievement.objects.create(
        issuer=issuer,
        name="Step One completed",
        description="Step One.",
        criteria_narrative="Completed Step One.",
        step=programme.steps[0],
    )
    award(graduate, step_badge)

    assert [b.name for b in accreditations_for(graduate)] == ["Accredited peer mentor"]
    assert len(badges_for(graduate)) == 2
    assert credential_status(accredited, timezone.now()) == "valid"


def test_a_learner_record_says_which_step_badges_precede_an_accreditation(
    accredited, graduate, issuer, programme
):
    from badges.clr import learner_record
    from badges.issuing import award
    from badges.models import Achievement
    from badges.verify_record import verify_record

    def step_badge(step):
        return Achievement.objects.create(
            issuer=issuer,
            name=f"{step.title} completed",
            description=step.title,
            criteria_narrative=f"Completed {step.title}.",
            step=step,
        )

    required, other = step_badge(programme.steps[0]), step_badge(programme.steps[1])
    award(graduate, required)
    award(graduate, other)

    record = learner_record(graduate)
    pairs = [(a["sourceId"], a["targetId"]) for a in record["credentialSubject"]["association"]]
    assert (required.url(), accredited.achievement.url()) in pairs  # Step One: required
    assert (other.url(), accredited.achievement.url()) not in pairs  # Step Two: not required
    assert verify_record(record).is_valid


def test_a_learner_record_leaves_out_a_credential_replaced_by_a_renewal(accredited, graduate):
    from badges.clr import NothingToRecord, learner_record

    accredited.superseded_at = timezone.now()
    accredited.save(update_fields=["superseded_at"])
    with pytest.raises(NothingToRecord):  # nothing else is held: no record to make
        learner_record(graduate)
