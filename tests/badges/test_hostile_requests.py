"""The verification page and API against hostile input: every unreadable request is answered
400 with a plain message and changes nothing; a credential's URLs become links only when they
are http(s); a credential that fails verification never has its claims shown as facts."""

from __future__ import annotations

import copy
import html
import json
import re
import zlib
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from badges.baking import bake_png, default_png
from badges.issuing import award
from badges.models import Achievement, Credential, Issuer, SigningKey
from tests.badges.hostile import chunk, inflating_to, itxt, nested_json, with_chunk

JAVASCRIPT = "javascript:alert(document.domain)//"


@pytest.fixture
def credential(email_learner, step_achievement) -> Credential:
    return award(email_learner, step_achievement).credential


@pytest.fixture
def unchanged(credential) -> Iterator[None]:
    """Asserts, after the test, that no badge record was created or changed."""

    def state() -> list:
        return [
            list(Credential.objects.values().order_by("pk")),
            list(Achievement.objects.values().order_by("pk")),
            list(Issuer.objects.values().order_by("pk")),
            list(SigningKey.objects.values().order_by("pk")),
        ]

    before = state()
    yield
    assert state() == before


def hrefs(page: str) -> list[str]:
    return [html.unescape(value) for value in re.findall(r'href="([^"]*)"', page)]


def assert_no_script_links(page: str) -> None:
    for href in hrefs(page):
        scheme = urlsplit(href.strip()).scheme.lower()
        assert scheme in {"", "http", "https"}, href


DAMAGED_IMAGES = {
    "truncated text chunk": with_chunk(chunk(b"iTXt", b"openbadgecredential\x00\x00")),
    "truncated chunk": with_chunk(chunk(b"iTXt", itxt(b"{}"), declared_length=5000)),
    "bad zlib data": with_chunk(chunk(b"iTXt", itxt(b"\x78\x9cnot zlib", compressed=True))),
    "bad UTF-8": with_chunk(chunk(b"iTXt", itxt(b'{"name": "\xff"}'))),
    "bad UTF-8 compressed": with_chunk(
        chunk(b"iTXt", itxt(zlib.compress(b'{"name": "\xc3("}'), compressed=True))
    ),
    "deep JSON": with_chunk(chunk(b"iTXt", itxt(b"{" * 10_000))),
    "not an image": b"GIF89a...",
}
IMAGE_REASONS = {
    "truncated text chunk": "text chunk in the image is truncated",
    "truncated chunk": "the PNG image is truncated",
    "bad zlib data": "compressed text in the image is damaged",
    "bad UTF-8": "not valid UTF-8",
    "bad UTF-8 compressed": "not valid UTF-8",
    "deep JSON": "nested more than 64 levels deep",
    "not an image": "not a PNG or SVG image",
}


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """About 100 KB of PNG whose credential chunk inflates to 100 MB."""
    return with_chunk(chunk(b"iTXt", itxt(inflating_to(100_000_000), compressed=True)))


# --- API --------------------------------------------------------------------------------------


def post_api(client, body: str | bytes):
    return client.post("/api/badges/verify/", body, content_type="application/json")


def test_api_refuses_a_body_nested_10000_levels_deep(client, unchanged):
    response = post_api(client, nested_json(10_000))
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request body cannot be read: the JSON is nested more than 64 levels "
        "deep, too deep for a badge.",
        "errors": {},
    }


def test_api_refuses_credential_text_nested_10000_levels_deep(client, unchanged):
    text = '{"a": ' + "[" * 10_000 + "]" * 10_000 + "}"
    response = post_api(client, json.dumps({"credential": text}))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("This is not a badge credential we can read: the JSON is")
    assert "nested more than 64 levels deep" in body["detail"]
    assert body["errors"] == {"credential": [body["detail"]]}
    form = client.post("/api/badges/verify/", {"credential": text})
    assert form.status_code == 400
    assert "nested more than 64 levels deep" in form.json()["errors"]["credential"][0]


