"""A hostile platform: every launch the tool must refuse, refused properly and harmlessly.

Each refusal must be a 4xx page a learner understands, exactly one structured JSON log line
(``"event": "lti_launch_refused"`` with a code) for administrators, and no database writes:
no Learner, LtiUser, Context, Membership, ResourceLink or LessonProgress row created or changed
(an unknown deployment may only add itself, inactive). Every test first launches the same user
for real, so a hostile relaunch that slipped through would visibly touch that user's rows.
"""

from __future__ import annotations

import html
import json
import logging
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from hub.models import Learner, LessonProgress
from lti_platform import HOSTILE, RsaKey, Tamper, hostile_cases
from lti_platform import claims as c
from lti_tool.launch import state as login_state
from lti_tool.models import (
    Context,
    Deployment,
    LoginState,
    LtiUser,
    Membership,
    Registration,
    ResourceLink,
    ToolKey,
)
from lti_tool.roles import LEARNER
from tests.support.lti import CLIENT_ID, DEPLOYMENT_ID, TOOL, follow, launch, start_login

pytestmark = pytest.mark.django_db

USER = "hostile-user"
WATCHED = (Learner, LtiUser, Context, Membership, ResourceLink, LessonProgress)

GENERIC = "This link could not be opened. Please go back to your course and try again."
EXPIRED = "This link has expired. Please go back to your course and open it again."
USED = "This link has already been used. Please go back to your course and open it again."
AWAITING = "This course's tool is awaiting activation by the administrator"
BLOCKED = "Your browser blocked the information this tool needs."

# What the tool answers to each of the platform's hostile presets: (code, status, message).
EXPECTED: dict[str, tuple[str, int, str]] = {
    "unknown_signing_key": ("unknown_kid", 400, GENERIC),
    "forged_with_known_kid": ("bad_signature", 400, GENERIC),
    "unknown_kid": ("unknown_kid", 400, GENERIC),
    "alg_none": ("bad_alg", 400, GENERIC),
    "hs256_key_confusion": ("bad_alg", 400, GENERIC),
    "alg_header_mismatch": ("bad_alg", 400, GENERIC),
    "expired": ("expired", 400, EXPIRED),
    "missing_exp": ("missing_exp", 400, GENERIC),
    "missing_iat": ("missing_iat", 400, GENERIC),
    "iat_in_future": ("iat_in_future", 400, GENERIC),
    "wrong_iss": ("wrong_iss", 400, GENERIC),
    "missing_iss": ("wrong_iss", 400, GENERIC),
    "wrong_aud": ("azp_mismatch", 400, GENERIC),  # aud is a stranger, azp is still us
    "aud_list_without_azp": ("azp_mismatch", 400, GENERIC),
    "aud_list_wrong_azp": ("wrong_aud", 400, GENERIC),  # azp picks the stranger
    "wrong_azp": ("azp_mismatch", 400, GENERIC),
    "missing_nonce": ("missing_nonce", 400, GENERIC),
    "empty_nonce": ("missing_nonce", 400, GENERIC),
    "missing_deployment_id": ("missing_deployment", 400, GENERIC),
    "unknown_deployment_id": ("deployment_inactive", 403, AWAITING),
    "missing_message_type": ("message_type", 400, GENERIC),
    "wrong_message_type": ("message_type", 400, GENERIC),
    "missing_version": ("invalid_message", 400, GENERIC),
    "wrong_version": ("invalid_message", 400, GENERIC),
    "missing_roles": ("invalid_message", 400, GENERIC),
    "roles_not_a_list": ("missing_roles", 400, GENERIC),
    "empty_sub": ("invalid_message", 400, GENERIC),
    "foreign_target_link_uri": ("target_link_uri", 400, GENERIC),
    "missing_target_link_uri": ("target_link_uri", 400, GENERIC),
    "missing_resource_link": ("invalid_message", 400, GENERIC),
    "missing_resource_link_id": ("invalid_message", 400, GENERIC),
    "missing_deep_linking_settings": ("invalid_message", 400, GENERIC),
    "missing_deep_link_return_url": ("deep_link_return_url", 400, GENERIC),
}
REFETCHING = {"unknown_signing_key", "unknown_kid"}  # the only cases that may refetch the JWKS

