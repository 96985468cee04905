"""Pathway pages: thin views over :mod:`pathway.applications` and :mod:`pathway.referees`.

The applicant's pages run inside the LMS frame under the launch session's token
(``lti_tool.framed.framed``): no cookie, cross-origin posts refused. The referee's page is on
the public site and needs no account: its one-time token is the credential.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from badges.public import accreditations_for
from hub.models import Reflection
from lti_tool.framed import FramedRequest, framed
from lti_tool.models import LaunchSession
from pathway import applications, referees
from pathway.applications import ApplicationRefused, Draft
from pathway.eligibility import eligibility
from pathway.models import OPEN_STATUSES, Application, ApplicationKind, Requirement

NOTICES = {
    "saved": "Your draft is saved. You can come back to it at any time.",
    "submitted": "Your application is submitted. We have emailed your referee; assessors "
    "will review it and their feedback will appear here.",
}


def _urls(session: LaunchSession) -> dict[str, str]:
    return {
        "home_url": reverse("pathway:home", kwargs={"token": session.token}),
        "back_url": reverse("lti:resume", kwargs={"token": session.token}),
        "my_badges_url": reverse("lti:my_badges", kwargs={"token": session.token}),
    }


def _application_url(session: LaunchSession, application: Application, notice: str = "") -> str:
    url = reverse(
        "pathway:application", kwargs={"token": session.token, "public_id": application.public_id}
    )
    return f"{url}?notice={notice}#pathway-notice" if notice else url


@framed
def home(request: FramedRequest, session: LaunchSession) -> HttpResponse:
    """Each accreditation: what it asks, whether the learner can apply, and where they are."""
    learner = request.learner
    held = {badge.share_url: badge for badge in accreditations_for(learner)}
    now = timezone.now()
    rows = []
    for requirement in Requirement.objects.select_related("achievement").prefetch_related(
        "required_steps", "criteria"
    ):
        credential = applications.current_credential(learner, requirement)
        opens = None
        if credential is not None and not credential.is_revoked:
            opens = applications.renewal_opens(credential, requirement)
        rows.append(
            {
                "requirement": requirement,
                "eligibility": eligibility(learner, requirement),
                "open": applications.open_application(learner, requirement),
                "held": held.get(credential.url()) if credential else None,
                "renewal_open": opens is not None and opens <= now,
                "renewal_opens": opens,
                "past": Application.objects.filter(learner=learner, requirement=requirement)
                .exclude(status__in=OPEN_STATUSES)
                .order_by("-decided_at")[:3],
            }
        )
    context = {"session": session, "rows": rows, **_urls(session)}
    return render(request, "pathway/home.html", context)


def _requirement(requirement_id: int) -> Requirement:
    found = Requirement.objects.select_related("achievement").filter(pk=requirement_id).first()
    if found is None:
        raise Http404("There is no such accreditation.")
    return found


def _refused(request: FramedRequest, session: LaunchSession, message: str) -> HttpResponse:
    return render(
        request,
        "pathway/refused.html",
        {"session": session, "message": message, **_urls(session)},
        status=403,
    )


@framed
def start(request: FramedRequest, session: LaunchSession, requirement_id: int) -> HttpResponse:
    """Open (or return to) the learner's application; refused with the reason when not
    eligible."""
    if request.method != "POST":
        return HttpResponseRedirect(_urls(session)["home_url"])
    requirement = _requirement(requirement_id)
    try:
        application = applications.start_application(request.learner, requirement)
    except ApplicationRefused as error:
        return _refused(request, session, str(error))
    return HttpResponseRedirect(_application_url(session, application))


@framed
def renew(request: FramedRequest, session: LaunchSession, requirement_id: int) -> HttpResponse:
    """Open (or return to) the learner's renewal of an accreditation they hold."""
    if request.method != "POST":
        return HttpResponseRedirect(_urls(session)["home_url"])
    requirement = _requirement(requirement_id)
    try:
        application = applications.start_renewal(request.learner, requirement)
    except ApplicationRefused as error:
        return _refused(request, session, str(error))
    return HttpResponseRedirect(_application_url(session, application))


def _draft_from(post: Any, rows: int) -> Draft:
    statements = {
        key.removeprefix("statement-"): str(value)
        for key, value in post.items()
        if key.startswith("statement-")
    }
    log = [
        {
            "date": str(post.get(f"log-date-{n}", "")).strip(),
            "activity": str(post.get(f"log-activity-{n}", "")).strip(),
        }
        for n in range(1, rows + 1)
    ]
    reflection_ids = [int(value) for value in post.getlist("reflection") if value.isdigit()]
    return Draft(
        statements=statements,
        practice_log=log,
        reflection_ids=reflection_ids,
        referee_name=str(post.get("referee-name", "")).strip(),
        referee_email=str(post.get("referee-email", "")).strip(),
    )


