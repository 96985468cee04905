"""The leader's pool pages inside the LMS frame, under the launch session's token.

Like the discussion's framed pages they use ``lti_tool.framed.framed``: the token in the URL
says who the learner is (no cookie, no CSRF cookie; cross-origin posts are refused). Forms
work without JavaScript; a refused form comes back with its values and the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from badges.public import accreditations_for
from lti_tool.framed import FramedRequest, framed
from pool import directory, involvement, membership
from pool.consent import FIELDS, visible_profile
from pool.forms import AnswerForm, ProfileForm
from pool.models import Member, ProfileView, RequestStatus

if TYPE_CHECKING:
    from lti_tool.models import LaunchSession
else:
    LaunchSession = Any

NOTICES = {
    "joined": "You have joined the pool. Organisations can now find you.",
    "saved": "Your profile and choices are saved.",
    "paused": "Your profile is paused: organisations cannot find you until you resume.",
    "resumed": "Your profile is shown to organisations again.",
    "renewed": "Thank you. Your choices are renewed for another year.",
    "accepted": "You accepted the request. The organisation now has your email address.",
    "declined": "You declined the request. The organisation has been told.",
}
RECENT_VIEWS = 50


def pool_link(request: FramedRequest, session: LaunchSession) -> tuple[str, str] | None:
    """The "Peer leader pool" link in the framed pages' navigation (registered with the tool):
    learners and mentors see it; the pool's home says who may join."""
    if session.is_staff:
        return None
    return "Peer leader pool", _url(session, "home")


def _url(session: LaunchSession, name: str, **kwargs: Any) -> str:
    return reverse(f"pool-framed:{name}", kwargs={"token": session.token, **kwargs})


def _home(session: LaunchSession, notice: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{_url(session, 'home')}?notice={notice}")


def _refused(
    request: FramedRequest,
    session: LaunchSession,
    message: str,
    heading: str = "You cannot join the pool yet",
) -> HttpResponse:
    return render(
        request,
        "pool/framed/refused.html",
        {
            "session": session,
            "message": message,
            "heading": heading,
            "badges_url": _badges_url(session),
        },
        status=403,
    )


def _badges_url(session: LaunchSession) -> str:
    return reverse("lti:my_badges", kwargs={"token": session.token})


def _member(request: FramedRequest) -> Member:
    member = membership.member_of(request.learner)
    if member is None:
        raise Http404("You are not in the pool.")
    return member


@framed
def home(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """The leader's pool: status, what organisations see, requests, who looked."""
    now = timezone.now()
    member = membership.member_of(request.learner)
    accreditations = accreditations_for(request.learner, now)
    if member is None:
        if not any(each.status == "valid" for each in accreditations):
            return _refused(request, session, membership.NOT_ACCREDITED)
        return render(
            request,
            "pool/framed/join.html",
            {"session": session, "profile_url": _url(session, "profile")},
        )
    requests = involvement.requests_for(member)
    context = {
        "session": session,
        "member": member,
        "notice": NOTICES.get(request.GET.get("notice", ""), ""),
        "shown": visible_profile(member, accreditations),
        "accreditations": accreditations,
        "listed": directory.is_listed(member, now),
        "has_valid": any(each.status == "valid" for each in accreditations),
        "consent_due": membership.consent_due(member),
        "renewal_open": member.consent_reminded_at is not None
        or membership.consent_due(member) - now <= membership.REMIND_BEFORE,
        "waiting": [r for r in requests if r.status == RequestStatus.PENDING],
        "answered": [r for r in requests if r.status != RequestStatus.PENDING],
        "views": ProfileView.objects.filter(member=member)
        .select_related("organisation")
        .order_by("-viewed_at")[:RECENT_VIEWS],
        "view_count": ProfileView.objects.filter(member=member).count(),
        "urls": {
            name: _url(session, name) for name in ("profile", "pause", "resume", "renew", "leave")
        },
        "badges_url": _badges_url(session),
    }
    return render(request, "pool/framed/home.html", context)


@framed
def profile(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """Join the pool, or change the profile and what organisations see."""
    member = membership.member_of(request.learner)
    if member is None and not membership.may_join(request.learner):
        return _refused(request, session, membership.NOT_ACCREDITED)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                membership.join_or_update(
                    request.learner, form.profile_values(), form.cleaned_data["shown"]
                )
            except membership.PoolError as error:
                if member is not None:
                    heading = "You cannot change your profile now"
                    return _refused(request, session, str(error), heading)
                return _refused(request, session, str(error))
            return _home(session, "saved" if member else "joined")
    elif member is not None:
        initial = {name: getattr(member, name) for name in FIELDS}
        form = ProfileForm(
            initial={**initial, "contact_email": member.contact_email, "shown": member.shown_fields}
        )
    else:
        form = ProfileForm(
            initial={"display_name": request.learner.display_name, "shown": ["display_name"]}
        )
    return render(
        request,
        "pool/framed/profile.html",
        {
            "session": session,
            "form": form,
            "member": member,
            "home_url": _url(session, "home"),
            "field_labels": FIELDS,
        },
        status=400 if form.errors else 200,
    )


@framed
@require_POST
def pause(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    membership.pause(_member(request))
    return _home(session, "paused")


@framed
@require_POST
def resume(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    membership.resume(_member(request))
    return _home(session, "resumed")


@framed
@require_POST
def renew(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    membership.renew_consent(_member(request))
    return _home(session, "renewed")


@framed
def leave(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """Ask once, then remove the leader from the pool at once."""
    member = membership.member_of(request.learner)
    if request.method == "POST":
        if member is not None:
            membership.leave(member)
        return render(request, "pool/framed/left.html", {"session": session})
    if member is None:
        raise Http404("You are not in the pool.")
    return render(
        request,
        "pool/framed/leave.html",
        {
            "session": session,
            "home_url": _url(session, "home"),
            "leave_url": _url(session, "leave"),
        },
    )


@framed
def answer(request: FramedRequest, session: LaunchSession, request_id: int) -> HttpResponse:
    """A request to the leader: read it, then accept or decline it (once)."""
    member = _member(request)
    involvement_request = involvement.request_for_leader(member, request_id)
    if involvement_request is None:
        raise Http404("There is no such request for you.")
    form = AnswerForm(request.POST if request.method == "POST" else None)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            involvement.answer(
                member, request_id, accept, form.cleaned_data.get("contact_email", "")
            )
        except involvement.RequestError as refusal:
            error = str(refusal)
            status = 409 if error == involvement.ALREADY_ANSWERED else 400
            involvement_request.refresh_from_db()
        else:
            return _home(session, "accepted" if accept else "declined")
    elif form.errors:
        status = 400
    return render(
        request,
        "pool/framed/request.html",
        {
            "session": session,
            "form": form,
            "error": error,
            "item": involvement_request,
            "contact": involvement.organisation_contact(involvement_request),
            "home_url": _url(session, "home"),
        },
        status=status,
    )
