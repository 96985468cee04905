"""Thin views: parse the request, call one domain function (:mod:`hub.lesson_actions`, search),
render."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from hub.lesson_actions import apply_lesson_action
from hub.models.snippets import GlossaryTerm

if TYPE_CHECKING:
    from hub.models.pages import LessonPage


def handle_lesson_post(request: HttpRequest, lesson: LessonPage) -> HttpResponse:
    """The public site's lesson POST: answers in place, other actions post/redirect/get."""
    result = apply_lesson_action(request, lesson)
    if result.ok and result.redirect:
        messages.success(request, result.message)
        return HttpResponseRedirect(request.get_full_path())
    context = lesson.get_context(request, feedback=result.feedback)
    if not result.ok:
        context["error_message"] = result.message
    elif result.message:
        messages.success(request, result.message)
    return TemplateResponse(request, lesson.get_template(request), context, status=result.status)


def search(request: HttpRequest) -> HttpResponse:
    """Site search over live pages and glossary terms (Wagtail's search backend)."""
    query = request.GET.get("q", "").strip()[:200]
    pages = Page.objects.none()
    terms: list[GlossaryTerm] = []
    if query:
        pages = Page.objects.live().public().specific().search(query)
        terms = list(get_search_backend().search(query, GlossaryTerm)[:10])
    paginator = Paginator(pages, 10)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "hub/search.html",
        {"query": query, "results": page_obj, "terms": terms},
    )
