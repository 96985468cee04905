"""Set-up for the AGS, NRPS and cohort tests: a course known to the tool and the peer (made
by :func:`lti_fixtures.courses.course_with_column`, which the benchmarks use too), with its
members."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from hub.models import Learner
from lti_fixtures.courses import TITLE, course_with_column
from lti_platform import Member
from lti_tool.models import Context, LineItem, LtiUser, Membership, ResourceLink
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
    platform.ensure_context(context_id, title=TITLE)
    for sub in subs:
        platform.add_member(Member(sub, roles=roles or [LEARNER], name=f"Name {sub}"), context_id)
    made = course_with_column(
        platform,
        lms.registration,
        page,
        context_id=context_id,
        link_id=link_id,
        score_maximum=score_maximum,
    )
    course = Course(lms, made.context, made.link, made.peer_item_id)
    for sub in subs:
        course.users[sub] = add_user(lms, made.context, sub, roles or [LEARNER])
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
