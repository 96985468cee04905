"""Serving credentials and documents, the verification page and API, the assessors' admin."""

from __future__ import annotations

import io
import json
import zlib
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from badges.baking import extract_credential
from badges.dataintegrity import verify_proof
from badges.issuing import award, revoke
from badges.models import BulkAward, Credential
from badges.signing import resolve_key, rotate_key
from badges.statuslist import bit_is_set, decode_list
from hub.models import Learner


def path(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture
def credential(email_learner, step_achievement) -> Credential:
    return award(email_learner, step_achievement).credential


def test_credential_json_at_its_id(client, credential):
    response = client.get(path(credential.url()))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content) == credential.document


def test_credential_page_for_browsers_has_open_graph_and_no_email(client, credential):
    response = client.get(path(credential.url()), HTTP_ACCEPT="text/html,*/*;q=0.8")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<meta property="og:title" content="{credential.achievement.name}">' in html
    assert 'property="og:image"' in html
    assert "sam.learner" not in html.lower()
    assert "Valid:" in html


def test_downloads_json_png_svg(client, credential):
    download = client.get(path(credential.url()) + ".json")
    assert "attachment" in download["Content-Disposition"]
    assert json.loads(download.content) == credential.document

    png = client.get(path(credential.url()) + ".png").content
    assert png.startswith(b"\x89PNG")
    assert b"iTXtopenbadgecredential\x00" in png
    assert extract_credential(png) == credential.document
    iend = png.rindex(b"IEND")
    assert zlib.crc32(b"IEND") & 0xFFFFFFFF == int.from_bytes(png[iend + 4 : iend + 8], "big")

    svg = client.get(path(credential.url()) + ".svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert b'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in svg.content
    assert extract_credential(svg.content) == credential.document


def test_controller_document_lists_current_and_retired_keys(client, credential, issuer):
    rotate_key(issuer)
    document = client.get(path(issuer.profile_url())).json()
    assert document["id"] == issuer.profile_url()
    methods = document["verificationMethod"]
    assert len(methods) == 2
    assert {m["type"] for m in methods} == {"Multikey"}
    assert {m["controller"] for m in methods} == {issuer.profile_url()}
    assert document["assertionMethod"] == [m["id"] for m in methods]
    assert credential.document["proof"]["verificationMethod"] in document["assertionMethod"]


def test_status_list_credential_is_signed_and_shows_revocation(client, credential):
    url = path(credential.status_list.url())
    before = client.get(url)
    assert before["Content-Type"] == "application/vc+ld+json"
    document = before.json()
    assert verify_proof(document, resolve_key).verified
    assert document["credentialSubject"]["statusPurpose"] == "revocation"
    bits = decode_list(document["credentialSubject"]["encodedList"])
    assert not bit_is_set(bits, credential.status_index)
    revoke(credential, "Awarded in error")
    after = client.get(url).json()
    assert bit_is_set(
        decode_list(after["credentialSubject"]["encodedList"]), credential.status_index
    )


def test_ob2_documents_and_revoked_assertion(client, credential, issuer):
    assertion = client.get(path(credential.ob2_url()))
    assert assertion.status_code == 200
    data = assertion.json()
    assert data["type"] == "Assertion"
    assert data["recipient"]["identity"].startswith("sha256$")
    assert data["recipient"]["salt"] == credential.recipient_salt
    badge = client.get(path(data["badge"])).json()
    assert badge["type"] == "BadgeClass"
    assert client.get(path(badge["issuer"])).json()["email"] == issuer.email
    png = client.get(path(credential.ob2_url()) + ".png").content
    from openbadges_bakery import unbake

    assert json.loads(unbake(io.BytesIO(png)))["id"] == credential.ob2_url()
    revoke(credential, "Awarded in error")
    gone = client.get(path(credential.ob2_url()))
    assert gone.status_code == 410
    assert gone.json()["revoked"] is True
    assert gone.json()["revocationReason"] == "Awarded in error"


def test_verify_page(client, credential):
    page = client.get("/badges/verify/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<label class="nhsuk-label" for="id_url">' in html
    by_url = client.post("/badges/verify/", {"url": credential.url()})
    assert "Valid: this badge is genuine" in by_url.content.decode()
    png = client.get(path(credential.url()) + ".png").content
    upload = SimpleUploadedFile("badge.png", png, content_type="image/png")
    by_image = client.post(
        "/badges/verify/", {"image": upload, "email": "other@example.org"}
    ).content.decode()
    assert "not issued to the email address" in by_image
    assert "other@example.org" not in by_image
    revoke(credential, "Awarded in error")
    by_json = client.post("/badges/verify/", {"credential_json": json.dumps(credential.document)})
    assert "Revoked" in by_json.content.decode() and "Awarded in error" in by_json.content.decode()
    nothing = client.post("/badges/verify/", {})
    assert nothing.status_code == 400
    assert "nhsuk-error-summary" in nothing.content.decode()


def test_verify_api(client, credential):
    response = client.post(
        "/api/badges/verify/",
        {"credential": credential.document, "email": "sam.learner@example.org"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "valid" and body["recipient_match"] is True
    assert [c["key"] for c in body["checks"]][:5] == [
        "format",
        "proof",
        "status",
        "dates",
        "issuer",
    ]
    tampered = json.loads(json.dumps(credential.document))
    tampered["name"] = "Something else"
    assert (
        client.post(
            "/api/badges/verify/", {"credential": tampered}, content_type="application/json"
        ).json()["verdict"]
        == "tampered"
    )
    svg = client.get(path(credential.url()) + ".svg").content
    upload = SimpleUploadedFile("badge.svg", svg, content_type="image/svg+xml")
    assert client.post("/api/badges/verify/", {"image": upload}).json()["verdict"] == "valid"
    assert (
        client.post("/api/badges/verify/", {}, content_type="application/json").status_code == 400
    )


def test_verify_api_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/badges/verify/"]["post"]
    assert operation["operationId"] == "badges_verify"
    assert "multipart/form-data" in operation["requestBody"]["content"]


def test_assessors_award_in_bulk(
    client, django_user_model, mentor_achievement, learner, django_capture_on_commit_callbacks
):
    call_command("setup_badges", stdout=io.StringIO())
    others = [Learner.objects.create(display_name=f"L{i}") for i in range(2)]
    award(others[0], mentor_achievement)
    user = django_user_model.objects.create_user("assessor", password="pw")
    client.force_login(user)
    refused = client.get("/admin/badges/award/")  # no admin access yet: to the sign-in page
    assert refused.status_code == 302
    assert refused["Location"] == "/admin/login/?next=/admin/badges/award/"
    user.groups.add(Group.objects.get(name="Assessors"))
    page = client.get("/admin/badges/award/")
    assert page.status_code == 200
    assert mentor_achievement.name in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/badges/award/",
            {
                "achievement": mentor_achievement.pk,
                "learners": [learner.pk, *(o.pk for o in others)],
            },
        )
    bulk = BulkAward.objects.get()
    bulk.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/badges/award/{bulk.pk}/"
    assert (bulk.status, bulk.done, bulk.total) == ("finished", 3, 3)
    outcomes = dict(bulk.results.values_list("learner_id", "outcome"))
    assert outcomes == {learner.pk: "issued", others[0].pk: "already_held", others[1].pk: "issued"}
    assert Credential.objects.filter(achievement=mentor_achievement).count() == 3
    assert Credential.objects.get(learner=learner).awarded_by == user
    progress = client.get(response["Location"]).content.decode()
    assert "3 of 3 learners done" in progress and "Already held" in progress


def test_admin_revokes_a_credential(admin_client, credential):
    url = f"/admin/snippets/badges/credential/edit/{credential.pk}/"
    assert admin_client.get(url).status_code == 200
    refused = admin_client.post(url, {"revoke": "on", "revocation_reason": ""})
    credential.refresh_from_db()
    assert refused.status_code == 200 and not credential.is_revoked
    admin_client.post(url, {"revoke": "on", "revocation_reason": "Awarded in error"})
    credential.refresh_from_db()
    assert credential.is_revoked and credential.revocation_reason == "Awarded in error"
    refused = admin_client.get("/admin/snippets/badges/credential/add/")
    assert refused.status_code == 302  # Wagtail's "no permission": back to the dashboard
    assert refused["Location"] == "/admin/"
