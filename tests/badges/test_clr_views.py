"""The learner record in the product: downloaded from "My badges" in the LMS frame, checked on
the public verification page and through the verification API."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from badges.clr import learner_record
from badges.issuing import award, revoke
from badges.models import Achievement, AwardRule, Credential, SigningKey
from badges.untrusted import MAX_JSON_BYTES
from badges.verify_record import RecordVerdict, verify_record
from hub.models import Learner
from lti_tool.models import LtiUser
from lti_tool.roles import LEARNER
from tests.support.lti import follow, launch
from tests.support.records import (
    learner_with_badges,
    record_variants,
    resign_record,
    step_two_achievement,
)

RECORD_LINK = "Download my whole record (CLR 2.0, JSON)"


@pytest.fixture
def step_two_badge(issuer, programme):
    return step_two_achievement(issuer, programme.steps[1])


@pytest.fixture
def held(email_learner, step, step_achievement, step_two_badge, mentor_achievement):
    return learner_with_badges(email_learner, step, step_two_badge, mentor_achievement)


@pytest.fixture
def record(email_learner, held):
    return learner_record(email_learner)


def _session(client, lms, programme, user: str) -> tuple[str, Learner]:
    """Launch ``user`` as a learner; the framed session's token and their learner."""
    lesson = programme.lessons["first"]
    launched = launch(client, lms, user=user, roles=[LEARNER], custom={"plh_page": str(lesson.pk)})
    page = follow(client, launched)
    token = page.wsgi_request.path.split("/")[3]
    return token, LtiUser.objects.get(sub=user).learner


# --- the download in the LMS frame -------------------------------------------------------------


