"""Who may frame the registration pages: the registering platform, only with a usable link.

The LMS frames ``/lti/register/`` in its admin page before it is registered, so the pages of
one registration (review, done, error) name the origin of its ``openid_configuration`` in
``frame-ancestors``. Without a usable one-time link (or open registration) they do not, and
no other page of the tool ever does.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from lti_platform import PlatformServer
from lti_tool.models import Registration, RegistrationToken, ToolKey
from lti_tool.registration import dynamic as dr
from lti_tool.registration.platform_cache import CACHE_KEY
from security.csp import parse
from tests.support.registration import confirm, opened_by, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tool_key(db) -> None:
    ToolKey.generate()
    cache.delete(CACHE_KEY)  # registered origins of an earlier test, rolled back since


def framers(response) -> list[str]:
    return parse(response["Content-Security-Policy"])["frame-ancestors"]


def test_review_and_done_pages_may_be_framed_by_the_registering_platform(client):
    _, token = RegistrationToken.issue()
    with PlatformServer(flavour="moodle") as server:
        review, done = register(client, server, token)
        assert done.status_code == 200
        for response in (review, done):
            assert framers(response) == ["'self'", server.base_url]
            assert response["Content-Security-Policy"].count("frame-ancestors") == 1
        # Once registered, the platform frames the tool as every registered platform does.
        assert client.get("/lti/jwks/")["Content-Security-Policy"].count(server.base_url) == 1


def test_an_error_after_a_good_link_is_shown_in_the_frame(client):
    _, token = RegistrationToken.issue()
    with PlatformServer(flavour="generic") as server:
        server.faults.fail_next("openid-configuration", status=500)
        response = client.get(opened_by(server, token))
        assert response.status_code == 502
        assert framers(response) == ["'self'", server.base_url]


@pytest.mark.parametrize("token", [None, "not-a-real-link"])
def test_without_a_usable_link_no_platform_may_frame_the_page(client, token):
    with PlatformServer(flavour="generic") as server:
        response = client.get(opened_by(server, token))
        assert response.status_code == 403
        assert framers(response) == ["'self'"]


def test_a_used_link_lets_nobody_frame_the_page_again(client):
    _, token = RegistrationToken.issue()
    with PlatformServer(flavour="generic") as server:
        review, _ = register(client, server, token)
        again = confirm(client, review)  # the form sent a second time
        assert again.status_code == 403
        assert Registration.objects.count() == 1
        # Only as a registered platform (its issuer) now, not through the used link.
        cache.delete(CACHE_KEY)
        Registration.objects.update(active=False)
        again = confirm(client, review)
        assert framers(again) == ["'self'"]


def test_open_registration_lets_the_registering_platform_frame_it(client, settings):
    settings.LTI_OPEN_DYNAMIC_REGISTRATION = True
    with PlatformServer(flavour="generic") as server:
        review = client.get(opened_by(server, None))
        assert review.status_code == 200
        assert framers(review) == ["'self'", server.base_url]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://lms.example.edu/mod/lti/openid-configuration.php", "https://lms.example.edu"),
        ("https://LMS.example.edu:8443/x", "https://lms.example.edu:8443"),
        ("http://127.0.0.1:8001/config", "http://127.0.0.1:8001"),
        ("https://admin:pw@lms.example.edu/config", "https://lms.example.edu"),
        ("http://lms.example.edu/config", None),  # plain http off loopback
        ("https://lms.example.edu:99999/config", None),
        ("https://lms.exa;mple.edu/config", None),  # would be read as policy syntax
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_registering_origin(url, origin):
    assert dr.registering_origin(url) == origin


def test_the_framing_origins_follow_registrations_without_a_request(db):
    """The receiver is connected by the app, not by loading the middleware: a worker or a
    management command that changes a registration refreshes every process's origins."""
    from lti_tool.middleware import frame_ancestors
    from lti_tool.models import Registration

    before = frame_ancestors()
    registration = Registration.objects.create(
        name="Another LMS",
        issuer="https://another-lms.example.org",
        client_id="another",
        auth_login_url="https://login.another-lms.example.org/auth",
        auth_token_url="https://another-lms.example.org/token",
        key_set_url="https://another-lms.example.org/jwks",
    )
    added = {"https://another-lms.example.org", "https://login.another-lms.example.org"}
    assert set(frame_ancestors()) == set(before) | added
    registration.delete()
    assert frame_ancestors() == before
