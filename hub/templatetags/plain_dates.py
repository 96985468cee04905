"""Template filters that put moments in words, with the exact machine-readable moment kept.

``{{ moment|when }}`` renders ``<time datetime="2026-11-29T08:18:17+00:00">29 November
2026</time> at 8:18am GMT``: the date in words, the exact time beside it, and the ISO form
for software (and for people whose assistive technology reads it).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django import template
from django.utils.html import format_html

from hub.wording import date_in_words, moment_in_words, time_in_words

register = template.Library()


@register.filter
def date_words(moment: datetime | None) -> str:
    """``29 November 2026`` (local time), or an empty string."""
    return date_in_words(moment) if isinstance(moment, datetime) else ""


@register.filter
def moment_words(moment: datetime | None) -> str:
    """``29 November 2026 at 8:18am GMT`` (local time), or an empty string."""
    return moment_in_words(moment) if isinstance(moment, datetime) else ""


@register.filter
def when(moment: datetime | None, zone: str = "") -> str:
    """A ``<time>`` element: the date in words, the time beside it; ``"utc"`` for UTC."""
    if not isinstance(moment, datetime):
        return ""
    tz = UTC if zone == "utc" else None
    exact = moment.astimezone(UTC).isoformat()
    return format_html(
        '<time datetime="{}">{}</time> at {}',
        exact,
        date_in_words(moment, tz),
        time_in_words(moment, tz, seconds=zone == "utc"),
    )
