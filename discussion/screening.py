"""Which posts wait for a moderator before anyone else sees them, and why.

A post is held when its lesson is pre-moderated (Snippets › Lesson discussions), or when its
text matches one of the kinds the editors switched on in Settings › Discussion settings: a
phone number, an email address, a web address, or a word or phrase on the editors' list. The
author is told which *kind* of thing held the post, in plain words; never the pattern, nor
which of the listed words matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wagtail.models import Site

from discussion.models import DiscussionSettings, Post

Reason = Post.HoldReason

#: Ten or more digits, maybe with a leading +, spaces, dots, dashes or brackets between them
#: (a UK number with its area code has 10 or 11). Shorter numbers (116 123, 999) are not held.
PHONE = re.compile(r"(?<![\w])\+?\(?\d(?:[\s().-]{0,2}\d){9,}(?![\w])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r"(?i)(?:\bhttps?://|\bwww\.)\S+")

EXPLANATIONS: dict[str, str] = {
    Reason.LESSON: "A moderator reads every post in this lesson's discussion before others see it.",
    Reason.PHONE: "It seems to contain a phone number. People here share personal things, so "
    "a moderator reads posts with contact details before others see them.",
    Reason.EMAIL: "It seems to contain an email address. People here share personal things, so "
    "a moderator reads posts with contact details before others see them.",
    Reason.LINK: "It contains a web address. A moderator checks links before others see them.",
    Reason.WORD: "It contains a word or phrase that the moderators read before others see it.",
}


def explain(reason: str) -> str:
    """Why a post waits, for its author (never the pattern or the word that matched)."""
    return EXPLANATIONS.get(reason, EXPLANATIONS[Reason.LESSON])


@dataclass(frozen=True)
class Rules:
    """What holds a post: the kinds switched on and the editors' words."""

    phone: bool = True
    email: bool = True
    link: bool = False
    words: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, found: DiscussionSettings | None) -> Rules:
        if found is None:
            return cls()
        words = tuple(
            " ".join(line.split()).lower() for line in found.held_words.splitlines() if line.strip()
        )
        return cls(
            phone=found.hold_phone_numbers,
            email=found.hold_email_addresses,
            link=found.hold_links,
            words=words,
        )


def site_rules() -> Rules:
    """The rules of the default site (posts come from the frame or the API, not a site)."""
    site = Site.objects.filter(is_default_site=True).first()
    found = DiscussionSettings.objects.filter(site=site).first() if site is not None else None
    return Rules.of(found)


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    lowered = " ".join(text.lower().split())
    return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered) for word in words)


def hold_reason(text: str, rules: Rules, premoderated: bool = False) -> str:
    """The reason ``text`` waits for a moderator ("" when it is published at once).

    Contact details and words come first: they tell the author more than "this lesson"."""
    if rules.email and EMAIL.search(text):
        return Reason.EMAIL
    if rules.phone and PHONE.search(text):
        return Reason.PHONE
    if rules.link and LINK.search(text):
        return Reason.LINK
    if rules.words and _has_word(text, rules.words):
        return Reason.WORD
    if premoderated:
        return Reason.LESSON
    return ""
