"""What other apps may ask of the badges app: a learner's badges, ready to show.

The LTI tool uses :func:`badges_for` for the learner's "My badges" page inside the LMS frame,
and :func:`step_badge_name` to name the badge a learner has just earned for a step. The pool
of peer leaders uses :func:`accreditations_for` (and :func:`accreditations_of`, its bulk
form) to show each leader's accreditations with their live status.
Nothing here reveals an email: share links point at the public credential page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from badges.artwork import achievement_alt
from badges.models import Achievement, AwardRule, Credential
from badges.models.credential import CredentialQuerySet
from badges.models.issuer import site_url
from hub.models import Learner, StepPage

LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


@dataclass(frozen=True)
class BadgeSummary:
    name: str
    description: str
    criteria: str
    issuer: str
    image_url: str
    image_alt: str
    issued_at: datetime
    valid_until: datetime | None
    status: str  # "valid" | "expired" | "suspended" | "revoked" | "not yet valid"
    revocation_reason: str
    share_url: str
    json_url: str
    png_url: str
    svg_url: str
    linkedin_url: str
    revoked_at: datetime | None = None
    suspended_at: datetime | None = None
    suspension_reason: str = ""

    @property
    def shareable(self) -> bool:
        """Only a badge that has not been revoked or suspended is offered for sharing or for
        LinkedIn: a withdrawn badge must not be put in front of employers as if it stood."""
        return self.status not in ("revoked", "suspended")


def _status(credential: Credential, now: datetime) -> str:
    if credential.is_revoked:
        return "revoked"
    if credential.is_suspended:
        return "suspended"
    if credential.valid_from > now:
        return "not yet valid"
    if credential.valid_until is not None and credential.valid_until <= now:
        return "expired"
    return "valid"


def credential_status(credential: Credential, now: datetime | None = None) -> str:
    """A credential's live status in one word, as partners are shown it: valid, expired,
    suspended, revoked or not yet valid."""
    return _status(credential, now or timezone.now())


def linkedin_url(credential: Credential) -> str:
    """LinkedIn's "Add to profile" link for a certification (no personal data in it)."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": credential.achievement.name,
        "organizationName": credential.achievement.issuer.name,
        "issueYear": credential.issued_at.year,
        "issueMonth": credential.issued_at.month,
        "certUrl": credential.url(),
        "certId": str(credential.public_id),
    }
    if credential.valid_until is not None:
        params["expirationYear"] = credential.valid_until.year
        params["expirationMonth"] = credential.valid_until.month
    return f"{LINKEDIN_ADD_TO_PROFILE}?{urlencode(params)}"


def _summary(credential: Credential, now: datetime) -> BadgeSummary:
    achievement = credential.achievement
    public_id = credential.public_id
    return BadgeSummary(
        name=achievement.name,
        description=achievement.description,
        criteria=achievement.criteria_narrative,
        issuer=achievement.issuer.name,
        image_url=achievement.image_url(),
        image_alt=achievement_alt(achievement),
        issued_at=credential.issued_at,
        valid_until=credential.valid_until,
        status=_status(credential, now),
        revocation_reason=credential.revocation_reason,
        share_url=credential.url(),
        json_url=site_url(reverse("badges:credential-json", args=[public_id])),
        png_url=site_url(reverse("badges:credential-png", args=[public_id])),
        svg_url=site_url(reverse("badges:credential-svg", args=[public_id])),
        linkedin_url=linkedin_url(credential),
        revoked_at=credential.revoked_at,
        suspended_at=credential.suspended_at,
        suspension_reason=credential.suspension_reason,
    )


def _current(credentials: CredentialQuerySet) -> QuerySet[Credential]:
    """Those no renewal has replaced, with their achievements, newest first."""
    return (
        credentials.current()
        .select_related("achievement__issuer", "achievement__step", "achievement__image")
        .order_by("-issued_at")
    )


def badges_for(learner: Learner, now: datetime | None = None) -> list[BadgeSummary]:
    """The learner's credentials, newest first (a renewed accreditation once: the renewal)."""
    now = now or timezone.now()
    return [_summary(credential, now) for credential in _current(learner.credentials.all())]


def accreditations_for(learner: Learner, now: datetime | None = None) -> list[BadgeSummary]:
    """The learner's accreditations (achievements awarded by assessors), newest first, each
    with its live status: valid, expired, suspended or revoked (or not yet valid)."""
    return accreditations_of([learner], now).get(learner.pk, [])


def accreditations_of(
    learners: Iterable[Learner], now: datetime | None = None
) -> dict[int, list[BadgeSummary]]:
    """:func:`accreditations_for` of many learners in one query, by learner id."""
    now = now or timezone.now()
    credentials = _current(
        Credential.objects.filter(
            learner__in=[learner.pk for learner in learners],
            achievement__award_rule=AwardRule.ASSESSOR,
        )
    )
    found: dict[int, list[BadgeSummary]] = {}
    for credential in credentials:
        found.setdefault(credential.learner_id, []).append(_summary(credential, now))
    return found


def accreditation_names() -> list[str]:
    """The names of the accreditations assessors award (for filters), in order."""
    return list(
        Achievement.objects.filter(award_rule=AwardRule.ASSESSOR)
        .order_by("name")
        .values_list("name", flat=True)
    )


def step_badge_name(learner: Learner, step: StepPage) -> str | None:
    """Name of the badge the learner holds for completing ``step`` (None: no such badge).

    Badges for a step are awarded inside the progress transaction that completes it, so the
    page shown right after "I have finished this lesson" can already name it.
    """
    credential = (
        Credential.objects.filter(learner=learner, achievement__step=step)
        .select_related("achievement")
        .order_by("-issued_at")
        .first()
    )
    if credential is None or credential.is_revoked:
        return None
    return credential.achievement.name
