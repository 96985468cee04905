"""Involvement requests: an approved organisation asks a listed leader; the leader answers.

The answer is given exactly once (a conditional update from "pending": of an accept and a
decline sent together, one wins and the other is told it was already answered). Contact
details cross only on acceptance: the leader's address is copied onto the request then, and
the organisation's contact is shown to the leader only on an accepted request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pool.consent import HIDDEN_NAME
from pool.directory import listed_member
from pool.mail import leader_email, send_after_commit
from pool.models import InvolvementRequest, Member, Organisation, RequestStatus

NOT_APPROVED = "Only approved organisations can send requests."
ALREADY_ANSWERED = "You have already answered this request."
NO_CONTACT = (
    "We do not know an email address for you. Enter the address the organisation should use "
    "to contact you."
)


class RequestError(ValueError):
    """A request or an answer the rules refuse (the message says why)."""


@dataclass(frozen=True)
class Contact:
    """Who to contact, exchanged only after acceptance."""

    name: str
    email: str


def send_request(
    organisation: Organisation,
    public_id: str,
    values: dict[str, Any],
    now: datetime | None = None,
    submission_key: str = "",
) -> InvolvementRequest:
    """An approved organisation asks a listed leader (NotListed if the leader is not).

    A form sent twice (a double click, a retried post) carries the same ``submission_key``
    and makes one request: the unique constraint decides, and the second gets the first.
    """
    if not organisation.is_approved:
        raise RequestError(NOT_APPROVED)
    now = now or timezone.now()
    key = submission_key[:64]
    with transaction.atomic():
        member, _ = listed_member(public_id, now)
        try:
            with transaction.atomic():
                request = InvolvementRequest.objects.create(
                    organisation=organisation,
                    member=member,
                    what=values["what"],
                    when=values["when"],
                    where=values["where"],
                    paid=values["paid"],
                    payment_details=values.get("payment_details", ""),
                    access_arrangements=values.get("access_arrangements", ""),
                    created_at=now,
                    submission_key=key,
                )
        except IntegrityError:
            if not key:
                raise
            return InvolvementRequest.objects.get(organisation=organisation, submission_key=key)
        send_after_commit(
            leader_email(member.learner, member.contact_email),
            f"{organisation.name} would like you to take part",
            (
                f"Hello {member.display_name},\n\n{organisation.name} has sent you an "
                "involvement request through the pool of peer leaders:\n\n"
                f"{request.what}\n\nOpen the pool from your course (“Peer leader pool” at "
                "the top of any programme page) to read it and accept or decline. "
                "Their contact details are shared with you, and yours with them, only if "
                "you accept.\n"
            ),
        )
    return request


def requests_for(member: Member) -> list[InvolvementRequest]:
    return list(member.requests.select_related("organisation").order_by("-created_at", "-pk"))


def request_for_leader(member: Member, request_id: int) -> InvolvementRequest | None:
    return member.requests.select_related("organisation").filter(pk=request_id).first()


def answer(
    member: Member,
    request_id: int,
    accept: bool,
    contact_email: str = "",
    now: datetime | None = None,
) -> InvolvementRequest:
    """The leader accepts or declines, exactly once (RequestError if already answered)."""
    now = now or timezone.now()
    email = ""
    if accept:
        email = contact_email.strip() or leader_email(member.learner, member.contact_email)
        if not email:
            raise RequestError(NO_CONTACT)
    with transaction.atomic():
        answered = InvolvementRequest.objects.filter(
            pk=request_id, member=member, status=RequestStatus.PENDING
        ).update(
            status=RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED,
            answered_at=now,
            leader_contact_email=email,
        )
        if not answered:
            raise RequestError(ALREADY_ANSWERED)
        request = InvolvementRequest.objects.select_related("organisation").get(pk=request_id)
        organisation = request.organisation
        if accept:
            name = leader_name_for_organisation(request)
            send_after_commit(
                organisation.email,
                f"{name} accepted your request",
                (
                    f"Hello {organisation.contact_name},\n\n{name} has "
                    f"accepted your request:\n\n{request.what}\n\nYou can contact them at "
                    f"{email}.\n"
                ),
            )
            send_after_commit(
                email,
                f"You accepted {organisation.name}'s request",
                (
                    f"Hello {member.display_name},\n\nYou accepted {organisation.name}'s "
                    f"request. Their contact is {organisation.contact_name}, "
                    f"{organisation.email}. We have given them your address, {email}.\n"
                ),
            )
        else:
            send_after_commit(
                organisation.email,
                "A peer leader declined your request",
                (
                    f"Hello {organisation.contact_name},\n\nThe peer leader you asked has "
                    f"declined your request:\n\n{request.what}\n\nYou can search the pool "
                    "for other leaders.\n"
                ),
            )
    return request


def leader_contact(request: InvolvementRequest) -> Contact | None:
    """The leader's contact for the organisation: only on an accepted request."""
    if request.status != RequestStatus.ACCEPTED or not request.leader_contact_email:
        return None
    return Contact(name=leader_name_for_organisation(request), email=request.leader_contact_email)


def organisation_contact(request: InvolvementRequest) -> Contact | None:
    """The organisation's contact for the leader: only on an accepted request."""
    if request.status != RequestStatus.ACCEPTED:
        return None
    return Contact(name=request.organisation.contact_name, email=request.organisation.email)


def requests_of(organisation: Organisation) -> list[InvolvementRequest]:
    return list(organisation.requests.select_related("member").order_by("-created_at", "-pk"))


def leader_name_for_organisation(request: InvolvementRequest) -> str:
    """How the organisation's list names the leader: their shown name, if they show it."""
    member = request.member
    if member is None:
        return "A leader who has left the pool"
    return member.display_name if "display_name" in (member.shown_fields or []) else HIDDEN_NAME
