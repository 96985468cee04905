"""Dynamic Registration keeps its two secrets out of every URL after the first request.

The LMS opens ``/lti/register/?openid_configuration=…&registration_token=…&token=…``; from
then on the one-time ``token`` and the platform's ``registration_token`` travel only in POST
bodies. Every URL a page of the flow names (links, scripts, styles, form actions), every
redirect and every request the flow makes is checked, and the pages send no ``Referer``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import pytest
from django.test import Client

from lti_platform import PlatformServer, is_registration_close_page
from lti_platform.forms import parse_auto_post_form
from lti_tool.models import Registration, RegistrationToken, ToolKey
from tests.security.policy import assert_page_keeps_policy
from tests.support.lti import TOOL

pytestmark = pytest.mark.django_db

URL_ATTRIBUTE = re.compile(r"""\s(?:href|src|action|formaction)\s*=\s*["']([^"']*)["']""")


@pytest.fixture(autouse=True)
def _tool_key(db) -> None:
    ToolKey.generate()


def secret_forms(*secrets: str) -> list[str]:
    """Each secret as it could appear in a URL: raw and percent-encoded."""
    return [form for secret in secrets for form in {secret, quote(secret), quote_plus(secret)}]


def assert_no_secret_in_urls(response: Any, secrets: list[str], *, first: bool = False) -> None:
    """Neither secret in a URL the page names or redirects to (nor in its own, after the first)."""
    named = URL_ATTRIBUTE.findall(response.content.decode())
    named += [response.get("Location", "")]
    if not first:
        named.append(response.wsgi_request.get_full_path())
    for url in named:
        for secret in secrets:
            assert secret not in url, f"{url!r} carries a registration secret"
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="referrer" content="no-referrer">' in response.content.decode()


@pytest.mark.parametrize("flavour", ["generic", "canvas"])
def test_no_url_after_the_first_carries_either_token(client: Client, flavour: str):
    record, token = RegistrationToken.issue()
    with PlatformServer(flavour=flavour) as server:
        opened = server.platform.dynreg.initiation_url(f"{TOOL}/lti/register/?token={token}")
        query = parse_qs(urlsplit(opened).query)
        registration_token = query["registration_token"][0]
        secrets = secret_forms(token, registration_token)
        assert token in opened and registration_token in opened  # the LMS's first request

        review = client.get(opened.removeprefix(TOOL))
        assert review.status_code == 200
        assert_page_keeps_policy(review)
        assert_no_secret_in_urls(review, secrets, first=True)
        form = parse_auto_post_form(review.content.decode())
        assert form.method == "post" and form.action == "/lti/register/"
        assert form.fields["token"] == token  # in the body, not the URL
        assert form.fields["registration_token"] == registration_token

        done = client.post(form.action, form.fields)
        assert done.status_code == 200, done.content.decode()[:600]
        assert is_registration_close_page(done.content.decode())
        assert done.wsgi_request.get_full_path() == "/lti/register/"
        assert_page_keeps_policy(done)
        assert_no_secret_in_urls(done, secrets)
    assert Registration.objects.count() == 1
    record.refresh_from_db()
    assert record.used_at is not None


def test_a_refused_confirmation_names_no_secret_either(client: Client):
    record, token = RegistrationToken.issue()
    with PlatformServer(flavour="generic") as server:
        opened = server.platform.dynreg.initiation_url(f"{TOOL}/lti/register/?token={token}")
        registration_token = parse_qs(urlsplit(opened).query)["registration_token"][0]
        review = client.get(opened.removeprefix(TOOL))
        assert_no_secret_in_urls(review, secret_forms(token, registration_token), first=True)
        form = parse_auto_post_form(review.content.decode())
        refused = client.post(form.action, {**form.fields, "token": "not-the-link"})
    assert refused.status_code == 403
    assert_no_secret_in_urls(refused, secret_forms(token, registration_token))
    assert not Registration.objects.exists()
    record.refresh_from_db()
    assert record.used_at is None
