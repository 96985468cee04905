"""Template filters for the verification report: plain words and dates (see
:mod:`badges.presentation`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString

from badges import presentation
from badges.dates import parse_timestamp

register = template.Library()


@register.filter
def headline(report: Any) -> str:
    return presentation.headline(report)


@register.filter
def check_meaning(check: Any) -> str:
    return presentation.check_meaning(check.key)


@register.filter
def plain_detail(text: Any) -> SafeString:
    return presentation.plain_detail(str(text))


@register.filter
def credential_date(value: Any) -> SafeString | str:
    """A credential's date string in words (the exact moment kept); as written if unreadable."""
    moment = parse_timestamp(value)
    if moment is None:
        return escape(value) if value else ""
    return presentation.moment_html(moment)
