"""The discussion API (``/api/discussion/``): a lesson's thread, posting, liking, reporting.

The same rules and permissions as the framed pages, through the same functions
(:mod:`discussion.services`, :mod:`discussion.access`). The credential is the framed launch
session's token, sent as ``Authorization: Bearer <token>``: the token the LMS launch gave the
pages (it is in their URLs), valid as long as the session is. Without it (or with an ended
session) the answer is 401; a lesson outside the session's course link, or a post of another
course's thread, 404; a step that is locked for the learner, or a blocked author, 403.
Nothing in any answer identifies a person but their display name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from discussion import presenting, services
from discussion.access import lesson_in_session, may_discuss_as
from discussion.models import Post, Report
from discussion.services import Actor, DiscussionError, NotAllowed, NotFound
from hub.models import Learner, LessonPage
from lti_tool.models import LaunchSession

LOCKED = "This lesson's step is not open to you yet, so neither is its discussion."
ENDED = (
    "The launch session has ended or the token is not one: open the activity from your "
    "course again and use the new session's token."
)


# --- Who is calling ----------------------------------------------------------------------------
@dataclass(frozen=True)
class SessionUser:
    """The person behind a launch session, as DRF's ``request.user``."""

    session: LaunchSession
    learner: Learner
    is_authenticated: bool = True

    @property
    def actor(self) -> Actor:
        return Actor(
            learner=self.learner,
            context_id=self.session.context_id,
            is_mentor=self.session.is_mentor,
            is_staff=self.session.is_staff,
        )


class LaunchSessionAuthentication(BaseAuthentication):
    """``Authorization: Bearer <launch session token>``: the framed pages' credential."""

    def authenticate(self, request: Request) -> tuple[SessionUser, LaunchSession] | None:
        header = get_authorization_header(request).decode("latin-1")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            return None
        session = LaunchSession.load(token.strip())
        if session is None:
            raise AuthenticationFailed(ENDED)
        learner = Learner.objects.get(pk=session.learner_id)
        return SessionUser(session=session, learner=learner), session

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="discussion"'


class InLaunchSession(BasePermission):
    message = "Send the launch session's token: Authorization: Bearer <token>."

    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.user, SessionUser)


class LaunchSessionScheme(OpenApiAuthenticationExtension):
    """Documents the bearer token in the OpenAPI schema."""

    target_class = "discussion.api.LaunchSessionAuthentication"
    name = "launchSession"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "The token of a framed launch session (the LMS launch gives it to "
            "the tool's pages, in their URLs). It lasts as long as the session.",
        }


# --- What comes back ---------------------------------------------------------------------------
class AuthorSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The display name the person chose (or the LMS's).")
    mentor = serializers.BooleanField(help_text="Written by a mentor.")
    mentor_page = serializers.CharField(help_text="The mentor's page on the hub, or empty.")


class PostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = AuthorSerializer()
    state = serializers.ChoiceField(
        choices=["published", "waiting", "refused", "hidden", "deleted"],
        help_text="waiting (for a moderator) and refused are only ever seen by the author.",
    )
    body = serializers.CharField(
        allow_null=True, help_text="Plain text; null when the reader may not see it."
    )
    waiting_because = serializers.CharField(
        help_text="For the author of a waiting post: why it waits, in plain words."
    )
    moderator_reason = serializers.CharField(
        help_text="For the author of a hidden or refused post: the moderator's reason."
    )
    pinned = serializers.CharField(help_text="'Pinned by a mentor' (or a moderator), or empty.")
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    like_count = serializers.IntegerField()
    liked = serializers.BooleanField(help_text="The caller likes it.")
    mine = serializers.BooleanField(help_text="The caller wrote it.")
    replying_to = serializers.CharField(help_text="For a reply to a reply: who it answers.")
    replies = serializers.ListField(child=serializers.DictField(), required=False)


class ThreadSerializer(serializers.Serializer):
    lesson = serializers.IntegerField()
    lesson_title = serializers.CharField()
    programme_wide = serializers.BooleanField()
    premoderated = serializers.BooleanField()
    order = serializers.ChoiceField(choices=list(services.ORDERS))
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    count = serializers.IntegerField(help_text="Comments the caller can see (replies apart).")
    posts = PostSerializer(many=True)


class NewPostSerializer(serializers.Serializer):
    body = serializers.CharField(
        allow_blank=True, trim_whitespace=False, help_text="Plain text, 1 to 5,000 characters."
    )
    reply_to = serializers.IntegerField(
        required=False, help_text="For a reply: the id of the post it answers."
    )
    needs_support = serializers.BooleanField(
        required=False, default=False, help_text="“I need support”: the moderators are told."
    )
    key = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=40,
        help_text="A one-time key: the same key sent twice makes one post.",
    )


class ReportSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Report.Reason.choices)
    details = serializers.CharField(required=False, default="", allow_blank=True)


