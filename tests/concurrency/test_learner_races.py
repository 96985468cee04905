"""One learner's requests arriving together: every one answered, every outcome recorded once.

A learner who double-clicks "I have finished this lesson", a form resent by a flaky network,
several tabs: the tool must answer each request (no error page) and record the completion,
the step completion, the badge and the score exactly once.
"""

from __future__ import annotations

import pytest
import requests

from badges.models import Achievement, AchievementType, AwardRule, Credential, Issuer
from hub.models import LessonProgress, Reflection, StepCompletion
from lti_tool.models import LtiUser, Score
from lti_tool.roles import LEARNER
from tests.factories import Programme
from tests.support.live import TIMEOUT, LiveLms, at_once, framed_token, launch_over_http

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOGETHER = 20


def _step_achievement(programme: Programme) -> Achievement:
    issuer = Issuer.objects.create(
        slug="plh",
        name="Peer Leadership Hub",
        url="https://hub.example.org/",
        email="badges@hub.example.org",
        description="A peer-leadership programme.",
    )
    return Achievement.objects.create(
        issuer=issuer,
        name="Step One: Your story",
        description="Completed the first step.",
        criteria_narrative="Completed every lesson of Step One.",
        criteria_url="https://hub.example.org/step-one/",
        step=programme.steps[0],
        achievement_type=AchievementType.ACHIEVEMENT,
        award_rule=AwardRule.STEP_COMPLETED,
    )


def _launch_step_one(live_lms: LiveLms, programme: Programme, user: str) -> str:
    """A learner's launch of a graded Step One link; returns the framed session's token."""
    launched = launch_over_http(
        live_lms,
        user=user,
        roles=[LEARNER],
        custom={"plh_page": str(programme.steps[0].pk)},
        lineitem=True,
        resource_link_id="step-one-link",
    )
    return framed_token(launched)


def _lesson_url(live_lms: LiveLms, token: str, programme: Programme, lesson: str) -> str:
    return f"{live_lms.tool}/lti/s/{token}/page/{programme.lessons[lesson].pk}/"


def _post(url: str, data: dict[str, str]) -> requests.Response:
    return requests.post(url, data=data, allow_redirects=False, timeout=TIMEOUT)


def test_twenty_finish_posts_complete_the_lesson_step_badge_and_score_once(live_lms, programme):
    achievement = _step_achievement(programme)
    token = _launch_step_one(live_lms, programme, "finisher")
    second = _lesson_url(live_lms, token, programme, "second")
    first = _lesson_url(live_lms, token, programme, "first")
    # The other lesson is done and the knowledge check answered: finishing completes the step.
    assert _post(second, {"action": "reflect", "prompt_id": "r2", "text": "Carers."}).ok
    assert _post(first, {"action": "answer", "question_id": "q1", "option": "0"}).ok

    answers = at_once(TOGETHER, lambda _: _post(first, {"action": "finish"}))

    assert [r.status_code for r in answers] == [302] * TOGETHER, [r.text[:300] for r in answers]
    notices = sorted(r.headers["Location"].rsplit("notice=", 1)[-1].split("#")[0] for r in answers)
    assert notices == ["saved_incomplete"] * (TOGETHER - 1) + ["step_complete"]
    learner = LtiUser.objects.get(sub="finisher").learner
    finished = LessonProgress.objects.filter(learner=learner, lesson=programme.lessons["first"])
    assert finished.count() == 1 and finished.get().completed_at is not None
    assert StepCompletion.objects.filter(learner=learner, step=programme.steps[0]).count() == 1
    assert Credential.objects.filter(learner=learner, achievement=achievement).count() == 1
    # The outbox holds the half-way score and one full score; the platform got each once.
    scores = Score.objects.filter(user__sub="finisher").order_by("timestamp")
    assert [(s.score_given, s.status) for s in scores] == [(50, "delivered"), (100, "delivered")]
    received = live_lms.platform.ags.scores_for(user_id="finisher")
    assert [(s.score_given, s.activity_progress) for s in received] == [
        (50, "InProgress"),
        (100, "Completed"),
    ]


def test_twenty_reflection_saves_keep_one_reflection_per_prompt(live_lms, programme):
    token = _launch_step_one(live_lms, programme, "reflector")
    urls = {
        "r2": _lesson_url(live_lms, token, programme, "second"),
        "b-reflect": _lesson_url(live_lms, token, programme, "first"),
    }
    prompts = ["r2", "b-reflect"]

    def save(index: int) -> requests.Response:
        prompt = prompts[index % 2]
        text = f"Reflection number {index}."
        return _post(urls[prompt], {"action": "reflect", "prompt_id": prompt, "text": text})

    answers = at_once(TOGETHER, save)

    assert [r.status_code for r in answers] == [302] * TOGETHER, [r.text[:300] for r in answers]
    learner = LtiUser.objects.get(sub="reflector").learner
    saved = {r.prompt_id: r.text for r in Reflection.objects.filter(learner=learner)}
    assert Reflection.objects.filter(learner=learner).count() == 2
    assert set(saved) == set(prompts)
    # Each prompt keeps one of the texts sent for it (the last writer's), never a mixture.
    assert int(saved["r2"].split()[-1].rstrip(".")) % 2 == 0
    assert int(saved["b-reflect"].split()[-1].rstrip(".")) % 2 == 1
    assert LessonProgress.objects.filter(learner=learner).count() == 2
    # Saving the reflection completes the second lesson (once): one half-way score, sent once.
    second = LessonProgress.objects.get(learner=learner, lesson=programme.lessons["second"])
    assert second.completed_at is not None
    assert Score.objects.filter(user__sub="reflector").count() == 1
    received = live_lms.platform.ags.scores_for(user_id="reflector")
    assert [s.score_given for s in received] == [50]


def test_twenty_first_visits_start_the_lesson_once(live_lms, programme):
    token = _launch_step_one(live_lms, programme, "visitor")
    url = _lesson_url(live_lms, token, programme, "first")

    answers = at_once(TOGETHER, lambda _: requests.get(url, timeout=TIMEOUT))

    assert [r.status_code for r in answers] == [200] * TOGETHER, [r.text[:300] for r in answers]
    assert all("Why stories matter" in r.text for r in answers)
    learner = LtiUser.objects.get(sub="visitor").learner
    started = LessonProgress.objects.filter(learner=learner)
    assert started.count() == 1
    assert started.get().lesson_id == programme.lessons["first"].pk
    assert started.get().completed_at is None
