"""The pool's emails. Each is sent after the transaction that decided it has committed.

No email to a leader carries an organisation's contact before the leader accepted, and no
email to an organisation carries a leader's contact before then either.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from badges.recipients import emails_for
from hub.models import Learner

FROM = getattr(settings, "POOL_FROM_EMAIL", "") or getattr(
    settings, "DEFAULT_FROM_EMAIL", "webmaster@localhost"
)


def leader_email(learner: Learner, entered: str = "") -> str:
    """The leader's address: the one they entered for the pool, else the one their course
    knows (through the badges app's email sources); empty when neither is known."""
    if entered:
        return entered
    return emails_for([learner]).get(learner.pk, "")


def send_after_commit(to: str, subject: str, body: str) -> None:
    """Send one plain-text email once the current transaction commits (at once outside one)."""
    if not to:
        return

    def send() -> None:
        send_mail(subject, body, FROM, [to], fail_silently=False)

    transaction.on_commit(send)
