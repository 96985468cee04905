"""The LMS frames the tool from another site, with cookies blocked for the tool.

The demo LMS (served on 127.0.0.1) frames the tool (pytest-django's live server, addressed as
``localhost``): two different sites. Chromium is told to refuse every cookie from the tool, so
the launch can only succeed through LTI platform storage (``lti.put_data``/``lti.get_data``)
and the token-addressed framed pages.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from hub.models import LessonProgress
from lti_tool.models import LtiUser, RosterSync
from tests.browser.axe import assert_accessible
from tests.factories import build_programme, record_steps_done
from tests.support.browser import record_traffic, wait_for_heading

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_learner_launch_and_completion_without_cookies(cookieless_browser, lms, live_server):
    programme = build_programme()
    page = cookieless_browser.new_page()
    record_traffic(page)
    launches: list[str] = []
    page.on(
        "request",
        lambda r: launches.append(r.post_data or "") if r.url.endswith("/lti/launch/") else None,
    )
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(1).click()  # Step Two
    frame = page.frame_locator("iframe")
    # The platform-storage hand-off shows its own short page first: wait for the step itself.
    wait_for_heading(page, "Leading others")
    assert any("lti_storage_secret" in body for body in launches), launches
    assert page.context.cookies(live_server.url) == []
    framed_url = next(f.url for f in page.frames if "/lti/s/" in f.url)
    scan = page.context.new_page()
    scan.goto(framed_url)
    assert_accessible(scan)  # the framed step page, on its own
    scan.close()
    # Step Two is for graduates: Sam has not done Step One, so there is nothing to start.
    frame.get_by_text("This step is not open to you yet").wait_for()
    assert frame.get_by_role("link", name="Start with Chairing a meeting").count() == 0

    # Once Sam has completed Step One, the same link opens Step Two.
    record_steps_done(LtiUser.objects.get().learner, programme.steps[0])
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(1).click()
    wait_for_heading(page, "Leading others")
    frame.get_by_role("link", name="Start with Chairing a meeting").click()
    frame.get_by_role("heading", level=1, name="Chairing a meeting").wait_for()
    frame.get_by_role("button", name="I have finished this lesson").click()
    frame.get_by_text("You have completed this step. Well done.").wait_for()
    progress = LessonProgress.objects.get(lesson=programme.lessons["third"])
    assert progress.completed_at is not None

    # The step link is graded: the course gradebook now shows the learner's score.
    page.goto(lms.base_url + "/")
    gradebook = page.get_by_role("table", name="Latest score for each person and graded activity")
    # Only the launched link has a column so far: Step 2, out of 100.
    assert gradebook.get_by_role("columnheader").nth(1).inner_text().startswith("Step 2")
    row = gradebook.get_by_role("row", name="Sam Taylor")
    assert row.get_by_role("cell").all_inner_texts() == ["100 (Completed)"]
    assert_accessible(page)


def test_instructor_adds_content_by_deep_linking_in_the_frame(cookieless_browser, lms, live_server):
    programme = build_programme()
    page = cookieless_browser.new_page()
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Add Peer Leadership content").click()
    frame = page.frame_locator("iframe")
    frame.get_by_label("Chairing a meeting").check()
    picker_url = next(f.url for f in page.frames if "/deep-link/" in f.url)
    scan = page.context.new_page()
    scan.goto(picker_url)
    assert_accessible(scan)
    scan.close()
    frame.get_by_label("Add a gradebook column").check()
    frame.get_by_role("button", name="Add to course").click()
    page.wait_for_url(lms.base_url + "/", timeout=15000)
    added = page.get_by_text("Chairing a meeting")
    added.wait_for()
    link = next(x for x in lms.course.links if x.title == "Chairing a meeting")
    assert link.custom == {"plh_page": str(programme.lessons["third"].pk)}
    assert link.line_item is not None


def test_instructor_opens_the_cohort_view_in_the_frame(cookieless_browser, lms, live_server):
    build_programme()
    page = cookieless_browser.new_page()
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as instructor (Ali Khan)").nth(1).click()  # Step Two
    frame = page.frame_locator("iframe")
    wait_for_heading(page, "Leading others")
    frame.get_by_role("link", name="View your cohort's progress").click()
    frame.get_by_role("heading", level=1, name="Cohort progress: Step Two").wait_for()
    # The instructor's launch synced the roster from the demo LMS (NRPS): its learner is listed.
    frame.get_by_text("Roster synced").wait_for()
    table = frame.get_by_role("table", name="Lessons completed by each learner")
    assert table.get_by_role("rowheader", name="Sam Taylor").count() == 1
    assert table.get_by_role("rowheader", name="Ali Khan").count() == 0  # not a learner
    cohort_url = next(f.url for f in page.frames if "/cohort/" in f.url)
    scan = page.context.new_page()
    scan.goto(cohort_url)
    assert_accessible(scan)

    # While a sync runs, the status region follows it without a reload.
    RosterSync.objects.update(status="running", pages=1, members_seen=1)
    scan.reload()
    status = scan.get_by_role("status")
    assert "Roster sync in progress: 1 member read from 1 page" in status.inner_text()
    RosterSync.objects.update(status="done", finished_at=timezone.now(), members_seen=2)
    status.get_by_text("Roster synced").wait_for(timeout=15000)
    scan.close()
