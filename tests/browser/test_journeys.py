"""The learner's whole step to the badge, and the tutor's Deep Linking and cohort, in the LMS.

The demo LMS (``127.0.0.1``) frames the tool (``localhost``) with the tool's cookies refused,
at 1280 px and at 320 px. At 320 px the window is also 256 px high: the layout a 1280 x 1024
screen gives at 400% zoom (WCAG's reflow case), so the LMS's frame is only 192 px high. The
learner opens Step One, takes both lessons, finishes the step, meets the badge and follows the
link to *My badges*; every page visited is scanned by axe on its own and must fit the width.
At 400% zoom the learner also finishes a lesson with the keyboard only. The tutor places a
lesson with Deep Linking, opens a step (the tutor's view) and then the cohort's progress.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from hub.models import LessonProgress, StepCompletion
from tests.browser.axe import assert_accessible
from tests.factories import build_programme
from tests.support.browser import (
    answer_by_keyboard,
    finish_lesson_by_keyboard,
    focused_text,
    framed,
    tab_to,
    wait_for_heading,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDE = {"width": 1280, "height": 900}
ZOOMED = {"width": 320, "height": 256}  # 1280 x 1024 at 400%


def check_framed_page(page, viewport: dict[str, int]) -> None:
    """The framed page fits the frame's width, and axe finds nothing on it opened on its own."""
    frame = framed(page)
    overflow = frame.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{frame.url} is {overflow}px wider than its frame"
    scan = page.context.new_page()
    try:
        scan.set_viewport_size(viewport)
        scan.goto(frame.url.split("#")[0])
        assert_accessible(scan)
    finally:
        scan.close()


@pytest.mark.parametrize("viewport", [WIDE, ZOOMED], ids=["1280px", "320px"])
def test_learner_takes_step_one_to_its_badge(cookieless_browser, lms, live_server, viewport):
    programme = build_programme()
    call_command("setup_badges", "--demo", verbosity=0)  # each step has its badge, as in make run
    page = cookieless_browser.new_page()
    page.set_viewport_size(viewport)
    page.goto(lms.base_url + "/")
    assert_accessible(page)  # the LMS's own page, around the frame
    page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()  # Step One
    wait_for_heading(page, "Your story")
    check_framed_page(page, viewport)
    frame = page.frame_locator("iframe")

    # The first lesson: answer its question, then say it is finished.
    frame.get_by_role("link", name="Start with Why stories matter").click()
    frame.get_by_role("heading", level=1, name="Why stories matter").wait_for()
    check_framed_page(page, viewport)
    frame.locator("#q-q1-0").check()
    frame.get_by_role("button", name="Check my answer").click()
    frame.get_by_text("Yes: partners share power.").wait_for()
    frame.get_by_role("button", name="I have finished this lesson").click()
    frame.get_by_role("status").get_by_text("Lesson complete.").wait_for()
    assert LessonProgress.objects.get(lesson=programme.lessons["first"]).completed_at
    check_framed_page(page, viewport)

    # The second lesson: its reflection is what completes it, and with it the step.
    frame.get_by_role("link", name="Telling it your way").first.click()
    frame.get_by_role("heading", level=1, name="Telling it your way").wait_for()
    frame.get_by_label("Your reflection").fill("People who run the clinic, and those who use it.")
    frame.get_by_role("button", name="Save reflection").click()
    finish = frame.get_by_role("button", name="I have finished this lesson")
    if finish.count():
        finish.click()
    notice = frame.get_by_role("status")
    notice.get_by_text("You have earned the badge").wait_for()
    assert StepCompletion.objects.filter(step=programme.steps[0]).count() == 1
    # The result is at the top of the frame, with focus on it.
    assert framed(page).evaluate("() => document.activeElement.id") == "plh-notice"
    assert notice.get_by_text("Next: Step Two: Leading others").count() == 1
    check_framed_page(page, viewport)

    # The badge, in My badges.
    notice.get_by_role("link", name="See it in My badges").click()
    frame.get_by_role("heading", level=1, name="My badges").wait_for()
    badge = frame.get_by_role("heading", level=2, name="Your story")
    assert badge.count() == 1, frame.locator("main").inner_text()
    check_framed_page(page, viewport)


def test_learner_finishes_a_lesson_keyboard_only_at_400_percent_zoom(
    cookieless_browser,
    lms,
    live_server,
):
    programme = build_programme()
    page = cookieless_browser.new_page()
    page.set_viewport_size(ZOOMED)
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()  # Step One
    wait_for_heading(page, "Your story")
    assert page.locator("iframe").evaluate("frame => frame.clientHeight") == 192

    frame = page.frame_locator("iframe")
    tab_to(page, "Start with Why stories matter")
    page.keyboard.press("Enter")
    frame.get_by_role("heading", level=1, name="Why stories matter").wait_for()
    # The first answer of the knowledge check.
    answer_by_keyboard(page, "q-q1-0", "Yes: partners share power.")
    # The contents list leads to the finish: one link, then one Tab.
    finish_lesson_by_keyboard(page)
    frame.get_by_role("status").get_by_text("Lesson complete.").wait_for()
    assert focused_text(page).endswith("Lesson complete.")
    progress = LessonProgress.objects.get(lesson=programme.lessons["first"])
    assert progress.completed_at is not None
    check_framed_page(page, ZOOMED)


@pytest.mark.parametrize("viewport", [WIDE, ZOOMED], ids=["1280px", "320px"])
def test_tutor_places_a_lesson_then_follows_the_cohort(
    cookieless_browser,
    lms,
    live_server,
    viewport,
):
    programme = build_programme()
    page = cookieless_browser.new_page()
    page.set_viewport_size(viewport)
    page.goto(lms.base_url + "/")

    # Deep Linking: the tutor picks a lesson and gives it a gradebook column.
    page.get_by_role("link", name="Add Peer Leadership content").click()
    frame = page.frame_locator("iframe")
    frame.get_by_label("Chairing a meeting").wait_for()
    check_framed_page(page, viewport)
    frame.get_by_label("Chairing a meeting").check()
    frame.get_by_label("Add a gradebook column").check()
    frame.get_by_role("button", name="Add to course").click()
    page.wait_for_url(lms.base_url + "/", timeout=15000)
    page.get_by_text("Chairing a meeting").first.wait_for()
    link = next(x for x in lms.course.links if x.title == "Chairing a meeting")
    assert link.custom == {"plh_page": str(programme.lessons["third"].pk)}

    # The tutor's view of a step, then the cohort.
    page.get_by_role("link", name="Open as instructor (Ali Khan)").nth(0).click()  # Step One
    wait_for_heading(page, "Your story")
    check_framed_page(page, viewport)
    frame.get_by_role("link", name="View your cohort's progress").first.click()
    frame.get_by_role("heading", level=1, name="Cohort progress: Step One").wait_for()
    frame.get_by_text("Roster synced").wait_for()
    table = frame.get_by_role("table", name="Lessons completed by each learner")
    assert table.get_by_role("rowheader", name="Sam Taylor").count() == 1
    check_framed_page(page, viewport)
