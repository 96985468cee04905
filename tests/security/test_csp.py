"""The Content-Security-Policy on every kind of page outside the LMS frame.

Each page gets one header with the site's policy and a fresh nonce, and every inline script
or style on it carries that nonce (``tests.security.policy``). Framed pages are checked in
``tests/lti/test_content_security_policy.py``, badge pages in
``tests/badges/test_content_security_policy.py``.
"""

from __future__ import annotations

import pytest
from django.test import Client

from security.csp import origin_of
from tests.security.policy import assert_page_keeps_policy, policy

pytestmark = pytest.mark.django_db


def test_public_pages_have_the_policy_and_a_fresh_nonce_each(client, programme):
    urls = [
        programme.programme.url,
        programme.steps[0].url,
        programme.lessons["first"].url,
        programme.mentor_index.url,
        programme.mentor.url,
        programme.glossary.url,
        "/search/?q=meeting",
    ]
    nonces = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        nonce = assert_page_keeps_policy(response)
        # The one inline script left (it must run before the page paints) carries the nonce.
        assert f'<script nonce="{nonce}">document.body.className' in response.content.decode()
        # Only the LMS-framed pages may be framed; elsewhere X-Frame-Options still says DENY.
        assert "frame-ancestors" not in policy(response)
        assert response["X-Frame-Options"] == "DENY"
        nonces.add(nonce)
    assert len(nonces) == len(urls)


def test_not_found_page_has_the_policy(client, programme):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_page_keeps_policy(response)


def test_debug_error_pages_are_left_readable_only_with_debug_on(client, programme, settings):
    settings.DEBUG = True
    debug_404 = client.get("/no-such-page/")
    assert debug_404.status_code == 404
    assert "Content-Security-Policy" not in debug_404
    assert_page_keeps_policy(client.get(programme.programme.url))


@pytest.mark.urls("tests.security.urls")
def test_server_error_page_has_the_policy(db):
    client = Client(raise_request_exception=False)
    response = client.get("/fail/")
    assert response.status_code == 500
    assert_page_keeps_policy(response)


def test_api_docs_run_with_no_inline_script(client, db):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    nonce = assert_page_keeps_policy(page)
    html = page.content.decode()
    assert f'<style nonce="{nonce}">' in html
    # Swagger UI's start-up script is served as a file from the same view.
    assert '<script src="/api/docs/?script=">' in html
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_api_answers_carry_the_policy_too(client, programme):
    response = client.get("/api/content/steps/")
    assert response.status_code == 200
    assert policy(response)["default-src"] == ["'self'"]


def test_admin_login_and_dashboard_have_the_admin_policy(client, admin_client, programme):
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert_page_keeps_policy(login, admin=True)
    dashboard = admin_client.get("/admin/")
    assert dashboard.status_code == 200
    directives = policy(dashboard)
    assert_page_keeps_policy(dashboard, admin=True)
    assert "www.gravatar.com" in directives["img-src"]
    assert "https://releases.wagtail.org" in directives["connect-src"]
    # The admin's allowances stay in the admin.
    public = policy(client.get(programme.programme.url))
    assert "www.gravatar.com" not in public["img-src"]
    assert "https://releases.wagtail.org" not in public["connect-src"]


def test_page_editor_inline_scripts_carry_the_nonce(admin_client, programme):
    editor = admin_client.get(f"/admin/pages/{programme.lessons['first'].pk}/edit/")
    assert editor.status_code == 200
    nonce = assert_page_keeps_policy(editor, admin=True)
    # The schedule dialog's date pickers: Wagtail's inline start-up scripts, given the nonce.
    assert f'<script nonce="{nonce}">initDateTimeChooser(' in editor.content.decode()


def test_only_http_addresses_can_widen_form_action():
    assert origin_of("https://LMS.example.org:8443/deep-link/return?x=1") == (
        "https://lms.example.org:8443"
    )
    for url in ("javascript:alert(1)", "/relative/path", "data:text/html,hi", "//host/x", ""):
        assert origin_of(url) is None, url
