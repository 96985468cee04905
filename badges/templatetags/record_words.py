"""Template filters for the report of a whole learner record (see
:mod:`badges.verify_record`): what each of the record's checks asks, and a short word for each
badge's verdict."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

#: What each check of the record itself asks, in plain words.
RECORD_CHECK_MEANINGS = {
    "format": "Is this a well-formed learner record that we can read?",
    "proof": "Did the issuer sign the record, and is it unchanged since, badges included?",
    "dates": "When was the record made, and does it count today?",
    "issuer": "Do we know the issuer of the record, and was the signing key theirs?",
    "contents": "Does every badge inside pass its own checks?",
    "recipient": "Was the record issued to the email address you gave?",
}

#: A badge's verdict in one or two words, for the tag beside its name (the full sentence
#: follows it, so colour is never the only sign).
VERDICT_WORDS = {
    "valid": "Valid",
    "expired": "Expired",
    "not_yet_valid": "Not yet valid",
    "revoked": "Revoked",
    "suspended": "Suspended",
    "tampered": "Tampered",
    "unknown_issuer": "Unknown issuer",
    "invalid": "Not readable",
    "wrong_recipient": "Another recipient",
}


@register.filter
def record_check_meaning(check: Any) -> str:
    return RECORD_CHECK_MEANINGS.get(getattr(check, "key", ""), "")


@register.filter
def verdict_words(report: Any) -> str:
    verdict = str(getattr(report, "verdict", ""))
    return VERDICT_WORDS.get(verdict, verdict.replace("_", " ").capitalize())


@register.filter
def verdict_colour(report: Any) -> str:
    """The NHS.UK tag modifier for a badge's verdict."""
    verdict = str(getattr(report, "verdict", ""))
    if verdict == "valid":
        return "nhsuk-tag--green"
    if verdict in {"expired", "not_yet_valid", "suspended", "wrong_recipient"}:
        return "nhsuk-tag--yellow"
    return "nhsuk-tag--red"
