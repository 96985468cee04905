"""The partner checks badges on /badges/verify/, and the cohort view and My badges fit 320 px.

Every verdict a partner can meet (valid, revoked, expired, tampered, no badge at that address,
input that is not a badge) is reached through the form at 1280 px and at 320 px, once with
the keyboard only, and every page is scanned by axe for WCAG 2.2 A/AA. The tutor's cohort
view and the learner's My badges are opened from a real launch by the demo LMS and checked
at 320 px: nothing wider than the screen but the table's own scrolling region.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from badges.issuing import award, revoke
from badges.models import Achievement, Credential
from hub.models import Learner
from lti_tool.models import LtiUser, RosterSync
from tests.browser.axe import assert_accessible
from tests.factories import build_programme, record_steps_done

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}


@pytest.fixture
def badges_here(settings, live_server):
    """Badges whose ids are addresses on the live server, as in production."""
    settings.BADGES_BASE_URL = live_server.url
    programme = build_programme()
    call_command("setup_badges", "--demo", verbosity=0)
    return programme


@pytest.fixture
def verdicts(badges_here) -> dict[str, dict[str, str]]:
    """What the partner types for each verdict, and the heading they should then read."""
    learner = Learner.objects.create(display_name="Sam Taylor")
    step_one = Achievement.objects.get(step=badges_here.steps[0])
    mentor = Achievement.objects.get(name="Accredited peer mentor")
    mentor.validity_days = 1
    mentor.save()
    valid = award(learner, step_one).credential
    withdrawn = award(learner, mentor).credential
    revoke(withdrawn, "Awarded in error")
    earlier = Learner.objects.create(display_name="Ola Adeyemi")
    old = award(earlier, mentor, now=datetime(2024, 3, 1, 9, 30, tzinfo=UTC)).credential
    tampered = json.loads(json.dumps(valid.document))
    tampered["credentialSubject"]["achievement"]["name"] = "Accredited peer coach"
    nowhere = valid.url().replace(str(valid.public_id), str(uuid.uuid4()))
    return {
        "valid": {"url": valid.url(), "heading": "Valid: this badge is genuine"},
        "revoked": {"url": withdrawn.url(), "heading": "Revoked: the issuer has withdrawn"},
        "expired": {"url": old.url(), "heading": "Expired: this badge was genuine"},
        "tampered": {"json": json.dumps(tampered), "heading": "Tampered: this badge was changed"},
        "unknown": {"url": nowhere, "heading": "No badge found at that address"},
        "invalid input": {"json": '{"type": "not a badge"', "heading": "There is a problem"},
    }


def _fits(page) -> None:
    """Nothing on the page is wider than the viewport (a scrolling region may be)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"


def _submit(page, live_server, given: dict[str, str]) -> None:
    page.goto(live_server.url + "/badges/verify/")
    if "url" in given:
        page.get_by_label("Credential URL").fill(given["url"])
    else:
        page.get_by_label("Credential JSON").fill(given["json"])
    page.get_by_role("button", name="Check the badge").click()


def _heading(page, text: str):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    heading = page.get_by_role("heading", level=2, name=text)  # a real heading, named
    try:
        heading.first.wait_for(timeout=15000)
    except PlaywrightTimeout as error:
        shown = page.url + " " + page.locator("body").inner_text()[:1500]
        raise AssertionError(f"no {text!r} heading; the page shows: {shown}") from error
    return heading.first


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280px", "320px"])
def test_partner_meets_every_verdict(browser, live_server, verdicts, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/badges/verify/")
        assert_accessible(page)
        for name, given in verdicts.items():
            _submit(page, live_server, given)
            _heading(page, given["heading"])
            if name != "unknown":
                assert page.get_by_role("heading", name="Unknown issuer").count() == 0
            if name in ("valid", "expired", "revoked"):
                # Dates in words, with the exact moment kept for software.
                valid_from = page.locator("#verified-fields time").first
                assert valid_from.get_attribute("datetime").endswith("Z")
                assert valid_from.inner_text()[:1].isdigit()
                assert "T" not in valid_from.inner_text()
                checks = page.locator("#verification-checks").inner_text()
                assert "issuer's list of withdrawn badges" in checks, name
            if name == "revoked":
                assert "Awarded in error" in page.locator("#verification-result").inner_text()
            if name == "unknown":
                assert "This site has no credential at that URL." in page.inner_text("body")
            _fits(page)
            assert_accessible(page)
    finally:
        context.close()


def test_partner_checks_a_badge_with_the_keyboard_only(page, live_server, verdicts):
    page.goto(live_server.url + "/badges/verify/")

    def tab_to(selector: str) -> None:
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"{selector} cannot be reached with the Tab key")

    tab_to("#id_url")
    page.keyboard.type(verdicts["valid"]["url"])
    tab_to("button[type=submit]")
    page.keyboard.press("Enter")
    _heading(page, verdicts["valid"]["heading"])
    # The result's links and the form are still reachable from the keyboard.
    tab_to("#id_url")
    assert_accessible(page)


