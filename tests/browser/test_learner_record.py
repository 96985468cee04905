"""A learner downloads their whole record (CLR 2.0) from My badges in the demo LMS's frame, and a
partner checks the file on the verification page; axe scans both pages for WCAG 2.2 A/AA."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from badges.issuing import award, revoke
from badges.models import Achievement
from lti_tool.models import LtiUser
from tests.browser.axe import assert_accessible
from tests.factories import build_programme, record_steps_done
from tests.support.browser import framed

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_LINK = "Download my whole record (CLR 2.0, JSON)"


@pytest.fixture
def badges_here(settings, live_server):
    """Badges whose ids are addresses on the live server, as in production."""
    settings.BADGES_BASE_URL = live_server.url
    programme = build_programme()
    call_command("setup_badges", "--demo", verbosity=0)
    return programme


def _check(page, live_server, record_file: Path) -> None:
    page.goto(live_server.url + "/badges/verify/")
    page.get_by_label("Badge image or file (PNG, SVG or JSON)").set_input_files(str(record_file))
    page.get_by_role("button", name="Check the badge").click()


def test_learner_downloads_their_record_and_a_partner_checks_it(
    browser, lms, live_server, badges_here, tmp_path
):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(lms.base_url + "/")
        page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()
        page.frame_locator("iframe").get_by_role("link", name="My badges").wait_for(timeout=60000)
        learner = LtiUser.objects.get().learner
        record_steps_done(learner, badges_here.steps[0])
        step_one = award(learner, Achievement.objects.get(step=badges_here.steps[0])).credential
        mentor = award(learner, Achievement.objects.get(name="Accredited peer mentor")).credential
        withdrawn = award(learner, Achievement.objects.get(step=badges_here.steps[1]))
        revoke(withdrawn.credential, "Awarded in error")

        page.frame_locator("iframe").get_by_role("link", name="My badges").click()
        frame = page.frame_locator("iframe")
        link = frame.get_by_role("link", name=RECORD_LINK)
        link.wait_for(timeout=20000)
        assert (
            "Revoked badges are left out" in frame.locator("#plh-record-description").inner_text()
        )
        with page.expect_download() as download:
            link.click()
        record_file = tmp_path / download.value.suggested_filename
        download.value.save_as(record_file)
        assert record_file.name == "learner-record-clr.json"
        record = json.loads(record_file.read_text())
        embedded = record["credentialSubject"]["verifiableCredential"]
        assert [badge["id"] for badge in embedded] == [step_one.url(), mentor.url()]

        # My badges itself, opened as its own page, for axe.
        page.goto(framed(page).url)
        page.get_by_role("heading", level=1, name="My badges").wait_for(timeout=20000)
        assert_accessible(page)

        _check(page, live_server, record_file)
        page.get_by_role(
            "heading", level=2, name="Valid: this learner record is genuine"
        ).first.wait_for(timeout=15000)
        badges = page.locator("#record-badges > li")
        assert badges.count() == 2
        assert "Step One" in badges.nth(0).inner_text()
        badges.nth(1).get_by_text("Checks of this badge").click()
        assert "Signature" in badges.nth(1).inner_text()
        assert_accessible(page)

        revoke(mentor, "Practice not kept up")
        _check(page, live_server, record_file)
        page.get_by_role(
            "heading", level=2, name="Genuine record, but not every badge in it counts today"
        ).first.wait_for(timeout=15000)
        assert "Practice not kept up" in page.locator("#record-badges").inner_text()
        assert_accessible(page)
    finally:
        context.close()
