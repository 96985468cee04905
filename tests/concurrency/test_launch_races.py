"""Launches arriving together, through the real OIDC flow: one record per person and course.

A tutor who opens "Add content" in several tabs, or a class told "open the step now": every
launch succeeds, and the tool keeps one LtiUser and Learner per person, one Context per course
and one ResourceLink per link, however the launches interleave.
"""

from __future__ import annotations

import pytest
import requests

from hub.models import Learner
from lti_tool.models import Context, LtiUser, Membership, ResourceLink
from lti_tool.roles import INSTRUCTOR, LEARNER
from tests.support.live import TIMEOUT, at_once, framed_token, launch_over_http

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOGETHER = 20
DEEP_LINKING = "LtiDeepLinkingRequest"


def test_twenty_deep_linking_launches_of_one_tutor(live_lms, programme):
    def launch(_: int) -> requests.Response:
        return launch_over_http(
            live_lms, message_type=DEEP_LINKING, user="tutor-1", roles=[INSTRUCTOR]
        )

    answers = at_once(TOGETHER, launch)

    assert [r.status_code for r in answers] == [302] * TOGETHER, [r.text[:300] for r in answers]
    assert all(r.headers["Location"].endswith("/deep-link/") for r in answers)
    tokens = {framed_token(r) for r in answers}
    assert len(tokens) == TOGETHER  # a framed session per launch
    for token in list(tokens)[:3]:  # and each one opens the content picker
        picker = requests.get(f"{live_lms.tool}/lti/s/{token}/deep-link/", timeout=TIMEOUT)
        assert picker.status_code == 200, picker.text[:300]
    assert LtiUser.objects.filter(sub="tutor-1").count() == 1
    assert Learner.objects.count() == 1
    assert Context.objects.count() == 1
    assert Membership.objects.count() == 1


def test_twenty_new_learners_launch_one_link_at_once(live_lms, programme):
    step = programme.steps[0]

    def launch(index: int) -> requests.Response:
        return launch_over_http(
            live_lms,
            user=f"newcomer-{index}",
            roles=[LEARNER],
            custom={"plh_page": str(step.pk)},
            resource_link_id="step-one-link",
        )

    answers = at_once(TOGETHER, launch)

    assert [r.status_code for r in answers] == [302] * TOGETHER, [r.text[:300] for r in answers]
    for token in {framed_token(r) for r in answers}:
        opened = requests.get(f"{live_lms.tool}/lti/s/{token}/", timeout=TIMEOUT)
        assert opened.status_code == 200, opened.text[:300]  # followed to the step
        assert "Your story" in opened.text
    assert LtiUser.objects.filter(sub__startswith="newcomer-").count() == TOGETHER
    assert Learner.objects.count() == TOGETHER
    assert Context.objects.count() == 1
    assert ResourceLink.objects.count() == 1
    assert ResourceLink.objects.get().page_id == step.pk
    assert Membership.objects.count() == TOGETHER