PRESETS = [
    pytest.param(message_type, name, id=f"{short}-{name}")
    for message_type, short in ((c.MSG_RESOURCE_LINK, "rl"), (c.MSG_DEEP_LINKING_REQUEST, "dl"))
    for name in hostile_cases(message_type)
]


# --------------------------------------------------------------------------------- helpers --
def rows() -> dict[str, list[dict[str, Any]]]:
    """Every row of every watched model, as plain values."""
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in WATCHED}


def deployments() -> list[dict[str, Any]]:
    return list(Deployment.objects.order_by("pk").values())


def refusals(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    """The structured refusal lines the launch logger wrote."""
    lines = []
    for record in caplog.records:
        if record.name != "lti_tool.launch":
            continue
        try:
            line = json.loads(record.getMessage())
        except ValueError:
            continue
        if line.get("event") == "lti_launch_refused":
            assert record.levelno == logging.WARNING
            lines.append(line)
    return lines


def assert_refused(
    response: Any,
    caplog: pytest.LogCaptureFixture,
    *,
    code: str,
    status: int = 400,
    message: str = GENERIC,
) -> dict[str, Any]:
    """A learner page with ``message``, one log line with ``code``; returns that line."""
    assert response.status_code == status, response.content[:500]
    page = html.unescape(response.content.decode())
    assert message in page
    lines = refusals(caplog)
    assert [line["code"] for line in lines] == [code], lines
    assert lines[0]["detail"] not in page  # the administrators' detail stays in the log
    return lines[0]


def login_for(client: Client, lms: Any, **prepare: Any) -> tuple[str, str]:
    """Run the tool's OIDC login in ``client``; returns the (state, nonce) the tool issued."""
    _, response = start_login(client, lms, **prepare)
    assert response.status_code == 302, response.content[:400]
    query = parse_qs(urlsplit(response["Location"]).query)
    return query["state"][0], query["nonce"][0]


def lesson_custom(programme: Any) -> dict[str, str]:
    return {"plh_page": str(programme.lessons["first"].pk)}  # Step One: open to anyone


@pytest.fixture
def launched(client, lms, programme, caplog) -> dict[str, str]:
    """A real launch of USER into a lesson (rows in every watched model, JWKS cached)."""
    custom = lesson_custom(programme)
    page = follow(client, launch(client, lms, user=USER, roles=[LEARNER], custom=custom))
    assert page.status_code == 200
    assert all(model.objects.exists() for model in WATCHED)
    caplog.set_level(logging.WARNING, logger="lti_tool.launch")
    caplog.clear()
    return custom


# ------------------------------------------------------------------ the platform's presets --
def test_every_hostile_preset_has_an_expected_refusal():
    assert set(EXPECTED) == set(HOSTILE)


@pytest.mark.parametrize(("message_type", "case"), PRESETS)
def test_hostile_token_is_refused_without_writes(client, lms, launched, caplog, message_type, case):
    code, status, message = EXPECTED[case]
    before, deployments_before = rows(), deployments()
    fetches = lms.server.jwks_fetch_count

    response = launch(
        client, lms, message_type=message_type, tamper=case, user=USER, custom=launched
    )

    assert_refused(response, caplog, code=code, status=status, message=message)
    assert rows() == before
    # One refetch of the (cached) platform JWKS for an unknown kid, none otherwise.
    assert lms.server.jwks_fetch_count - fetches == (1 if case in REFETCHING else 0)
    if case == "unknown_deployment_id":
        created = Deployment.objects.get(deployment_id="deployment-unknown")
        assert created.active is False
        assert deployments()[:-1] == deployments_before
        assert deployments()[-1]["id"] == created.pk
    else:
        assert deployments() == deployments_before


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        pytest.param(
            Tamper(overrides={"aud": "some-other-client"}, remove=frozenset({"azp"})),
            "wrong_aud",
            id="wrong-aud-without-azp",
        ),
        pytest.param(
            Tamper(time_offsets={"iat": 120, "exp": 3720}), "iat_in_future", id="iat+120s"
        ),
        pytest.param(Tamper(time_offsets={"exp": -120}), "expired", id="exp-120s"),
        pytest.param(Tamper(overrides={c.RESOURCE_LINK: None}), "invalid_message", id="link-null"),
        pytest.param(Tamper(overrides={c.RESOURCE_LINK: "x"}), "invalid_message", id="link-string"),
        pytest.param(
            Tamper(overrides={c.MESSAGE_TYPE: [c.MSG_RESOURCE_LINK]}),
            "message_type",
            id="message-type-list",
        ),
        pytest.param(Tamper(overrides={"sub": "   "}), "missing_sub", id="blank-sub"),
        pytest.param(Tamper(overrides={"sub": "s" * 256}), "invalid_message", id="long-sub"),
        pytest.param(
            Tamper(overrides={c.DEPLOYMENT_ID: "d" * 256}), "invalid_message", id="long-deployment"
        ),
        pytest.param(Tamper(overrides={"exp": "soon"}), "invalid_exp", id="exp-not-a-number"),
        # PyJWT would turn these strings into numbers: a token that never expires.
        pytest.param(Tamper(overrides={"exp": "9999999999"}), "invalid_exp", id="exp-string"),
        pytest.param(Tamper(overrides={"exp": True}), "invalid_exp", id="exp-boolean"),
        pytest.param(Tamper(overrides={"iat": "1700000000"}), "invalid_iat", id="iat-string"),
        pytest.param(Tamper(overrides={"nbf": "0"}), "invalid_nbf", id="nbf-string"),
        pytest.param(Tamper(overrides={"nbf": None}), "invalid_nbf", id="nbf-null"),
        pytest.param(
            Tamper(overrides={c.TARGET_LINK_URI: "http://testserver@evil.example/lti/launch/"}),
            "target_link_uri",
            id="target-userinfo-trick",
        ),
        pytest.param(Tamper(headers={"kid": None}), "missing_kid", id="no-kid"),
    ],
)
def test_more_hostile_resource_link_tokens(client, lms, launched, caplog, tamper, code):
    before, deployments_before = rows(), deployments()
    response = launch(client, lms, tamper=tamper, user=USER, custom=launched)
    assert_refused(response, caplog, code=code, message=EXPIRED if code == "expired" else GENERIC)
    assert rows() == before and deployments() == deployments_before


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        pytest.param(Tamper(overrides={c.DL_SETTINGS: "x"}), "invalid_message", id="settings-str"),
        pytest.param(
            Tamper(overrides={(c.DL_SETTINGS, "deep_link_return_url"): 5}),
            "deep_link_return_url",
            id="return-url-number",
        ),
        pytest.param(
            Tamper(overrides={(c.DL_SETTINGS, "deep_link_return_url"): "javascript:alert(1)"}),
            "deep_link_return_url",
            id="return-url-javascript",
        ),
    ],
)
def test_more_hostile_deep_linking_tokens(client, lms, launched, caplog, tamper, code):
    before = rows()
    response = launch(
        client, lms, message_type=c.MSG_DEEP_LINKING_REQUEST, tamper=tamper, user=USER
    )
    assert_refused(response, caplog, code=code)
    assert rows() == before


