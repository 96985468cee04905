"""Models of the accreditation pathway: requirements, applications, referees, reviews."""

from .application import OPEN_STATUSES, Application, ApplicationKind, ApplicationStatus
from .requirement import Criterion, RefereeQuestion, Requirement
from .review import AuditEntry, Decision, RefereeRequest, Review

__all__ = [
    "OPEN_STATUSES",
    "Application",
    "ApplicationKind",
    "ApplicationStatus",
    "AuditEntry",
    "Criterion",
    "Decision",
    "RefereeQuestion",
    "RefereeRequest",
    "Requirement",
    "Review",
]
