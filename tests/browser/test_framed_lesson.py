"""A long lesson inside the LMS's 675 px frame: the frame is asked to fit, keyboard only.

The demo LMS (``127.0.0.1``) frames the tool (``localhost``) at 75% of a 900 px window, as
LMSs do, and does not resize its frame: the lesson must be usable at 675 px whatever the
platform does with the ``lti.frameResize`` messages the tool sends.
"""

from __future__ import annotations

import pytest

from hub.models import LessonProgress
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

# The outer page (the LMS) keeps every frameResize message its frame sends.
RECORD_RESIZES = """
if (window === window.top) {
  window.plhResizes = [];
  window.addEventListener("message", function (event) {
    if (event.data && event.data.subject === "lti.frameResize") {
      window.plhResizes.push(event.data.height);
    }
  });
}
"""


def test_frame_resize_message_and_a_long_lesson_finished_keyboard_only(
    cookieless_browser,
    lms,
    live_server,
):
    programme = build_programme()
    page = cookieless_browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.add_init_script(RECORD_RESIZES)
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()  # Step One
    wait_for_heading(page, "Your story")
    assert page.locator("iframe").evaluate("frame => frame.clientHeight") == 675

    # The step page asked the LMS to fit its frame to the whole document.
    page.wait_for_function("() => window.plhResizes.length > 0")
    height = framed(page).evaluate("() => document.documentElement.scrollHeight")
    page.wait_for_function(f"() => window.plhResizes.at(-1) === {height}")

    # Keyboard only from here: open the first lesson.
    frame = page.frame_locator("iframe")
    frame.get_by_role("link", name="Open this page in a new tab").wait_for()
    tab_to(page, "Start with Why stories matter")
    page.keyboard.press("Enter")
    frame.get_by_role("heading", level=1, name="Why stories matter").wait_for()

    # A long lesson: far taller than the frame, and the LMS is told its new height.
    height = framed(page).evaluate("() => document.documentElement.scrollHeight")
    assert height > 3 * 675
    page.wait_for_function(f"() => window.plhResizes.at(-1) === {height}")

    # Its contents list leads straight to the finish: one link, then one Tab.
    contents = frame.get_by_role("navigation", name="Sections of this lesson")
    assert contents.get_by_role("link").all_inner_texts()[-1] == "Finishing this lesson"
    finish_lesson_by_keyboard(page)

    # The result is at the top, with focus on it; the question is still to answer.
    frame.get_by_text("Saved. Some parts of this lesson are still to do.").wait_for()
    assert focused_text(page).endswith("Saved. Some parts of this lesson are still to do.")
    assert "#reflect" not in framed(page).url and "#finish" not in framed(page).url

    # The first answer of the knowledge check.
    answer_by_keyboard(page, "q-q1-0", "Yes: partners share power.")
    progress = LessonProgress.objects.get(lesson=programme.lessons["first"])
    assert progress.completed_at is not None

    scan = page.context.new_page()
    scan.goto(framed(page).url.split("?")[0].split("#")[0])
    assert_accessible(scan)
    # The back-to-top link closes the long lesson.
    assert scan.get_by_role("link", name="Back to top").count() == 1
    scan.close()
