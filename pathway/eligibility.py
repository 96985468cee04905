"""Who may apply for an accreditation: the programme steps its requirements name."""

from __future__ import annotations

from dataclasses import dataclass

from badges.models import Achievement, AwardRule
from hub.models import Learner, StepCompletion, StepPage
from pathway.models import Requirement


@dataclass(frozen=True)
class Eligibility:
    """Whether a learner may apply, and if not, each step still to complete."""

    eligible: bool
    missing: list[StepPage]

    @property
    def reasons(self) -> list[str]:
        return [f"Complete {step.step_label}: {step.title}." for step in self.missing]


def eligibility(learner: Learner, requirement: Requirement) -> Eligibility:
    """The requirement's steps the learner has not completed (in programme order)."""
    required = sorted(requirement.required_steps.all(), key=lambda step: step.step_number)
    done = set(
        StepCompletion.objects.filter(
            learner=learner, step__in=[step.pk for step in required]
        ).values_list("step_id", flat=True)
    )
    missing = [step for step in required if step.pk not in done]
    return Eligibility(not missing, missing)


def preceding_achievements(achievement: Achievement) -> list[Achievement]:
    """The step badges that come before an accreditation: those of the steps its requirements
    name. Learner records (``badges.clr``) state them as ``precedes`` associations."""
    if achievement.award_rule != AwardRule.ASSESSOR:
        return []  # step badges: their own prerequisites are the programme's, read by badges
    return list(
        Achievement.objects.filter(
            award_rule=AwardRule.STEP_COMPLETED,
            step__in=Requirement.required_steps.through.objects.filter(
                requirement__achievement=achievement
            ).values("steppage_id"),
        )
    )
