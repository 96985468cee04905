"""Line items: found, created, read, updated and deleted through the platform's AGS service."""

from __future__ import annotations

import pytest

from lti_tool.models import Context, Deployment, LineItem, ResourceLink, Score
from lti_tool.services import ags, outbox
from lti_tool.services.errors import PermanentServiceError
from tests.support.courses import make_course

pytestmark = pytest.mark.django_db


def _link(lms, programme, link_id="link-9"):
    lms.platform.ensure_context("course-9")
    deployment = Deployment.objects.get(deployment_id="deployment-1")
    context = Context.objects.create(deployment=deployment, context_id="course-9")
    return ResourceLink.objects.create(
        deployment=deployment,
        context=context,
        resource_link_id=link_id,
        page=programme.steps[0],
        title="Step one",
    )


def test_create_find_update_delete(lms, programme):
    link = _link(lms, programme)
    lineitems = lms.platform.ags.line_items_url("course-9")
    assert ags.line_item_for_link(link) is None

    item = ags.ensure_line_item(link, lineitems, label="Your story", score_maximum=20)
    assert item.created_by_tool and item.score_maximum == 20
    peer = lms.platform.ags.find_resource_link_line_item("course-9", "link-9")
    assert peer is not None and peer.label == "Your story" and peer.score_maximum == 20
    assert ags.line_item_for_link(link) == item
    # Asking again finds it, in the tool and (for another tool record) on the platform.
    assert ags.ensure_line_item(link, lineitems, label="x", score_maximum=1) == item
    found = ags.find_line_items(lms.registration, lineitems, resource_link_id="link-9")
    assert [entry["id"] for entry in found] == [item.url]

    ags.update_line_item(item, label="Your story (step one)", score_maximum=40)
    assert (peer.label, peer.score_maximum) == ("Your story (step one)", 40)
    assert LineItem.objects.get(pk=item.pk).score_maximum == 40

    ags.delete_line_item(item)
    assert lms.platform.ags.find_resource_link_line_item("course-9", "link-9") is None
    assert ags.line_item_for_link(link) is None
    ags.delete_line_item(item)  # already gone on the platform: fine


def test_existing_platform_column_is_found_not_duplicated(lms, programme):
    link = _link(lms, programme)
    peer = lms.platform.ags.create_line_item(
        "course-9", label="Made by the teacher", score_maximum=7, resource_link_id="link-9"
    )
    lms.platform.ags.page_size = 1
    for n in range(3):  # other columns, so the container has several pages
        lms.platform.ags.create_line_item("course-9", label=f"Other {n}", score_maximum=1)
    item = ags.ensure_line_item(
        link, lms.platform.ags.line_items_url("course-9"), label="x", score_maximum=1
    )
    assert item.url == lms.platform.ags.line_item_url("course-9", peer.id)
    assert (item.label, item.score_maximum, item.created_by_tool) == (
        "Made by the teacher",
        7,
        False,
    )
    every = ags.find_line_items(lms.registration, lms.platform.ags.line_items_url("course-9"))
    assert len(every) == 4  # all pages followed
    assert len(lms.platform.ags.line_items["course-9"]) == 4


def test_deleting_a_column_abandons_its_waiting_scores(lms, programme):
    course = make_course(lms, programme.steps[0], ["learner-1"])
    score = outbox.write_score(
        course.users["learner-1"], course.item, outbox.Grade(1, 2, "InProgress", "Pending"), "t"
    )
    item = course.item
    ags.delete_line_item(item)
    assert Score.objects.get(pk=score.pk).status == "superseded"
    with pytest.raises(PermanentServiceError):  # 404 from the platform
        ags.refresh_line_item(LineItem.objects.get(pk=item.pk))