def test_tolerated_clock_skew_and_audience_list_are_not_refused(client, lms, launched, caplog):
    """Controls: the checks above do not refuse what the spec allows."""
    skewed = Tamper(time_offsets={"iat": 30})  # within the tool's 60 s
    response = launch(client, lms, tamper=skewed, user=USER, custom=launched)
    assert response.status_code == 302 and response["Location"].startswith(f"{TOOL}/lti/s/")
    several = Tamper(overrides={"aud": [CLIENT_ID, "some-other-client"], "azp": CLIENT_ID})
    response = launch(client, lms, tamper=several, user=USER, custom=launched)
    assert response.status_code == 302 and response["Location"].startswith(f"{TOOL}/lti/s/")
    assert refusals(caplog) == []


# ---------------------------------------------------------------------------- the JWKS --
def test_unknown_kid_is_refused_after_exactly_one_refetch(client, lms, launched, caplog):
    state, nonce = login_for(client, lms, user=USER, custom=launched)
    stranger = RsaKey.generate(kid="published-nowhere")
    token = lms.platform.build_id_token(
        client_id=CLIENT_ID, nonce=nonce, user=USER, custom=launched, signing_key=stranger
    )
    before, fetches = rows(), lms.server.jwks_fetch_count
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    line = assert_refused(response, caplog, code="unknown_kid")
    assert "published-nowhere" in line["detail"]
    assert lms.server.jwks_fetch_count == fetches + 1
    assert rows() == before


