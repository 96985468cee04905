"""The public summary of an accepted application, for the credential's ``evidence``.

Only what the holder would show anyone: which criteria were assessed and against what, how
much practice was logged and over which months, that a referee confirmed it and how many
assessors accepted it. Never the text of reflections or statements, the referee's name or
email, or any email at all.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from badges.issuing import evidence_item
from pathway.models import Application, ApplicationKind


def _months(practice_log: list[dict[str, Any]]) -> tuple[str, str] | None:
    dates = []
    for row in practice_log:
        try:
            dates.append(date.fromisoformat(str(row.get("date", ""))))
        except ValueError:
            continue
    if not dates:
        return None
    return min(dates).strftime("%B %Y"), max(dates).strftime("%B %Y")


def public_evidence(application: Application, assessors: int) -> list[dict[str, Any]]:
    """OB 3.0 Evidence objects summarising ``application`` (accepted by ``assessors``)."""
    requirement = application.requirement
    renewal = application.kind == ApplicationKind.RENEWAL
    items = []
    if not renewal:
        for criterion in requirement.criteria.all():
            items.append(
                evidence_item(
                    f"Criterion met: {criterion.title}",
                    narrative=f"A written statement against this criterion was assessed "
                    f"as meeting it: {criterion.evidence_guidance}",
                )
            )
    entries = len(application.practice_log)
    span = _months(application.practice_log)
    during = f", from {span[0]} to {span[1]}" if span else ""
    items.append(
        evidence_item(
            "Continuing practice log" if renewal else "Practice log",
            narrative=f"{entries} dated record{'s' if entries != 1 else ''} of peer "
            f"leadership practice{during}.",
        )
    )
    items.append(
        evidence_item(
            "Referee confirmation",
            narrative="A referee who saw the practice confirmed it and answered the "
            f"{len(requirement.referee_questions.all())} referee questions.",
        )
    )
    items.append(
        evidence_item(
            "Assessment",
            narrative=f"Accepted by {assessors} independent assessor"
            f"{'s' if assessors != 1 else ''} of the programme"
            f"{' as a renewal' if renewal else ''}.",
        )
    )
    return items
