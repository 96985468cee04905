"""From a framed launch session to the discussion's terms: who acts, on which lesson.

This is the discussion's one contact with the LTI tool's identities: the session's learner,
course (context) and roles become an :class:`~discussion.services.Actor`.
"""

from __future__ import annotations

from django.http import Http404

from discussion.services import Actor
from hub import progress
from hub.models import Learner, LessonPage, StepPage
from lti_tool.framed import FramedRequest
from lti_tool.models import LaunchSession, ResourceLink


def actor_for(request: FramedRequest, session: LaunchSession) -> Actor:
    return Actor(
        learner=request.learner,
        context_id=session.context_id,
        is_mentor=session.is_mentor,
        is_staff=session.is_staff,
    )


def linked_step_id(session: LaunchSession) -> int | None:
    """The step the session's course link shows (directly, or through one of its lessons)."""
    if session.resource_link_id is None:
        return None
    link = ResourceLink.objects.filter(pk=session.resource_link_id).only("page_id").first()
    if link is None or link.page_id is None:
        return None
    page = StepPage.objects.live().filter(pk=link.page_id).first()
    if page is not None:
        return page.pk
    lesson = LessonPage.objects.live().filter(pk=link.page_id).first()
    return lesson.get_parent().pk if lesson is not None else None


def lesson_in_session(session: LaunchSession, lesson_id: int) -> LessonPage:
    """A live lesson of the session's linked step; anything else is not found."""
    step_id = linked_step_id(session)
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if step_id is None or lesson is None or lesson.get_parent().pk != step_id:
        raise Http404("That lesson is not part of this course link.")
    return lesson


def may_discuss(
    request: FramedRequest,
    session: LaunchSession,
    lesson: LessonPage,
    open_to_learner: bool | None = None,
) -> bool:
    """Learners discuss the lessons of steps open to them; tutors and mentors every lesson.
    ``open_to_learner``: the step's access for the learner, when the caller has decided it."""
    return may_discuss_as(request.learner, session, lesson, open_to_learner)


def may_discuss_as(
    learner: Learner,
    session: LaunchSession,
    lesson: LessonPage,
    open_to_learner: bool | None = None,
) -> bool:
    """:func:`may_discuss` for a caller that holds the learner, not a framed request (the API)."""
    if session.is_staff or session.is_mentor:
        return True
    if open_to_learner is not None:
        return open_to_learner
    return progress.lesson_access(learner, lesson).allowed


def lessons_in_session(session: LaunchSession) -> set[int]:
    """The lessons a framed session can open: those of its linked step."""
    step_id = linked_step_id(session)
    if step_id is None:
        return set()
    step = StepPage.objects.get(pk=step_id)
    return set(LessonPage.objects.live().child_of(step).values_list("pk", flat=True))
