"""Key rotation on both sides: the platform's keys (verified by the tool) and the tool's own."""

from __future__ import annotations

import logging
from datetime import timedelta
from io import StringIO
from typing import Any

import jwt
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from lti_platform import DeepLinkingResponseError, RsaKey
from lti_tool.framed.deep_linking import response_jwt
from lti_tool.models import Registration, ToolKey
from lti_tool.roles import LEARNER
from tests.support.keys import USER, accepted, launch_signed_with, refused_codes
from tests.support.lti import DEPLOYMENT_ID, TOOL, launch

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------------- helpers --
def published_kids(client: Client) -> list[str]:
    response = client.get("/lti/jwks/")
    assert response.status_code == 200
    return [key["kid"] for key in response.json()["keys"]]


def verify_with_served_jwks(client: Client, token: str, registration: Registration) -> dict:
    """Verify a tool-signed JWT as a platform would: the /lti/jwks/ key with the JWT's kid."""
    kid = jwt.get_unverified_header(token)["kid"]
    matching = [key for key in client.get("/lti/jwks/").json()["keys"] if key["kid"] == kid]
    if not matching:
        raise LookupError(f"kid {kid} is not published")
    (jwk,) = matching
    return jwt.decode(
        token,
        jwt.PyJWK(jwk, algorithm="RS256").key,
        algorithms=["RS256"],
        audience=registration.issuer,
        issuer=registration.client_id,
    )


@pytest.fixture
def warmed(client, lms, caplog) -> Any:
    """One real launch, so the tool has cached the platform's (first) JWKS."""
    assert accepted(launch(client, lms, user=USER, roles=[LEARNER]))
    caplog.set_level(logging.WARNING, logger="lti_tool.launch")
    caplog.clear()
    return lms


# ------------------------------------------------------------------ platform rotation --
def test_launch_signed_with_the_old_key_still_verifies_after_rotation(client, warmed, caplog):
    lms = warmed
    old = lms.platform.keys.signing_key
    new = lms.platform.keys.rotate()  # the old key stays published
    assert [key["kid"] for key in lms.platform.keys.jwks()["keys"]] == [old.kid, new.kid]
    fetches = lms.server.jwks_fetch_count

    assert accepted(launch_signed_with(client, lms, old))
    assert lms.server.jwks_fetch_count == fetches  # the cached key is enough
    assert refused_codes(caplog) == []


def test_launch_signed_with_a_new_key_verifies_after_one_refetch(client, warmed, caplog):
    lms = warmed
    new = lms.platform.keys.rotate()
    fetches = lms.server.jwks_fetch_count

    assert accepted(launch(client, lms, user=USER, roles=[LEARNER]))  # signed with the new kid
    assert lms.server.jwks_fetch_count == fetches + 1
    assert accepted(launch_signed_with(client, lms, new))
    assert lms.server.jwks_fetch_count == fetches + 1  # now cached: no further fetch
    assert refused_codes(caplog) == []


def test_staged_key_is_refused_until_the_platform_publishes_it(client, warmed, caplog):
    lms = warmed
    staged = lms.platform.keys.rotate(publish_new=False)
    fetches = lms.server.jwks_fetch_count

    refused = launch(client, lms, user=USER, roles=[LEARNER])
    assert refused.status_code == 400
    assert refused_codes(caplog) == ["unknown_kid"]
    assert lms.server.jwks_fetch_count == fetches + 1

    lms.platform.keys.publish(staged.kid)
    assert accepted(launch(client, lms, user=USER, roles=[LEARNER]))
    assert lms.server.jwks_fetch_count == fetches + 2


def test_kid_published_nowhere_is_refused_after_one_refetch(client, warmed, caplog):
    lms = warmed
    lms.platform.keys.rotate()
    stranger = RsaKey.generate()
    fetches = lms.server.jwks_fetch_count

    response = launch_signed_with(client, lms, stranger)

    assert response.status_code == 400
    assert "could not be opened" in response.content.decode()
    assert refused_codes(caplog) == ["unknown_kid"]
    assert lms.server.jwks_fetch_count == fetches + 1


