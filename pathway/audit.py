"""The audit trail: who did what to an application or an accreditation, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from pathway.models import Application, AuditEntry


def actor_label(user: Any) -> str:
    """How an assessor is named in the trail: their full name and username."""
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{name} ({user.get_username()})" if name else str(user.get_username())


def record(
    action: str,
    *,
    application: Application | None = None,
    credential: Any = None,
    actor: Any = None,
    label: str = "",
    detail: str = "",
    now: datetime | None = None,
) -> AuditEntry:
    """Add one entry. ``actor`` is a user (an assessor); ``label`` names anyone else."""
    return AuditEntry.objects.create(
        application=application,
        credential=credential,
        actor=actor,
        actor_label=actor_label(actor) if actor is not None else label,
        action=action,
        detail=detail,
        at=now or timezone.now(),
    )
