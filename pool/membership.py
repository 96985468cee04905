"""Joining, changing, pausing and leaving the pool, and the yearly renewal of consent.

Only a learner holding a currently valid accreditation (an achievement awarded by
assessors, :func:`badges.public.accreditations_for`) may join. Leaving deletes the member's
row at once: their profile, the record of who looked at it, and their contact address on
requests; requests waiting for them are closed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from badges.public import BadgeSummary, accreditations_for
from hub.models import Learner
from pool.consent import FIELDS, LIST_FIELDS
from pool.mail import leader_email, send_after_commit
from pool.models import InvolvementRequest, Member, PauseReason, RequestStatus

CONSENT_LASTS = timedelta(days=365)
REMIND_BEFORE = timedelta(days=30)

NOT_ACCREDITED = (
    "The pool is for accredited peer leaders. You can join once you hold an accreditation "
    "(peer mentor, coach or facilitator) that is currently valid. Your accreditations are "
    "listed on your “My badges” page; if one has expired, renew it first."
)
PROFILE_FIELDS = tuple(FIELDS)


class PoolError(ValueError):
    """A change to a membership that the rules refuse (the message says why)."""


def valid_accreditations(learner: Learner, now: datetime | None = None) -> list[BadgeSummary]:
    return [each for each in accreditations_for(learner, now) if each.status == "valid"]


def may_join(learner: Learner, now: datetime | None = None) -> bool:
    return bool(valid_accreditations(learner, now))


def member_of(learner: Learner) -> Member | None:
    return Member.objects.filter(learner=learner).first()


def consent_is_current(member: Member, now: datetime) -> bool:
    return member.consent_given_at > now - CONSENT_LASTS


def consent_due(member: Member) -> datetime:
    """When the leader's consent runs out (they are paused then unless they renew)."""
    return member.consent_given_at + CONSENT_LASTS


def _clean(values: dict[str, Any], shown: Iterable[str]) -> dict[str, Any]:
    unknown = set(shown) - set(FIELDS)
    if unknown:
        raise PoolError(f"Unknown profile fields: {', '.join(sorted(unknown))}.")
    if not str(values.get("display_name", "")).strip():
        raise PoolError("Enter the name organisations would see.")
    cleaned = {name: values.get(name, [] if name in LIST_FIELDS else "") for name in FIELDS}
    cleaned["shown_fields"] = [name for name in FIELDS if name in set(shown)]
    cleaned["contact_email"] = values.get("contact_email", "")
    return cleaned


@transaction.atomic
def join_or_update(
    learner: Learner, values: dict[str, Any], shown: Iterable[str], now: datetime | None = None
) -> Member:
    """Join the pool (or change the profile): the values and the fields chosen to show.

    Saving the choices is the leader's consent, so it renews the year of consent.
    """
    now = now or timezone.now()
    if not may_join(learner, now):
        raise PoolError(NOT_ACCREDITED)
    cleaned = _clean(values, shown)
    member = Member.objects.select_for_update().filter(learner=learner).first()
    if member is None:
        try:
            with transaction.atomic():
                return Member.objects.create(
                    learner=learner, joined_at=now, consent_given_at=now, **cleaned
                )
        except IntegrityError:  # the same form sent twice at once: the other one joined
            member = Member.objects.select_for_update().get(learner=learner)
    for name, value in cleaned.items():
        setattr(member, name, value)
    member.consent_given_at = now
    member.consent_reminded_at = None
    if member.pause_reason == PauseReason.CONSENT_LAPSED:
        member.paused_at, member.pause_reason = None, ""
    member.save()
    return member


def pause(member: Member, now: datetime | None = None) -> Member:
    """Hide the profile from organisations until the leader resumes."""
    if member.paused_at is None:
        member.paused_at, member.pause_reason = now or timezone.now(), PauseReason.LEADER
        member.save(update_fields=["paused_at", "pause_reason"])
    return member


def resume(member: Member, now: datetime | None = None) -> Member:
    """Show the profile again; a lapsed consent has to be renewed (it is, by resuming)."""
    now = now or timezone.now()
    member.paused_at, member.pause_reason = None, ""
    fields = ["paused_at", "pause_reason"]
    if not consent_is_current(member, now) or member.consent_reminded_at is not None:
        member.consent_given_at, member.consent_reminded_at = now, None
        fields += ["consent_given_at", "consent_reminded_at"]
    member.save(update_fields=fields)
    return member


def renew_consent(member: Member, now: datetime | None = None) -> Member:
    """The leader confirms what they show for another year (a lapsed pause ends)."""
    now = now or timezone.now()
    member.consent_given_at, member.consent_reminded_at = now, None
    if member.pause_reason == PauseReason.CONSENT_LAPSED:
        member.paused_at, member.pause_reason = None, ""
    member.save(
        update_fields=["consent_given_at", "consent_reminded_at", "paused_at", "pause_reason"]
    )
    return member


@transaction.atomic
def leave(member: Member) -> int:
    """Remove the leader from the pool at once; returns how many waiting requests closed.

    The member row is deleted (profile, choices, the record of who looked); requests keep
    what the organisation wrote, with no link to the leader and no contact address.
    """
    requests = InvolvementRequest.objects.filter(member=member)
    closed = requests.filter(status=RequestStatus.PENDING).update(status=RequestStatus.CLOSED)
    requests.filter(status=RequestStatus.ACCEPTED).update(
        status=RequestStatus.CLOSED, leader_contact_email=""
    )
    member.delete()
    return closed


@dataclass(frozen=True)
class Renewal:
    """What one sweep of the yearly consent renewal did."""

    reminded: int
    paused: int


REMINDER_SUBJECT = "Please renew what you show in the pool of peer leaders"
REMINDER_BODY = (
    "Hello {name},\n\n"
    "Each year we ask you to confirm what organisations can see about you in the pool of "
    "peer leaders. Your choices run out on {due:%d %B %Y}. Open the pool from your course "
    "(“Peer leader pool” at the top of any programme page) and choose “Renew for another "
    "year”, or change what you show.\n\n"
    "If you do nothing, your profile will be paused on that day: organisations will not see "
    "it until you renew. You can leave the pool at any time.\n"
)


def renew_consents(now: datetime | None = None) -> Renewal:
    """The yearly renewal: remind leaders whose consent runs out within 30 days (once), and
    pause those whose consent has run out. Run periodically (``pool.tasks``)."""
    now = now or timezone.now()
    reminded = 0
    due_soon = Member.objects.filter(
        consent_reminded_at__isnull=True,
        consent_given_at__lte=now - CONSENT_LASTS + REMIND_BEFORE,
        consent_given_at__gt=now - CONSENT_LASTS,
    ).select_related("learner")
    for member in due_soon:
        with transaction.atomic():
            marked = Member.objects.filter(pk=member.pk, consent_reminded_at__isnull=True).update(
                consent_reminded_at=now
            )
            if marked:
                reminded += 1
                send_after_commit(
                    leader_email(member.learner, member.contact_email),
                    REMINDER_SUBJECT,
                    REMINDER_BODY.format(name=member.display_name, due=consent_due(member)),
                )
    paused = Member.objects.filter(
        paused_at__isnull=True, consent_given_at__lte=now - CONSENT_LASTS
    ).update(paused_at=now, pause_reason=PauseReason.CONSENT_LAPSED)
    return Renewal(reminded=reminded, paused=paused)
