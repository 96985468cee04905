"""Pool test helpers: accredited learners, their framed sessions, organisations, profiles.

A framed session is opened directly (``lti_tool.launch.sessions.open_session``), as a launch would,
with the learner's LMS user record carrying the email the platform sent: the LTI tool offers
it to the badges app, which is where the pool reads a leader's address from.
"""

from __future__ import annotations

import html
import secrets
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from badges.issuing import award_accreditation
from badges.models import Achievement, AchievementType, AwardRule, Issuer
from hub.models import Learner
from lti_tool.launch.sessions import open_session
from lti_tool.models import Deployment, LtiUser, Registration
from pool import membership, organisations
from pool.consent import FIELDS
from pool.models import Member, Organisation, OrganisationStatus

PASSWORD = "a-long-organisation-passphrase"
EVERY_FIELD = list(FIELDS)
PROFILE = {
    "display_name": "Rowan Ellis",
    "profile": "I help services listen to families.",
    "lived_experience": ["family carer"],
    "topics": ["interview panels"],
    "languages": ["English", "Welsh"],
    "region": "south_west",
    "ways": ["online"],
    "access_needs": "Captions on video calls.",
    "availability": "Monday mornings.",
    "payment": "paid",
    "contact_email": "",
}


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def issuer() -> Issuer:
    found, _ = Issuer.objects.get_or_create(
        slug="plh",
        defaults={
            "name": "Peer Leadership Hub",
            "url": "https://hub.example.org/",
            "email": "badges@hub.example.org",
            "description": "A peer-leadership programme.",
        },
    )
    return found


def accreditation(name: str = "Accredited peer coach", days: int | None = 365) -> Achievement:
    found, _ = Achievement.objects.get_or_create(
        issuer=issuer(),
        name=name,
        defaults={
            "description": "Accredited to coach peers.",
            "criteria_narrative": "Three observed coaching conversations.",
            "achievement_type": AchievementType.LICENSE,
            "award_rule": AwardRule.ASSESSOR,
            "validity_days": days,
        },
    )
    return found


def learner_with_email(name: str, email: str | None = None) -> Learner:
    """A learner whose LMS sent an email at launch (``None``: no email known)."""
    learner = Learner.objects.create(display_name=name)
    registration, _ = Registration.objects.get_or_create(
        issuer="https://lms.example.org",
        client_id="pool-tests",
        defaults={
            "name": "Pool LMS",
            "auth_login_url": "https://lms.example.org/auth",
            "auth_token_url": "https://lms.example.org/token",
            "key_set_url": "https://lms.example.org/jwks",
        },
    )
    LtiUser.objects.create(
        registration=registration, sub=f"sub-{learner.pk}", learner=learner, email=email or ""
    )
    return learner


def accredited(name: str = "Rowan Ellis", email: str | None = "rowan@example.edu") -> Learner:
    learner = learner_with_email(name, email)
    award_accreditation(learner, accreditation(), None)
    return learner


def token_for(learner: Learner) -> str:
    """A framed session for ``learner`` (as a launch opens), returned as its URL token."""
    user = LtiUser.objects.get(learner=learner)
    deployment, _ = Deployment.objects.get_or_create(
        registration=user.registration, deployment_id="d1", defaults={"active": True}
    )
    token = secrets.token_urlsafe(24)
    open_session(
        token,
        message_type="LtiResourceLinkRequest",
        registration=user.registration,
        deployment=deployment,
        lti_user=user,
        learner=learner,
        roles=["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
    )
    return token


def join(
    learner: Learner,
    shown: list[str] | None = None,
    now: datetime | None = None,
    **changes: Any,
) -> Member:
    values = {**PROFILE, "display_name": learner.display_name, **changes}
    return membership.join_or_update(
        learner, values, EVERY_FIELD if shown is None else shown, now=now
    )


def organisation(
    name: str = "Harbour NHS Trust",
    email: str = "team@harbour.example.org",
    status: str = OrganisationStatus.APPROVED,
) -> Organisation:
    made = organisations.register(
        name=name,
        kind="nhs_trust",
        contact_name="Jo Contact",
        email=email,
        purpose="Interview panels.",
        password=PASSWORD,
    )
    if status != OrganisationStatus.PENDING:
        admin = get_user_model().objects.filter(is_superuser=True).first()
        made = organisations.decide(made, status, "", admin, timezone.now())
    return made


REQUEST = {
    "what": "Sit on our interview panel for a ward manager.",
    "when": "12 March, 10am to 1pm",
    "where": "Online (Teams)",
    "paid": "yes",
    "payment_details": "£25 an hour",
    "access_arrangements": "Captions and breaks.",
}
