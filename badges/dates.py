"""Credential dates: XML Schema dateTimeStamp strings, always in UTC to the second."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["format_timestamp", "parse_timestamp"]


def format_timestamp(moment: datetime) -> str:
    """``2026-01-31T12:00:00Z`` for an aware datetime."""
    if moment.tzinfo is None:
        raise ValueError("credential dates must be timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(value: object) -> datetime | None:
    """Parse a dateTimeStamp (a timezone is required); None if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed
