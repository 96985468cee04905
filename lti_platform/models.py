"""Plain data objects held by the test platform: tools, courses, members, grades, launches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from . import claims as c

__all__ = [
    "AccessToken",
    "Context",
    "DeepLinkingResult",
    "IssuedIdToken",
    "LineItem",
    "Member",
    "PendingLaunch",
    "ReceivedScore",
    "ToolRegistration",
]

MemberStatus = Literal["Active", "Inactive", "Deleted"]


@dataclass
class Member:
    """A user enrolled in a context, as reported by NRPS and used for launches."""

    user_id: str
    roles: list[str] = field(default_factory=lambda: [c.ROLE_LEARNER])
    status: MemberStatus = "Active"
    name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    picture: str | None = None
    lis_person_sourcedid: str | None = None

    def __post_init__(self) -> None:
        if not self.user_id:
            raise ValueError("Member.user_id must be non-empty")
        if self.status not in ("Active", "Inactive", "Deleted"):
            raise ValueError(f"invalid member status {self.status!r}")

    def identity_claims(self) -> dict[str, str]:
        """OIDC profile claims (name, email, ...) that are set for this member."""
        values = {
            "name": self.name,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "email": self.email,
            "picture": self.picture,
        }
        return {key: value for key, value in values.items() if value is not None}

    def to_nrps(self) -> dict[str, Any]:
        """The member as an NRPS v2 ``members`` entry."""
        entry: dict[str, Any] = {
            "status": self.status,
            "user_id": self.user_id,
            "roles": list(self.roles),
        }
        entry.update(self.identity_claims())
        if self.lis_person_sourcedid is not None:
            entry["lis_person_sourcedid"] = self.lis_person_sourcedid
        return entry


@dataclass
class Context:
    """A course (LTI context) with its members, in enrolment order."""

    id: str
    title: str = "Peer Leadership 101"
    label: str = "PL101"
    types: list[str] = field(default_factory=lambda: [c.CONTEXT_TYPE_COURSE_OFFERING])
    members: dict[str, Member] = field(default_factory=dict)

    def claim(self) -> dict[str, Any]:
        """The ``context`` claim of an id_token."""
        return {"id": self.id, "label": self.label, "title": self.title, "type": list(self.types)}


@dataclass
class LineItem:
    """An AGS line item (gradebook column) of a context."""

    id: str
    context_id: str
    label: str
    score_maximum: float
    resource_link_id: str | None = None
    resource_id: str | None = None
    tag: str | None = None
    start_date_time: str | None = None
    end_date_time: str | None = None
    grades_released: bool | None = None
    extensions: dict[str, Any] = field(default_factory=dict)

    def to_json(self, url: str) -> dict[str, Any]:
        """The AGS line item representation; ``url`` becomes its ``id``."""
        body: dict[str, Any] = {"id": url, "label": self.label, "scoreMaximum": self.score_maximum}
        optional = {
            "resourceLinkId": self.resource_link_id,
            "resourceId": self.resource_id,
            "tag": self.tag,
            "startDateTime": self.start_date_time,
            "endDateTime": self.end_date_time,
            "gradesReleased": self.grades_released,
        }
        body.update({key: value for key, value in optional.items() if value is not None})
        body.update(self.extensions)
        return body


@dataclass(frozen=True)
class ReceivedScore:
    """A score POSTed by the tool, in arrival order.

    ``applied`` is False when the platform ignored it because an already applied score for the
    same user and line item has a later ``timestamp`` (AGS requires out-of-order updates to be
    disregarded).
    """

    context_id: str
    line_item_id: str
    client_id: str
    payload: dict[str, Any]
    received_at: float
    applied: bool

    @property
    def user_id(self) -> str:
        """The ``userId`` of the score."""
        return str(self.payload["userId"])

    @property
    def score_given(self) -> float | None:
        """``scoreGiven``, if present."""
        value = self.payload.get("scoreGiven")
        return None if value is None else float(value)

    @property
    def score_maximum(self) -> float | None:
        """``scoreMaximum``, if present."""
        value = self.payload.get("scoreMaximum")
        return None if value is None else float(value)

    @property
    def activity_progress(self) -> str:
        """``activityProgress``."""
        return str(self.payload["activityProgress"])

    @property
    def grading_progress(self) -> str:
        """``gradingProgress``."""
        return str(self.payload["gradingProgress"])

    @property
    def timestamp(self) -> str:
        """``timestamp`` as sent."""
        return str(self.payload["timestamp"])


@dataclass
class ToolRegistration:
    """What the platform knows about one tool (one OAuth2 client)."""

    client_id: str
    login_initiation_url: str
    redirect_uris: list[str]
    deployment_ids: list[str] = field(default_factory=lambda: ["deployment-1"])
    target_link_uri: str | None = None
    deep_link_url: str | None = None
    jwks_uri: str | None = None
    jwks: dict[str, Any] | None = None
    scopes: set[str] = field(default_factory=lambda: set(c.ALL_SERVICE_SCOPES))
    name: str = "Peer Leadership Hub"
    domain: str | None = None
    claims: list[str] | None = None
    custom_parameters: dict[str, str] = field(default_factory=dict)
    messages: list[dict[str, Any]] = field(default_factory=list)
    source: Literal["manual", "dynamic"] = "manual"
    raw_registration: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if not self.client_id:
            raise ValueError("client_id must be non-empty")
        if not self.redirect_uris:
            raise ValueError("at least one redirect URI is required")
        if not self.deployment_ids:
            raise ValueError("at least one deployment id is required")

    @property
    def default_deployment_id(self) -> str:
        """The first deployment id, used when a launch does not name one."""
        return self.deployment_ids[0]

    @property
    def launch_url(self) -> str:
        """Default ``target_link_uri`` for resource link launches."""
        return self.target_link_uri or self.redirect_uris[0]

    @property
    def deep_linking_url(self) -> str:
        """Default ``target_link_uri`` for deep linking requests."""
        return self.deep_link_url or self.launch_url

    def wants_claim(self, claim: str) -> bool:
        """Whether the tool asked for an optional identity claim (all, if it never said)."""
        return self.claims is None or claim in self.claims


@dataclass
class PendingLaunch:
    """A launch the platform has started but the tool has not yet completed via ``/auth``."""

    message_hint: str
    login_hint: str
    client_id: str
    deployment_id: str
    message_type: str
    target_link_uri: str
    login_url: str
    login_params: dict[str, str]
    build_kwargs: dict[str, Any]
    tamper: Any = None
    id_tokens: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IssuedIdToken:
    """Log entry for an id_token handed out by :meth:`Platform.authorize`."""

    client_id: str
    nonce: str
    state: str | None
    redirect_uri: str
    id_token: str
    claims: dict[str, Any]


@dataclass(frozen=True)
class AccessToken:
    """An opaque OAuth2 bearer token issued by the token endpoint."""

    token: str
    client_id: str
    scopes: frozenset[str]
    expires_at: float


@dataclass(frozen=True)
class DeepLinkingResult:
    """A verified Deep Linking response received from the tool."""

    client_id: str
    deployment_id: str
    content_items: list[dict[str, Any]]
    data: str | None
    msg: str | None
    errormsg: str | None
    log: str | None
    errorlog: str | None
    claims: dict[str, Any]
