"""The cohort view inside the LMS frame: who may see it, what it shows, its CSV export."""

from __future__ import annotations

import csv
import io

import pytest

from lti_tool.roles import INSTRUCTOR, LEARNER, MENTOR
from tests.support.lti import follow, launch

pytestmark = pytest.mark.django_db

TA = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"


def _open(client, lms, programme, user, roles, context_id="course-a"):
    page = follow(
        client,
        launch(
            client,
            lms,
            user=user,
            roles=roles,
            context_id=context_id,
            custom={"plh_page": str(programme.steps[0].pk)},
            resource_link_id=f"step-one-{context_id}",
        ),
    )
    assert page.status_code == 200, page.content[:300]
    return page.wsgi_request.path.split("/")[3]


@pytest.fixture
def cohort(client, lms, programme):
    """Four learners of course A at different points, and one learner of course B."""
    first = programme.lessons["first"].pk
    second = programme.lessons["second"].pk
    tokens = {}
    for sub in ("learner-1", "learner-2", "learner-3", "learner-4"):
        tokens[sub] = _open(client, lms, programme, sub, [LEARNER])
    client.post(
        f"/lti/s/{tokens['learner-1']}/page/{second}/",
        {"action": "reflect", "prompt_id": "r2", "text": "SHARED-THOUGHT", "shared": "on"},
    )
    client.post(
        f"/lti/s/{tokens['learner-2']}/page/{second}/",
        {"action": "reflect", "prompt_id": "r2", "text": "PRIVATE-THOUGHT"},
    )
    for action in ({"action": "reflect", "prompt_id": "r2", "text": "Done."},):
        client.post(f"/lti/s/{tokens['learner-3']}/page/{second}/", action)
    client.post(
        f"/lti/s/{tokens['learner-3']}/page/{first}/",
        {"action": "answer", "question_id": "q1", "option": "0"},
    )
    client.post(f"/lti/s/{tokens['learner-3']}/page/{first}/", {"action": "finish"})
    _open(client, lms, programme, "other-course-learner", [LEARNER], context_id="course-b")
    return tokens


def _names(html: str) -> set[str]:
    return {n for n in ("learner-1", "learner-2", "learner-3", "learner-4") if f"Name {n}" in html}


@pytest.fixture(autouse=True)
def _names_in_launches(lms):
    from lti_platform import Member

    for n in range(1, 5):
        lms.platform.add_member(Member(f"learner-{n}", name=f"Name learner-{n}"), "course-a")
    lms.platform.add_member(Member("other-course-learner", name="Name other"), "course-b")


