"""Dates and times in words, for people rather than parsers.

Pages and exports show "29 November 2026" where a person reads the date, with the exact
moment ("8:18:17am UTC") beside it; the machine form (ISO 8601) stays wherever software
reads the value (a ``<time datetime>`` attribute, a CSV column of its own).
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from django.utils import timezone

__all__ = ["date_in_words", "moment_in_words", "time_in_words"]


def _in_zone(moment: datetime, zone: tzinfo | None) -> datetime:
    if timezone.is_naive(moment):
        raise ValueError("only timezone-aware moments can be put in words")
    return moment.astimezone(zone) if zone is not None else timezone.localtime(moment)


def date_in_words(moment: datetime, zone: tzinfo | None = None) -> str:
    """``29 November 2026``: day without a leading zero, month in full (GOV.UK/NHS style)."""
    local = _in_zone(moment, zone)
    return f"{local.day} {local:%B %Y}"


def time_in_words(moment: datetime, zone: tzinfo | None = None, *, seconds: bool = False) -> str:
    """``8:18am GMT`` (or ``8:18:17am UTC`` with seconds): 12-hour clock, the zone named.

    Midday and midnight are written out, since "12am" and "12pm" confuse people.
    """
    local = _in_zone(moment, zone)
    if (local.hour, local.minute, local.second) == (12, 0, 0):
        clock = "midday"
    elif (local.hour, local.minute, local.second) == (0, 0, 0):
        clock = "midnight"
    else:
        hour = local.hour % 12 or 12
        clock = f"{hour}:{local.minute:02d}"
        if seconds:
            clock += f":{local.second:02d}"
        clock += "am" if local.hour < 12 else "pm"
    return f"{clock} {local.tzname() or 'UTC'}"


def moment_in_words(moment: datetime, zone: tzinfo | None = None, *, seconds: bool = False) -> str:
    """``29 November 2026 at 8:18am GMT``."""
    return f"{date_in_words(moment, zone)} at {time_in_words(moment, zone, seconds=seconds)}"
