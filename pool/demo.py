"""Demo pool: two accredited leaders who joined, an approved and a pending organisation.

Original, fictional content. Needs the demo accreditations (``setup_badges --demo``); running
it again changes nothing once the demo people exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from badges.issuing import award_accreditation
from badges.models import Achievement, AwardRule
from hub.models import Learner
from pool import organisations
from pool.consent import FIELDS
from pool.models import Member, Organisation, OrganisationStatus

DEMO_PASSWORD = "peer-pool-demo-2026"  # noqa: S105 (the demo organisations' published password)
APPROVED_EMAIL = "partnerships@riverside-trust.example.org"
PENDING_EMAIL = "hello@northfield-carers.example.org"

LEADERS = [
    {
        "accreditation": "Accredited peer mentor",
        "display_name": "Morgan Reyes (demo leader)",
        "profile": "I cared for my dad through his stroke recovery and now help hospital teams "
        "hear what discharge feels like from the family's side. I like practical meetings "
        "with a clear question to answer.",
        "lived_experience": ["family carer", "stroke"],
        "topics": ["hospital discharge", "interview panels", "co-design"],
        "languages": ["English", "Spanish"],
        "region": "north_west",
        "ways": ["online", "in_person"],
        "access_needs": "Step-free access; papers a week before, please.",
        "availability": "Tuesday and Thursday daytimes.",
        "payment": "either",
        "shown_fields": list(FIELDS),  # every field
    },
    {
        "accreditation": "Accredited group facilitator",
        "display_name": "Ife (demo leader)",
        "profile": "Living with type 1 diabetes since I was nine. I facilitate groups of young "
        "adults and teach on student nurse courses.",
        "lived_experience": ["type 1 diabetes", "young adult services"],
        "topics": ["teaching", "group facilitation"],
        "languages": ["English", "Yoruba"],
        "region": "london",
        "ways": ["online"],
        "access_needs": "",
        "availability": "Evenings and weekends.",
        "payment": "paid",
        # Ife keeps her region and availability private: the directory never shows them.
        "shown_fields": ["display_name", "profile", "lived_experience", "topics", "ways"],
    },
]


@dataclass(frozen=True)
class DemoPool:
    leaders_added: int
    organisations_added: int


def _leader(spec: dict) -> bool:
    if Member.objects.filter(display_name=spec["display_name"]).exists():
        return False
    achievement = Achievement.objects.filter(
        name=spec["accreditation"], award_rule=AwardRule.ASSESSOR
    ).first()
    if achievement is None:
        return False
    learner = Learner.objects.create(display_name=spec["display_name"])
    award_accreditation(learner, achievement, None)
    now = timezone.now()
    fields = {k: v for k, v in spec.items() if k != "accreditation"}
    Member.objects.create(learner=learner, joined_at=now, consent_given_at=now, **fields)
    return True


def _organisation(email: str, status: str, **fields: Any) -> bool:
    if get_user_model().objects.filter(username=email).exists():
        return False
    organisation = organisations.register(email=email, password=DEMO_PASSWORD, **fields)
    if status != OrganisationStatus.PENDING:
        Organisation.objects.filter(pk=organisation.pk).update(
            status=status, decided_at=timezone.now()
        )
    return True


@transaction.atomic
def seed_demo_pool() -> DemoPool:
    leaders = sum(_leader(spec) for spec in LEADERS)
    added = _organisation(
        APPROVED_EMAIL,
        OrganisationStatus.APPROVED,
        name="Riverside Community Health NHS Trust (demo)",
        kind="nhs_trust",
        contact_name="Dana Whitfield",
        purpose="We want people with lived experience on our interview panels for ward "
        "managers, and to co-design our new discharge leaflet.",
    ) + _organisation(
        PENDING_EMAIL,
        OrganisationStatus.PENDING,
        name="Northfield Carers' Voice (demo)",
        kind="patient_group",
        contact_name="Sol Brennan",
        purpose="A carers' group looking for a facilitator for our monthly peer sessions.",
    )
    return DemoPool(leaders_added=leaders, organisations_added=added)
