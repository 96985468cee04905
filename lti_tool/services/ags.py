"""Assignment and Grade Services: the tool's line items (gradebook columns) and scores."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from lti_tool.models import LineItem, Registration, ResourceLink, Score
from lti_tool.services import http
from lti_tool.services.errors import PermanentServiceError, ServiceError, TransientServiceError

SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
SCOPE_LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
SCOPE_RESULT_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"
SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"

MEDIA_LINEITEM = "application/vnd.ims.lis.v2.lineitem+json"
MEDIA_LINEITEM_CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json"
MEDIA_SCORE = "application/vnd.ims.lis.v1.score+json"
MEDIA_RESULT_CONTAINER = "application/vnd.ims.lis.v2.resultcontainer+json"

SCORE_SCOPES = frozenset({SCOPE_SCORE})
LINEITEM_SCOPES = frozenset({SCOPE_LINEITEM})


def _service_url(url: str, suffix: str) -> str:
    """``<line item URL>/<suffix>``, keeping any query string the platform put on the URL."""
    base, _, query = url.partition("?")
    return f"{base.rstrip('/')}/{suffix}" + (f"?{query}" if query else "")


def _registration_of(link: ResourceLink) -> Registration:
    return link.deployment.registration


# --- Line items ---------------------------------------------------------------------------
def line_item_for_link(link: ResourceLink) -> LineItem | None:
    """The link's line item: the one its launches named, or one the tool created for it."""
    registration = _registration_of(link)
    if link.line_item_url:
        item, _ = LineItem.objects.get_or_create(
            registration=registration,
            url=link.line_item_url,
            defaults={"resource_link": link, "context": link.context, "label": link.title},
        )
        if item.resource_link_id is None:
            LineItem.objects.filter(pk=item.pk).update(resource_link=link)
            item.resource_link = link
        return item if item.deleted_at is None else None
    return (
        LineItem.objects.filter(resource_link=link, deleted_at__isnull=True)
        .order_by("created_at")
        .first()
    )


def _apply(item: LineItem, body: dict[str, Any]) -> None:
    item.label = str(body.get("label") or item.label)[:255]
    maximum = body.get("scoreMaximum")
    if isinstance(maximum, int | float) and not isinstance(maximum, bool) and maximum > 0:
        item.score_maximum = float(maximum)
    item.resource_id = str(body.get("resourceId") or "")[:255]
    item.tag = str(body.get("tag") or "")[:255]


def _body(item: LineItem, link: ResourceLink | None) -> dict[str, Any]:
    body: dict[str, Any] = {"label": item.label or "Peer Leadership Hub", "scoreMaximum": 1.0}
    if item.score_maximum:
        body["scoreMaximum"] = item.score_maximum
    if link is not None:
        body["resourceLinkId"] = link.resource_link_id
    if item.resource_id:
        body["resourceId"] = item.resource_id
    if item.tag:
        body["tag"] = item.tag
    return body


def create_line_item(
    link: ResourceLink,
    lineitems_url: str,
    *,
    label: str,
    score_maximum: float,
    resource_id: str = "",
    tag: str = "",
) -> LineItem:
    """Create a gradebook column for a link through the context's ``lineitems`` service."""
    registration = _registration_of(link)
    draft = LineItem(label=label, score_maximum=score_maximum, resource_id=resource_id, tag=tag)
    response = http.call(
        registration,
        LINEITEM_SCOPES,
        "POST",
        lineitems_url,
        accept=MEDIA_LINEITEM,
        content_type=MEDIA_LINEITEM,
        json_body=_body(draft, link),
    )
    body = response.json()
    url = body.get("id") or response.headers.get("Location")
    if not isinstance(url, str) or not url:
        raise PermanentServiceError("The platform created a line item but did not say its URL.")
    item, _ = LineItem.objects.get_or_create(
        registration=registration,
        url=url[:500],
        defaults={"resource_link": link, "context": link.context, "created_by_tool": True},
    )
    _apply(item, body)
    item.save()
    return item


