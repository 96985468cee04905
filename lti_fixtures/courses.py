"""A course on the platform peer with a gradebook column, known to the tool as a launch
and its background task leave it: the course, the link to a page, the link's line item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lti_tool.models import Context, Deployment, LineItem, Registration, ResourceLink
from lti_tool.services import ags

TITLE = "Peer Leadership 101"


@dataclass
class CourseWithColumn:
    context: Context
    link: ResourceLink
    line_item: LineItem  # the tool's record of the link's gradebook column
    peer_item_id: str  # the column's id on the peer


def course_with_column(
    platform: Any,
    registration: Registration,
    page: Any,
    *,
    context_id: str,
    link_id: str,
    score_maximum: float = 10,
    deployment_id: str = "deployment-1",
) -> CourseWithColumn:
    """The course ``context_id`` on the peer ``platform`` (an ``lti_platform.Platform``) with
    a column (``score_maximum``) for the link ``link_id`` to ``page``, and the tool's Context,
    ResourceLink and LineItem for them under ``registration``'s deployment."""
    platform.ensure_context(context_id, title=TITLE)
    peer_item = platform.ags.create_line_item(
        context_id, label="Step score", score_maximum=score_maximum, resource_link_id=link_id
    )
    deployment = Deployment.objects.get(registration=registration, deployment_id=deployment_id)
    context = Context.objects.create(
        deployment=deployment,
        context_id=context_id,
        title=TITLE,
        memberships_url=platform.nrps.memberships_url(context_id),
    )
    link = ResourceLink.objects.create(
        deployment=deployment,
        context=context,
        resource_link_id=link_id,
        title="Step one",
        page=page,
        line_item_url=platform.ags.line_item_url(context_id, peer_item.id),
    )
    line_item = ags.line_item_for_link(link)
    assert line_item is not None  # the link has a line_item_url
    ags.refresh_line_item(line_item)  # as the launch's background task does
    return CourseWithColumn(context, link, line_item, peer_item.id)
