"""LTI Advantage services of the test platform: Assignment and Grade Services and NRPS.

The services work on transport-neutral :class:`ServiceRequest` / :class:`ServiceResponse`
objects; ``server.py`` maps HTTP onto them.  They validate what a strict platform validates
(bearer token and scope, media types, payload fields) and record what the tool sent so tests
can assert on it (``platform.ags.scores``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from . import claims as c
from .errors import ServiceError
from .models import Context, LineItem, ReceivedScore

if TYPE_CHECKING:
    from .platform import Platform

__all__ = ["AgsService", "NrpsService", "ServiceRequest", "ServiceResponse"]

MAX_PAGE_SIZE = 1000


@dataclass
class ServiceRequest:
    """A request to a service endpoint, independent of the HTTP server.

    ``headers`` keys must be lower case.
    """

    method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def param(self, name: str) -> str | None:
        """First value of query parameter ``name``."""
        values = self.query.get(name)
        return values[0] if values else None

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower case."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def json_body(self) -> Any:
        """Parse the body as JSON or fail with 400."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ServiceError(400, "invalid_request", f"body is not valid JSON: {exc}") from exc


@dataclass
class ServiceResponse:
    """What a service answers: status, JSON-able body (or None) and headers."""

    status: int
    body: Any = None
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


