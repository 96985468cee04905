"""Wagtail admin integration for the hub: the editors' accessibility checker."""

from __future__ import annotations

from typing import Any

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem


class ProgrammeContentChecker(ContentCheckerItem):
    """Wagtail's built-in checker, with extra rules that matter for the programme's readers.

    It runs in the page editor's "Checks" panel and the userbar on previews and live pages.
    """

    axe_include = ["main"]
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "label",
        "list",
        "listitem",
        "duplicate-id-aria",
        "video-caption",
        "link-in-text-block",
        "color-contrast",
    ]


@hooks.register("construct_wagtail_userbar")
def use_programme_content_checker(request: Any, items: list[Any], page: Any = None) -> None:
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ProgrammeContentChecker):
            items[index] = ProgrammeContentChecker()