def test_instructor_sees_progress_shared_reflections_only_and_a_chart(
    client, lms, programme, cohort
):
    token = _open(client, lms, programme, "teacher", [INSTRUCTOR])
    response = client.get(f"/lti/s/{token}/cohort/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _names(html) == {"learner-1", "learner-2", "learner-3", "learner-4"}
    assert "Name other" not in html  # another course's learner
    assert "SHARED-THOUGHT" in html
    assert "PRIVATE-THOUGHT" not in html
    assert 'id="chart-bars"' in html and 'id="chart-data"' in html
    # Chart data: "Telling it your way" completed by 3 of 4, "Why stories matter" by 1 of 4.
    assert "3 of 4" in html and "1 of 4" in html
    assert "Completed (2 of 2)" in html and "Not started (0 of 2)" in html


def test_learner_gets_403_for_page_and_csv(client, lms, programme, cohort):
    token = cohort["learner-1"]
    assert client.get(f"/lti/s/{token}/cohort/").status_code == 403
    assert client.get(f"/lti/s/{token}/cohort.csv").status_code == 403


def test_mentor_of_this_course_sees_it_mentor_of_another_does_not(client, lms, programme, cohort):
    mentor_here = _open(client, lms, programme, "mentor-a", [MENTOR])
    assert client.get(f"/lti/s/{mentor_here}/cohort/").status_code == 200

    # A mentor in course B, who is only a learner in course A, sees nothing of course A...
    _open(client, lms, programme, "mentor-b", [MENTOR], context_id="course-b")
    as_learner_in_a = _open(client, lms, programme, "mentor-b", [LEARNER])
    assert client.get(f"/lti/s/{as_learner_in_a}/cohort/").status_code == 403
    # ...and in course B sees course B's learners only.
    in_b = _open(client, lms, programme, "mentor-b", [MENTOR], context_id="course-b")
    html = client.get(f"/lti/s/{in_b}/cohort/").content.decode()
    assert "Name other" in html and _names(html) == set()


def test_roles_changed_since_the_launch_are_honoured(client, lms, programme, cohort):
    from lti_tool.models import Membership

    token = _open(client, lms, programme, "ta", [TA])
    assert client.get(f"/lti/s/{token}/cohort/").status_code == 200
    membership = Membership.objects.get(user__sub="ta", context__context_id="course-a")
    membership.status = Membership.Status.INACTIVE  # a roster sync found they left
    membership.save()
    assert client.get(f"/lti/s/{token}/cohort/").status_code == 403


def test_filter_by_status(client, lms, programme, cohort):
    token = _open(client, lms, programme, "teacher", [INSTRUCTOR])
    url = f"/lti/s/{token}/cohort/"
    assert _names(client.get(url + "?status=complete").content.decode()) == {"learner-3"}
    in_progress = client.get(url + "?status=in_progress").content.decode()
    assert _names(in_progress) == {"learner-1", "learner-2"}
    assert _names(client.get(url + "?status=not_started").content.decode()) == {"learner-4"}
    assert _names(client.get(url + "?status=bogus").content.decode()) == _names(
        client.get(url).content.decode()
    )


def test_csv_export(client, lms, programme, cohort):
    token = _open(client, lms, programme, "teacher", [INSTRUCTOR])
    response = client.get(f"/lti/s/{token}/cohort.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Learner",
        "Step status",
        "Lessons completed",
        "Lessons",
        "Why stories matter",
        "Telling it your way",
        "Last activity",
        "Last activity (in words)",
        "Shared reflections",
        "In the course",
    ]
    body = {row[0]: row for row in rows[1:]}
    assert set(body) == {f"Name learner-{n}" for n in range(1, 5)}
    assert body["Name learner-3"][1:6] == ["Completed", "2", "2", "Completed", "Completed"]
    assert body["Name learner-1"][1:6] == ["In progress", "1", "2", "Not started", "Completed"]
    assert body["Name learner-1"][8] == "1" and body["Name learner-2"][8] == "0"
    assert body["Name learner-4"][1:4] == ["Not started", "0", "2"]
    assert body["Name learner-4"][6:8] == ["", ""]  # no activity
    assert "PRIVATE-THOUGHT" not in response.content.decode()
    completed_only = client.get(f"/lti/s/{token}/cohort.csv?status=complete").content.decode()
    assert len(list(csv.reader(io.StringIO(completed_only)))) == 2


def test_csv_cells_cannot_become_formulas(lms):
    from lti_tool.framed.cohort import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM") == "'@SUM" and _cell("Sam") == "Sam"


def test_roster_sync_status_and_progress_are_visible(
    client, lms, programme, cohort, django_capture_on_commit_callbacks
):
    from lti_tool.models import RosterSync

    with django_capture_on_commit_callbacks(execute=True):
        token = _open(client, lms, programme, "teacher", [INSTRUCTOR])
    html = client.get(f"/lti/s/{token}/cohort/").content.decode()
    assert "Roster synced" in html and "5 members" in html  # four learners and the teacher
    sync = RosterSync.objects.get()
    sync.status, sync.pages, sync.members_seen = "running", 2, 40
    sync.save()
    html = client.get(f"/lti/s/{token}/cohort/").content.decode()
    assert "Roster sync in progress: 40 members read from 2 pages" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/lti/s/{token}/cohort/", {"action": "sync"})
    assert response.status_code == 302
    assert RosterSync.objects.get().status == "done"


def test_a_learner_who_left_is_listed_under_left_the_course(client, lms, programme, cohort):
    from lti_tool.models import Membership

    Membership.objects.filter(user__sub="learner-2").update(status="Inactive")
    token = _open(client, lms, programme, "teacher", [INSTRUCTOR])
    url = f"/lti/s/{token}/cohort/"
    assert "learner-2" not in _names(client.get(url).content.decode())
    left = client.get(url + "?status=inactive").content.decode()
    assert _names(left) == {"learner-2"} and "(left the course)" in left


def test_status_region_refreshes_while_a_sync_runs(
    client, lms, programme, cohort, django_capture_on_commit_callbacks
):
    from lti_tool.models import RosterSync

    with django_capture_on_commit_callbacks(execute=True):
        token = _open(client, lms, programme, "teacher", [INSTRUCTOR])
    url = f"/lti/s/{token}/cohort/"
    idle = client.get(url).content.decode()
    assert 'id="sync-status"' in idle and "data-refresh" not in idle  # nothing to follow
    RosterSync.objects.update(status="running", pages=1, members_seen=3)
    busy = client.get(url).content.decode()
    assert f'data-refresh="{url}?part=sync"' in busy and "lti_tool/cohort" in busy
    part = client.get(url + "?part=sync")
    assert part["X-Sync-Busy"] == "1"
    assert "Roster sync in progress: 3 members read from 1 page so far" in part.content.decode()
    assert "<h1" not in part.content.decode()  # only the region's contents
    RosterSync.objects.update(status="done", members_seen=5)
    done = client.get(url + "?part=sync")
    assert done["X-Sync-Busy"] == "0" and "Roster synced" in done.content.decode()


def test_status_region_is_refused_to_learners(client, lms, programme, cohort):
    token = _open(client, lms, programme, "learner-1", [LEARNER])
    response = client.get(f"/lti/s/{token}/cohort/?part=sync")
    assert response.status_code == 403 and "Roster" not in response.content.decode()


def test_csv_gives_each_time_in_words_beside_the_iso_one(client, lms, programme, cohort):
    from datetime import UTC, datetime

    from hub.models import LessonProgress

    LessonProgress.objects.filter(learner__lti_user__sub="learner-3").update(
        last_seen_at=datetime(2026, 11, 29, 14, 5, tzinfo=UTC)
    )
    token = _open(client, lms, programme, "teacher", [INSTRUCTOR])
    rows = list(csv.reader(io.StringIO(client.get(f"/lti/s/{token}/cohort.csv").content.decode())))
    body = {row[0]: row for row in rows[1:]}
    assert body["Name learner-3"][6:8] == [
        "2026-11-29T14:05+00:00",
        "29 November 2026 at 2:05pm GMT",
    ]


def test_chart_shows_full_lesson_names_and_figures_as_text(client, lms, programme, cohort):
    long_title = "A lesson whose title is much longer than twenty-six characters"
    lesson = programme.lessons["first"]
    lesson.title = long_title
    lesson.save_revision().publish()
    token = _open(client, lms, programme, "teacher", [INSTRUCTOR])
    html = client.get(f"/lti/s/{token}/cohort/").content.decode()
    chart = html[html.index('id="chart-bars"') : html.index('id="chart-data"')]
    assert f'<span class="plh-bars__label">{long_title}</span>' in chart  # never cut short
    assert '<span class="plh-bars__value">75%' in chart  # dark text beside the bar, not on it
    assert "<text" not in chart  # no SVG text drawn over the bars
    assert 'role="region" aria-labelledby="learners-caption" tabindex="0"' in html


@pytest.mark.parametrize(
    ("status", "current", "words"),
    [
        ("queued", "Queued", "waiting for the background worker"),
        ("running", "Reading the roster from your learning platform", "in progress"),
        ("done", None, "Roster synced"),
        ("failed", None, "did not finish"),
    ],
)
def test_sync_status_shows_each_stage(
    client, lms, programme, cohort, django_capture_on_commit_callbacks, status, current, words
):
    from django.utils import timezone

    from lti_tool.models import RosterSync

    with django_capture_on_commit_callbacks(execute=True):
        token = _open(client, lms, programme, "teacher", [INSTRUCTOR])
    RosterSync.objects.update(status=status, finished_at=timezone.now())
    part = client.get(f"/lti/s/{token}/cohort/?part=sync").content.decode()
    assert words in part
    if current:
        assert f'aria-current="step">{current} <span' in part
    else:
        assert 'aria-current="step"' not in part
    assert ("Failed <span" in part) == (status == "failed")
    assert ("Finished <span" in part) == (status != "failed")


def test_a_sync_queued_for_long_says_the_worker_may_not_be_running():
    from datetime import timedelta

    from django.utils import timezone

    from lti_tool.framed.cohort import SyncState
    from lti_tool.models import RosterSync

    now = timezone.now()
    fresh = RosterSync(status="queued", updated_at=now - timedelta(seconds=30))
    stale = RosterSync(status="queued", updated_at=now - timedelta(minutes=5))
    running = RosterSync(status="running", updated_at=now - timedelta(minutes=5))
    assert not SyncState(fresh, 0, 0, now).queued_for_long
    assert SyncState(stale, 0, 0, now).queued_for_long
    assert not SyncState(running, 0, 0, now).queued_for_long
    assert [s.state for s in SyncState(running, 0, 0, now).stages] == ["done", "current", "to do"]
