"""The directory organisations search: listed leaders, as they chose to be seen.

A member is listed when they have not paused, their consent is less than a year old, and at
least one of their accreditations is valid right now (the live status from the badges app:
an expired, suspended or revoked accreditation does not count). Filtering happens on the
visible profile (:func:`pool.consent.visible_profile`), so a hidden field never matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from badges.public import accreditations_of
from pool.consent import VisibleProfile, visible_profile
from pool.membership import CONSENT_LASTS
from pool.models import Member, Organisation, ProfileView


class NotListed(LookupError):
    """No listed leader has that id (never listed, paused, left, or not accredited now)."""


@dataclass(frozen=True)
class Filters:
    """What an organisation searches for; empty strings match everyone."""

    tag: str = ""
    language: str = ""
    region: str = ""
    way: str = ""
    accreditation: str = ""

    def matches(self, profile: VisibleProfile) -> bool:
        fields = profile.fields
        tags = [t.lower() for t in fields.get("lived_experience", []) + fields.get("topics", [])]
        languages = [each.lower() for each in fields.get("languages", [])]
        return (
            (not self.tag or self.tag.lower() in tags)
            and (not self.language or self.language.lower() in languages)
            and (not self.region or fields.get("region") == self.region)
            and (not self.way or self.way in fields.get("ways", []))
            and (
                not self.accreditation
                or any(a.name == self.accreditation for a in profile.valid_accreditations)
            )
        )


def _listable(now: datetime) -> list[Member]:
    """Listable members in a neutral order (by their random public id): ordering by name
    would hint at the names of leaders who chose not to show theirs."""
    return list(
        Member.objects.filter(paused_at__isnull=True, consent_given_at__gt=now - CONSENT_LASTS)
        .select_related("learner")
        .order_by("public_id")
    )


def listed(now: datetime | None = None, filters: Filters | None = None) -> list[VisibleProfile]:
    """Every listed leader matching ``filters``, as organisations see them."""
    now = now or timezone.now()
    members = _listable(now)
    accreditations = accreditations_of([member.learner for member in members], now)
    profiles = [visible_profile(m, accreditations.get(m.learner_id, [])) for m in members]
    shown = [profile for profile in profiles if profile.valid_accreditations]
    return [profile for profile in shown if filters is None or filters.matches(profile)]


def is_listed(member: Member, now: datetime | None = None) -> bool:
    try:
        listed_member(str(member.public_id), now)
    except NotListed:
        return False
    return True


def listed_member(public_id: str, now: datetime | None = None) -> tuple[Member, VisibleProfile]:
    """The listed member with this public id and their visible profile, else NotListed."""
    now = now or timezone.now()
    member = (
        Member.objects.filter(
            public_id=public_id, paused_at__isnull=True, consent_given_at__gt=now - CONSENT_LASTS
        )
        .select_related("learner")
        .first()
    )
    if member is None:
        raise NotListed(public_id)
    profile = visible_profile(
        member, accreditations_of([member.learner], now).get(member.learner_id, [])
    )
    if not profile.valid_accreditations:
        raise NotListed(public_id)
    return member, profile


@transaction.atomic
def view_profile(
    organisation: Organisation, public_id: str, now: datetime | None = None
) -> tuple[Member, VisibleProfile]:
    """An organisation opens a leader's profile: the look is recorded for the leader."""
    now = now or timezone.now()
    member, profile = listed_member(public_id, now)
    ProfileView.objects.create(member=member, organisation=organisation, viewed_at=now)
    return member, profile


def filter_choices(profiles: list[VisibleProfile]) -> dict[str, list[str]]:
    """The tags and languages leaders chose to show, for the filter form's lists."""
    tags: set[str] = set()
    languages: set[str] = set()
    for profile in profiles:
        tags.update(profile.fields.get("lived_experience", []))
        tags.update(profile.fields.get("topics", []))
        languages.update(profile.fields.get("languages", []))
    return {
        "tags": sorted(tags, key=str.lower),
        "languages": sorted(languages, key=str.lower),
    }
