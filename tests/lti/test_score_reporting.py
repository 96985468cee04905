"""How progress reaches gradebooks that keep only final scores (Moodle) and those that don't.

The platform peer plays Moodle (``flavour="moodle"``): its launches name the product family
``moodle`` in the ``tool_platform`` claim, and the tool must then send a step's partial
progress as ``FullyGraded`` scores, which Moodle's gradebook would otherwise discard.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lti_tool.models import Registration, Score
from lti_tool.registration.score_reporting import default_for_family, product_family_from_claims
from lti_tool.roles import LEARNER
from tests.support.lti import DEPLOYMENT_ID, Lms, follow, launch, serve_lms

pytestmark = pytest.mark.django_db


@pytest.fixture
def moodle(db) -> Iterator[Lms]:
    """The ``lms`` fixture's peer playing Moodle."""
    with serve_lms(flavour="moodle", name="Moodle", deployment_ids=[DEPLOYMENT_ID]) as lms:
        yield lms


def _work_through_step(client, lms: Lms, programme, capture) -> list:
    """Launch the step link, save a reflection, then finish the other lesson."""
    step = programme.steps[0]
    with capture(execute=True):
        launched = launch(
            client,
            lms,
            user="learner-1",
            roles=[LEARNER],
            custom={"plh_page": str(step.pk)},
            lineitem=True,
            resource_link_id="step-one-link",
        )
    token = follow(client, launched).wsgi_request.path.split("/")[3]
    first = f"/lti/s/{token}/page/{programme.lessons['first'].pk}/"
    second = f"/lti/s/{token}/page/{programme.lessons['second'].pk}/"
    with capture(execute=True):
        client.post(second, {"action": "reflect", "prompt_id": "r2", "text": "Carers."})
    with capture(execute=True):
        client.post(first, {"action": "answer", "question_id": "q1", "option": "0"})
        client.post(first, {"action": "finish"})
    return lms.platform.ags.scores


def test_moodle_launch_chooses_graded_progress_and_partial_scores_arrive_fully_graded(
    client, moodle, programme, django_capture_on_commit_callbacks
):
    assert moodle.registration.score_reporting == ""  # added by hand: not chosen yet
    scores = _work_through_step(client, moodle, programme, django_capture_on_commit_callbacks)
    moodle.registration.refresh_from_db()
    assert moodle.registration.score_reporting == "graded_progress"
    assert moodle.registration.product_family_code == "moodle"
    assert [(s.score_given, s.activity_progress, s.grading_progress) for s in scores] == [
        (50, "InProgress", "FullyGraded"),
        (100, "Completed", "FullyGraded"),
    ]
    assert all(s.applied for s in scores)
    assert set(Score.objects.values_list("status", flat=True)) == {"delivered"}


def test_an_administrators_choice_is_kept_over_the_platform_family(
    client, moodle, programme, django_capture_on_commit_callbacks
):
    Registration.objects.filter(pk=moodle.registration.pk).update(score_reporting="completion_only")
    scores = _work_through_step(client, moodle, programme, django_capture_on_commit_callbacks)
    moodle.registration.refresh_from_db()
    assert moodle.registration.score_reporting == "completion_only"
    assert [(s.score_given, s.grading_progress) for s in scores] == [
        (50, "Pending"),
        (100, "FullyGraded"),
    ]


def test_other_families_default_to_completion_only(
    client, lms, programme, django_capture_on_commit_callbacks
):
    scores = _work_through_step(client, lms, programme, django_capture_on_commit_callbacks)
    lms.registration.refresh_from_db()
    assert lms.registration.score_reporting == "completion_only"
    assert [s.grading_progress for s in scores] == ["Pending", "FullyGraded"]


@pytest.mark.parametrize(
    ("family", "expected"),
    [
        ("moodle", "graded_progress"),
        ("Moodle ", "graded_progress"),
        ("canvas", "completion_only"),
        ("", "completion_only"),
    ],
)
def test_default_for_family(family, expected):
    assert default_for_family(family) == expected


@pytest.mark.parametrize(
    ("claims", "family"),
    [
        (
            {
                "https://purl.imsglobal.org/spec/lti/claim/tool_platform": {
                    "product_family_code": "moodle"
                }
            },
            "moodle",
        ),
        ({"https://purl.imsglobal.org/spec/lti/claim/tool_platform": "moodle"}, ""),
        (
            {"https://purl.imsglobal.org/spec/lti/claim/tool_platform": {"product_family_code": 3}},
            "",
        ),
        ({}, ""),
    ],
)
def test_product_family_from_claims(claims, family):
    assert product_family_from_claims(claims) == family


def test_the_choice_is_shown_and_changed_in_the_admin(admin_client, lms):
    registration = lms.registration
    Registration.objects.filter(pk=registration.pk).update(score_reporting="completion_only")
    listing = admin_client.get("/admin/lti/platforms/").content.decode()
    assert "Completion only (partial scores pending)" in listing
    edit_url = f"/admin/lti/platforms/edit/{registration.pk}/"
    form = admin_client.get(edit_url).content.decode()
    assert 'name="score_reporting"' in form
    saved = admin_client.post(
        edit_url,
        {
            "name": registration.name,
            "issuer": registration.issuer,
            "client_id": registration.client_id,
            "auth_login_url": registration.auth_login_url,
            "auth_token_url": registration.auth_token_url,
            "key_set_url": registration.key_set_url,
            "active": "on",
            "product_family_code": "moodle",
            "score_reporting": "graded_progress",
        },
    )
    assert saved.status_code == 302
    registration.refresh_from_db()
    assert registration.score_reporting == "graded_progress"
    refused = admin_client.post(edit_url, {"name": "x", "score_reporting": "everything"})
    assert refused.status_code == 200  # the form comes back with the error
    registration.refresh_from_db()
    assert registration.score_reporting == "graded_progress"
