"""Roster sync (NRPS) against the peer: paging, roles, status, people who left."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from hub import progress
from hub.models import LessonProgress
from lti_platform import Member
from lti_tool.models import Context, Deployment, LtiUser, Membership, RosterSync
from lti_tool.roles import INSTRUCTOR, LEARNER, MENTOR
from lti_tool.services import nrps
from lti_tool.services.errors import ServiceError
from tests.support.lti import launch

pytestmark = pytest.mark.django_db


def _course(lms, context_id="course-n"):
    platform = lms.platform
    platform.ensure_context(context_id, title="Roster course")
    platform.nrps.page_size = 3
    people = [
        Member("teacher", roles=[INSTRUCTOR], name="Ali Khan", email="ali@example.org"),
        Member("mentor", roles=[MENTOR], given_name="Jo", family_name="Bloggs"),
        *[Member(f"learner-{n}", roles=["Learner"], name=f"Learner {n}") for n in range(1, 6)],
        Member("gone", roles=[LEARNER], status="Inactive", name="Gone Away"),
    ]
    platform.add_members(people, context_id)
    deployment = Deployment.objects.get(deployment_id="deployment-1")
    return Context.objects.create(
        deployment=deployment,
        context_id=context_id,
        memberships_url=platform.nrps.memberships_url(context_id),
    )


def test_sync_follows_next_links_and_keeps_roles_status_and_names(lms):
    context = _course(lms)
    result = nrps.sync_context(context)
    assert result == {"pages": 3, "members": 8, "deactivated": 0}
    assert lms.platform.nrps.request_count == 3
    memberships = {m.user.sub: m for m in Membership.objects.filter(context=context)}
    assert len(memberships) == 8
    assert memberships["teacher"].roles == [INSTRUCTOR]
    assert memberships["learner-1"].roles == [LEARNER]  # short role name normalised
    assert memberships["gone"].status == "Inactive"
    assert memberships["learner-3"].status == "Active"
    teacher = LtiUser.objects.get(sub="teacher")
    assert (teacher.name, teacher.email) == ("Ali Khan", "ali@example.org")
    assert LtiUser.objects.get(sub="mentor").name == "Jo Bloggs"
    assert LtiUser.objects.get(sub="learner-2").email == ""  # only what was given
    sync = RosterSync.objects.get(context=context)
    assert (sync.status, sync.pages, sync.members_seen) == ("done", 3, 8)


def test_people_who_left_are_marked_inactive_not_deleted(lms, programme):
    context = _course(lms)
    nrps.sync_context(context)
    leaver = LtiUser.objects.get(sub="learner-4")
    progress.start_lesson(leaver.learner, programme.lessons["first"])
    del lms.platform.contexts["course-n"].members["learner-4"]
    lms.platform.contexts["course-n"].members["learner-5"].status = "Deleted"

    result = nrps.sync_context(context)

    assert result["deactivated"] == 1 and result["members"] == 7
    statuses = dict(Membership.objects.filter(context=context).values_list("user__sub", "status"))
    assert statuses["learner-4"] == "Inactive" and statuses["learner-5"] == "Inactive"
    assert LtiUser.objects.filter(sub="learner-4").exists()
    assert LessonProgress.objects.filter(learner=leaver.learner).exists()
    # Back in the course: active again.
    lms.platform.add_member(Member("learner-4", roles=[LEARNER]), "course-n")
    nrps.sync_context(context)
    assert Membership.objects.get(context=context, user=leaver).status == "Active"


def test_a_failed_sync_changes_nobody(lms):
    context = _course(lms)
    nrps.sync_context(context)
    del lms.platform.contexts["course-n"].members["learner-1"]
    lms.server.faults.fail_next("nrps", times=1, status=500)
    with pytest.raises(ServiceError):
        nrps.sync_context(context)
    sync = RosterSync.objects.get(context=context)
    assert sync.status == "failed" and "HTTP 500" in sync.last_error
    assert Membership.objects.get(user__sub="learner-1").status == "Active"


def test_instructor_launch_queues_a_sync_once(
    client, lms, programme, django_capture_on_commit_callbacks
):
    lms.platform.add_members(
        [Member("learner-a", roles=[LEARNER]), Member("learner-b", roles=[LEARNER])]
    )
    custom = {"plh_page": str(programme.steps[0].pk)}
    with django_capture_on_commit_callbacks(execute=True):
        launch(client, lms, user="learner-a", roles=[LEARNER], custom=custom)
    assert lms.platform.nrps.request_count == 0  # learners do not sync
    with django_capture_on_commit_callbacks(execute=True):
        launch(client, lms, user="teacher", roles=[INSTRUCTOR], custom=custom)
    assert lms.platform.nrps.request_count == 1
    context = Context.objects.get()
    assert context.roster_sync.status == "done"
    assert set(Membership.objects.filter(context=context).values_list("user__sub", flat=True)) == {
        "learner-a",
        "learner-b",
        "teacher",
    }
    with django_capture_on_commit_callbacks(execute=True):
        launch(client, lms, user="teacher", roles=[INSTRUCTOR], custom=custom)
    assert lms.platform.nrps.request_count == 1  # the roster is fresh


def test_command_and_task_sync_every_course(lms):
    from lti_tool.services.nrps import sync_all_rosters

    first = _course(lms, "course-n")
    second = _course(lms, "course-m")
    call_command("lti_sync_rosters", "--context", "course-n")
    assert first.roster_sync.status == "done"
    assert not RosterSync.objects.filter(context=second).exists()
    result = sync_all_rosters.enqueue()
    assert result.return_value == 2
    assert RosterSync.objects.get(context=second).members_seen == 8


def test_command_says_why_a_sync_failed_or_a_course_is_unknown(lms):
    _course(lms, "course-n")
    lms.server.faults.fail_next("nrps", times=1, status=500)
    with pytest.raises(CommandError, match=r"Roster sync of .* failed: .*500"):
        call_command("lti_sync_rosters", "--context", "course-n")
    with pytest.raises(CommandError, match="No course 'no-such-course'"):
        call_command("lti_sync_rosters", "--context", "no-such-course")
