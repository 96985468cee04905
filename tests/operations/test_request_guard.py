"""A NUL character anywhere in a request is a 400 with a plain message, never a 500."""

from __future__ import annotations

import pytest

from lti_tool.models import LaunchSession, LoginState

pytestmark = pytest.mark.django_db

NUL_PAGE = "Sorry, we could not understand that request"


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=care%00plan",
        "/search/?q=\x00",
        "/lti/login/?iss=https%3A%2F%2Flms.example%00&login_hint=a",
        "/lti/login/?iss=https%3A%2F%2Flms.example&client_id=c%00&login_hint=a",
        "/lti/s/abc%00def/",
        "/lti/s/abc\x00def/",
        "/badges/verify/?url=https%3A%2F%2Fexample.org%2F%00",
    ],
)
def test_nul_in_a_path_or_query_is_a_plain_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert NUL_PAGE in response.content.decode()


def test_nul_in_an_api_query_is_a_json_400(client):
    response = client.get("/api/content/lessons/?step=care%00plan")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request contains a character that is not allowed (a NUL character)."
    }


@pytest.mark.parametrize(
    ("url", "form"),
    [
        ("/lti/login/", {"iss": "https://lms.example\x00", "login_hint": "a"}),
        ("/lti/login/", {"iss": "https://lms.example", "client_id": "\x00", "login_hint": "a"}),
        ("/lti/launch/", {"id_token": "x.y.z", "state": "state-\x00"}),
    ],
)
def test_nul_in_a_form_field_is_a_plain_400_and_creates_nothing(client, url, form):
    response = client.post(url, form)
    assert response.status_code == 400
    assert NUL_PAGE in response.content.decode()
    assert not LoginState.objects.exists()
    assert not LaunchSession.objects.exists()


def test_text_that_only_looks_like_an_escape_is_searched_as_usual(client, programme):
    """``%2500`` is the text "%00", not a NUL: the search runs and answers normally."""
    response = client.get("/search/?q=%2500")
    assert response.status_code == 200
    assert NUL_PAGE not in response.content.decode()
