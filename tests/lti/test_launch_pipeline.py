"""The launch's checks, in the order they run, with the refusal codes each may answer with.

A reader's map of ``lti_tool.launch.validation``: the refusal tests themselves (bad tokens,
replays, unknown platforms...) are in ``test_hostile_platform.py``, ``test_launch_flow.py``,
``test_launch_state.py`` and ``test_key_rotation.py``, and go through the real endpoints.
"""

from __future__ import annotations

import ast
from pathlib import Path

from lti_tool.launch import validation

EXPECTED = [
    ("posted_token_and_state", ("missing_id_token", "missing_state")),
    ("state_of_a_login_in_progress", ("nonce_reused", "unknown_state")),
    ("browser_that_started_the_login", ("state_mismatch",)),
    ("readable_token", ("malformed_token",)),
    ("numeric_times", ("invalid_exp", "invalid_iat", "invalid_nbf")),
    ("rs256_header", ("bad_alg",)),
    ("key_id", ("missing_kid",)),
    ("issuer_of_the_login", ("wrong_iss",)),
    ("audience_of_the_login", ("azp_mismatch", "wrong_aud")),
    ("active_registration", ("unknown_registration",)),
    (
        "verified_signature",
        (
            "jwks_invalid",
            "jwks_unavailable",
            "unknown_kid",
            "bad_alg",
            "missing_exp",
            "missing_iat",
            "missing_iss",
            "missing_aud",
            "expired",
            "iat_in_future",
            "wrong_aud",
            "wrong_iss",
            "bad_signature",
            "invalid_token",
        ),
    ),
    ("issued_in_the_past", ("iat_in_future",)),
    ("nonce_used_once", ("missing_nonce", "unknown_nonce", "nonce_reused")),
    ("supported_message", ("message_type",)),
    ("deployment_named", ("missing_deployment", "invalid_message")),
    ("message_claims", ("invalid_message",)),
    ("subject", ("missing_sub", "invalid_message")),
    ("roles_listed", ("missing_roles",)),
    ("target_on_this_tool", ("target_link_uri",)),
    ("deep_link_return_url", ("deep_link_return_url",)),
    ("active_deployment", ("deployment_inactive",)),
]


def test_the_checks_run_in_this_order_with_these_refusals() -> None:
    assert [(check.name, check.refusals) for check in validation.CHECKS] == EXPECTED


def test_every_literal_refusal_code_in_the_module_belongs_to_a_check() -> None:
    """A code written in validation.py (as the first argument of a refusal) is listed by the
    check that raises it, so the table above says every way a launch can be refused."""
    source = Path(validation.__file__).read_text()
    written = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", "") or getattr(node.func, "attr", "")
        first = node.args[0]
        if name in ("LaunchRefused", "refused") and isinstance(first, ast.Constant):
            written.add(first.value)
    listed = {code for check in validation.CHECKS for code in check.refusals}
    # state_mismatch is answered by the view (BrowserCheckNeeded), deployment_inactive by
    # DeploymentAwaitingActivation; invalid_<claim> and missing_<claim> are built from the
    # claim's name.
    assert written - listed == set()
    assert listed - written == {
        "state_mismatch",
        "deployment_inactive",
        "invalid_exp",
        "invalid_iat",
        "invalid_nbf",
        "missing_exp",
        "missing_iat",
        "missing_iss",
        "missing_aud",
    }
