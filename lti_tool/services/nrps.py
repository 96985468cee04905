"""Names and Role Provisioning Services: a context's roster, kept in sync with the platform.

A sync reads every page of the memberships container (following ``Link: rel="next"``),
records each member's roles and status, and keeps only the personal data the platform
sends and the tool needs (the user id, and name and email when given). Members missing from
a complete roster, or reported ``Inactive``/``Deleted``, are marked inactive, never deleted:
their progress stays theirs. A sync that fails half-way changes nobody's status.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from lti_tool import roles as role_vocabulary
from lti_tool.models import Context, Membership, RosterSync
from lti_tool.services import http
from lti_tool.services.errors import ServiceError
from lti_tool.services.people import record_user

logger = logging.getLogger(__name__)

SCOPE_MEMBERSHIPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
MEDIA_MEMBERSHIPS = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
MAX_PAGES = 1000
RECENT = timedelta(minutes=10)
# A failed scheduled sync is tried again after this long (or after the usual age, if shorter).
FAILED_RETRY = timedelta(minutes=30)


def _display_name(member: dict[str, Any]) -> str:
    name = member.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()[:255]
    parts = [member.get("given_name"), member.get("family_name")]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())[:255]


def _record_member(context: Context, member: dict[str, Any]) -> int | None:
    """Create or update the member's user and membership; returns the user's pk."""
    sub = member.get("user_id")
    if not isinstance(sub, str | int) or isinstance(sub, bool) or not str(sub):
        return None
    sub = str(sub)[:255]
    registration_id = context.deployment.registration_id
    name = _display_name(member)
    given_email = member.get("email")
    email = given_email if isinstance(given_email, str) else ""
    user, _ = record_user(registration_id, sub, name, email)
    given_roles = member.get("roles")
    roles = role_vocabulary.normalise_all(given_roles if isinstance(given_roles, list) else [])
    status = (
        Membership.Status.ACTIVE
        if member.get("status", "Active") == "Active"
        else Membership.Status.INACTIVE
    )
    Membership.objects.update_or_create(
        context=context, user=user, defaults={"roles": roles, "status": status}
    )
    return user.pk


def _record_sync(sync_id: int, **fields: Any) -> None:
    """Update the sync's row; ``updated_at`` is stamped here because a queryset update skips
    ``auto_now`` and the scheduler reads it to tell a live sync from an abandoned one."""
    RosterSync.objects.filter(pk=sync_id).update(updated_at=timezone.now(), **fields)


def syncable_contexts():
    """Courses with a roster service on an active deployment of an active registration."""
    return Context.objects.exclude(memberships_url="").filter(
        deployment__active=True, deployment__registration__active=True
    )


def sync_context(context: Context) -> dict[str, int]:
    """Read the whole roster and apply it. Raises :class:`ServiceError` when it cannot."""
    sync, _ = RosterSync.objects.get_or_create(context=context)
    _record_sync(
        sync.pk,
        status=RosterSync.Status.RUNNING,
        pages=0,
        members_seen=0,
        deactivated=0,
        started_at=timezone.now(),
        finished_at=None,
        last_error="",
    )
    registration = context.deployment.registration
    seen: set[int] = set()
    pages = 0
    url: str | None = context.memberships_url
    try:
        if not url:
            raise ServiceError("This course has no roster service (no memberships URL).")
        while url:
            if pages >= MAX_PAGES:
                raise ServiceError(f"The roster has more than {MAX_PAGES} pages.")
            response = http.call(
                registration, {SCOPE_MEMBERSHIPS}, "GET", url, accept=MEDIA_MEMBERSHIPS
            )
            try:
                body = response.json()
            except ValueError as error:
                raise ServiceError(f"The roster page {url} is not JSON.") from error
            members = body.get("members") if isinstance(body, dict) else None
            if not isinstance(members, list):
                raise ServiceError(f"The roster page {url} has no members list.")
            with transaction.atomic():
                for member in members:
                    if isinstance(member, dict):
                        pk = _record_member(context, member)
                        if pk is not None:
                            seen.add(pk)
            pages += 1
            _record_sync(sync.pk, pages=pages, members_seen=len(seen))
            next_url = response.links.get("next", {}).get("url")
            url = next_url if next_url and next_url != url else None
    except Exception as error:
        _record_sync(
            sync.pk,
            status=RosterSync.Status.FAILED,
            finished_at=timezone.now(),
            last_error=str(error),
        )
        raise
    with transaction.atomic():
        deactivated = (
            Membership.objects.filter(context=context, status=Membership.Status.ACTIVE)
            .exclude(user_id__in=seen)
            .update(status=Membership.Status.INACTIVE)
        )
        _record_sync(
            sync.pk,
            status=RosterSync.Status.DONE,
            deactivated=deactivated,
            finished_at=timezone.now(),
        )
    return {"pages": pages, "members": len(seen), "deactivated": deactivated}


def sync_context_by_id(context_id: int) -> dict[str, int]:
    context = Context.objects.select_related("deployment__registration").get(pk=context_id)
    try:
        return sync_context(context)
    except ServiceError as error:
        logger.warning("Roster sync of %s failed: %s", context, error)
        return {"failed": 1}


def sync_all() -> int:
    """Sync every context with a roster service on an active registration."""
    synced = 0
    for context_id in syncable_contexts().values_list("pk", flat=True):
        result = sync_context_by_id(context_id)
        synced += 0 if result.get("failed") else 1
    return synced


def request_sync(context: Context, *, force: bool = False) -> bool:
    """Queue a roster sync after the current transaction commits, unless one is recent.

    Returns whether a sync was queued.
    """
    if not context.memberships_url:
        return False
    sync = RosterSync.objects.filter(context=context).first()
    now = timezone.now()
    if not force and sync is not None:
        busy = sync.status in (RosterSync.Status.QUEUED, RosterSync.Status.RUNNING) and (
            sync.updated_at > now - RECENT
        )
        fresh = sync.status == RosterSync.Status.DONE and (
            sync.finished_at and sync.finished_at > now - RECENT
        )
        if busy or fresh:
            return False
    RosterSync.objects.update_or_create(
        context=context, defaults={"status": RosterSync.Status.QUEUED, "last_error": ""}
    )
    context_id = context.pk

    def enqueue() -> None:
        try:
            sync_roster.enqueue(context_id)
        except Exception:
            logger.exception("Could not queue the roster sync of context %s", context_id)

    transaction.on_commit(enqueue)
    return True


def request_stale_syncs(max_age: timedelta, now: datetime | None = None) -> int:
    """Queue a sync of every roster older than ``max_age`` (the scheduled sync).

    Courses never synced count as stale; a failed sync is tried again after
    :data:`FAILED_RETRY` at the latest. Courses already queued or running are left alone, so
    calling this every minute queues each course once per ``max_age``. Returns how many
    syncs were queued.
    """
    now = now or timezone.now()
    retry_failed = min(max_age, FAILED_RETRY)
    candidates = (
        syncable_contexts()
        .filter(
            Q(roster_sync__isnull=True)
            | Q(
                roster_sync__status=RosterSync.Status.DONE,
                roster_sync__finished_at__lt=now - max_age,
            )
            | Q(
                roster_sync__status=RosterSync.Status.FAILED,
                roster_sync__finished_at__lt=now - retry_failed,
            )
            | Q(
                roster_sync__status__in=[RosterSync.Status.QUEUED, RosterSync.Status.RUNNING],
                roster_sync__updated_at__lt=now - RECENT,
            )
        )
        .select_related("deployment__registration")
    )
    return sum(1 for context in candidates if request_sync(context, force=True))


@task()
def sync_roster(context_id: int) -> dict[str, int]:
    """Task: bring a context's memberships up to date from the platform's NRPS roster."""
    return sync_context_by_id(context_id)


@task()
def sync_all_rosters() -> int:
    """Task: sync every context that has a memberships URL; returns how many were synced."""
    return sync_all()
