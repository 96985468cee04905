"""After a form post the framed lesson says where the learner stands; tutors get their view.

Through the real OIDC launch into the test client: the finishing post redirects with a fresh
fragment (never the form's stale ``#reflect-…``), the notice is the element that takes focus,
the completed step names the badge just earned and the next step, and an instructor on a step
link sees who is where instead of a learner's "0 of 2, Start with…".
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from badges.models import Achievement
from hub.models import StepPage
from hub.templatetags.hub_tags import verdict
from lti_tool.roles import INSTRUCTOR, LEARNER
from tests.support.lti import follow, launch

pytestmark = pytest.mark.django_db


def open_framed(client, lms, page, user: str, roles: list[str]):
    launched = launch(
        client,
        lms,
        user=user,
        roles=roles,
        custom={"plh_page": str(page.pk)},
        resource_link_id=f"link-{page.pk}",
    )
    return follow(client, launched)


def text(response) -> str:
    return html.unescape(response.content.decode())


@dataclass
class InStepOne:
    """A learner launched into step one, and the framed URLs of its two lessons."""

    step: StepPage
    token: str
    first: str
    second: str


@pytest.fixture
def in_step_one(client, lms, programme) -> InStepOne:
    step = programme.steps[0]
    page = open_framed(client, lms, step, "learner-1", [LEARNER])
    token = page.wsgi_request.path.split("/")[3]
    return InStepOne(
        step,
        token,
        first=f"/lti/s/{token}/page/{programme.lessons['first'].pk}/",
        second=f"/lti/s/{token}/page/{programme.lessons['second'].pk}/",
    )


@pytest.fixture
def badges(programme) -> None:
    call_command("setup_badges", "--demo", verbosity=0)  # every step has a badge to award
    assert Achievement.objects.filter(step=programme.steps[0]).exists()


def test_finishing_a_step_shows_the_badge_and_the_next_step_with_focus(
    client, programme, badges, in_step_one
):
    step, token = in_step_one.step, in_step_one.token
    first, second = in_step_one.first, in_step_one.second

    saved = client.post(second, {"action": "reflect", "prompt_id": "r2", "text": "Carers."})
    # The reflection is all the second lesson asks for: saving it completes the lesson.
    assert saved["Location"] == f"{second}?notice=reflection_lesson_complete#plh-notice"
    client.post(first, {"action": "answer", "question_id": "q1", "option": "0"})
    finished = client.post(first, {"action": "finish"})
    assert finished.status_code == 302
    assert finished["Location"] == f"{first}?notice=step_complete#plh-notice"

    shown = client.get(finished["Location"].split("#")[0])
    body = text(shown)
    assert 'id="plh-notice" role="status" tabindex="-1" data-plh-focus' in body
    assert "You have completed this step. Well done." in body
    badge = Achievement.objects.get(step=step).name
    assert f"You have earned the badge <strong>{badge}</strong>." in body
    assert f'href="/lti/s/{token}/badges/">See it in My badges' in body
    step_two = programme.steps[1]
    assert f'href="{step_two.full_url}"' in body
    assert "Step Two: Leading others (opens in a new tab)" in body


def test_a_reflection_that_completes_the_step_shows_the_badge(client, badges, in_step_one):
    step, first, second = in_step_one.step, in_step_one.first, in_step_one.second
    client.post(first, {"action": "answer", "question_id": "q1", "option": "0"})
    assert client.post(first, {"action": "finish"})["Location"].endswith(
        "?notice=lesson_complete#plh-notice"
    )

    saved = client.post(second, {"action": "reflect", "prompt_id": "r2", "text": "Carers."})
    assert saved["Location"] == f"{second}?notice=reflection_step_complete#plh-notice"
    body = text(client.get(saved["Location"].split("#")[0]))
    assert "Your reflection is saved. You have completed this step. Well done." in body
    assert f"You have earned the badge <strong>{Achievement.objects.get(step=step).name}" in body
    assert "Step Two: Leading others (opens in a new tab)" in body


def test_an_answer_that_completes_the_step_says_so_and_keeps_focus_on_its_feedback(
    client, badges, in_step_one
):
    step, first, second = in_step_one.step, in_step_one.first, in_step_one.second
    client.post(second, {"action": "reflect", "prompt_id": "r2", "text": "Carers."})
    # Reaching the end first: the lesson still waits for its question.
    assert client.post(first, {"action": "finish"})["Location"].endswith(
        "?notice=saved_incomplete#plh-notice"
    )

    answered = client.post(first, {"action": "answer", "question_id": "q1", "option": "0"})
    assert answered.status_code == 200
    body = text(answered)
    assert "You have completed this step. Well done." in body
    assert f"You have earned the badge <strong>{Achievement.objects.get(step=step).name}" in body
    # One element takes focus: the answer's feedback, not the notice at the top.
    assert body.count("data-plh-focus") == 1
    assert 'id="plh-notice" role="status" tabindex="-1">' in body


def test_a_wrong_answer_completes_nothing_and_says_nothing_on_top(client, in_step_one):
    first = in_step_one.first
    answered = client.post(first, {"action": "answer", "question_id": "q1", "option": "1"})
    assert answered.status_code == 200
    assert 'id="plh-notice"' not in text(answered)


def test_a_typed_step_complete_notice_claims_no_badge(client, badges, in_step_one):
    lesson = in_step_one.first
    body = text(client.get(f"{lesson}?notice=step_complete"))
    assert "You have earned the badge" not in body
    assert "See it in My badges" not in body
    assert "Next:" not in body


def test_an_error_is_the_element_that_takes_focus(client, in_step_one):
    lesson = in_step_one.first
    refused = client.post(lesson, {"action": "answer", "question_id": "q1", "option": ""})
    assert refused.status_code == 400
    assert 'role="alert" tabindex="-1" data-plh-focus' in text(refused)
    assert text(refused).count("data-plh-focus") == 1  # one element takes focus, not two


def test_knowledge_check_feedback_is_focused_after_answering(client, in_step_one):
    lesson = in_step_one.first
    answered = text(client.post(lesson, {"action": "answer", "question_id": "q1", "option": "0"}))
    assert 'role="status" tabindex="-1" data-plh-focus' in answered
    assert "Yes: partners share power." in answered
    again = text(client.get(lesson))  # read later: the feedback stays, without taking focus
    assert "Yes: partners share power." in again and "data-plh-focus" not in again


@pytest.mark.parametrize(
    ("correct", "feedback", "expected"),
    [
        (True, "That's right. Partners share power.", ""),
        (True, "That\u2019s right: partners share power.", ""),
        (True, "Partners share power.", "That's right."),
        (False, "Not quite. A survey only asks.", ""),
        (False, "A survey only asks.", "Not quite."),
        (False, "That's right is what many think, but no.", "Not quite."),
    ],
)
def test_the_verdict_is_printed_once(correct, feedback, expected):
    assert verdict(correct, feedback) == expected


def test_instructor_sees_the_tutors_view_of_a_step(client, lms, programme):
    step = programme.steps[0]
    open_framed(client, lms, step, "learner-1", [LEARNER])  # opened, nothing finished
    page = open_framed(client, lms, step, "instructor-1", [INSTRUCTOR])
    body = text(page)
    assert "Step One · tutor's view" in body
    assert "Where your learners are" in body
    assert "Start with Why stories matter" not in body and "lessons completed." not in body
    assert "Open the cohort view: each learner, lesson by lesson" in body
    assert "Not started: <strong>1</strong> learner" in body
    assert "Why stories matter" in body  # the lessons, to preview


def test_learner_sees_the_learners_view_of_the_same_step(client, lms, programme):
    body = text(open_framed(client, lms, programme.steps[0], "learner-1", [LEARNER]))
    assert "tutor's view" not in body
    assert "Start with Why stories matter" in body


def test_feedback_opening_with_the_verdict_prints_it_once(client, lms, programme):
    lesson = programme.lessons["first"]
    body = lesson.body.raw_data
    body[5]["value"]["questions"][0]["value"]["options"][0]["value"]["feedback"] = (
        "That's right. Partners share power."
    )
    lesson.body = body
    lesson.save_revision().publish()
    page = open_framed(client, lms, programme.steps[0], "learner-1", [LEARNER])
    token = page.wsgi_request.path.split("/")[3]
    url = f"/lti/s/{token}/page/{lesson.pk}/"
    answered = text(client.post(url, {"action": "answer", "question_id": "q1", "option": "0"}))
    assert answered.count("That's right.") == 1
    wrong = text(client.post(url, {"action": "answer", "question_id": "q1", "option": "1"}))
    assert wrong.count("Not quite.") == 1  # its feedback does not open with the verdict