def test_api_refuses_oversized_and_undecodable_bodies(client, unchanged):
    big = json.dumps({"credential": {"name": "x" * 1_000_001}})
    response = post_api(client, big)
    assert response.status_code == 400
    assert "larger than 1 MB" in response.json()["detail"]
    latin = post_api(client, b'{"credential": {"name": "caf\xe9"}}')
    assert latin.status_code == 400
    assert latin.json()["detail"] == "The request body is not UTF-8 text."
    form = client.post("/api/badges/verify/", {"credential": "{" + "x" * 3_000_000})
    assert form.status_code == 400
    assert form.json()["detail"].startswith("The request is too large")
    broken = post_api(client, b'{"credential": ')
    assert broken.status_code == 400
    assert broken.json()["detail"].startswith("The request body cannot be read: the text is")


@pytest.mark.parametrize(
    "credential_value", [[1, 2], 42, "not a credential", "{broken", '{"a": NaN}']
)
def test_api_refuses_credentials_it_cannot_read(client, unchanged, credential_value):
    response = post_api(client, json.dumps({"credential": credential_value}))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and body["errors"]["credential"] == [body["detail"]]


def test_api_refuses_urls_of_other_sites(client, unchanged):
    response = post_api(client, json.dumps({"url": "https://elsewhere.example.net/c/1"}))
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Only credential URLs of this site")


@pytest.mark.parametrize("name", sorted(DAMAGED_IMAGES))
def test_api_refuses_damaged_images(client, unchanged, name):
    upload = SimpleUploadedFile("badge.png", DAMAGED_IMAGES[name], content_type="image/png")
    response = client.post("/api/badges/verify/", {"image": upload})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("This image is not a valid baked badge: ")
    assert IMAGE_REASONS[name] in detail
    assert response.json()["errors"] == {"image": [detail]}


def test_api_refuses_a_decompression_bomb(client, unchanged, bomb):
    upload = SimpleUploadedFile("bomb.png", bomb, content_type="image/png")
    response = client.post("/api/badges/verify/", {"image": upload})
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "This image is not a valid baked badge: the compressed text in the image inflates to "
        "more than 1 MB, too large for a badge."
    )


def test_api_reports_a_tampered_credentials_fields_only_as_unverified_claims(client, credential):
    genuine = post_api(client, json.dumps({"credential": credential.document})).json()
    assert genuine["summary"]["achievement_name"] == credential.achievement.name
    assert genuine["unverified_claims"] == {}
    tampered = copy.deepcopy(credential.document)
    tampered["credentialSubject"]["achievement"]["name"] = "Accredited Coach"
    tampered["credentialSubject"]["achievement"]["criteria"]["id"] = JAVASCRIPT
    body = post_api(client, json.dumps({"credential": tampered})).json()
    assert body["verdict"] == "tampered" and body["valid"] is False
    assert body["summary"] == {}
    assert body["unverified_claims"]["achievement_name"] == "Accredited Coach"
    assert next(c for c in body["checks"] if c["key"] == "proof")["passed"] is False


