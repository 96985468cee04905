"""A course that links straight to a locked step: the frame explains, and nothing is earned.

Step Four (graduates only) with no earlier step done, and Step Two without Step One, launched
through the real OIDC flow into a graded link. The lesson can be read; every action is refused
with 403 and leaves no progress, completion, score or credential behind.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from badges.models import Achievement, Credential
from hub.models import KnowledgeCheckAnswer, LessonProgress, Reflection, StepCompletion
from lti_tool.models import LtiUser, Score
from lti_tool.roles import LEARNER
from tests.factories import add_step_four, record_steps_done
from tests.support.lti import follow, launch

pytestmark = pytest.mark.django_db

EARNED = (LessonProgress, KnowledgeCheckAnswer, Reflection, StepCompletion, Credential, Score)


def snapshot() -> dict[str, list[dict]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in EARNED}


@pytest.fixture
def step_four(programme):
    step, lesson = add_step_four(programme)
    call_command("setup_badges", "--demo", verbosity=0)  # every step has a badge to award
    assert Achievement.objects.filter(step=step).exists()
    return step, lesson


def open_framed(client, lms, page, user: str):
    """Launch ``user`` into a graded link to ``page``; returns the framed page response."""
    launched = launch(
        client,
        lms,
        user=user,
        roles=[LEARNER],
        custom={"plh_page": str(page.pk)},
        lineitem=True,
        resource_link_id=f"link-{page.pk}",
    )
    return follow(client, launched)


def _lesson(programme, step_four, which):
    if which == "step_four":
        return step_four[1], {"question_id": "q4", "prompt_id": "r4"}
    return programme.lessons["third"], {"question_id": "q1", "prompt_id": "r2"}


@pytest.mark.parametrize("which", ["step_two", "step_four"])
def test_locked_lesson_in_the_frame_explains_and_offers_nothing(
    client, lms, programme, step_four, which
):
    lesson, _ = _lesson(programme, step_four, which)
    page = open_framed(client, lms, lesson, "locked-reader")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"<h1>{lesson.title}</h1>" in html
    assert "step is not open to you yet" in html
    assert "for graduates" in html
    # The step to do first is linked (outside the frame: the course links only this one).
    assert f'href="{programme.steps[0].full_url}" target="_blank"' in html
    assert "Do Step One: Your story first" in html
    assert re.findall(r"<form\b", html) == []
    assert "I have finished this lesson</button>" not in html and "Start with" not in html
    # Opening the lesson recorded nothing.
    assert not LessonProgress.objects.exists()


def test_locked_step_in_the_frame_offers_no_start(client, lms, programme, step_four):
    page = open_framed(client, lms, step_four[0], "step-reader")
    html = page.content.decode()
    assert "This step is not open to you yet" in html
    assert "Step Four is for graduates: complete every earlier step." in html
    assert "Start with" not in html and "Continue with" not in html


@pytest.mark.parametrize("which", ["step_two", "step_four"])
@pytest.mark.parametrize("action", ["answer", "reflect", "finish"])
def test_every_action_on_a_locked_lesson_is_refused_and_earns_nothing(
    client, lms, programme, step_four, which, action, django_capture_on_commit_callbacks
):
    lesson, ids = _lesson(programme, step_four, which)
    page = open_framed(client, lms, lesson, f"attacker-{which}-{action}")
    data = {
        "answer": {"action": "answer", "question_id": ids["question_id"], "option": "0"},
        "reflect": {"action": "reflect", "prompt_id": ids["prompt_id"], "text": "Mine."},
        "finish": {"action": "finish"},
    }[action]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # a retry changes nothing either
            response = client.post(page.wsgi_request.path, data)
            assert response.status_code == 403
            html = response.content.decode()
            assert "There is a problem" in html
            assert "for graduates: complete every earlier step." in html
            assert re.findall(r"<form\b", html) == []
    assert snapshot() == before
    assert not StepCompletion.objects.exists() and not Credential.objects.exists()
    assert lms.platform.ags.scores == []


def test_the_same_link_opens_once_the_earlier_steps_are_done(client, lms, programme, step_four):
    page = open_framed(client, lms, step_four[1], "graduate")
    record_steps_done(LtiUser.objects.get(sub="graduate").learner, *programme.steps)
    url = page.wsgi_request.path
    again = client.get(url).content.decode()
    assert "not open to you yet" not in again and "Check my answer" in again
    client.post(url, {"action": "answer", "question_id": "q4", "option": "0"})
    client.post(url, {"action": "reflect", "prompt_id": "r4", "text": "Ask people."})
    finished = client.post(url, {"action": "finish"})
    assert finished.status_code == 302
    assert StepCompletion.objects.filter(step=step_four[0]).count() == 1
    assert Credential.objects.filter(achievement__step=step_four[0]).count() == 1