# ---------------------------------------------------------------- nonces, state, replays --
def test_replayed_launch_is_refused_as_already_used(client, lms, launched, caplog):
    """The same id_token and state posted twice: the second is a replay."""
    _, login = start_login(client, lms, user=USER, roles=[LEARNER], custom=launched)
    _, form = lms.platform.authorize(parse_qs(urlsplit(login["Location"]).query))
    first = client.post("/lti/launch/", form)
    assert first.status_code == 302
    user = LtiUser.objects.get(sub=USER)
    before = rows()

    second = client.post("/lti/launch/", form)

    assert_refused(second, caplog, code="nonce_reused", message=USED)
    assert rows() == before  # last_launch_at included: the user was not touched
    assert LtiUser.objects.get(pk=user.pk).last_launch_at == user.last_launch_at

    # An eavesdropper replaying the captured form from another browser fares no better.
    caplog.clear()
    third = Client().post("/lti/launch/", form)
    assert_refused(third, caplog, code="nonce_reused", message=USED)
    assert rows() == before


def test_nonce_consumed_by_a_racing_request_is_refused(client, lms, launched, caplog):
    """Two posts of one launch at once: whichever comes second finds the nonce used."""
    state, nonce = login_for(client, lms, user=USER, custom=launched)
    token = lms.platform.build_id_token(
        client_id=CLIENT_ID, nonce=nonce, user=USER, custom=launched
    )
    assert login_state.consume_nonce(nonce, state)  # the other request got there first
    before = rows()
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert_refused(response, caplog, code="nonce_reused", message=USED)
    assert rows() == before


def test_nonce_not_issued_by_the_tool_is_refused(client, lms, launched, caplog):
    state, _ = login_for(client, lms, user=USER, custom=launched)
    token = lms.platform.build_id_token(
        client_id=CLIENT_ID, nonce="nonce-the-tool-never-issued", user=USER, custom=launched
    )
    before = rows()
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    assert_refused(response, caplog, code="unknown_nonce")
    assert rows() == before


def test_nonce_of_another_login_is_refused(client, lms, launched, caplog):
    _, first_nonce = login_for(client, lms, user=USER, custom=launched)
    second_state, _ = login_for(client, lms, user=USER, custom=launched)
    token = lms.platform.build_id_token(
        client_id=CLIENT_ID, nonce=first_nonce, user=USER, custom=launched
    )
    before = rows()
    response = client.post("/lti/launch/", {"id_token": token, "state": second_state})
    assert_refused(response, caplog, code="unknown_nonce")
    assert rows() == before


def _forged_state(token: str, state: str) -> dict[str, str]:
    return {"id_token": token, "state": "state-" + secrets.token_urlsafe(24)}


def _stale_state(token: str, state: str) -> dict[str, str]:
    # What the ten-minute lifetime does: the login has expired (the purge has not run yet).
    LoginState.objects.filter(state=state).update(expires_at=timezone.now())
    return {"id_token": token, "state": state}


