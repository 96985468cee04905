"""Set-up for the AGS, NRPS and cohort tests: a course known to the tool and the peer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from hub.models import Learner
from lti_platform import Member
from lti_tool.models import Context, Deployment, LineItem, LtiUser, Membership, ResourceLink
from lti_tool.roles import LEARNER
from lti_tool.services import outbox
from tests.support.lti import Lms


@dataclass
class Course:
    lms: Lms
    context: Context
    link: ResourceLink
    peer_item_id: str
    users: dict[str, LtiUser] = field(default_factory=dict)

    @property
    def item(self) -> LineItem:
        item = outbox.ags.line_item_for_link(self.link)
        assert item is not None
        return item

    def received(self, sub: str | None = None) -> list[Any]:
        return self.lms.platform.ags.scores_for(self.peer_item_id, sub)


def make_course(
    lms: Lms,
    page: Any,
    subs: list[str],
    *,
    context_id: str = "course-1",
    link_id: str = "link-1",
    score_maximum: float = 10,
    roles: list[str] | None = None,
) -> Course:
    platform = lms.platform
    platform.ensure_context(context_id, title="Peer Leadership 101")
    for sub in subs:
        platform.add_member(Member(sub, roles=roles or [LEARNER], name=f"Name {sub}"), context_id)
    peer_item = platform.ags.create_line_item(
        context_id, label="Step score", score_maximum=score_maximum, resource_link_id=link_id
    )
    deployment = Deployment.objects.get(registration=lms.registration, deployment_id="deployment-1")
    context = Context.objects.create(
        deployment=deployment,
        context_id=context_id,
        title="Peer Leadership 101",
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
    course = Course(lms, context, link, peer_item.id)
    outbox.ags.refresh_line_item(course.item)  # as the launch's background task does
    for sub in subs:
        course.users[sub] = add_user(lms, context, sub, roles or [LEARNER])
    return course


def add_user(lms: Lms, context: Context, sub: str, roles: list[str]) -> LtiUser:
    learner = Learner.objects.create(display_name=f"Name {sub}")
    user = LtiUser.objects.create(
        registration=lms.registration, sub=sub, learner=learner, name=f"Name {sub}"
    )
    Membership.objects.create(context=context, user=user, roles=roles)
    return user


def later(seconds: float = 0) -> Any:
    """A moment after every lease and backoff of a first few attempts has run out."""
    return timezone.now() + outbox.LEASE + timedelta(seconds=seconds + 1)
