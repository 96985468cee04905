"""Read-only content API (Django REST framework), described by the OpenAPI schema.

Only live, public pages are exposed. Lesson bodies are returned as their StreamField JSON
(``type``, ``id``, ``value``), the same shape Wagtail stores and its own API v2 returns.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.routers import DefaultRouter

from hub.models.pages import LessonPage, MentorPage, ProgrammePage, StepPage


class _PageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    def get_url(self, page: Any) -> str | None:
        request = self.context.get("request")
        return page.get_full_url(request) if page else None


class ProgrammeSerializer(_PageSerializer):
    class Meta:
        model = ProgrammePage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "introduction",
            "who_can_join",
            "what_is_a_peer_leader",
            "co_production",
        ]


class StreamFieldJSON(serializers.Field):
    def to_representation(self, value: Any) -> Any:
        return value.get_prep_value()


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class StreamTextListField(serializers.Field):
    """A StreamField of plain text items, as a list of strings."""

    def to_representation(self, value: Any) -> list[str]:
        return [str(child.value) for child in value]


class StepSerializer(_PageSerializer):
    learning_outcomes = StreamTextListField()
    prerequisites: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    mentors: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    lessons = serializers.SerializerMethodField()

    class Meta:
        model = StepPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "step_number",
            "summary",
            "who_it_is_for",
            "learning_outcomes",
            "estimated_hours",
            "prerequisites",
            "eligibility",
            "mentors",
            "lessons",
        ]

    def get_lessons(self, step: StepPage) -> list[int]:
        return list(step.lessons().values_list("pk", flat=True))


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "type": {"type": "string"},
                "id": {"type": "string"},
                "value": {},
            },
        },
    }
)
class LessonBodyField(StreamFieldJSON):
    pass


class LessonSerializer(_PageSerializer):
    step = serializers.SerializerMethodField()
    body = LessonBodyField()
    completion_rule = serializers.ListField(child=serializers.CharField(), read_only=True)
    mentors: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta:
        model = LessonPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "step",
            "summary",
            "estimated_minutes",
            "completion_rule",
            "body",
            "mentors",
        ]

    def get_step(self, lesson: LessonPage) -> int | None:
        return lesson.get_parent().pk


class MentorSerializer(_PageSerializer):
    areas_of_support = StreamTextListField()
    languages = StreamTextListField()
    photo = serializers.SerializerMethodField()

    class Meta:
        model = MentorPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "photo",
            "photo_alt_text",
            "short_biography",
            "lived_experience",
            "graduation_year",
            "areas_of_support",
            "languages",
        ]

    def get_photo(self, mentor: MentorPage) -> str | None:
        if not mentor.photo:
            return None
        rendition = mentor.photo.get_rendition("fill-400x400")
        request = self.context.get("request")
        return request.build_absolute_uri(rendition.url) if request else rendition.url


class _LivePages(viewsets.ReadOnlyModelViewSet):
    model: type
    lookup_value_converter = "int"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no database needed
            return self.model.objects.none()
        return self.model.objects.live().public().order_by("path")


class ProgrammeViewSet(_LivePages):
    """The programme: what it is, who can join, how it was co-produced."""

    model = ProgrammePage
    serializer_class = ProgrammeSerializer


class StepViewSet(_LivePages):
    """The programme's steps, in order."""

    model = StepPage
    serializer_class = StepSerializer

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .order_by("step_number", "path")
            .prefetch_related("prerequisites", "mentors")
        )


class LessonViewSet(_LivePages):
    """Lessons with their content blocks and completion rule."""

    model = LessonPage
    serializer_class = LessonSerializer

    def get_queryset(self):
        queryset = super().get_queryset().prefetch_related("mentors")
        step = self.request.query_params.get("step")
        if step and step.isdigit():
            parent = StepPage.objects.filter(pk=int(step)).first()
            queryset = queryset.child_of(parent) if parent else queryset.none()
        return queryset


class MentorViewSet(_LivePages):
    """The programme's mentors (graduates who support learners)."""

    model = MentorPage
    serializer_class = MentorSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("photo").order_by("title")


router = DefaultRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("steps", StepViewSet, basename="step")
router.register("lessons", LessonViewSet, basename="lesson")
router.register("mentors", MentorViewSet, basename="mentor")


def documented_endpoints_only(endpoints: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """drf-spectacular hook: describe our own APIs, not Wagtail's internal ones.

    Wagtail's API v2 and admin API views cannot be introspected without a live request; they
    keep their own documentation. The prefixes come from ``API_SCHEMA_PATH_PREFIXES``.
    """
    from django.conf import settings

    prefixes = tuple(getattr(settings, "API_SCHEMA_PATH_PREFIXES", ("/api/content/",)))
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(prefixes)]