class LikeSerializer(serializers.Serializer):
    liked = serializers.BooleanField()
    like_count = serializers.IntegerField()


class ReportedSerializer(serializers.Serializer):
    reported = serializers.BooleanField(
        help_text="True (a second report while one is open keeps the first)."
    )


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Why, in plain words.")


def _state(post: Post) -> str:
    if post.is_deleted:
        return "deleted"
    if post.is_rejected:
        return "refused"
    if post.is_hidden:
        return "hidden"
    if post.is_held:
        return "waiting"
    return "published"


def as_data(shown: presenting.ShownPost) -> dict[str, Any]:
    """A post as the caller sees it: the framed page's rules, as data."""
    post = shown.post
    state = _state(post)
    readable = state == "published" or (shown.mine and state != "deleted")
    return {
        "id": post.pk,
        "author": {"name": shown.name, "mentor": shown.mentor, "mentor_page": shown.mentor_url},
        "state": state,
        "body": post.body if readable else None,
        "waiting_because": shown.held_explanation if shown.mine and state == "waiting" else "",
        "moderator_reason": post.hidden_reason if shown.mine and post.is_hidden else "",
        "pinned": shown.pinned_label,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "like_count": shown.like_count,
        "liked": shown.liked,
        "mine": shown.mine,
        "replying_to": shown.reply_to,
        "replies": [as_data(reply) for reply in shown.replies],
    }


# --- The views ---------------------------------------------------------------------------------
def _refusal(description: str) -> OpenApiResponse:
    return OpenApiResponse(RefusalSerializer, description=description)


UNAUTHENTICATED = _refusal("No bearer token, or the launch session has ended.")
NOT_FOUND_LESSON = _refusal(
    "The lesson is not one of the session's course link (or does not exist)."
)
NOT_FOUND_POST = _refusal(
    "No such post in a thread the session's course may see (another course's thread, a "
    "post waiting for a moderator that is not the caller's, or none)."
)
LOCKED_RESPONSE = _refusal("The lesson's step is locked for this learner.")


class DiscussionView(APIView):
    authentication_classes = [LaunchSessionAuthentication]
    permission_classes = [InLaunchSession]

    def caller(self, request: Request) -> SessionUser:
        user = request.user
        assert isinstance(user, SessionUser)  # InLaunchSession let the request in
        return user

    def lesson(self, caller: SessionUser, lesson_id: int) -> LessonPage:
        lesson = lesson_in_session(caller.session, lesson_id)
        if not may_discuss_as(caller.learner, caller.session, lesson):
            raise PermissionDenied(LOCKED)
        return lesson

    def post_for(self, caller: SessionUser, post_id: int) -> Post:
        try:
            post = services.post_in_reach(caller.actor, post_id)
        except NotFound as error:
            raise Http404(str(error)) from error
        self.lesson(caller, post.thread.lesson_id)
        return post


def _invalid(given: serializers.Serializer) -> Response:
    """A request the serializer could not read: its first problem, named by field."""
    field, problems = next(iter(given.errors.items()))
    return Response({"detail": f"{field}: {problems[0]}"}, status=400)


def _refused(error: DiscussionError) -> Response:
    if isinstance(error, NotFound):
        raise Http404(str(error)) from error
    code = status.HTTP_403_FORBIDDEN if isinstance(error, NotAllowed) else 400
    return Response({"detail": str(error)}, status=code)


