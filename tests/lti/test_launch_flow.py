"""Launches through the real OIDC flow: lesson shown, completed, events fired."""

from __future__ import annotations

import json

import pytest

from hub import events
from hub.models import Learner, LessonProgress, StepCompletion
from lti_tool.models import Context, Deployment, LtiUser, Membership, ResourceLink
from lti_tool.roles import INSTRUCTOR, LEARNER, MENTOR
from tests.factories import record_steps_done
from tests.support.lti import TOOL, follow, launch, start_login

pytestmark = pytest.mark.django_db


def test_learner_launch_shows_the_linked_lesson_and_completes_it(client, lms, programme):
    lesson = programme.lessons["third"]  # Step Two's only lesson; completes at the end
    response = launch(
        client, lms, user="learner-1", roles=[LEARNER], custom={"plh_page": str(lesson.pk)}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(f"{TOOL}/lti/s/")
    # Step Two is for graduates: this learner completed Step One before.
    record_steps_done(LtiUser.objects.get(sub="learner-1").learner, programme.steps[0])
    page = follow(client, response)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Chairing a meeting</h1>" in html
    assert "nhsuk-header" not in html  # compact layout inside the frame
    assert "frame-ancestors 'self' " + lms.platform.issuer in page["Content-Security-Policy"]
    assert "X-Frame-Options" not in page

    user = LtiUser.objects.get(sub="learner-1")
    membership = Membership.objects.get(user=user)
    assert membership.roles == [LEARNER]
    assert ResourceLink.objects.get().page_id == lesson.pk
    assert LessonProgress.objects.get(learner=user.learner).completed_at is None

    fired = []
    events.step_completed.connect(
        lambda sender, **kw: fired.append(kw["step"].pk), weak=False, dispatch_uid="test-step"
    )
    try:
        finished = client.post(page.wsgi_request.path, {"action": "finish"})
    finally:
        events.step_completed.disconnect(dispatch_uid="test-step")
    assert finished.status_code == 302
    assert LessonProgress.objects.get(learner=user.learner).completed_at is not None
    assert StepCompletion.objects.filter(learner=user.learner, step=programme.steps[1]).count() == 1
    assert fired == [programme.steps[1].pk]
    again = client.get(finished["Location"])
    assert "You have completed this step. Well done." in again.content.decode()


def test_step_link_shows_progress_and_lessons_within_the_step_only(client, lms, programme):
    step = programme.steps[0]
    page = follow(
        client,
        launch(client, lms, user="learner-2", roles=[LEARNER], custom={"plh_page": str(step.pk)}),
    )
    html = page.content.decode()
    assert "0 of 2 lessons completed" in html
    token = page.wsgi_request.path.split("/")[3]
    first = client.get(f"/lti/s/{token}/page/{programme.lessons['first'].pk}/")
    assert first.status_code == 200
    assert "Next lesson" in first.content.decode()
    other_step = client.get(f"/lti/s/{token}/page/{programme.lessons['third'].pk}/")
    assert other_step.status_code == 404


def test_knowledge_check_and_reflection_inside_the_frame(client, lms, programme):
    lesson = programme.lessons["first"]
    page = follow(
        client,
        launch(client, lms, user="learner-3", roles=[LEARNER], custom={"plh_page": str(lesson.pk)}),
    )
    url = page.wsgi_request.path
    answer = client.post(url, {"action": "answer", "question_id": "q1", "option": "0"})
    assert answer.status_code == 200 and "That's right." in answer.content.decode()
    saved = client.post(url, {"action": "reflect", "prompt_id": "b-reflect", "text": "Hope."})
    assert saved.status_code == 302
    assert "reflection is saved" in client.get(saved["Location"]).content.decode()
    bad = client.post(url, {"action": "reflect", "prompt_id": "b-reflect", "text": " "})
    assert bad.status_code == 400 and "Write your reflection" in bad.content.decode()


def test_cross_origin_post_is_refused(client, lms, programme):
    page = follow(
        client,
        launch(
            client,
            lms,
            user="learner-4",
            roles=[LEARNER],
            custom={"plh_page": str(programme.lessons["third"].pk)},
        ),
    )
    response = client.post(
        page.wsgi_request.path, {"action": "finish"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("roles", "claims", "cohort_link"),
    [
        ([INSTRUCTOR], {}, True),
        ([LEARNER], {"include_pii": False}, False),
        (["Learner"], {}, False),  # short role name
        ([], {}, False),  # no role
        (["http://example.com/roles#Custom"], {}, False),  # unknown role
        ([LEARNER, MENTOR], {}, True),  # several roles, mentor recognised
        (
            ["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"],
            {},
            True,
        ),
        (["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"], {}, True),
    ],
)
def test_valid_launch_variants_are_accepted(client, lms, programme, roles, claims, cohort_link):
    lesson = programme.lessons["third"]
    page = follow(
        client,
        launch(
            client,
            lms,
            user="u-variant",
            roles=roles,
            custom={"plh_page": str(lesson.pk)},
            **claims,
        ),
    )
    assert page.status_code == 200, page.content[:300]
    assert ("View your cohort" in page.content.decode()) is cohort_link


def test_personal_data_is_kept_only_when_sent(client, lms, programme):
    custom = {"plh_page": str(programme.lessons["third"].pk)}
    follow(
        client, launch(client, lms, user="anon", roles=[LEARNER], include_pii=False, custom=custom)
    )
    anon = LtiUser.objects.get(sub="anon")
    assert (anon.name, anon.email) == ("", "")
    assert anon.learner.display_name == ""


def test_unknown_deployment_is_created_inactive_and_can_be_activated(client, lms, programme):
    custom = {"plh_page": str(programme.lessons["third"].pk)}
    response = launch(
        client, lms, user="u1", roles=[LEARNER], deployment_id="deployment-2", custom=custom
    )
    assert response.status_code == 403
    assert "awaiting activation by the administrator" in response.content.decode()
    deployment = Deployment.objects.get(deployment_id="deployment-2")
    assert deployment.active is False
    assert not LtiUser.objects.exists() and not Learner.objects.exists()
    assert not Context.objects.exists()
    deployment.activate()
    ok = follow(
        client,
        launch(
            client, lms, user="u1", roles=[LEARNER], deployment_id="deployment-2", custom=custom
        ),
    )
    assert ok.status_code == 200


def test_learners_resume_where_they_left_off(client, lms, programme):
    step = programme.steps[0]
    custom = {"plh_page": str(step.pk)}
    first = follow(client, launch(client, lms, user="resumer", roles=[LEARNER], custom=custom))
    token = first.wsgi_request.path.split("/")[3]
    second_lesson = programme.lessons["second"]
    client.post(
        f"/lti/s/{token}/page/{second_lesson.pk}/",
        {"action": "reflect", "prompt_id": "r2", "text": "Done"},
    )
    again = follow(client, launch(client, lms, user="resumer", roles=[LEARNER], custom=custom))
    html = again.content.decode()
    assert "1 of 2 lessons completed" in html
    assert "Continue with Why stories matter" in html


def test_jwks_and_config_endpoints(client, lms):
    jwks = client.get("/lti/jwks/").json()
    assert jwks == client.get("/.well-known/jwks.json").json()
    assert jwks["keys"][0]["alg"] == "RS256" and jwks["keys"][0]["kid"]
    config = client.get("/lti/config.json").json()
    assert config["oidc_initiation_url"] == f"{TOOL}/lti/login/"
    assert config["target_link_uri"] == f"{TOOL}/lti/launch/"
    assert config["jwks_url"] == f"{TOOL}/lti/jwks/"
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in config["scopes"]
    assert json.dumps(config)  # plain JSON


def test_login_state_cookie_works_in_a_third_party_frame(client, lms):
    _, login = start_login(client, lms, user="c1", roles=[LEARNER])
    cookie = next(iter(login.cookies.values()))
    header = cookie.output()
    assert "SameSite=None" in header and "Secure" in header and "Partitioned" in header
    assert "HttpOnly" in header and "Path=/lti/" in header


def test_framed_login_offers_a_new_window_when_cookies_are_blocked(client, lms):
    pending = lms.platform.prepare_launch(client_id="hub-client", user="c2", roles=[LEARNER])
    framed = client.get("/lti/login/", pending.login_params, HTTP_SEC_FETCH_DEST="iframe")
    assert framed.status_code == 200
    html = framed.content.decode()
    assert "Open in a new window" in html and "new_window=1" in html
    new_window = client.get("/lti/login/", {**pending.login_params, "new_window": "1"})
    assert new_window.status_code == 302
    assert new_window["Location"].startswith(lms.server.auth_url)


def test_platform_storage_login_keeps_the_secret_with_the_platform(client, lms):
    pending = lms.platform.prepare_launch(
        client_id="hub-client", user="c3", roles=[LEARNER], lti_storage_target="_parent"
    )
    login = client.post("/lti/login/", pending.login_params)
    assert login.status_code == 200
    html = login.content.decode()
    script = "/static/lti_tool/platform_storage_login.js"
    assert f'<script src="{script}">' in html and lms.server.auth_url in html
    assert b"lti.put_data" in client.get(script).getvalue()