def find_line_items(
    registration: Registration,
    lineitems_url: str,
    *,
    resource_link_id: str | None = None,
    tag: str | None = None,
    resource_id: str | None = None,
) -> list[dict[str, Any]]:
    """Line items in the context's container (every page), optionally filtered."""
    params = {
        k: v
        for k, v in {
            "resource_link_id": resource_link_id,
            "tag": tag,
            "resource_id": resource_id,
        }.items()
        if v is not None
    }
    found: list[dict[str, Any]] = []
    url: str | None = lineitems_url
    pages = 0
    while url and pages < 100:
        response = http.call(
            registration,
            frozenset({SCOPE_LINEITEM}),
            "GET",
            url,
            accept=MEDIA_LINEITEM_CONTAINER,
            params=params if pages == 0 else None,
        )
        body = response.json()
        if isinstance(body, list):
            found.extend(entry for entry in body if isinstance(entry, dict))
        url = response.links.get("next", {}).get("url")
        pages += 1
    return found


def ensure_line_item(
    link: ResourceLink, lineitems_url: str, *, label: str, score_maximum: float
) -> LineItem:
    """The link's line item, found on the platform or created there when it has none."""
    existing = line_item_for_link(link)
    if existing is not None:
        return existing
    registration = _registration_of(link)
    for entry in find_line_items(
        registration, lineitems_url, resource_link_id=link.resource_link_id
    ):
        if isinstance(entry.get("id"), str):
            item, _ = LineItem.objects.get_or_create(
                registration=registration,
                url=entry["id"][:500],
                defaults={"resource_link": link, "context": link.context},
            )
            _apply(item, entry)
            item.save()
            return item
    return create_line_item(link, lineitems_url, label=label, score_maximum=score_maximum)


def refresh_line_item(item: LineItem) -> LineItem:
    """Read the column's label and maximum from the platform."""
    response = http.call(item.registration, LINEITEM_SCOPES, "GET", item.url, accept=MEDIA_LINEITEM)
    _apply(item, response.json())
    item.save()
    return item


def update_line_item(item: LineItem, *, label: str | None = None, score_maximum=None) -> LineItem:
    """Change the column's label or maximum on the platform."""
    if label is not None:
        item.label = label
    if score_maximum is not None:
        item.score_maximum = float(score_maximum)
    response = http.call(
        item.registration,
        LINEITEM_SCOPES,
        "PUT",
        item.url,
        accept=MEDIA_LINEITEM,
        content_type=MEDIA_LINEITEM,
        json_body=_body(item, item.resource_link),
    )
    _apply(item, response.json())
    item.save()
    return item


def delete_line_item(item: LineItem) -> None:
    """Remove the column from the platform; undelivered scores for it are abandoned."""
    try:
        http.call(item.registration, LINEITEM_SCOPES, "DELETE", item.url)
    except PermanentServiceError as error:
        if error.status != 404:
            raise
    with transaction.atomic():
        item.deleted_at = timezone.now()
        item.save(update_fields=["deleted_at", "updated_at"])
        item.scores.filter(status__in=Score.WAITING).update(
            status=Score.Status.SUPERSEDED, last_error="The line item was deleted."
        )


# --- Scores -------------------------------------------------------------------------------
def post_score(score: Score) -> None:
    """POST one score to its line item's ``/scores`` endpoint."""
    http.call(
        score.registration,
        SCORE_SCOPES,
        "POST",
        _service_url(score.line_item.url, "scores"),
        content_type=MEDIA_SCORE,
        json_body=score.payload(),
    )


def platform_result(score: Score) -> float | None:
    """The platform's current result for the score's learner, scaled to 0..1, if it says."""
    try:
        response = http.call(
            score.registration,
            frozenset({SCOPE_RESULT_READONLY}),
            "GET",
            _service_url(score.line_item.url, "results"),
            accept=MEDIA_RESULT_CONTAINER,
            params={"user_id": score.user.sub},
        )
    except (PermanentServiceError, TransientServiceError):
        return None
    try:
        results = response.json()
    except ValueError:
        return None
    for result in results if isinstance(results, list) else []:
        if not isinstance(result, dict) or str(result.get("userId")) != score.user.sub:
            continue
        value, maximum = result.get("resultScore"), result.get("resultMaximum")
        if isinstance(value, int | float) and isinstance(maximum, int | float) and maximum > 0:
            return float(value) / float(maximum)
    return None


@task()
def read_line_item(line_item_id: int) -> float | None:
    """Task: read a line item's label and maximum from the platform (its new maximum)."""
    item = LineItem.objects.select_related("registration").get(pk=line_item_id)
    try:
        return refresh_line_item(item).score_maximum
    except ServiceError:
        return None  # scores still work: they carry their own maximum
