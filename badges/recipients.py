"""Who a credential is issued to: the learner's email when an app that knows it says so.

The badges app knows learners (``hub.Learner``), not where they came from. An app that knows
learners' email addresses (the LTI tool learns them from launches) registers an *email
source* in its ``AppConfig.ready()``: a function that takes a list of learners and returns
their emails by learner id, in as few queries as it can, so a cohort is awarded in bulk
without one lookup per learner. ``settings.BADGES_RECIPIENT_EMAIL`` (a dotted path to a
function of one learner) takes precedence, for installations that keep emails elsewhere.

Without an email the credential still identifies its holder, by a salted hash of the
learner's public id, but cannot be checked against an email address.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.utils.module_loading import import_string

from hub.models import Learner

EmailSource = Callable[[Sequence[Learner]], Mapping[int, str | None]]

_sources: list[EmailSource] = []


def register_email_source(source: EmailSource) -> None:
    """Add a source of learners' emails (once; the first registered answers first)."""
    if source not in _sources:
        _sources.append(source)


def emails_for(learners: Sequence[Learner]) -> dict[int, str]:
    """The usable email of each learner that has one, by learner id."""
    path = getattr(settings, "BADGES_RECIPIENT_EMAIL", "")
    found: dict[int, str] = {}
    if path:
        one = import_string(path)
        candidates: list[Mapping[int, str | None]] = [{each.pk: one(each) for each in learners}]
    else:
        candidates = [source(learners) for source in _sources]
    for emails in candidates:
        for learner in learners:
            email = emails.get(learner.pk)
            if learner.pk not in found and isinstance(email, str) and "@" in email:
                found[learner.pk] = email
    return found