def _require_media_type(request: ServiceRequest, expected: str) -> None:
    if request.media_type != expected:
        raise ServiceError(
            415,
            "unsupported_media_type",
            f"Content-Type must be {expected}, got {request.media_type or 'none'!r}",
        )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_iso8601(value: Any, name: str) -> None:
    if not isinstance(value, str):
        raise ServiceError(400, "invalid_request", f"{name} must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ServiceError(400, "invalid_request", f"{name} is not ISO 8601: {value!r}") from exc
    if parsed.tzinfo is None:
        raise ServiceError(400, "invalid_request", f"{name} must carry a timezone: {value!r}")


def _paginate(
    request: ServiceRequest, items: list[Any], default_limit: int, self_url: str
) -> tuple[list[Any], dict[str, str]]:
    """Slice ``items`` by ``limit``/``page`` query parameters and build the Link header."""
    try:
        limit = int(request.param("limit") or default_limit)
        page = int(request.param("page") or 1)
    except ValueError as exc:
        raise ServiceError(400, "invalid_request", "limit and page must be integers") from exc
    if not 1 <= limit <= MAX_PAGE_SIZE or page < 1:
        raise ServiceError(400, "invalid_request", f"limit must be 1..{MAX_PAGE_SIZE}, page >= 1")
    start = (page - 1) * limit
    chunk = items[start : start + limit]
    headers: dict[str, str] = {}
    if start + limit < len(items):
        keep = {k: v[0] for k, v in request.query.items() if k not in ("page", "limit") and v}
        keep.update({"limit": str(limit), "page": str(page + 1)})
        headers["Link"] = f'<{self_url}?{urlencode(keep)}>; rel="next"'
    return chunk, headers


class AgsService:
    """Assignment and Grade Services 2.0: line items, scores and results."""

    def __init__(self, platform: Platform) -> None:
        self._platform = platform
        self.line_items: dict[str, dict[str, LineItem]] = {}
        self.scores: list[ReceivedScore] = []
        self.page_size = 10
        self.strict_score_users = True
        self._counter = 0

    # ---------------------------------------------------------------------------- URLs --
    def line_items_url(self, context_id: str) -> str:
        """URL of the line items container of a context."""
        return self._platform.url(f"/api/contexts/{context_id}/lineitems")

    def line_item_url(self, context_id: str, line_item_id: str) -> str:
        """URL of one line item."""
        return f"{self.line_items_url(context_id)}/{line_item_id}"

    # ----------------------------------------------------------------- direct manipulation --
    def create_line_item(
        self,
        context_id: str,
        *,
        label: str,
        score_maximum: float,
        resource_link_id: str | None = None,
        resource_id: str | None = None,
        tag: str | None = None,
    ) -> LineItem:
        """Create a line item as the LMS teacher would (no HTTP, no token)."""
        with self._platform.lock:
            self._platform.ensure_context(context_id)
            self._counter += 1
            item = LineItem(
                id=str(self._counter),
                context_id=context_id,
                label=label,
                score_maximum=score_maximum,
                resource_link_id=resource_link_id,
                resource_id=resource_id,
                tag=tag,
            )
            self.line_items.setdefault(context_id, {})[item.id] = item
            return item

    def find_resource_link_line_item(
        self, context_id: str, resource_link_id: str
    ) -> LineItem | None:
        """The first line item bound to ``resource_link_id``, if any."""
        with self._platform.lock:
            for item in self.line_items.get(context_id, {}).values():
                if item.resource_link_id == resource_link_id:
                    return item
        return None

    def ensure_resource_link_line_item(
        self, context_id: str, resource_link_id: str, *, label: str, score_maximum: float = 100
    ) -> LineItem:
        """Return the line item bound to a resource link, creating it if needed."""
        with self._platform.lock:
            existing = self.find_resource_link_line_item(context_id, resource_link_id)
            if existing is not None:
                return existing
            return self.create_line_item(
                context_id,
                label=label,
                score_maximum=score_maximum,
                resource_link_id=resource_link_id,
            )

    def scores_for(
        self, line_item_id: str | None = None, user_id: str | None = None
    ) -> list[ReceivedScore]:
        """Received scores filtered by line item and/or user, in arrival order."""
        with self._platform.lock:
            return [
                s
                for s in self.scores
                if line_item_id in (None, s.line_item_id) and user_id in (None, s.user_id)
            ]

    # ----------------------------------------------------------------------- handlers --
    def _context(self, context_id: str) -> Context:
        context = self._platform.contexts.get(context_id)
        if context is None:
            raise ServiceError(404, "not_found", f"unknown context {context_id!r}")
        return context

    def _item(self, context_id: str, line_item_id: str) -> LineItem:
        self._context(context_id)
        item = self.line_items.get(context_id, {}).get(line_item_id)
        if item is None:
            raise ServiceError(404, "not_found", f"unknown line item {line_item_id!r}")
        return item

    def _parse_line_item(self, request: ServiceRequest) -> dict[str, Any]:
        body = request.json_body()
        if not isinstance(body, dict):
            raise ServiceError(400, "invalid_request", "line item must be a JSON object")
        label = body.get("label")
        if not isinstance(label, str) or not label.strip():
            raise ServiceError(400, "invalid_request", "label is required")
        maximum = body.get("scoreMaximum")
        if not _is_number(maximum) or maximum <= 0:
            raise ServiceError(400, "invalid_request", "scoreMaximum must be a number > 0")
        for name in ("resourceLinkId", "resourceId", "tag"):
            if name in body and not isinstance(body[name], str):
                raise ServiceError(400, "invalid_request", f"{name} must be a string")
        for name in ("startDateTime", "endDateTime"):
            if name in body:
                _check_iso8601(body[name], name)
        if "gradesReleased" in body and not isinstance(body["gradesReleased"], bool):
            raise ServiceError(400, "invalid_request", "gradesReleased must be a boolean")
        return body

    @staticmethod
    def _apply_line_item(item: LineItem, body: Mapping[str, Any]) -> None:
        item.label = body["label"]
        item.score_maximum = body["scoreMaximum"]
        item.resource_link_id = body.get("resourceLinkId")
        item.resource_id = body.get("resourceId")
        item.tag = body.get("tag")
        item.start_date_time = body.get("startDateTime")
        item.end_date_time = body.get("endDateTime")
        item.grades_released = body.get("gradesReleased")
        item.extensions = {k: v for k, v in body.items() if k.startswith(("http://", "https://"))}

    def handle_line_items(self, request: ServiceRequest, context_id: str) -> ServiceResponse:
        """GET (list, filter, page) or POST (create) on the line items container."""
        platform = self._platform
        if request.method == "GET":
            platform.authenticate_bearer(
                request.headers.get("authorization"),
                [c.SCOPE_AGS_LINEITEM, c.SCOPE_AGS_LINEITEM_READONLY],
            )
            with platform.lock:
                self._context(context_id)
                items = list(self.line_items.get(context_id, {}).values())
            filters = {
                "resource_link_id": "resource_link_id",
                "resource_id": "resource_id",
                "tag": "tag",
            }
            for param, attribute in filters.items():
                wanted = request.param(param)
                if wanted is not None:
                    items = [i for i in items if getattr(i, attribute) == wanted]
            url = self.line_items_url(context_id)
            page, headers = _paginate(request, items, self.page_size, url)
            body = [item.to_json(self.line_item_url(context_id, item.id)) for item in page]
            return ServiceResponse(200, body, c.MEDIA_LINEITEM_CONTAINER, headers)
        if request.method == "POST":
            platform.authenticate_bearer(
                request.headers.get("authorization"), [c.SCOPE_AGS_LINEITEM]
            )
            _require_media_type(request, c.MEDIA_LINEITEM)
            body = self._parse_line_item(request)
            with platform.lock:
                self._context(context_id)
                item = self.create_line_item(context_id, label=body["label"], score_maximum=1)
                self._apply_line_item(item, body)
            url = self.line_item_url(context_id, item.id)
            return ServiceResponse(201, item.to_json(url), c.MEDIA_LINEITEM, {"Location": url})
        raise ServiceError(405, "method_not_allowed", request.method)

    def handle_line_item(
        self, request: ServiceRequest, context_id: str, line_item_id: str
    ) -> ServiceResponse:
        """GET, PUT or DELETE one line item."""
        platform = self._platform
        url = self.line_item_url(context_id, line_item_id)
        if request.method == "GET":
            platform.authenticate_bearer(
                request.headers.get("authorization"),
                [c.SCOPE_AGS_LINEITEM, c.SCOPE_AGS_LINEITEM_READONLY],
            )
            with platform.lock:
                item = self._item(context_id, line_item_id)
                return ServiceResponse(200, item.to_json(url), c.MEDIA_LINEITEM)
        platform.authenticate_bearer(request.headers.get("authorization"), [c.SCOPE_AGS_LINEITEM])
        if request.method == "PUT":
            _require_media_type(request, c.MEDIA_LINEITEM)
            body = self._parse_line_item(request)
            with platform.lock:
                item = self._item(context_id, line_item_id)
                self._apply_line_item(item, body)
                return ServiceResponse(200, item.to_json(url), c.MEDIA_LINEITEM)
        if request.method == "DELETE":
            with platform.lock:
                self._item(context_id, line_item_id)
                del self.line_items[context_id][line_item_id]
            return ServiceResponse(204)
        raise ServiceError(405, "method_not_allowed", request.method)

    def handle_scores(
        self, request: ServiceRequest, context_id: str, line_item_id: str
    ) -> ServiceResponse:
        """POST a score to a line item (the only verb AGS defines on ``/scores``)."""
        if request.method != "POST":
            raise ServiceError(405, "method_not_allowed", request.method)
        platform = self._platform
        token = platform.authenticate_bearer(
            request.headers.get("authorization"), [c.SCOPE_AGS_SCORE]
        )
        _require_media_type(request, c.MEDIA_SCORE)
        body = request.json_body()
        if not isinstance(body, dict):
            raise ServiceError(400, "invalid_request", "score must be a JSON object")
        user_id = body.get("userId")
        if not isinstance(user_id, str | int) or isinstance(user_id, bool) or str(user_id) == "":
            raise ServiceError(400, "invalid_request", "userId is required")
        if body.get("activityProgress") not in c.ACTIVITY_PROGRESS_VALUES:
            raise ServiceError(
                400,
                "invalid_request",
                f"activityProgress must be one of {sorted(c.ACTIVITY_PROGRESS_VALUES)}",
            )
        if body.get("gradingProgress") not in c.GRADING_PROGRESS_VALUES:
            raise ServiceError(
                400,
                "invalid_request",
                f"gradingProgress must be one of {sorted(c.GRADING_PROGRESS_VALUES)}",
            )
        if "timestamp" not in body:
            raise ServiceError(400, "invalid_request", "timestamp is required")
        _check_iso8601(body["timestamp"], "timestamp")
        if "scoreGiven" in body:
            given, maximum = body.get("scoreGiven"), body.get("scoreMaximum")
            if not _is_number(given) or given < 0:
                raise ServiceError(400, "invalid_request", "scoreGiven must be a number >= 0")
            if not _is_number(maximum) or maximum <= 0:
                raise ServiceError(
                    400, "invalid_request", "scoreMaximum (> 0) is required with scoreGiven"
                )
        if "comment" in body and not isinstance(body["comment"], str):
            raise ServiceError(400, "invalid_request", "comment must be a string")
        timestamp = datetime.fromisoformat(body["timestamp"])
        with platform.lock:
            context = self._context(context_id)
            self._item(context_id, line_item_id)
            if self.strict_score_users and context.members and str(user_id) not in context.members:
                raise ServiceError(
                    400, "invalid_request", f"user {user_id!r} is not in the context"
                )
            previous = [
                s
                for s in self.scores
                if s.applied and s.line_item_id == line_item_id and s.user_id == str(user_id)
            ]
            applied = all(datetime.fromisoformat(s.timestamp) <= timestamp for s in previous)
            self.scores.append(
                ReceivedScore(
                    context_id=context_id,
                    line_item_id=line_item_id,
                    client_id=token.client_id,
                    payload=dict(body),
                    received_at=platform.clock(),
                    applied=applied,
                )
            )
        result_url = f"{self.line_item_url(context_id, line_item_id)}/results?user_id={user_id}"
        return ServiceResponse(200, {"resultUrl": result_url})

    def handle_results(
        self, request: ServiceRequest, context_id: str, line_item_id: str
    ) -> ServiceResponse:
        """GET the results of a line item (latest applied graded score per user)."""
        if request.method != "GET":
            raise ServiceError(405, "method_not_allowed", request.method)
        platform = self._platform
        platform.authenticate_bearer(
            request.headers.get("authorization"), [c.SCOPE_AGS_RESULT_READONLY]
        )
        line_item_url = self.line_item_url(context_id, line_item_id)
        with platform.lock:
            item = self._item(context_id, line_item_id)
            latest: dict[str, ReceivedScore] = {}
            for score in self.scores:
                if score.line_item_id == line_item_id and score.applied:
                    latest[score.user_id] = score
        wanted_user = request.param("user_id")
        results = []
        for user_id, score in latest.items():
            if wanted_user is not None and user_id != wanted_user:
                continue
            entry: dict[str, Any] = {
                "id": f"{line_item_url}/results/{user_id}",
                "scoreOf": line_item_url,
                "userId": user_id,
                "resultMaximum": item.score_maximum,
            }
            if score.score_given is not None and score.score_maximum:
                entry["resultScore"] = score.score_given / score.score_maximum * item.score_maximum
            if "comment" in score.payload:
                entry["comment"] = score.payload["comment"]
            results.append(entry)
        page, headers = _paginate(request, results, self.page_size, f"{line_item_url}/results")
        return ServiceResponse(200, page, c.MEDIA_RESULT_CONTAINER, headers)


class NrpsService:
    """Names and Role Provisioning Services 2.0 (context membership)."""

    def __init__(self, platform: Platform) -> None:
        self._platform = platform
        self.page_size = 50
        self.request_count = 0

    def memberships_url(self, context_id: str) -> str:
        """URL of the membership container of a context."""
        return self._platform.url(f"/api/contexts/{context_id}/memberships")

    def handle_memberships(self, request: ServiceRequest, context_id: str) -> ServiceResponse:
        """GET the members of a context, optionally filtered by ``role``, paged by ``limit``."""
        if request.method != "GET":
            raise ServiceError(405, "method_not_allowed", request.method)
        platform = self._platform
        with platform.lock:
            self.request_count += 1
        platform.authenticate_bearer(request.headers.get("authorization"), [c.SCOPE_NRPS])
        with platform.lock:
            context = platform.contexts.get(context_id)
            if context is None:
                raise ServiceError(404, "not_found", f"unknown context {context_id!r}")
            members = list(context.members.values())
            context_claim = {"id": context.id, "label": context.label, "title": context.title}
        role = request.param("role")
        if role is not None:
            members = [
                m for m in members if any(r == role or r.endswith("#" + role) for r in m.roles)
            ]
        url = self.memberships_url(context_id)
        page, headers = _paginate(request, members, self.page_size, url)
        body = {
            "id": url,
            "context": context_claim,
            "members": [member.to_nrps() for member in page],
        }
        return ServiceResponse(200, body, c.MEDIA_MEMBERSHIP_CONTAINER, headers)
