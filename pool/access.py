"""Who may use the organisations' side of the pool, and what others are told instead.

The same answers for pages and the API: not signed in (sign in), signed in without an
organisation (staff and other accounts: the pool is for organisations), waiting for
approval, declined, approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pool.models import Organisation, OrganisationStatus
from pool.organisations import organisation_for

NOT_SIGNED_IN = "Sign in as an approved organisation to use the pool of peer leaders."
NO_ORGANISATION = (
    "The pool of peer leaders is for approved organisations. This account does not belong to "
    "an organisation: staff manage organisations in the admin, and cannot browse the pool."
)
WAITING = (
    "Your organisation's account is waiting for approval. We will email you when an "
    "administrator has looked at it; until then you cannot see the pool."
)
DECLINED = (
    "Your organisation's account was not approved, so you cannot see the pool. Reply to the "
    "email we sent you if you think this is a mistake."
)


@dataclass(frozen=True)
class Access:
    """The outcome of the check: the organisation if approved, else why not."""

    organisation: Organisation | None
    refusal: str = ""
    signed_in: bool = True

    @property
    def allowed(self) -> bool:
        return self.organisation is not None and not self.refusal


def organisation_access(user: Any) -> Access:
    if user is None or not getattr(user, "is_authenticated", False):
        return Access(None, NOT_SIGNED_IN, signed_in=False)
    organisation = organisation_for(user)
    if organisation is None:
        return Access(None, NO_ORGANISATION)
    if organisation.status == OrganisationStatus.PENDING:
        return Access(organisation, WAITING)
    if organisation.status == OrganisationStatus.DECLINED:
        return Access(organisation, DECLINED)
    return Access(organisation)
