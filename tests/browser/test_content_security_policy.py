"""The Content-Security-Policy in a real browser: the site's pages raise no violation, and
script injected into a page without the response's nonce does not run.

A listener for ``securitypolicyviolation`` is installed in every frame before any page script
runs; it reports each violation on the console, and the tests collect those reported by
documents of the tool's own origin (the demo LMS's pages are not ours to judge).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from tests.factories import build_programme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.log("csp-violation " + JSON.stringify({
    document: event.documentURI, directive: event.effectiveDirective,
    blocked: event.blockedURI, sample: event.sample,
  }));
});
"""


def watch_violations(page: Any, origin: str) -> list[dict[str, str]]:
    """Start recording the CSP violations of ``origin``'s documents shown in ``page``."""
    found: list[dict[str, str]] = []

    def record(message: Any) -> None:
        if message.text.startswith("csp-violation "):
            violation = json.loads(message.text.removeprefix("csp-violation "))
            if violation["document"].startswith(origin):
                found.append(violation)

    page.add_init_script(LISTENER)
    page.on("console", record)
    return found


def scripts_ran(frame: Any) -> bool:
    """The nonce'd inline script marks the body; it does not run if the nonce is refused."""
    return frame.evaluate("document.body.classList.contains('js-enabled')")


def test_public_lesson_page_raises_no_violation(page, live_server):
    programme = build_programme()
    violations = watch_violations(page, live_server.url)
    page.goto(live_server.url + programme.lessons["first"].url)
    page.get_by_label("Filling in a survey").check()
    page.get_by_role("button", name="Check my answer").click()
    page.locator("#question-q1 .nhsuk-inset-text").wait_for()
    assert scripts_ran(page)
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_injected_script_without_the_nonce_does_not_run(page, live_server):
    programme = build_programme()
    violations = watch_violations(page, live_server.url)
    url = live_server.url + programme.lessons["first"].url
    injected = (
        "<script>window.plhInjected = 'inline';</script>"
        '<script nonce="guessed">window.plhGuessed = true;</script>'
        '<img src="/missing.png" alt="" onerror="window.plhHandler = true">'
        '<a id="plh-js-link" href="javascript:window.plhLink = true">x</a>'
    )

    def inject(route: Any) -> None:
        # As if a value escaped the templates: the real response, headers and all, plus script.
        response = route.fetch()
        body = response.text().replace("</main>", injected + "</main>")
        route.fulfill(response=response, body=body)

    page.route(url, inject)
    page.goto(url)
    page.locator("#plh-js-link").click()
    page.wait_for_load_state("networkidle")
    assert scripts_ran(page)  # the page's own nonce'd script did run
    ran = page.evaluate(
        "[window.plhInjected, window.plhGuessed, window.plhHandler, window.plhLink]"
    )
    assert ran == [None, None, None, None]
    blocked = {v["directive"] for v in violations}
    assert {"script-src-elem", "script-src-attr"} <= blocked, violations


def test_verification_page_raises_no_violation(page, live_server):
    violations = watch_violations(page, live_server.url)
    page.goto(live_server.url + "/badges/verify/")
    assert scripts_ran(page)
    tampered = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {
            "achievement": {"criteria": {"id": "javascript:alert(document.domain)//"}}
        },
    }
    page.locator("#id_credential_json").fill(json.dumps(tampered))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert scripts_ran(page)
    assert page.evaluate("window.plhAlerted") is None
    assert violations == []


def test_framed_lesson_in_a_cross_site_frame_raises_no_violation(browser, lms, live_server):
    build_programme()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        violations = watch_violations(page, live_server.url)
        page.goto(lms.base_url + "/")
        # Step One: Step Two is for its graduates, and Sam has not finished it.
        page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()
        frame = page.frame_locator("iframe")
        frame.get_by_role("heading", level=1, name="Your story").wait_for(timeout=60000)
        frame.get_by_role("link", name="Start with Why stories matter").click()
        frame.get_by_role("heading", level=1, name="Why stories matter").wait_for()
        framed = next(f for f in page.frames if "/lti/s/" in f.url)
        assert scripts_ran(framed)
        page.wait_for_load_state("networkidle")
        assert violations == []
    finally:
        context.close()


def test_api_docs_raise_no_violation(page, live_server):
    violations = watch_violations(page, live_server.url)
    page.goto(live_server.url + "/api/docs/")
    page.get_by_text("Peer Leadership Hub API").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_admin_page_editor_raises_no_violation(page, live_server):
    programme = build_programme()
    get_user_model().objects.create_superuser("csp-admin", "csp@example.org", "csp-pass-123")
    violations = watch_violations(page, live_server.url)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("csp-admin")
    page.get_by_label("Password").fill("csp-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + f"/admin/pages/{programme.lessons['first'].pk}/edit/")
    page.locator("#id_title").wait_for()
    page.wait_for_load_state("networkidle")
    assert violations == []
    # Signed in, the public page shows Wagtail's user bar, under the site's stricter policy.
    page.goto(live_server.url + programme.lessons["first"].url)
    trigger = page.locator("#wagtail-userbar-trigger")  # inside the user bar's shadow root
    trigger.click()
    page.locator("#wagtail-userbar-items").wait_for()
    page.wait_for_load_state("networkidle")
    assert scripts_ran(page)
    assert violations == []
