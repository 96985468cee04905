"""The pool's models: members (leaders), organisations, requests and profile views."""

from .involvement import InvolvementRequest, ProfileView, RequestStatus
from .member import Member, PauseReason, Payment, Region, Way
from .organisation import Organisation, OrganisationKind, OrganisationStatus

__all__ = [
    "InvolvementRequest",
    "Member",
    "Organisation",
    "OrganisationKind",
    "OrganisationStatus",
    "PauseReason",
    "Payment",
    "ProfileView",
    "Region",
    "RequestStatus",
    "Way",
]
