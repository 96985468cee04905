"""The pool's API for approved organisations (Django REST framework, OpenAPI documented).

The same rules as the pages: an approved organisation's session (sign in at
``/pool/organisations/sign-in/``; unsafe methods need the CSRF token in ``X-CSRFToken``);
leaders as :func:`pool.consent.visible_profile` shows them; a profile read is logged; a
leader's contact only on an accepted request. Refusals: 400 (the request is wrong), 401
(not signed in), 403 (signed in, but not an approved organisation), 404 (no such listed
leader).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from badges.api import VerifyRefusalSerializer, refusal_handler
from pool import directory, involvement
from pool.access import organisation_access
from pool.consent import VisibleProfile
from pool.directory import Filters, NotListed
from pool.forms import MAX_TAG_LENGTH
from pool.models import InvolvementRequest, Organisation, Payment, Region, Way


class OrganisationSession(SessionAuthentication):
    """The organisation's signed-in session (CSRF checked on unsafe methods). Answers 401
    with ``WWW-Authenticate: Session`` when there is no session, so clients can tell "sign in"
    from "not allowed"."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="pool"'


class OrganisationSessionScheme(SessionScheme):
    """The session scheme in the OpenAPI document (the cookie set by signing in)."""

    target_class = "pool.api.OrganisationSession"
    name = "organisationSession"


class ApprovedOrganisation(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        access = organisation_access(request.user)
        if not access.signed_in:
            raise NotAuthenticated("Sign in as an approved organisation.")
        if not access.allowed:
            raise PermissionDenied(access.refusal)
        view.organisation = access.organisation
        return True


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Why the request was refused, in plain words.")


REFUSALS: dict[int, OpenApiResponse] = {
    400: OpenApiResponse(VerifyRefusalSerializer, description="The request is not valid."),
    401: OpenApiResponse(DetailSerializer, description="Not signed in."),
    403: OpenApiResponse(
        DetailSerializer,
        description="Signed in, but not as an approved organisation (waiting for approval, "
        "declined, or an account without an organisation); or the CSRF token is missing.",
    ),
    404: OpenApiResponse(
        DetailSerializer, description="No listed leader has this id (or the page is empty)."
    ),
}


class AccreditationSerializer(serializers.Serializer):
    name = serializers.CharField()
    issuer = serializers.CharField()
    status = serializers.CharField(
        help_text="Live from the status list: valid, expired, suspended, revoked or not yet valid."
    )
    valid_until = serializers.DateTimeField(allow_null=True)
    url = serializers.URLField(source="share_url", help_text="The credential, to verify.")


class SharedSerializer(serializers.Serializer):
    """Only the fields the leader chose to show: every other key is absent."""

    display_name = serializers.CharField(required=False)
    profile = serializers.CharField(required=False)
    lived_experience = serializers.ListField(child=serializers.CharField(), required=False)
    topics = serializers.ListField(child=serializers.CharField(), required=False)
    languages = serializers.ListField(child=serializers.CharField(), required=False)
    region = serializers.ChoiceField(choices=Region.choices, required=False)
    ways = serializers.ListField(child=serializers.ChoiceField(choices=Way.choices), required=False)
    access_needs = serializers.CharField(required=False)
    availability = serializers.CharField(required=False)
    payment = serializers.ChoiceField(choices=Payment.choices, required=False)


class LeaderSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    name = serializers.CharField(help_text="The shown name, or a neutral label if not shown.")
    shared = SharedSerializer(source="fields")
    accreditations = AccreditationSerializer(many=True)


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField()


class RequestSerializer(serializers.ModelSerializer):
    leader = serializers.SerializerMethodField()
    leader_name = serializers.SerializerMethodField()
    leader_contact = serializers.SerializerMethodField(
        help_text="Only once the leader has accepted; null before."
    )

    class Meta:
        model = InvolvementRequest
        fields = [
            "id",
            "leader",
            "leader_name",
            "status",
            "what",
            "when",
            "where",
            "paid",
            "payment_details",
            "access_arrangements",
            "created_at",
            "answered_at",
            "leader_contact",
        ]

    def get_leader(self, obj: InvolvementRequest) -> str | None:
        return str(obj.member.public_id) if obj.member else None

    def get_leader_name(self, obj: InvolvementRequest) -> str:
        return involvement.leader_name_for_organisation(obj)

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_leader_contact(self, obj: InvolvementRequest) -> dict[str, str] | None:
        contact = involvement.leader_contact(obj)
        return ContactSerializer(contact).data if contact else None


class NewRequestSerializer(serializers.Serializer):
    leader = serializers.UUIDField(help_text="The leader's id from the directory.")
    what = serializers.CharField(max_length=1500)
    when = serializers.CharField(max_length=300)
    where = serializers.CharField(max_length=300)
    paid = serializers.BooleanField()
    payment_details = serializers.CharField(max_length=300, required=False, allow_blank=True)
    access_arrangements = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    key = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text="Optional: a string of your own, unique per request you mean to send. "
        "Sending the same key again (a retry) returns the request already made.",
    )