# ---------------------------------------------------------------------- tool rotation --
def test_rotate_makes_a_new_signing_key_and_publishes_the_old_one_for_the_overlap(client, db):
    old = ToolKey.generate()
    before = timezone.now()

    new = ToolKey.rotate(timedelta(days=2))

    old.refresh_from_db()
    assert new.kid != old.kid and new.active
    assert ToolKey.current() == new
    assert old.active is False and old.retired_at is not None
    assert before + timedelta(days=2) <= old.publish_until <= timezone.now() + timedelta(days=2)
    assert published_kids(client) == [new.kid, old.kid]  # newest first

    ToolKey.objects.filter(pk=old.pk).update(publish_until=timezone.now() - timedelta(seconds=1))
    assert published_kids(client) == [new.kid]


def test_rotate_keys_command(client, db):
    old = ToolKey.generate()
    out = StringIO()

    call_command("lti_rotate_keys", "--overlap-days=3", stdout=out)

    new = ToolKey.current()
    old.refresh_from_db()
    assert new.kid != old.kid
    assert f"Now signing with key {new.kid}. 2 key(s) published" in out.getvalue()
    assert timedelta(days=3) - timedelta(minutes=1) < old.publish_until - old.retired_at
    assert published_kids(client) == [new.kid, old.kid]

    call_command("lti_rotate_keys", "--overlap-days=0", stdout=StringIO())
    newest = ToolKey.current()
    # No overlap: the key just retired is gone at once; the first one keeps its three days.
    assert published_kids(client) == [newest.kid, old.kid]


def test_rotate_keys_command_rejects_a_negative_overlap(client, db):
    key = ToolKey.generate()
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("lti_rotate_keys", "--overlap-days=-1", stdout=StringIO())
    assert list(ToolKey.objects.values_list("kid", "active")) == [(key.kid, True)]
    assert published_kids(client) == [key.kid]


def _deep_linking_response(lms: Any, data: str) -> str:
    settings = {
        "deep_link_return_url": lms.platform.deep_link_return_url,
        "accept_types": ["ltiResourceLink"],
        "accept_presentation_document_targets": ["iframe", "window"],
        "data": data,
    }
    item = {"type": "ltiResourceLink", "title": "Step One", "url": f"{TOOL}/lti/launch/"}
    return response_jwt(lms.registration, DEPLOYMENT_ID, settings, [item])


def test_deep_linking_response_verifies_against_the_served_jwks_across_a_rotation(client, lms):
    registration = lms.registration
    before = _deep_linking_response(lms, "before")
    old_kid = jwt.get_unverified_header(before)["kid"]
    assert old_kid == ToolKey.current().kid
    claims = verify_with_served_jwks(client, before, registration)
    assert claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] == (
        "LtiDeepLinkingResponse"
    )
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "before"

    new = ToolKey.rotate(timedelta(days=1))
    after = _deep_linking_response(lms, "after")
    assert jwt.get_unverified_header(after)["kid"] == new.kid != old_kid
    assert verify_with_served_jwks(client, after, registration)
    assert verify_with_served_jwks(client, before, registration)  # overlap: old kid served

    # The platform peer, given the served JWKS, agrees (signature, iss, aud, nonce, data).
    served = client.get("/lti/jwks/").json()
    for token, data in ((before, "before"), (after, "after")):
        items = lms.platform.verify_deep_linking_response(
            token, jwks=served, expected_deployment_id=DEPLOYMENT_ID, expected_data=data
        )
        assert [item["title"] for item in items] == ["Step One"]

    # A signature made with one key does not pass as the other's.
    forged = jwt.encode(
        jwt.decode(before, options={"verify_signature": False}),
        new.private_key_pem,
        algorithm="RS256",
        headers={"kid": old_kid},
    )
    with pytest.raises(jwt.InvalidSignatureError):
        verify_with_served_jwks(client, forged, registration)

    # Once the overlap has passed, the old kid is gone and its JWTs no longer verify.
    ToolKey.objects.filter(kid=old_kid).update(publish_until=timezone.now())
    with pytest.raises(LookupError):
        verify_with_served_jwks(client, before, registration)
    with pytest.raises(DeepLinkingResponseError):
        lms.platform.verify_deep_linking_response(
            _resign_with_fresh_nonce(before, old_kid), jwks=client.get("/lti/jwks/").json()
        )
    assert verify_with_served_jwks(client, after, registration)


def _resign_with_fresh_nonce(token: str, kid: str) -> str:
    """The same JWT, re-signed with the retired key and a fresh nonce (the platform's replay
    check would otherwise refuse it for the wrong reason)."""
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["nonce"] = claims["nonce"] + "-again"
    return jwt.encode(
        claims,
        ToolKey.objects.get(kid=kid).private_key_pem,
        algorithm="RS256",
        headers={"kid": kid},
    )