class ThreadPosts(DiscussionView):
    """A lesson's discussion: read it, or add a comment or a reply."""

    @extend_schema(
        operation_id="discussion_thread",
        summary="A lesson's discussion",
        description="One page (ten comments with their replies) of the discussion the "
        "session's course has under the lesson: pinned comments first, then oldest or newest "
        "first. Others' posts waiting for a moderator are left out; the caller's own are "
        "marked waiting, with the reason. Only display names identify people.",
        parameters=[
            OpenApiParameter("order", OpenApiTypes.STR, enum=list(services.ORDERS)),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses={
            200: ThreadSerializer,
            401: UNAUTHENTICATED,
            403: LOCKED_RESPONSE,
            404: NOT_FOUND_LESSON,
        },
        tags=["discussion"],
    )
    def get(self, request: Request, lesson_id: int) -> Response:
        caller = self.caller(request)
        lesson = self.lesson(caller, lesson_id)
        setting = services.lesson_setting(lesson)
        actor = caller.actor
        order = request.query_params.get("order", "oldest")
        order = order if order in services.ORDERS else "oldest"
        thread = services.existing_thread(lesson, actor.context_id, setting.programme_wide)
        posts: list[dict[str, Any]] = []
        number, pages, count = 1, 1, 0
        if thread is not None:
            page, shown = presenting.thread_page(
                actor, thread, order, request.query_params.get("page", 1)
            )
            posts = [as_data(each) for each in shown]
            number, pages, count = page.number, page.paginator.num_pages, page.paginator.count
        return Response(
            {
                "lesson": lesson.pk,
                "lesson_title": lesson.title,
                "programme_wide": setting.programme_wide,
                "premoderated": setting.premoderated,
                "order": order,
                "page": number,
                "pages": pages,
                "count": count,
                "posts": posts,
            }
        )

    @extend_schema(
        operation_id="discussion_post",
        summary="Add a comment or a reply",
        description="Posts to the lesson's discussion (a reply with ``reply_to``). The answer "
        "is the post as its author sees it: ``published``, or ``waiting`` for a moderator "
        "with the reason (lesson pre-moderated, contact details, a link or a listed word). "
        "Refused with 400 when empty, too long, past the rate limit, or replying to a post "
        "that is removed or waiting; 403 when the author is blocked or the step locked.",
        request=NewPostSerializer,
        responses={
            201: PostSerializer,
            200: OpenApiResponse(
                PostSerializer, description="The key was used already: the post it made, unchanged."
            ),
            400: _refusal("The post breaks a rule; nothing was posted."),
            401: UNAUTHENTICATED,
            403: _refusal("The author is blocked, or the lesson's step is locked."),
            404: _refusal(
                "No such lesson in the session's course link, or no such parent "
                "post in this discussion."
            ),
        },
        tags=["discussion"],
    )
    def post(self, request: Request, lesson_id: int) -> Response:
        caller = self.caller(request)
        lesson = self.lesson(caller, lesson_id)
        given = NewPostSerializer(data=request.data)
        if not given.is_valid():
            return _invalid(given)
        data = given.validated_data
        actor = caller.actor
        thread = services.thread_for(lesson, actor.context_id)
        parent = self.post_for(caller, data["reply_to"]) if data.get("reply_to") else None
        try:
            post, created = services.create_post(
                actor,
                thread,
                data["body"],
                parent=parent,
                submission_key=data["key"],
                needs_support=data["needs_support"],
            )
        except DiscussionError as error:
            return _refused(error)
        shown = presenting.show(actor, post, set())
        return Response(as_data(shown), status=201 if created else 200)


class PostLike(DiscussionView):
    """Like a post, or take the like back."""

    def _answer(self, post: Post, liked: bool) -> Response:
        return Response({"liked": liked, "like_count": post.likes.count()})

    @extend_schema(
        operation_id="discussion_like",
        summary="Like a post",
        description="Once per person and post, whatever the number of calls. Not one's own "
        "post, nor a removed or waiting one (400); not when blocked (403).",
        request=None,
        responses={
            200: LikeSerializer,
            400: _refusal("The post cannot be liked (yours, removed or waiting)."),
            401: UNAUTHENTICATED,
            403: _refusal("The caller is blocked, or the lesson's step is locked."),
            404: NOT_FOUND_POST,
        },
        tags=["discussion"],
    )
    def post(self, request: Request, post_id: int) -> Response:
        caller = self.caller(request)
        target = self.post_for(caller, post_id)
        try:
            services.like(caller.actor, target)
        except DiscussionError as error:
            return _refused(error)
        return self._answer(target, True)

    @extend_schema(
        operation_id="discussion_unlike",
        summary="Take back a like",
        request=None,
        responses={
            200: LikeSerializer,
            400: _refusal("The request could not be read."),
            401: UNAUTHENTICATED,
            403: LOCKED_RESPONSE,
            404: NOT_FOUND_POST,
        },
        tags=["discussion"],
    )
    def delete(self, request: Request, post_id: int) -> Response:
        caller = self.caller(request)
        target = self.post_for(caller, post_id)
        services.unlike(caller.actor, target)
        return self._answer(target, False)


class PostReport(DiscussionView):
    """Ask the moderators to look at a post."""

    @extend_schema(
        operation_id="discussion_report",
        summary="Report a post",
        description="With a reason (one of the listed values) and optional details (up to "
        "1,000 characters). One open report per person and post: a second is answered with "
        "the first.",
        request=ReportSerializer,
        responses={
            201: ReportedSerializer,
            200: OpenApiResponse(
                ReportedSerializer, description="Already reported by the caller and still open."
            ),
            400: _refusal("No reason, details too long, or the post was deleted."),
            401: UNAUTHENTICATED,
            403: LOCKED_RESPONSE,
            404: NOT_FOUND_POST,
        },
        tags=["discussion"],
    )
    def post(self, request: Request, post_id: int) -> Response:
        caller = self.caller(request)
        target = self.post_for(caller, post_id)
        given = ReportSerializer(data=request.data)
        if not given.is_valid():
            return _invalid(given)
        try:
            _, created = services.report(
                caller.actor,
                target,
                given.validated_data["reason"],
                given.validated_data["details"],
            )
        except DiscussionError as error:
            return _refused(error)
        return Response({"reported": True}, status=201 if created else 200)
