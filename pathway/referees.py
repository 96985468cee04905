"""Referees confirm an applicant's practice through a one-time link, without an account.

The link carries a token: random, signed with the site's secret (so a made-up token is refused
before the database is asked) and kept only as its SHA-256, so the link cannot be rebuilt
from the database. It expires (``PATHWAY_REFEREE_LINK_DAYS``, default 14) and works once.
The token travels as the ``token`` query parameter, which ``security.log_redaction`` masks in
every log line that quotes a URL; the answer form posts it in its body, never in a URL.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from badges.models import site_url
from pathway import audit
from pathway.models import Application, AuditEntry, RefereeRequest

SALT = "pathway.referee"
DEFAULT_LINK_DAYS = 14


class RefereeLinkError(ValueError):
    """The link cannot be used; the message is fit to show the referee."""


USED = "This link has already been used: the answers were received. Thank you."
EXPIRED = "This link has expired. Ask the applicant to send a new request."
UNKNOWN = "This link is not valid. Check that you copied the whole link from the email."


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "PATHWAY_REFEREE_LINK_DAYS", DEFAULT_LINK_DAYS))


def link_for(token: str) -> str:
    return site_url(reverse("pathway:referee") + "?" + urlencode({"token": token}))


@dataclass(frozen=True)
class SentRequest:
    request: RefereeRequest
    token: str  # given to the referee by email; never stored


def request_reference(application: Application, now: datetime | None = None) -> SentRequest:
    """Create the referee's one-time link for this round and email it to the referee."""
    now = now or timezone.now()
    token = signing.Signer(salt=SALT).sign(secrets.token_urlsafe(32))
    request = RefereeRequest.objects.create(
        application=application,
        round=application.round,
        referee_email=application.referee_email,
        token_hash=_hash(token),
        created_at=now,
        expires_at=now + link_lifetime(),
    )
    achievement = application.requirement.achievement
    applicant = str(application.learner)
    body = (
        f"Dear {application.referee_name},\n\n"
        f"{applicant} has applied to Peer Leadership Hub for the accreditation "
        f"“{achievement.name}” and named you as their referee.\n\n"
        "Please answer a few short questions about the peer leadership practice you saw, "
        f"through this link (no account needed; it works once, until "
        f"{request.expires_at:%d %B %Y}):\n\n{link_for(token)}\n\n"
        "If you do not know the applicant, you can ignore this email.\n"
    )
    transaction.on_commit(
        lambda: send_mail(
            f"Reference request: {achievement.name}",
            body,
            None,
            [application.referee_email],
        )
    )
    return SentRequest(request, token)


def find_request(token: str, now: datetime | None = None) -> RefereeRequest:
    """The waiting request this token opens, or :class:`RefereeLinkError` saying why not."""
    try:
        signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        raise RefereeLinkError(UNKNOWN) from None
    request = (
        RefereeRequest.objects.select_related("application__requirement__achievement")
        .filter(token_hash=_hash(token))
        .first()
    )
    if request is None:
        raise RefereeLinkError(UNKNOWN)
    if request.answered_at is not None:
        raise RefereeLinkError(USED)
    if (now or timezone.now()) >= request.expires_at:
        raise RefereeLinkError(EXPIRED)
    return request


def answer(
    token: str, answers: dict[str, str], confirms: bool, now: datetime | None = None
) -> RefereeRequest:
    """Record the referee's answers, once: a second (or concurrent) use is refused."""
    now = now or timezone.now()
    with transaction.atomic():
        request = find_request(token, now)
        questions = {str(q.pk) for q in request.application.requirement.referee_questions.all()}
        missing = [q for q in questions if not answers.get(q, "").strip()]
        if missing:
            raise RefereeLinkError("Answer every question.")
        used = RefereeRequest.objects.filter(pk=request.pk, answered_at__isnull=True).update(
            answered_at=now,
            answers={key: answers[key].strip()[:3000] for key in questions},
            confirms=confirms,
        )
        if not used:
            raise RefereeLinkError(USED)
        audit.record(
            AuditEntry.Action.REFEREE_ANSWERED,
            application=request.application,
            label="The referee",
            detail="Confirmed the practice." if confirms else "Did not confirm the practice.",
            now=now,
        )
    request.refresh_from_db()
    return request


def latest_answer(application: Application) -> RefereeRequest | None:
    """The most recent answered referee request of the application."""
    return (
        application.referee_requests.filter(answered_at__isnull=False)
        .order_by("-answered_at")
        .first()
    )
