"""Organisations' accounts: registration, an administrator's decision, and who is who.

An organisation signs in with its contact's email address and password (a Django user with
no admin access). Until an administrator approves it, it sees only "waiting for approval".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from pool.mail import send_after_commit
from pool.models import Organisation, OrganisationStatus

ALREADY_REGISTERED = (
    "An organisation is already registered with this email address. Sign in instead, or use "
    "another address."
)
LOG_ACTIONS = {
    OrganisationStatus.APPROVED: ("pool.organisation.approve", "Organisation approved"),
    OrganisationStatus.DECLINED: ("pool.organisation.decline", "Organisation declined"),
    OrganisationStatus.PENDING: ("pool.organisation.reopen", "Organisation back to waiting"),
}


class RegistrationError(ValueError):
    """A registration the rules refuse (the message says why)."""


def organisation_for(user: Any) -> Organisation | None:
    """The organisation a signed-in user speaks for, if any."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Organisation.objects.filter(user=user).first()


def register(
    *,
    name: str,
    kind: str,
    contact_name: str,
    email: str,
    purpose: str,
    password: str,
    now: datetime | None = None,
) -> Organisation:
    """Create the organisation's account, waiting for an administrator's approval."""
    email = email.strip().lower()
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=email).exists():
        raise RegistrationError(ALREADY_REGISTERED)
    try:
        with transaction.atomic():
            user = user_model.objects.create_user(username=email, email=email, password=password)
            return Organisation.objects.create(
                user=user,
                name=name.strip(),
                kind=kind,
                contact_name=contact_name.strip(),
                email=email,
                purpose=purpose.strip(),
                registered_at=now or timezone.now(),
            )
    except IntegrityError:  # the same address registered at the same moment
        raise RegistrationError(ALREADY_REGISTERED) from None


DECISION_SUBJECT = {
    OrganisationStatus.APPROVED: "Your organisation can now use the pool of peer leaders",
    OrganisationStatus.DECLINED: "Your registration for the pool of peer leaders",
}
DECISION_BODY = {
    OrganisationStatus.APPROVED: (
        "Hello {contact},\n\nWe have approved {name}'s account. Sign in with this email "
        "address to search the pool of accredited peer leaders and send involvement "
        "requests.\n{note}"
    ),
    OrganisationStatus.DECLINED: (
        "Hello {contact},\n\nWe are sorry: we have not approved {name}'s account for the "
        "pool of peer leaders.\n{note}"
    ),
}


@transaction.atomic
def decide(
    organisation: Organisation,
    status: str,
    note: str,
    by: Any,
    now: datetime | None = None,
) -> Organisation:
    """An administrator approves or declines (or reopens) an organisation: recorded in the
    admin's audit log, and the organisation is told by email."""
    if status not in OrganisationStatus.values:
        raise ValueError(f"unknown organisation status {status!r}")
    changed = organisation.status != status
    organisation.status = status
    organisation.decision_note = note.strip()
    organisation.decided_at = now or timezone.now()
    organisation.decided_by = by
    organisation.save()
    action, _ = LOG_ACTIONS[OrganisationStatus(status)]
    log(instance=organisation, action=action, user=by, data={"note": organisation.decision_note})
    if changed and status in DECISION_SUBJECT:
        extra = f"\n{organisation.decision_note}\n" if organisation.decision_note else ""
        send_after_commit(
            organisation.email,
            DECISION_SUBJECT[OrganisationStatus(status)],
            DECISION_BODY[OrganisationStatus(status)].format(
                contact=organisation.contact_name, name=organisation.name, note=extra
            ),
        )
    return organisation