def test_openapi_schema_documents_the_400_answers(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    responses = schema["paths"]["/api/badges/verify/"]["post"]["responses"]
    refusal = responses["400"]["content"]["application/json"]
    reference = refusal["schema"]["$ref"].rsplit("/", 1)[-1]
    component = schema["components"]["schemas"][reference]
    assert set(component["required"]) == {"detail", "errors"}
    assert "not a valid baked badge" in json.dumps(refusal["examples"])
    assert "nested more than 64 levels" in json.dumps(refusal["examples"])
    verification = schema["components"]["schemas"]["Verification"]["properties"]
    assert "unverified_claims" in verification


# --- The verification page --------------------------------------------------------------------


def test_page_refuses_json_nested_10000_levels_deep(client, unchanged):
    text = '{"a": ' + "[" * 10_000 + "]" * 10_000 + "}"
    response = client.post("/badges/verify/", {"credential_json": text})
    page = response.content.decode()
    assert response.status_code == 400
    assert "This is not a badge credential we can read: the JSON is nested more than 64" in page
    assert 'id="verification-result"' not in page


@pytest.mark.parametrize("name", sorted(DAMAGED_IMAGES))
def test_page_refuses_damaged_images(client, unchanged, name):
    upload = SimpleUploadedFile("badge.png", DAMAGED_IMAGES[name], content_type="image/png")
    response = client.post("/badges/verify/", {"image": upload})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    message = re.search(r"This image is not a valid baked badge: [^<]*", page)
    assert message is not None and IMAGE_REASONS[name] in message.group()
    assert 'href="#id_image"' in page
    assert 'id="verification-result"' not in page


def test_page_refuses_a_decompression_bomb(client, unchanged, bomb):
    upload = SimpleUploadedFile("bomb.png", bomb, content_type="image/png")
    response = client.post("/badges/verify/", {"image": upload})
    assert response.status_code == 400
    assert "inflates to more than 1 MB" in response.content.decode()


def test_a_tampered_credential_shows_what_failed_and_no_claims_as_facts(client, credential):
    tampered = copy.deepcopy(credential.document)
    tampered["credentialSubject"]["achievement"]["name"] = "Accredited Coach"
    tampered["credentialSubject"]["achievement"]["criteria"]["id"] = JAVASCRIPT
    tampered["issuer"]["url"] = JAVASCRIPT
    baked = bake_png(default_png("Badge"), json.dumps(tampered))
    for data in (
        {"credential_json": json.dumps(tampered)},
        {"image": SimpleUploadedFile("b.png", baked, content_type="image/png")},
    ):
        page = client.post("/badges/verify/", data).content.decode()
        assert "Tampered: this badge was changed" in page
        assert 'id="verified-fields"' not in page
        assert "as its issuer signed it" not in page
        assert "Failed</strong> Signature:" in page
        claims = page[page.index('id="unverified-claims"') :]
        assert "not verified" in claims and "Accredited Coach" in claims
        assert "More about the criteria" not in page
        assert_no_script_links(page)


def test_a_malformed_credential_lists_every_check_and_no_facts(client, credential):
    malformed = copy.deepcopy(credential.document)
    del malformed["validFrom"]
    page = client.post("/badges/verify/", {"credential_json": json.dumps(malformed)})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Failed</strong> Format and schema: validFrom must be a date-time" in text
    for label in ("Signature", "Status (not revoked)", "Validity dates", "Issuer and signing key"):
        assert f"Not checked</strong> {label}: Not checked: the credential is not" in text
    assert 'id="verified-fields"' not in text
    assert 'id="unverified-claims"' in text


def test_a_genuine_credentials_fields_are_shown_as_facts_with_http_links(client, credential):
    page = client.post("/badges/verify/", {"url": credential.url()}).content.decode()
    facts = page[page.index('id="verified-fields"') :]
    assert credential.achievement.name in facts
    assert 'href="https://hub.example.org/step-one/">More about the criteria' in facts
    assert 'href="https://hub.example.org/">Peer Leadership Hub</a>' in facts
    assert 'id="unverified-claims"' not in page


def test_a_signed_javascript_criteria_url_is_never_a_link(client, email_learner, issuer):
    achievement = Achievement.objects.create(
        issuer=issuer,
        name="Scripted",
        description="An achievement whose criteria URL is a script.",
        criteria_narrative="Clicked a link.",
        criteria_url=JAVASCRIPT,
    )
    signed = award(email_learner, achievement).credential
    assert signed.document["credentialSubject"]["achievement"]["criteria"]["id"] == JAVASCRIPT
    report = client.post("/badges/verify/", {"url": signed.url()}).content.decode()
    assert "Valid: this badge is genuine" in report
    assert "Clicked a link." in report
    assert "More about the criteria" not in report
    assert_no_script_links(report)
    public = client.get(urlsplit(signed.url()).path, HTTP_ACCEPT="text/html").content.decode()
    assert "Clicked a link." in public
    assert "More about the criteria" not in public
    assert_no_script_links(public)
