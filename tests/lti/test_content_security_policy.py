"""The Content-Security-Policy of the LMS-framed pages and of the login/launch hand-offs.

Every framed page keeps the LTI ``frame-ancestors`` rule (the origins of active
registrations) in the site's one policy header. Forms post only to the tool, except the Deep
Linking response, whose page may post to the platform's ``deep_link_return_url``, and only
that page.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from lti_platform import claims as c
from lti_platform.forms import parse_auto_post_form
from lti_tool.middleware import frame_ancestors
from lti_tool.roles import INSTRUCTOR, LEARNER
from security.csp import origin_of
from tests.security.policy import assert_page_keeps_policy, policy
from tests.support.lti import CLIENT_ID, follow, launch

pytestmark = pytest.mark.django_db


def assert_framed(response, lms) -> dict[str, list[str]]:
    """The page keeps the site's policy, and exactly the registrations may frame it."""
    assert_page_keeps_policy(response)
    directives = policy(response)
    assert directives["frame-ancestors"] == ["'self'", *frame_ancestors()]
    assert origin_of(lms.platform.issuer) in directives["frame-ancestors"]
    assert response["Content-Security-Policy"].count("frame-ancestors") == 1
    return directives


def test_framed_step_and_lesson_pages(client, lms, programme):
    step = follow(
        client,
        launch(
            client,
            lms,
            user="csp-1",
            roles=[LEARNER],
            custom={"plh_page": str(programme.steps[0].pk)},
        ),
    )
    assert step.status_code == 200
    assert assert_framed(step, lms)["form-action"] == ["'self'"]
    token = step.wsgi_request.path.split("/")[3]
    lesson = client.get(f"/lti/s/{token}/page/{programme.lessons['first'].pk}/")
    assert lesson.status_code == 200
    assert "<h1>Why stories matter</h1>" in lesson.content.decode()
    assert assert_framed(lesson, lms)["form-action"] == ["'self'"]


def test_ended_session_page_is_framed_under_the_same_rules(client, lms, db):
    ended = client.get("/lti/s/not-a-session/")
    assert ended.status_code == 403
    assert_framed(ended, lms)


def test_only_the_deep_linking_response_may_post_to_the_platform(client, lms, programme):
    picker = follow(
        client,
        launch(
            client,
            lms,
            message_type=c.MSG_DEEP_LINKING_REQUEST,
            user="csp-teacher",
            roles=[INSTRUCTOR],
        ),
    )
    assert picker.status_code == 200
    assert assert_framed(picker, lms)["form-action"] == ["'self'"]
    returned = client.post(picker.wsgi_request.path, {"page": [str(programme.steps[0].pk)]})
    assert returned.status_code == 200
    form = parse_auto_post_form(returned.content.decode())
    assert form.action == lms.platform.deep_link_return_url
    directives = assert_framed(returned, lms)
    assert directives["form-action"] == ["'self'", origin_of(lms.platform.deep_link_return_url)]
    html = returned.content.decode()
    assert "data-auto-submit" in html
    assert '<script src="/static/lti_tool/auto_submit.js">' in html
    # The next page of the same session is back to posting to the tool only.
    again = client.get(picker.wsgi_request.path)
    assert assert_framed(again, lms)["form-action"] == ["'self'"]


def test_login_hand_off_pages_run_their_scripts_from_files(client, lms, db):
    pending = lms.platform.prepare_launch(client_id=CLIENT_ID, user="csp-2", roles=[LEARNER])
    framed = client.get("/lti/login/", pending.login_params, HTTP_SEC_FETCH_DEST="iframe")
    assert framed.status_code == 200
    assert_framed(framed, lms)
    assert '<script src="/static/lti_tool/cookie_check.js">' in framed.content.decode()
    stored = lms.platform.prepare_launch(
        client_id=CLIENT_ID, user="csp-3", roles=[LEARNER], lti_storage_target="_parent"
    )
    storage = client.post("/lti/login/", stored.login_params)
    assert storage.status_code == 200
    assert_framed(storage, lms)
    assert '<script src="/static/lti_tool/platform_storage_login.js">' in (storage.content.decode())
    # The launch arrives without the login's cookie: the page reads the platform's storage and
    # posts the launch again, to the tool only.
    query = parse_qs(urlsplit(parse_storage_auth_url(storage)).query)
    _, form = lms.platform.authorize(query)
    relaunch = Client().post("/lti/launch/", form)
    assert relaunch.status_code == 200
    assert assert_framed(relaunch, lms)["form-action"] == ["'self'", "http://testserver"]
    assert '<script src="/static/lti_tool/platform_storage_launch.js">' in (
        relaunch.content.decode()
    )


def parse_storage_auth_url(response) -> str:
    """The platform's authorisation URL the platform-storage login page continues to."""
    html = response.content.decode()
    start = html.index('id="plh-storage" type="application/json">') + len(
        'id="plh-storage" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])["auth_url"]


def test_refused_launch_page_keeps_the_policy(client, lms, db):
    refused = client.post("/lti/login/", {"iss": "https://unknown.example", "login_hint": "x"})
    assert refused.status_code >= 400
    assert_framed(refused, lms)
