"""What an accreditation asks of an applicant, as editors define it per achievement."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from badges.models import Achievement, AwardRule


class Requirement(ClusterableModel):
    """The requirements of one accreditation (an achievement awarded by assessors): the
    programme steps an applicant must have completed, the rubric's criteria, the questions
    put to the referee, how many assessors must accept, and the validity and renewal window.

    The credential's validity is the achievement's ``validity_days``: saving a requirement
    keeps the two the same, so that the badge's issuing and the pathway agree.
    """

    achievement = models.OneToOneField(
        Achievement,
        on_delete=models.CASCADE,
        related_name="pathway_requirement",
        limit_choices_to={"award_rule": AwardRule.ASSESSOR},
        help_text="The accreditation (an achievement awarded by an assessor).",
    )
    introduction = models.TextField(
        help_text="What this accreditation lets a peer leader do, and who should apply."
    )
    required_steps = ParentalManyToManyField(
        "hub.StepPage",
        blank=True,
        related_name="+",
        help_text="The programme steps an applicant must have completed before applying.",
    )
    assessors_required = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How many different assessors must accept an application.",
    )
    minimum_practice_entries = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many dated entries the practice log needs (a renewal: the same).",
    )
    validity_days = models.PositiveIntegerField(
        default=3 * 365,
        validators=[MinValueValidator(30)],
        help_text="The accreditation is valid for this many days after it is issued.",
    )
    renewal_window_days = models.PositiveIntegerField(
        default=90,
        validators=[MinValueValidator(7)],
        help_text="Holders are reminded, and may apply to renew, this many days before expiry.",
    )

    panels = [
        FieldPanel("achievement"),
        FieldPanel("introduction"),
        FieldPanel("required_steps", heading="Steps required (eligibility)"),
        InlinePanel("criteria", heading="Rubric: criteria", label="Criterion", min_num=1),
        InlinePanel("referee_questions", heading="Referee questions", label="Question", min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("assessors_required"), FieldPanel("minimum_practice_entries")]
                ),
                FieldRowPanel([FieldPanel("validity_days"), FieldPanel("renewal_window_days")]),
            ],
            heading="Assessment, validity and renewal",
        ),
    ]

    class Meta:
        ordering = ["achievement__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assessors_required__gte=1), name="at_least_one_assessor"
            ),
            models.CheckConstraint(
                condition=models.Q(renewal_window_days__lt=models.F("validity_days")),
                name="renewal_window_inside_validity",
            ),
        ]

    def __str__(self) -> str:
        return f"Requirements for {self.achievement}"

    def clean(self) -> None:
        if self.achievement_id and self.achievement.award_rule != AwardRule.ASSESSOR:
            raise ValidationError(
                {"achievement": "Choose an accreditation: an achievement awarded by assessors."}
            )
        if self.renewal_window_days >= self.validity_days:
            raise ValidationError(
                {"renewal_window_days": "The renewal window must be shorter than the validity."}
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        Achievement.objects.filter(pk=self.achievement_id).exclude(
            validity_days=self.validity_days
        ).update(validity_days=self.validity_days)


class Criterion(Orderable):
    """One row of the rubric: what the applicant must show, and what evidence meets it."""

    requirement = ParentalKey(Requirement, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(max_length=200, help_text="What the applicant must show.")
    evidence_guidance = models.TextField(
        help_text="What evidence meets this criterion (shown to applicants and assessors)."
    )

    panels = [FieldPanel("title"), FieldPanel("evidence_guidance")]

    def __str__(self) -> str:
        return self.title


class RefereeQuestion(Orderable):
    """A question the referee answers through their one-time link."""

    requirement = ParentalKey(
        Requirement, on_delete=models.CASCADE, related_name="referee_questions"
    )
    text = models.CharField(max_length=300)

    panels = [FieldPanel("text")]

    def __str__(self) -> str:
        return self.text
