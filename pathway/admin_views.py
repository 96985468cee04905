"""Wagtail admin views for assessors: the review queue, one application's review, and the
suspension and reinstatement of accreditations. Each calls one function of
:mod:`pathway.reviewing`, which records the decision in the audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from badges.public import credential_status
from pathway import referees, reviewing
from pathway.models import Application, AuditEntry, Decision
from pathway.reviewing import ReviewRefused


def _require_assessor(request: HttpRequest) -> None:
    if not reviewing.may_review(request.user):
        raise PermissionDenied("Only assessors can review accreditation applications.")


def queue(request: HttpRequest) -> HttpResponse:
    """Submitted applications, oldest first, with how far each has got."""
    _require_assessor(request)
    rows = []
    for application in reviewing.review_queue():
        reviews = list(application.reviews.filter(round=application.round))
        rows.append(
            {
                "application": application,
                "accepted": sum(r.decision == Decision.ACCEPT for r in reviews),
                "mine": any(r.assessor_id == request.user.pk for r in reviews),
                "referee": referees.latest_answer(application),
            }
        )
    return TemplateResponse(request, "pathway/admin/queue.html", {"rows": rows})


def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence beside the rubric, the referee's answers, earlier decisions, the audit
    trail, and the decision form."""
    _require_assessor(request)
    application = get_object_or_404(
        Application.objects.select_related("learner", "requirement__achievement"), pk=pk
    )
    error, field = "", ""
    decision = str(request.POST.get("decision", ""))
    feedback = str(request.POST.get("feedback", ""))
    status = 200
    if request.method == "POST":
        try:
            outcome = reviewing.decide(application, request.user, decision, feedback)
        except ReviewRefused as refusal:
            error = str(refusal)
            field = "feedback" if "feedback" in error.lower() else "decision-accept"
            status = 400
        else:
            messages.success(
                request,
                f"Your decision is recorded. The application is now: "
                f"{outcome.status.replace('_', ' ')}.",
            )
            return redirect("pathway_admin:queue")
    answer = referees.latest_answer(application)
    questions = list(application.requirement.referee_questions.all())
    context = {
        "application": application,
        "criteria": [
            (criterion, application.statements.get(str(criterion.pk), ""))
            for criterion in application.requirement.criteria.all()
        ],
        "renewal_statement": application.statements.get("renewal", ""),
        "reflections": application.reflections.select_related("lesson"),
        "referee": answer,
        "referee_answers": [
            (question.text, (answer.answers if answer else {}).get(str(question.pk), ""))
            for question in questions
        ],
        "reviews": application.reviews.select_related("assessor"),
        "audit": application.audit.all(),
        "decisions": Decision.choices,
        "decision": decision,
        "feedback": feedback,
        "error": error,
        "error_field": field,
        "open": application.status == "submitted",
    }
    return TemplateResponse(request, "pathway/admin/review.html", context, status=status)


def accreditations(request: HttpRequest) -> HttpResponse:
    """Current accreditation credentials, with their live status."""
    _require_assessor(request)
    now = timezone.now()
    rows = [
        (credential, credential_status(credential, now))
        for credential in reviewing.accreditation_credentials()[:500]
    ]
    return TemplateResponse(request, "pathway/admin/accreditations.html", {"rows": rows})


def standing(request: HttpRequest, pk: int) -> HttpResponse:
    """Suspend or reinstate one accreditation, with the reason; its audit trail."""
    _require_assessor(request)
    credential = get_object_or_404(reviewing.accreditation_credentials(), pk=pk)
    reason = str(request.POST.get("reason", ""))
    error = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "suspend":
                if not reason.strip():
                    raise ReviewRefused("Give the reason for suspending.")
                reviewing.suspend_accreditation(credential, request.user, reason)
            elif action == "reinstate":
                reviewing.reinstate_accreditation(credential, request.user, reason)
            else:
                raise ReviewRefused("Choose to suspend or to reinstate.")
        except ReviewRefused as refusal:
            error, status = str(refusal), 400
        else:
            done = "suspended" if action == "suspend" else "reinstated"
            messages.success(request, f"The accreditation is {done}.")
            return redirect("pathway_admin:standing", pk=credential.pk)
    context = {
        "credential": credential,
        "status": credential_status(credential, timezone.now()),
        "audit": AuditEntry.objects.filter(credential=credential),
        "reason": reason,
        "error": error,
    }
    return TemplateResponse(request, "pathway/admin/standing.html", context, status=status)