def _framed_url(page, part: str) -> str:
    for _ in range(600):
        found = [f.url for f in page.frames if part in f.url]
        if found:
            return found[0]
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame at {part}: {[f.url for f in page.frames]}")


def test_cohort_view_at_320_pixels(browser, lms, live_server, badges_here):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    try:
        page.goto(lms.base_url + "/")
        page.get_by_role("link", name="Open as instructor (Ali Khan)").nth(1).click()
        frame = page.frame_locator("iframe")
        frame.get_by_role("link", name="View your cohort's progress").click(timeout=60000)
        cohort_url = _framed_url(page, "/cohort/")
        page.set_viewport_size(NARROW)
        page.goto(cohort_url)
        page.get_by_role("heading", level=1, name="Cohort progress").wait_for()
        page.get_by_text("Roster synced").wait_for()
        _fits(page)
        region = page.get_by_role("region", name="Lessons completed by each learner")
        region.focus()
        assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
        # Words wrap between words, never letter by letter: a lesson name's longest word
        # stays on one line.
        header = region.get_by_role("columnheader", name="Chairing a meeting")
        assert header.bounding_box()["width"] >= 60
        bars = page.locator("#chart-bars .plh-bars__label").all_inner_texts()
        assert "Chairing a meeting" in bars and "Whole step" in bars
        assert_accessible(page)

        # A sync moves through its stages on the page, without a reload.
        RosterSync.objects.update(status="queued", updated_at=timezone.now())
        page.reload()
        stage = page.locator("#sync-status [aria-current=step]")
        assert stage.inner_text().startswith("Queued")
        RosterSync.objects.update(status="running", pages=1, members_seen=1)
        stage.filter(has_text="Reading the roster").wait_for(timeout=20000)
        RosterSync.objects.update(status="failed", finished_at=timezone.now())
        page.locator("#sync-status").get_by_text("did not finish").wait_for(timeout=20000)
        assert page.locator("#sync-status [aria-current=step]").count() == 0
        assert_accessible(page)
    finally:
        context.close()


def test_my_badges_at_320_pixels(browser, lms, live_server, badges_here):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    try:
        page.goto(lms.base_url + "/")
        page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()
        page.frame_locator("iframe").get_by_role("link", name="My badges").wait_for(timeout=60000)
        learner = LtiUser.objects.get().learner
        record_steps_done(learner, badges_here.steps[0])
        award(learner, Achievement.objects.get(step=badges_here.steps[0]))
        withdrawn = award(learner, Achievement.objects.get(name="Accredited peer mentor"))
        revoke(withdrawn.credential, "Awarded in error")
        page.frame_locator("iframe").get_by_role("link", name="My badges").click()
        badges_url = _framed_url(page, "/badges/")
        page.set_viewport_size(NARROW)
        page.goto(badges_url)
        page.get_by_role("heading", level=1, name="My badges").wait_for()
        _fits(page)
        assert page.get_by_role("link", name="Download the badge file (JSON)").count() == 2
        assert page.get_by_role("link", name="Add to your LinkedIn profile").count() == 1
        assert page.get_by_text("This badge was revoked by").count() == 1
        mentor = page.get_by_role("img", name="Accredited peer mentor")
        assert "shield" in mentor.get_attribute("alt")
        assert Credential.objects.count() == 2
        assert_accessible(page)
    finally:
        context.close()
