"""The site's URLs plus views that fail, to reach the error handlers from a real request."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("not for you")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("odd request")


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def accept_form(request: HttpRequest) -> HttpResponse:
    return HttpResponse("accepted")


failing = [
    path("lti/failing/form/", accept_form),
    path("failing/refuse/", refuse),
    path("failing/suspicious/", suspicious),
    path("failing/crash/", crash),
    path("lti/failing/refuse/", refuse),
    path("lti/failing/suspicious/", suspicious),
    path("lti/failing/crash/", crash),
]
urlpatterns = failing + urlpatterns
