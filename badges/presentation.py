"""How a verification report reads on the public page: headlines, plain words, dates.

Presentation only: the checks and verdicts come from :mod:`badges.verify` unchanged, and the
JSON API reports them as they are. Here a partner gets

* a headline that agrees with the detail beneath it: a URL with no credential behind it is
  "No badge found at that address", not "Unknown issuer" (no issuer was ever looked at);
* plain words beside the specification's terms ("status list", "hashed recipient");
* credential dates in words ("29 November 2026 at 8:18:17am UTC") inside a ``<time>``
  element that keeps the exact ISO 8601 value.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import partial

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from badges.dates import parse_timestamp
from badges.verify import Verdict, Verification
from hub.wording import date_in_words, time_in_words

__all__ = ["check_meaning", "headline", "moment_html", "plain_detail"]

NOT_FOUND_HEADLINE = "No badge found at that address"

#: Terms from the Open Badges and Verifiable Credentials specifications, with what they mean.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("status list", "the issuer's list of withdrawn badges"),
    (
        "hashed recipient",
        "the holder's email address, which the badge keeps only as a scrambled code: it can "
        "be matched against an address you give, but not read",
    ),
    ("credentialStatus", "where the badge says its issuer lists withdrawn badges"),
)

#: What each check means, in plain words, shown beside its technical label.
CHECK_MEANINGS = {
    "format": "Is this a well-formed Open Badge that we can read?",
    "proof": "Did the issuer sign it, and is it unchanged since?",
    "status": "Is it missing from the issuer's list of withdrawn badges?",
    "dates": "Does it count today (not before its start date, not after its end date)?",
    "issuer": "Do we know the issuer, and was the signing key theirs?",
    "recipient": "Was it issued to the email address you gave?",
}

# ISO 8601 date-times as credentials write them: 2026-11-29T08:18:17Z, with an offset, or
# with fractions of a second.
_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")


def headline(report: Verification) -> str:
    """The result's heading, consistent with the detail shown beneath it."""
    if report.credential is None and report.verdict == Verdict.UNKNOWN_ISSUER:
        # Nothing was read: the URL is not one of this site's credentials.
        return NOT_FOUND_HEADLINE
    return report.verdict_text


def check_meaning(key: str) -> str:
    """What one check asks, in plain words ("" for a check this page does not know)."""
    return CHECK_MEANINGS.get(key, "")


def moment_html(moment: datetime) -> SafeString:
    """``<time datetime="…">29 November 2026</time> at 8:18:17am UTC``."""
    return format_html(
        '<time datetime="{}">{}</time> at {}',
        moment.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        date_in_words(moment, UTC),
        time_in_words(moment, UTC, seconds=True),
    )


def _timestamp_in_words(match: re.Match[str]) -> str:
    moment = parse_timestamp(match.group(0))
    return moment_html(moment) if moment is not None else match.group(0)


def _glossed(meaning: str, match: re.Match[str]) -> str:
    return f"{match.group(1)} ({escape(meaning)})"


def plain_detail(text: str) -> SafeString:
    """A check's detail, escaped, with dates in words and each term glossed once."""
    html = str(escape(text))
    html = _TIMESTAMP.sub(_timestamp_in_words, html)
    for term, meaning in GLOSSARY:
        html = re.sub(
            rf"\b({re.escape(term)})\b",
            partial(_glossed, meaning),
            html,
            count=1,
        )
    return mark_safe(html)  # noqa: S308 - built from escaped text and fixed words
