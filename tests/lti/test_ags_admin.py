"""The admin's view of the score outbox: per platform counts, failures, "retry now"."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from lti_tool.models import Score
from lti_tool.services import outbox
from tests.support.courses import make_course

pytestmark = pytest.mark.django_db


def test_scores_page_lists_failures_and_retries_them(
    admin_client, lms, programme, django_capture_on_commit_callbacks
):
    course = make_course(lms, programme.steps[0], ["learner-1", "learner-2"])
    lms.server.faults.fail_next("ags.scores", times=1, status=404)
    with django_capture_on_commit_callbacks(execute=True):
        for sub in ("learner-1", "learner-2"):
            outbox.write_score(
                course.users[sub], course.item, outbox.Grade(1, 2, "InProgress", "Pending"), "t"
            )
    failed = Score.objects.get(status="failed")
    assert Score.objects.filter(status="delivered").count() == 1

    page = admin_client.get("/admin/lti/scores/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Test LMS" in html and "HTTP 404" in html and "Retry now" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/lti/scores/", {"score": failed.pk})
    assert response.status_code == 302
    assert Score.objects.get(pk=failed.pk).status == "delivered"
    assert len(course.received()) == 2
    delivered = admin_client.get("/admin/lti/scores/?status=delivered").content.decode()
    assert delivered.count("Retry now") == 0 and "Name learner-1" in delivered


def test_retry_everything_failed_for_a_platform(
    admin_client, lms, programme, django_capture_on_commit_callbacks
):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    lms.server.faults.fail_next("ags.scores", times=1, status=422)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.write_score(
            course.users["learner-1"], course.item, outbox.Grade(1, 2, "InProgress", "Pending"), "t"
        )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post("/admin/lti/scores/", {"registration": lms.registration.pk})
    assert list(Score.objects.values_list("status", flat=True)) == ["delivered"]


def test_scores_page_needs_permission(client, db):
    User.objects.create_user("editor", "", "pw", is_staff=True)
    client.login(username="editor", password="pw")
    response = client.get("/admin/lti/scores/")
    assert response.status_code == 302


def test_platform_counts_are_exact(
    admin_client, lms, programme, django_capture_on_commit_callbacks
):
    course = make_course(lms, programme.steps[0], ["learner-1", "learner-2", "learner-3"])
    lms.server.faults.fail_next("ags.scores", times=1, status=404)
    with django_capture_on_commit_callbacks(execute=True):
        for sub in ("learner-1", "learner-2", "learner-3"):
            outbox.write_score(
                course.users[sub], course.item, outbox.Grade(1, 2, "InProgress", "Pending"), "t"
            )
    html = admin_client.get("/admin/lti/scores/").content.decode()
    pk = lms.registration.pk
    assert f'?registration={pk}&amp;status=delivered">2</a>' in html
    assert f'?registration={pk}&amp;status=failed">1</a>' in html
    assert f'?registration={pk}&amp;status=pending">0</a>' in html


@pytest.mark.parametrize("form", [{}, {"score": "abc"}, {"registration": "1; drop"}])
def test_retry_without_a_valid_choice_changes_nothing(
    admin_client, lms, programme, django_capture_on_commit_callbacks, form
):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    lms.server.faults.fail_next("ags.scores", times=1, status=404)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.write_score(
            course.users["learner-1"], course.item, outbox.Grade(1, 2, "InProgress", "Pending"), "t"
        )
    before = list(Score.objects.values_list("pk", "status", "attempts", "next_attempt_at"))
    response = admin_client.post("/admin/lti/scores/", form, follow=True)
    assert response.status_code == 200
    assert "Choose a score or a platform to retry." in response.content.decode()
    assert list(Score.objects.values_list("pk", "status", "attempts", "next_attempt_at")) == before