def test_the_learner_downloads_their_whole_record_from_my_badges(
    client, lms, programme, issuer, step_achievement, step_two_badge, mentor_achievement
):
    token, learner = _session(client, lms, programme, "record-learner")
    credentials = learner_with_badges(
        learner, programme.steps[0], step_two_badge, mentor_achievement
    )
    coach = Achievement.objects.create(
        issuer=issuer,
        name="Accredited Peer Coach",
        description="Accredited to coach peers.",
        criteria_narrative="Observed coaching sessions.",
        award_rule=AwardRule.ASSESSOR,
    )
    withdrawn = award(learner, coach).credential
    revoke(withdrawn, "Awarded in error")
    someone_else = award(Learner.objects.create(), step_achievement).credential

    page = client.get(f"/lti/s/{token}/badges/").content.decode()
    assert RECORD_LINK in page
    assert 'aria-describedby="plh-record-description"' in page
    assert "Revoked badges are left out. Expired badges are included" in page

    response = client.get(f"/lti/s/{token}/badges/record.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+ld+json"
    assert response["Content-Disposition"] == 'attachment; filename="learner-record-clr.json"'
    assert "no-cache" in response["Cache-Control"]
    record = json.loads(response.content)
    assert record["type"] == ["VerifiableCredential", "ClrCredential"]
    embedded = record["credentialSubject"]["verifiableCredential"]
    assert embedded == [Credential.objects.get(pk=c.pk).document for c in credentials]
    assert withdrawn.url() not in response.content.decode()
    assert someone_else.url() not in response.content.decode()
    assert "example.edu" not in response.content.decode()  # the learner's email, not hashed
    report = verify_record(record, email="record-learner@example.edu")
    assert report.verdict == RecordVerdict.VALID, report.checks


def test_only_the_sessions_learner_gets_a_record(client, lms, programme, step_achievement):
    first_token, first = _session(client, lms, programme, "first-learner")
    second_token, second = _session(client, lms, programme, "second-learner")
    mine = award(first, step_achievement).credential
    theirs = award(second, step_achievement).credential

    first_record = client.get(f"/lti/s/{first_token}/badges/record.json").json()
    second_record = client.get(f"/lti/s/{second_token}/badges/record.json").json()

    assert [d["id"] for d in first_record["credentialSubject"]["verifiableCredential"]] == [
        mine.url()
    ]
    assert [d["id"] for d in second_record["credentialSubject"]["verifiableCredential"]] == [
        theirs.url()
    ]
    refused = client.get("/lti/s/not-a-session/badges/record.json")
    assert refused.status_code == 403
    assert "Content-Disposition" not in refused


def test_a_learner_with_nothing_gets_a_plain_page(client, lms, programme, step_achievement):
    token, learner = _session(client, lms, programme, "new-learner")

    assert RECORD_LINK not in client.get(f"/lti/s/{token}/badges/").content.decode()
    response = client.get(f"/lti/s/{token}/badges/record.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    html = response.content.decode()
    assert "<h1>Your whole record</h1>" in html
    assert "There is nothing to put in your record yet." in html
    assert f'href="/lti/s/{token}/badges/"' in html

    revoke(award(learner, step_achievement).credential, "Awarded in error")
    assert RECORD_LINK not in client.get(f"/lti/s/{token}/badges/").content.decode()
    assert "nothing to put in your record" in (
        client.get(f"/lti/s/{token}/badges/record.json").content.decode()
    )


# --- the verification page ---------------------------------------------------------------------


def _check_on_page(client, **data):
    return client.post("/badges/verify/", data)


def test_the_page_reports_a_genuine_record_and_each_badge(client, record, held):
    response = _check_on_page(client, credential_json=json.dumps(record))
    html = response.content.decode()

    assert response.status_code == 200
    assert "Valid: this learner record is genuine and unchanged" in html
    assert "The learner record, as its issuer signed it" in html
    assert "Checks of the record" in html
    assert "Badges in the record: All 3 badges are valid." in html
    assert html.count('class="plh-record-badge"') == 3
    for credential in held:
        assert credential.achievement.name in html
    assert "Does every badge inside pass its own checks?" in html
    assert "sam.learner" not in html.lower()


def test_the_page_takes_a_record_as_an_uploaded_file(client, record):
    upload = SimpleUploadedFile(
        "learner-record-clr.json", json.dumps(record).encode(), content_type="application/json"
    )
    html = _check_on_page(client, image=upload).content.decode()
    assert "Valid: this learner record is genuine and unchanged" in html


def test_the_page_reports_tampering_and_shows_claims_as_claims(client, record):
    variants = record_variants(record, SigningKey.objects.get())

    tampered = _check_on_page(client, credential_json=json.dumps(variants["tampered"]))
    html = tampered.content.decode()
    assert "Tampered: this learner record, or a badge inside it, was changed" in html
    assert "What this record claims: not verified" in html
    assert "Record of achievement from a university" in html
    assert "The learner record, as its issuer signed it" not in html

    inside = _check_on_page(client, credential_json=json.dumps(variants["embedded_tampered"]))
    html = inside.content.decode()
    assert "Tampered: this learner record, or a badge inside it" in html
    assert "This badge claims to be “Accredited peer coach”" in html
    assert "Not verified: do not rely on it." in html


def test_the_page_reports_a_revoked_badge_inside_a_record(client, record, held):
    revoke(held[2], "Practice not kept up")
    html = _check_on_page(client, credential_json=json.dumps(record)).content.decode()
    assert "Genuine record, but not every badge in it counts today: 1 badge revoked." in html
    assert "Reason given by the issuer:</strong> Practice not kept up" in html
    assert ">Revoked</strong>" in html


def test_links_from_a_record_are_never_script(client, record):
    key = SigningKey.objects.get()
    hostile = copy.deepcopy(record)
    hostile["issuer"]["url"] = "javascript:alert(document.domain)"
    # Signed by the real issuer (an insider) and not: neither becomes a link.
    for document in (hostile, resign_record(hostile, key)):
        html = _check_on_page(client, credential_json=json.dumps(document)).content.decode()
        assert 'href="javascript:' not in html
    genuine = _check_on_page(client, credential_json=json.dumps(record)).content.decode()
    assert '<a href="https://hub.example.org/">Peer Leadership Hub</a>' in genuine


# --- the verification API ----------------------------------------------------------------------


def _api(client, body):
    return client.post("/api/badges/verify/", body, content_type="application/json")


def test_the_api_reports_a_record_and_each_badge(client, record, held):
    response = _api(client, {"credential": record, "email": "sam.learner@example.org"})
    assert response.status_code == 200
    data = response.json()
    assert data["kind"] == "clr"
    assert data["verdict"] == "valid" and data["valid"] is True
    assert data["recipient_match"] is True
    assert [c["key"] for c in data["checks"]] == [
        "format",
        "proof",
        "dates",
        "issuer",
        "contents",
        "recipient",
    ]
    assert data["summary"]["record_name"] == record["name"]
    assert data["summary"]["credential_count"] == "3"
    assert data["unverified_claims"] == {}
    assert [c["kind"] for c in data["credentials"]] == ["credential"] * 3
    assert [c["summary"]["credential_id"] for c in data["credentials"]] == [c.url() for c in held]
    assert "sam.learner" not in response.content.decode().lower()


def test_the_api_still_reports_single_badges_as_before(client, held):
    data = _api(client, {"credential": held[0].document}).json()
    assert data["kind"] == "credential" and data["verdict"] == "valid"
    assert "credentials" not in data


@pytest.mark.parametrize(
    ("variant", "badge_verdicts"),
    [
        ("tampered", ["valid", "valid", "valid"]),
        ("embedded_tampered", ["tampered", "valid", "valid"]),
        ("resigned_over_tampered", ["tampered", "valid", "valid"]),
        ("wrong_key", ["valid", "valid", "valid"]),
    ],
)
def test_the_api_refuses_changed_records(client, record, variant, badge_verdicts):
    document = record_variants(record, SigningKey.objects.get())[variant]
    data = _api(client, {"credential": document}).json()
    assert data["kind"] == "clr"
    assert data["verdict"] == "tampered" and data["valid"] is False
    assert [c["verdict"] for c in data["credentials"]] == badge_verdicts
    if variant != "resigned_over_tampered":
        assert data["summary"] == {}
        assert data["unverified_claims"]["record_name"] == document["name"]
    tampered = [c for c in data["credentials"] if c["verdict"] == "tampered"]
    for badge in tampered:
        assert badge["summary"] == {}
        assert badge["unverified_claims"]["achievement_name"] == "Accredited peer coach"


def test_the_api_reports_a_revoked_badge_inside_a_record(client, record, held):
    revoke(held[0], "Awarded in error")
    data = _api(client, {"credential": json.dumps(record)}).json()
    assert data["verdict"] == "not_all_current"
    assert data["verdict_text"].endswith("1 badge revoked.")
    assert data["credentials"][0]["verdict"] == "revoked"
    assert data["credentials"][0]["revocation_reason"] == "Awarded in error"


def test_the_api_takes_a_record_file(client, record):
    upload = SimpleUploadedFile("record.json", json.dumps(record).encode())
    data = client.post("/api/badges/verify/", {"image": upload}).json()
    assert data["kind"] == "clr" and data["verdict"] == "valid"


def test_records_keep_the_size_and_depth_limits(client, record):
    huge = copy.deepcopy(record)
    huge["description"] = "x" * MAX_JSON_BYTES
    response = client.post(
        "/api/badges/verify/", json.dumps({"credential": huge}), content_type="application/json"
    )
    assert response.status_code == 400
    assert "larger than 1 MB" in response.json()["detail"]
    page = _check_on_page(client, credential_json=json.dumps(huge))
    assert page.status_code == 400
    deep = copy.deepcopy(record)
    nested: dict = {}
    deep["credentialSubject"]["extra"] = nested
    for _ in range(70):
        nested["n"] = {}
        nested = nested["n"]
    response = _api(client, {"credential": deep})
    assert response.status_code == 400
    assert "nested more than 64 levels deep" in response.json()["detail"]


def test_the_openapi_schema_documents_record_reports(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/badges/verify/"]["post"]
    assert "Comprehensive Learner Record 2.0" in operation["description"]
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    reference = answer["$ref"].rsplit("/", 1)[-1]
    report = schema["components"]["schemas"][reference]
    assert report["discriminator"]["propertyName"] == "kind"
    assert set(report["discriminator"]["mapping"]) == {"credential", "clr"}
    record = schema["components"]["schemas"]["RecordVerification"]["properties"]
    assert {"kind", "verdict", "checks", "summary", "unverified_claims", "credentials"} <= set(
        record
    )
    assert record["credentials"]["items"]["$ref"].endswith("/Verification")
    verdicts = schema["components"]["schemas"]["RecordVerificationVerdictEnum"]["enum"]
    assert set(verdicts) == {v.value for v in RecordVerdict}
