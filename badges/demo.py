"""Demo badges: one achievement per programme step and the three accreditations.

Idempotent, like the hub's demo loader: existing achievements are left as editors made them.
"""

from __future__ import annotations

from django.db import transaction

from badges.models import Achievement, Issuer
from badges.models.achievement import AchievementType, AwardRule
from hub.models import StepPage

ACCREDITATIONS = [
    (
        "Accredited peer mentor",
        "Accredited to mentor learners on the peer leadership programme.",
        "Completed the programme, then mentored a learner through a step under supervision "
        "and was observed by an assessor.",
    ),
    (
        "Accredited peer coach",
        "Accredited to run one-to-one coaching conversations with peers.",
        "Completed the programme and Step Four's coaching lessons, then held three coaching "
        "conversations reviewed by an assessor.",
    ),
    (
        "Accredited group facilitator",
        "Accredited to facilitate peer groups and co-production sessions.",
        "Completed the programme and co-facilitated two group sessions observed by an assessor.",
    ),
]


@transaction.atomic
def load_demo_badges(issuer: Issuer) -> int:
    """Create the demo achievements that are missing; returns how many were created."""
    created = 0
    for step in StepPage.objects.live().order_by("step_number"):
        _, made = Achievement.objects.get_or_create(
            issuer=issuer,
            step=step,
            award_rule=AwardRule.STEP_COMPLETED,
            defaults={
                "name": f"{step.step_label} completed: {step.title}",
                "description": step.summary,
                "criteria_narrative": f"Completed every lesson of {step.step_label}, "
                f"“{step.title}”, of the peer leadership programme.",
                "criteria_url": step.full_url or "",
                "achievement_type": AchievementType.ACHIEVEMENT,
            },
        )
        created += made
    for name, description, criteria in ACCREDITATIONS:
        _, made = Achievement.objects.get_or_create(
            issuer=issuer,
            name=name,
            defaults={
                "description": description,
                "criteria_narrative": criteria,
                "achievement_type": AchievementType.LICENSE,
                "award_rule": AwardRule.ASSESSOR,
                "validity_days": 3 * 365,
            },
        )
        created += made
    return created
