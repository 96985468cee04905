"""Real browser journeys and WCAG 2.2 A/AA scans (axe-core) of every public page type."""

from __future__ import annotations

import pytest

from tests.browser.axe import assert_accessible
from tests.factories import build_programme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_public_pages_load_and_pass_axe(page, live_server):
    programme = build_programme()
    pages = [
        (programme.programme, "Peer Leadership"),
        (programme.steps[0], "Your story"),
        (programme.lessons["first"], "Why stories matter"),
        (programme.mentor_index, "Mentors"),
        (programme.mentor, "Alex Morgan"),
        (programme.glossary, "Glossary"),
    ]
    for wagtail_page, heading in pages:
        response = page.goto(live_server.url + wagtail_page.url)
        assert response.status == 200, wagtail_page.url
        assert page.locator("h1").inner_text().strip() == heading
        assert_accessible(page)
    page.goto(live_server.url + "/search/?q=meeting")
    assert_accessible(page)


def test_lesson_journey_skip_link_and_knowledge_check(page, live_server):
    programme = build_programme()
    lesson = programme.lessons["first"]
    page.goto(live_server.url + lesson.url)
    page.keyboard.press("Tab")
    skip = page.locator("a.nhsuk-skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "maincontent"

    page.get_by_label("Filling in a survey").check()
    page.get_by_role("button", name="Check my answer").click()
    feedback = page.locator("#question-q1 .nhsuk-inset-text")
    assert "Not quite." in feedback.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Next lesson").click()
    assert page.locator("h1").inner_text() == "Telling it your way"


def test_pages_work_at_320_pixels_wide(browser, live_server):
    programme = build_programme()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for wagtail_page in (programme.programme, programme.lessons["first"], programme.mentor):
            page.goto(live_server.url + wagtail_page.url)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{wagtail_page.url} scrolls sideways by {overflow}px"
    finally:
        context.close()


def test_visible_focus_on_links(page, live_server):
    programme = build_programme()
    page.goto(live_server.url + programme.programme.url)
    link = page.locator("main a").first
    link.focus()
    outline = link.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth,"
        " s.boxShadow, s.backgroundColor]; }"
    )
    # The focus indicator: the link on yellow with a dark bar beneath (NHS frontend's style).
    style, width, shadow, background = outline
    assert (style, width) == ("solid", "4px")
    assert background == "rgb(255, 235, 59)"
    assert "rgb(33, 43, 50) 0px 4px 0px 0px" in shadow


def test_admin_login_page_loads(page, live_server):
    response = page.goto(live_server.url + "/admin/login/")
    assert response.status == 200
    assert page.get_by_label("Username").is_visible()
