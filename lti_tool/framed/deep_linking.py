"""Deep Linking: turn the instructor's choice of steps and lessons into a signed response."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem
from wagtail.models import Page

from hub.models import LessonPage, StepPage
from lti_tool.launch.toolconf import ToolRegistration
from lti_tool.models import Registration

MAX_ITEMS = 50
MAX_SCORE = 1000


class DeepLinkingError(ValueError):
    """The instructor's choice cannot be returned; the message says why."""


@dataclass(frozen=True)
class Gradebook:
    """A gradebook column to create with each link."""

    label: str
    score_maximum: float


def selectable_pages() -> list[StepPage | LessonPage]:
    """Steps and their lessons, in programme order, for the picker."""
    pages: list[StepPage | LessonPage] = []
    for step in StepPage.objects.live().order_by("step_number", "path"):
        pages.append(step)
        pages.extend(step.lessons())
    return pages


def parse_choice(
    page_ids: list[str], settings: dict[str, Any], gradebook: bool, label: str, maximum: str
) -> tuple[list[Page], Gradebook | None]:
    """Validate the picker form. Raises :class:`DeepLinkingError` with a message to show."""
    ids = []
    for raw in page_ids:
        if not raw.isdigit():
            raise DeepLinkingError("Choose steps or lessons from the list.")
        ids.append(int(raw))
    if not ids:
        raise DeepLinkingError("Choose at least one step or lesson.")
    if len(ids) > MAX_ITEMS:
        raise DeepLinkingError(f"Choose at most {MAX_ITEMS} items at a time.")
    accept_multiple = settings.get("accept_multiple", True) not in (False, "false")
    if len(ids) > 1 and not accept_multiple:
        raise DeepLinkingError("Your course accepts one item at a time: choose just one.")
    pages = {
        p.pk: p
        for p in Page.objects.live().filter(pk__in=ids).specific()
        if isinstance(p, StepPage | LessonPage)
    }
    missing = [i for i in ids if i not in pages]
    if missing:
        raise DeepLinkingError("Some of the chosen items are no longer available.")
    column = None
    if gradebook:
        try:
            score = float(maximum)
        except ValueError:
            raise DeepLinkingError("Enter the maximum score as a number, like 100.") from None
        if not 0 < score <= MAX_SCORE:
            raise DeepLinkingError(f"The maximum score must be between 1 and {MAX_SCORE}.")
        column = Gradebook(label.strip()[:100], score)
    return [pages[i] for i in ids], column


def content_items(pages: list[Page], launch_url: str, column: Gradebook | None) -> list[dict]:
    """``ltiResourceLink`` items for the chosen pages, with optional gradebook columns."""
    items = []
    for page in pages:
        title = f"{page.step_label}: {page.title}" if isinstance(page, StepPage) else page.title
        resource = (
            DeepLinkResource()
            .set_title(title)
            .set_url(launch_url)
            .set_custom_params({"plh_page": str(page.pk)})
            .set_target("iframe")
        )
        if column is not None:
            line_item = (
                LineItem()
                .set_label(column.label or title)
                .set_score_maximum(column.score_maximum)
                .set_resource_id(f"plh-page-{page.pk}")
                .set_tag("peer-leadership-progress")
            )
            resource.set_lineitem(line_item)
        item = resource.to_dict()
        summary = getattr(page, "summary", "")
        if summary:
            item["text"] = summary[:500]
        items.append(item)
    return items


def response_jwt(
    registration: Registration,
    deployment_id: str,
    settings: dict[str, Any],
    items: list[dict],
    message: str = "",
    error: str = "",
) -> str:
    """The signed ``LtiDeepLinkingResponse`` (RS256, the tool's current key and kid)."""
    # pylti1p3 types the settings as its TypedDict; ours is the same claim as a plain dict.
    deep_link = DeepLink(ToolRegistration(registration), deployment_id, settings)  # type: ignore[arg-type]
    body = deep_link.get_message_jwt([])
    body["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] = items
    if "data" not in settings:
        body.pop("https://purl.imsglobal.org/spec/lti-dl/claim/data", None)
    if message:
        body["https://purl.imsglobal.org/spec/lti-dl/claim/msg"] = message
        body["https://purl.imsglobal.org/spec/lti-dl/claim/log"] = message
    if error:
        body["https://purl.imsglobal.org/spec/lti-dl/claim/errormsg"] = error
    return deep_link.encode_jwt(body)
