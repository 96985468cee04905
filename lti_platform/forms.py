"""Auto-submitting HTML forms: rendering (platform side) and parsing (test side).

OIDC ``response_mode=form_post`` and LTI Deep Linking both move JWTs through the browser as an
HTML form that submits itself.  :func:`render_auto_post_form` produces such a page;
:func:`parse_auto_post_form` extracts the action and fields from any page (the platform's or the
tool's), so tests can follow the flow with ``requests`` or Django's test client.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["AutoPostForm", "parse_auto_post_form", "render_auto_post_form"]


@dataclass
class AutoPostForm:
    """A form found in an HTML page."""

    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


def render_auto_post_form(
    action: str, fields: Mapping[str, str], *, title: str = "Redirecting"
) -> str:
    """A page whose only form posts ``fields`` to ``action`` as soon as it loads."""
    inputs = "\n".join(
        f'    <input type="hidden" name="{html.escape(name, quote=True)}" '
        f'value="{html.escape(value, quote=True)}">'
        for name, value in fields.items()
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>\n'
        '<body onload="document.forms[0].submit()">\n'
        f'  <form method="post" action="{html.escape(action, quote=True)}">\n'
        f"{inputs}\n"
        '    <noscript><button type="submit">Continue</button></noscript>\n'
        "  </form>\n"
        "</body></html>\n"
    )


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[AutoPostForm] = []
        self._current: AutoPostForm | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._current = AutoPostForm(
                action=attributes.get("action", ""),
                method=attributes.get("method", "get").lower(),
            )
            self.forms.append(self._current)
        elif tag in ("input", "textarea") and self._current is not None:
            name = attributes.get("name")
            if name and attributes.get("type", "text").lower() not in ("submit", "button"):
                self._current.fields[name] = attributes.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def parse_auto_post_form(page: str, index: int = 0) -> AutoPostForm:
    """Return form number ``index`` of ``page``; raises ``ValueError`` if there is none."""
    parser = _FormParser()
    parser.feed(page)
    parser.close()
    if len(parser.forms) <= index:
        raise ValueError(f"page has {len(parser.forms)} form(s); wanted index {index}")
    return parser.forms[index]
