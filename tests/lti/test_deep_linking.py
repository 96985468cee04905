"""Deep Linking round trip: picker, signed response verified by the platform, link launches."""

from __future__ import annotations

import pytest

from lti_platform import claims as c
from lti_platform.forms import parse_auto_post_form
from lti_tool.models import ResourceLink, ToolKey
from lti_tool.roles import INSTRUCTOR, LEARNER
from tests.support.lti import DEPLOYMENT_ID, TOOL, follow, launch

pytestmark = pytest.mark.django_db


def open_picker(client, lms, **claims):
    response = launch(
        client,
        lms,
        message_type=c.MSG_DEEP_LINKING_REQUEST,
        user="teacher",
        roles=[INSTRUCTOR],
        **claims,
    )
    assert response.status_code == 302, response.content[:300]
    assert "/deep-link/" in response["Location"]
    picker = follow(client, response)
    assert picker.status_code == 200
    return picker, picker.wsgi_request.path


def test_picker_lists_steps_and_lessons_and_searches(client, lms, programme):
    picker, url = open_picker(client, lms)
    html = picker.content.decode()
    for title in ("Step One: Your story", "Why stories matter", "Chairing a meeting"):
        assert title in html
    found = client.get(url, {"q": "chairing"}).content.decode()
    assert "Chairing a meeting" in found and "Why stories matter" not in found


def test_round_trip_with_gradebook_columns_and_launching_the_links(client, lms, programme):
    _, url = open_picker(client, lms)
    step, lesson = programme.steps[0], programme.lessons["third"]
    returned = client.post(
        url,
        {
            "page": [str(step.pk), str(lesson.pk)],
            "gradebook": "on",
            "label": "Peer leadership",
            "score_maximum": "100",
        },
    )
    assert returned.status_code == 200
    form = parse_auto_post_form(returned.content.decode())
    assert form.action == lms.platform.deep_link_return_url
    items = lms.platform.verify_deep_linking_response(
        form.fields["JWT"],
        jwks=client.get("/lti/jwks/").json(),
        expected_deployment_id=DEPLOYMENT_ID,
    )
    assert [item["type"] for item in items] == ["ltiResourceLink", "ltiResourceLink"]
    assert items[0]["title"] == "Step One: Your story"
    assert items[0]["url"] == f"{TOOL}/lti/launch/"
    assert items[0]["custom"] == {"plh_page": str(step.pk)}
    assert items[1]["lineItem"]["scoreMaximum"] == 100
    assert items[1]["lineItem"]["label"] == "Peer leadership"

    # Each returned link launches the page it names.
    for item, expected in zip(items, ["Your story", "Chairing a meeting"], strict=True):
        page = follow(
            client,
            launch(
                client,
                lms,
                user="learner-dl",
                roles=[LEARNER],
                resource_link_id=f"rl-{item['custom']['plh_page']}",
                custom=item["custom"],
            ),
        )
        assert f"<h1>{expected}</h1>" in page.content.decode()
    assert ResourceLink.objects.count() == 2


def test_signed_response_verifies_after_tool_key_rotation(client, lms, programme):
    _, url = open_picker(client, lms)
    ToolKey.rotate()
    returned = client.post(url, {"page": [str(programme.lessons["first"].pk)]})
    jwt_value = parse_auto_post_form(returned.content.decode()).fields["JWT"]
    items = lms.platform.verify_deep_linking_response(
        jwt_value, jwks=client.get("/lti/jwks/").json()
    )
    assert len(items) == 1 and "lineItem" not in items[0]


def test_cancel_returns_no_items(client, lms, programme):
    _, url = open_picker(client, lms)
    returned = client.post(url, {"cancel": "1"})
    jwt_value = parse_auto_post_form(returned.content.decode()).fields["JWT"]
    assert (
        lms.platform.verify_deep_linking_response(jwt_value, jwks=client.get("/lti/jwks/").json())
        == []
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose at least one step or lesson."),
        ({"page": ["abc"]}, "Choose steps or lessons from the list."),
        ({"page": ["999999"]}, "no longer available"),
        ({"page": ["STEP"], "gradebook": "on", "score_maximum": "lots"}, "as a number"),
        ({"page": ["STEP"], "gradebook": "on", "score_maximum": "0"}, "between 1 and 1000"),
    ],
)
def test_bad_choices_are_refused_clearly(client, lms, programme, data, message):
    _, url = open_picker(client, lms)
    data = {
        k: [str(programme.steps[0].pk) if v == "STEP" else v for v in vs]
        if isinstance(vs, list)
        else vs
        for k, vs in data.items()
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_single_item_platforms_get_one_item(client, lms, programme):
    _, url = open_picker(client, lms, accept_multiple=False)
    response = client.post(url, {"page": [str(programme.steps[0].pk), str(programme.steps[1].pk)]})
    assert response.status_code == 400
    assert "one item at a time" in response.content.decode()


def test_resource_link_session_cannot_open_the_picker(client, lms, programme):
    page = follow(
        client,
        launch(
            client,
            lms,
            user="x",
            roles=[INSTRUCTOR],
            custom={"plh_page": str(programme.steps[0].pk)},
        ),
    )
    token = page.wsgi_request.path.split("/")[3]
    assert client.get(f"/lti/s/{token}/deep-link/").status_code == 404