class PoolAPIView(APIView):
    authentication_classes = [OrganisationSession]
    permission_classes = [ApprovedOrganisation]
    organisation: Organisation

    def get_exception_handler(self) -> Any:
        return refusal_handler


FILTER_PARAMETERS = [
    OpenApiParameter("tag", str, description="A lived-experience or topic tag leaders show."),
    OpenApiParameter("language", str, description="A language leaders show."),
    OpenApiParameter("region", str, enum=Region.values, description="A region leaders show."),
    OpenApiParameter("way", str, enum=Way.values, description="How leaders like to take part."),
    OpenApiParameter("accreditation", str, description="A valid accreditation's name."),
]


class LeaderList(PoolAPIView):
    @extend_schema(
        operation_id="pool_leaders_list",
        summary="Search the pool",
        description="The listed leaders (a current accreditation, not paused, consent "
        "renewed within the year) matching the filters; a filter matches only what leaders "
        "chose to show.",
        parameters=FILTER_PARAMETERS,
        responses={200: LeaderSerializer(many=True), **REFUSALS},
        tags=["pool"],
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        for name in ("tag", "language", "accreditation"):
            if len(params.get(name, "")) > max(MAX_TAG_LENGTH, 200):
                raise serializers.ValidationError({name: ["This filter is too long."]})
        for name, allowed in (("region", Region.values), ("way", Way.values)):
            if params.get(name) and params[name] not in allowed:
                raise serializers.ValidationError({name: [f"Choose one of: {', '.join(allowed)}."]})
        filters = Filters(**{name: params.get(name, "") for name in Filters.__dataclass_fields__})
        found: list[VisibleProfile] = directory.listed(filters=filters)
        return Response(LeaderSerializer(found, many=True).data)


class LeaderDetail(PoolAPIView):
    @extend_schema(
        operation_id="pool_leaders_retrieve",
        summary="A leader's profile",
        description="The leader's shown fields and live accreditations. Each read is "
        "recorded, and the leader sees which organisation looked and when.",
        responses={200: LeaderSerializer, **REFUSALS},
        tags=["pool"],
    )
    def get(self, request: Request, public_id: str) -> Response:
        try:
            _, shown = directory.view_profile(self.organisation, str(public_id))
        except NotListed:
            raise NotFound("No listed leader has this id.") from None
        return Response(LeaderSerializer(shown).data)


class RequestList(PoolAPIView):
    @extend_schema(
        operation_id="pool_requests_list",
        summary="Your requests",
        description="The requests your organisation sent, newest first; a leader's contact "
        "only on accepted requests.",
        responses={200: RequestSerializer(many=True), **REFUSALS},
        tags=["pool"],
    )
    def get(self, request: Request) -> Response:
        return Response(
            RequestSerializer(involvement.requests_of(self.organisation), many=True).data
        )

    @extend_schema(
        operation_id="pool_requests_create",
        summary="Send an involvement request",
        description="Ask a listed leader to take part. The leader answers inside their "
        "course; contact details are exchanged only if they accept.",
        request=NewRequestSerializer,
        responses={201: RequestSerializer, **REFUSALS},
        tags=["pool"],
    )
    def post(self, request: Request) -> Response:
        given = NewRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = dict(given.validated_data)
        leader = str(values.pop("leader"))
        key = values.pop("key", "")
        try:
            created = involvement.send_request(
                self.organisation, leader, values, submission_key=key
            )
        except NotListed:
            raise NotFound("No listed leader has this id.") from None
        return Response(RequestSerializer(created).data, status=status.HTTP_201_CREATED)