def _rows_posted(post: Any) -> int:
    try:
        return max(0, min(int(post.get("log-rows", "0")), applications.MAX_LOG_ROWS))
    except ValueError:
        return 0


@framed
def application(request: FramedRequest, session: LaunchSession, public_id: UUID) -> HttpResponse:
    """The application form while it is the applicant's to change; otherwise its status and
    the assessors' feedback."""
    found = (
        Application.objects.select_related("requirement__achievement", "credential")
        .filter(public_id=public_id, learner=request.learner)
        .first()
    )
    if found is None:
        raise Http404("There is no such application of yours.")
    problems: list[applications.Problem] = []
    status = 200
    focus = ""
    if request.method == "POST":
        if not found.editable:
            return _refused(
                request, session, "This application has been submitted and cannot be changed."
            )
        draft = _draft_from(request.POST, _rows_posted(request.POST))
        action = request.POST.get("action", "save")
        if action == "add-row":
            draft.practice_log.append({"date": "", "activity": ""})
            focus = str(len(draft.practice_log))  # the new entry's number
        elif action.startswith("remove-row-"):
            index = action.removeprefix("remove-row-")
            if index.isdigit() and 1 <= int(index) <= len(draft.practice_log):
                del draft.practice_log[int(index) - 1]
            focus = "add"
        try:
            applications.save_draft(found, draft)
        except ApplicationRefused as error:
            return _refused(request, session, str(error))
        if action == "submit":
            problems = applications.submit(found)
            if not problems:
                return HttpResponseRedirect(_application_url(session, found, "submitted"))
            status = 400
        elif action == "save":
            return HttpResponseRedirect(_application_url(session, found, "saved"))
    context = {
        "session": session,
        "application": found,
        "requirement": found.requirement,
        "criteria": list(found.requirement.criteria.all()),
        "renewal": found.kind == ApplicationKind.RENEWAL,
        "reflections": Reflection.objects.filter(learner=request.learner)
        .select_related("lesson")
        .order_by("-updated_at"),
        "chosen": set(found.reflections.values_list("pk", flat=True)),
        "log": found.practice_log,
        "problems": problems,
        "errors": {problem.field_id: problem.message for problem in problems},
        "notice": NOTICES.get(request.GET.get("notice", ""), ""),
        "focus": focus,
        "reviews": found.reviews.order_by("created_at"),
        "action_url": _application_url(session, found),
        **_urls(session),
    }
    return render(request, "pathway/application.html", context, status=status)


@never_cache
def referee(request: HttpRequest) -> HttpResponse:
    """The referee's questions, through their one-time link (the token is in the query on
    the way in and in the form's body on the way back; never in a URL after that)."""
    token = str(request.POST.get("token") or request.GET.get("token") or "")
    try:
        found = referees.find_request(token)
    except referees.RefereeLinkError as error:
        return render(request, "pathway/referee_closed.html", {"message": str(error)}, status=410)
    questions = list(found.application.requirement.referee_questions.all())
    answers = {str(q.pk): str(request.POST.get(f"answer-{q.pk}", "")) for q in questions}
    confirms_value = str(request.POST.get("confirms", ""))
    errors: dict[str, str] = {}
    if request.method == "POST":
        for question in questions:
            if not answers[str(question.pk)].strip():
                errors[f"answer-{question.pk}"] = f"Answer the question: {question.text}"
        if confirms_value not in ("yes", "no"):
            errors["confirms-yes"] = "Say whether you confirm the practice described."
        if not errors:
            try:
                referees.answer(token, answers, confirms_value == "yes")
            except referees.RefereeLinkError as error:
                return render(
                    request, "pathway/referee_closed.html", {"message": str(error)}, status=410
                )
            return HttpResponseRedirect(reverse("pathway:referee-thanks"))
    context = {
        "token": token,
        "application": found.application,
        "achievement": found.application.requirement.achievement,
        "questions": [(q, answers[str(q.pk)]) for q in questions],
        "confirms": confirms_value,
        "errors": errors,
        "practice_log": found.application.practice_log,
    }
    return render(request, "pathway/referee.html", context, status=400 if errors else 200)


def referee_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pathway/referee_closed.html", {"message": referees.USED, "thanks": True}
    )
