"""What organisations may see of a leader: only the fields the leader chose, read here alone.

Every page, email and API answer that shows a leader to an organisation builds it with
:func:`visible_profile`. A field the leader did not tick is not in the result at all, so no
template or serializer can show it by mistake; searching filters the same result, so a filter
cannot reveal a hidden field either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from badges.public import BadgeSummary
from pool.models import Member, Payment, Region, Way

#: The profile fields a leader may show, in the order pages show them, with their labels.
FIELDS: dict[str, str] = {
    "display_name": "Name",
    "profile": "About me",
    "lived_experience": "Lived experience",
    "topics": "Topics",
    "languages": "Languages",
    "region": "Region",
    "ways": "How I like to take part",
    "access_needs": "Access needs",
    "availability": "Availability",
    "payment": "Payment preference",
}
LIST_FIELDS = ("lived_experience", "topics", "languages", "ways")
HIDDEN_NAME = "Peer leader (name not shared)"


@dataclass(frozen=True)
class VisibleProfile:
    """A leader as organisations see them: the consented fields and live accreditations."""

    public_id: str
    fields: dict[str, Any]  # only consented fields, by name (lists for LIST_FIELDS)
    accreditations: list[BadgeSummary] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.fields.get("display_name") or HIDDEN_NAME)

    def rows(self) -> list[tuple[str, str]]:
        """(label, text) of each shown field, in order, for pages and emails."""
        return [
            (label, display_value(name, self.fields[name]))
            for name, label in FIELDS.items()
            if name in self.fields and name != "display_name"
        ]

    @property
    def valid_accreditations(self) -> list[BadgeSummary]:
        return [each for each in self.accreditations if each.status == "valid"]


def display_value(name: str, value: Any) -> str:
    """A field's value as words."""
    if name == "region":
        return str(Region(value).label) if value in Region.values else str(value)
    if name == "payment":
        return str(Payment(value).label) if value in Payment.values else str(value)
    if name == "ways":
        return ", ".join(str(Way(each).label) for each in value if each in Way.values)
    if name in LIST_FIELDS:
        return ", ".join(value)
    return str(value)


def visible_profile(
    member: Member, accreditations: list[BadgeSummary] | None = None
) -> VisibleProfile:
    """The one place that reads a leader's profile for organisations: consented fields only.

    An empty field is left out even when ticked (nothing to show).
    """
    shown = set(member.shown_fields or [])
    fields: dict[str, Any] = {}
    for name in FIELDS:
        if name not in shown:
            continue
        value = getattr(member, name)
        if value in ("", None, []):
            continue
        fields[name] = list(value) if name in LIST_FIELDS else value
    return VisibleProfile(
        public_id=str(member.public_id), fields=fields, accreditations=accreditations or []
    )
