"""Which ``gradingProgress`` a score carries, per registration (see docs/lti.md).

AGS lets a tool send a partial score as ``Pending`` (the grade is not final yet) and the
completed one as ``FullyGraded``. Platforms differ in what they do with a pending score:
Moodle discards it, so learners there would see nothing until a step is finished. Each
registration therefore chooses between sending progress as graded scores and sending
completion only; the default comes from the platform's product family, as the platform
names it in its launches (``tool_platform.product_family_code``) or its configuration.
"""

from __future__ import annotations

from typing import Any

from lti_tool.models import Registration, Score
from lti_tool.registration import platform_cache

TOOL_PLATFORM = "https://purl.imsglobal.org/spec/lti/claim/tool_platform"
# Product families whose gradebooks keep only FullyGraded scores.
KEEP_ONLY_FINAL_SCORES = frozenset({"moodle"})

ScoreReporting = Registration.ScoreReporting


def default_for_family(product_family_code: str) -> str:
    """The reporting a platform of this family needs to show partial progress at all."""
    if product_family_code.strip().lower() in KEEP_ONLY_FINAL_SCORES:
        return ScoreReporting.GRADED_PROGRESS
    return ScoreReporting.COMPLETION_ONLY


def product_family_from_claims(claims: dict[str, Any]) -> str:
    """``product_family_code`` of a launch's ``tool_platform`` claim ('' when absent)."""
    platform = claims.get(TOOL_PLATFORM)
    code = platform.get("product_family_code") if isinstance(platform, dict) else None
    return code[:100] if isinstance(code, str) else ""


def choose_on_first_launch(registration: Registration, claims: dict[str, Any]) -> None:
    """Fill in the registration's reporting (and product family) the first time it is seen.

    Only a blank choice is filled in: an administrator's choice in the admin is never
    overwritten by a launch. The conditional update makes concurrent first launches agree.
    """
    if registration.score_reporting:
        return
    family = registration.product_family_code or product_family_from_claims(claims)
    chosen = default_for_family(family)
    Registration.objects.filter(pk=registration.pk, score_reporting="").update(
        score_reporting=chosen, product_family_code=family
    )
    registration.refresh_from_db(fields=["score_reporting", "product_family_code"])
    # The update sends no signal: let every process read the registration again.
    platform_cache.forget()


def partial_grading(registration: Registration) -> str:
    """``gradingProgress`` of a score for progress short of completion."""
    if registration.score_reporting == ScoreReporting.GRADED_PROGRESS:
        return Score.Grading.FULLY_GRADED
    return Score.Grading.PENDING
