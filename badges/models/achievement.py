"""Achievements (badge classes): what a badge says a learner did, and how it is awarded."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .issuer import Issuer, site_url


class AchievementType(models.TextChoices):
    """The OB 3.0 ``achievementType`` values this programme uses."""

    ACHIEVEMENT = "Achievement", "Achievement (a completed step)"
    LICENSE = "License", "License (an accreditation to practise, e.g. Mentor)"
    CERTIFICATE = "Certificate", "Certificate"
    BADGE = "Badge", "Badge"


class AwardRule(models.TextChoices):
    STEP_COMPLETED = "step_completed", "Automatically, when the learner completes the step"
    ASSESSOR = "assessor", "Awarded by an assessor"


class Achievement(models.Model):
    """A badge class: the achievement a credential says its holder reached."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="achievements")
    name = models.CharField(max_length=200)
    description = models.TextField()
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Square, at least 400×400. Without one, a simple badge image is drawn.",
    )
    criteria_narrative = models.TextField(
        help_text="What the learner did to earn this badge, in plain language."
    )
    criteria_url = models.URLField(blank=True, help_text="A page describing the criteria.")
    step = models.ForeignKey(
        "hub.StepPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The programme step this badge is aligned to.",
    )
    achievement_type = models.CharField(
        max_length=32, choices=AchievementType.choices, default=AchievementType.ACHIEVEMENT
    )
    validity_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Credentials expire this many days after they are issued. Empty: never.",
    )
    award_rule = models.CharField(
        max_length=32, choices=AwardRule.choices, default=AwardRule.STEP_COMPLETED
    )

    panels = [
        FieldPanel("issuer"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("criteria_narrative"), FieldPanel("criteria_url")], heading="Criteria"
        ),
        FieldRowPanel([FieldPanel("achievement_type"), FieldPanel("validity_days")]),
        MultiFieldPanel([FieldPanel("award_rule"), FieldPanel("step")], heading="Awarding"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.award_rule == AwardRule.STEP_COMPLETED and self.step_id is None:
            raise ValidationError({"step": "Choose the step whose completion awards this badge."})

    def url(self) -> str:
        """The achievement's id in OB 3.0 credentials (its public page)."""
        return site_url(reverse("badges:achievement", args=[self.public_id]))

    def ob2_url(self) -> str:
        """The OB 2.0 hosted BadgeClass."""
        return site_url(reverse("badges:ob2-badgeclass", args=[self.public_id]))

    def image_url(self) -> str:
        return site_url(reverse("badges:achievement-image", args=[self.public_id]))