@pytest.mark.parametrize(
    ("form", "code", "message"),
    [
        pytest.param(
            lambda token, state: {"state": state}, "missing_id_token", GENERIC, id="no-token"
        ),
        pytest.param(
            lambda token, state: {"id_token": token}, "missing_state", GENERIC, id="no-state"
        ),
        pytest.param(
            lambda token, state: {"id_token": token, "state": ""},
            "missing_state",
            GENERIC,
            id="empty",
        ),
        pytest.param(_forged_state, "unknown_state", EXPIRED, id="forged-state"),
        pytest.param(_stale_state, "unknown_state", EXPIRED, id="stale-state"),
    ],
)
def test_missing_or_wrong_state_is_refused(client, lms, launched, caplog, form, code, message):
    state, nonce = login_for(client, lms, user=USER, custom=launched)
    token = lms.platform.build_id_token(
        client_id=CLIENT_ID, nonce=nonce, user=USER, custom=launched
    )
    before = rows()
    response = client.post("/lti/launch/", form(token, state))
    assert_refused(response, caplog, code=code, message=message)
    assert rows() == before


def test_state_from_another_browser_is_refused(client, lms, launched, caplog):
    """A valid state and token, but posted by a browser that never started that login."""
    state, nonce = login_for(client, lms, user=USER, custom=launched)
    token = lms.platform.build_id_token(
        client_id=CLIENT_ID, nonce=nonce, user=USER, custom=launched
    )
    before = rows()
    response = Client().post("/lti/launch/", {"id_token": token, "state": state})
    assert_refused(response, caplog, code="state_mismatch", message=BLOCKED)
    assert rows() == before


# ------------------------------------------------------------ registrations, deployments --
@pytest.fixture
def other_registration(lms) -> Registration:
    """A second tool registration (another client id) on the same platform, fully active."""
    lms.platform.register_tool(
        client_id="other-client",
        login_initiation_url=f"{TOOL}/lti/login/",
        redirect_uris=[f"{TOOL}/lti/launch/"],
        target_link_uri=f"{TOOL}/lti/launch/",
        deployment_ids=[DEPLOYMENT_ID],
        jwks=ToolKey.jwks(),
    )
    registration = Registration.objects.create(
        name="Other client",
        issuer=lms.platform.issuer,
        client_id="other-client",
        auth_login_url=lms.server.auth_url,
        auth_token_url=lms.server.token_url,
        key_set_url=lms.server.jwks_url,
    )
    Deployment.objects.create(registration=registration, deployment_id=DEPLOYMENT_ID, active=True)
    return registration


@pytest.mark.parametrize(
    ("login_client", "token_client"),
    [(CLIENT_ID, "other-client"), ("other-client", CLIENT_ID)],
)
def test_token_for_another_registrations_client_id_is_refused(
    client, lms, launched, other_registration, caplog, login_client, token_client
):
    pending = lms.platform.prepare_launch(client_id=login_client, user=USER)
    response = client.post("/lti/login/", pending.login_params)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["client_id"] == [login_client]
    state, nonce = query["state"][0], query["nonce"][0]
    token = lms.platform.build_id_token(
        client_id=token_client, nonce=nonce, user=USER, custom=launched
    )
    before, deployments_before = rows(), deployments()
    response = client.post("/lti/launch/", {"id_token": token, "state": state})
    line = assert_refused(response, caplog, code="wrong_aud")
    assert line["client_id"] == token_client
    assert rows() == before and deployments() == deployments_before


def test_inactive_deployment_shows_the_awaiting_activation_page(client, lms, launched, caplog):
    Deployment.objects.create(
        registration=lms.registration, deployment_id="deployment-2", active=False
    )
    before, deployments_before = rows(), deployments()
    response = launch(client, lms, user=USER, deployment_id="deployment-2", custom=launched)
    line = assert_refused(
        response, caplog, code="deployment_inactive", status=403, message=AWAITING
    )
    assert line["deployment_id"] == "deployment-2"
    assert rows() == before and deployments() == deployments_before
