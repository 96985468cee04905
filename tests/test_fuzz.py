"""Property-based fuzzing of the public endpoints: whatever arrives, never a server error.

Hypothesis generates query parameters, form fields, JSON bodies and path segments (any text
but lone surrogates, which no client can send: NUL characters, control characters,
right-to-left marks, very long values, numbers where text is expected and the reverse) and
sends them to the verification API, the content APIs, search and the LTI endpoints. Each must
answer below 500. The examples are derived from a fixed seed, so a failure reproduces.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lti_tool.models import LaunchSession, LoginState

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
PARAM_NAMES = st.sampled_from(
    [
        "q",
        "search",
        "step",
        "limit",
        "offset",
        "fields",
        "order",
        "type",
        "child_of",
        "url",
        "iss",
        "client_id",
        "login_hint",
        "target_link_uri",
        "lti_message_hint",
        "lti_deployment_id",
        "lti_storage_target",
        "new_window",
        "id_token",
        "state",
        "format",
    ]
)
PARAMS = st.dictionaries(PARAM_NAMES, TEXT, max_size=6)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)


def assert_answered(response) -> None:
    assert response.status_code < 500, (response.status_code, response.content[:300])


@FUZZ
@given(
    params=PARAMS,
    endpoint=st.sampled_from(
        [
            "/api/content/programmes/",
            "/api/content/steps/",
            "/api/content/lessons/",
            "/api/content/mentors/",
            "/search/",
            "/badges/verify/",
            "/api/schema/",
        ]
    ),
)
def test_read_endpoints_answer_any_query(programme, params, endpoint):
    assert_answered(Client().get(endpoint, params))


@FUZZ
@given(
    segment=TEXT.filter(lambda s: "/" not in s and "?" not in s and "#" not in s),
    prefix=st.sampled_from(
        [
            "/api/content/lessons/",
            "/lti/s/",
            "/badges/credentials/",
            "/badges/assertions/",
        ]
    ),
)
def test_path_segments_of_any_text_are_answered(programme, segment, prefix):
    from urllib.parse import quote

    assert_answered(Client().get(prefix + quote(segment, safe="") + "/"))


@FUZZ
@given(body=JSON_VALUES)
def test_the_verification_api_answers_any_json(body):
    response = Client().post(
        "/api/badges/verify/", data=json.dumps(body), content_type="application/json"
    )
    assert_answered(response)


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(["url", "credential", "image"]), TEXT, max_size=3))
def test_the_verification_api_and_page_answer_any_form(fields):
    assert_answered(Client().post("/api/badges/verify/", fields))
    assert_answered(Client().post("/badges/verify/", fields))


@FUZZ
@given(params=PARAMS, method=st.sampled_from(["get", "post"]))
def test_lti_login_answers_any_parameters_and_keeps_nothing_it_refuses(params, method):
    response = getattr(Client(), method)("/lti/login/", params)
    assert_answered(response)
    if response.status_code != 302:  # refused: no login state kept
        assert not LoginState.objects.exists()


@FUZZ
@given(params=PARAMS)
def test_lti_launch_answers_any_form_and_opens_no_session(params):
    assert_answered(Client().post("/lti/launch/", params))
    assert not LaunchSession.objects.exists()
