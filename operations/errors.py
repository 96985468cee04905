"""What each error page says, for the public site and for pages framed inside an LMS.

The wording is plain and says what the person can do next. Framed pages (``/lti/...``) sit in
an LMS iframe, where the site's header and navigation do not belong; their way back is the
course itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

FRAMED_PREFIX = "/lti/"


@dataclass(frozen=True)
class ErrorPage:
    """The words of one error page."""

    status: int
    title: str
    explanation: str
    framed_explanation: str


ERROR_PAGES = {
    400: ErrorPage(
        400,
        "Sorry, we could not understand that request",
        "Something in the request your browser sent was not right. Go back and try again, or "
        "start again from the home page.",
        "Something in the request your browser sent was not right. Go back to your course and "
        "open the link again.",
    ),
    403: ErrorPage(
        403,
        "You cannot open this page",
        "You do not have permission to see this page, or the form you sent had expired. If "
        "you think you should be able to, sign in again or contact the site's team.",
        "You do not have permission to see this page, or your session with it has ended. Go "
        "back to your course and open the link again: your progress is saved.",
    ),
    404: ErrorPage(
        404,
        "Page not found",
        "If you typed the web address, check it is correct. If you pasted it, check you "
        "copied the entire address. The page may also have been moved or removed.",
        "This page could not be found. It may have been moved or removed. Go back to your "
        "course and open the link again; if it keeps happening, tell your course tutor.",
    ),
    405: ErrorPage(
        405,
        "This page cannot be opened this way",
        "This address only works as part of a form or another step on the site. Go back and "
        "use the link or button that led here.",
        "This address only works when your course opens it. Go back to your course and open "
        "the link from there.",
    ),
    500: ErrorPage(
        500,
        "Sorry, there is a problem with the service",
        "Something went wrong on our side. Please try again in a few minutes. Anything you "
        "saved before this happened is safe.",
        "Something went wrong on our side. Please try again in a few minutes, or go back to "
        "your course and open the link again. Your saved progress is safe.",
    ),
}


def is_framed(request: HttpRequest | None) -> bool:
    """Whether a request is for a page that lives inside an LMS frame."""
    return request is not None and request.path.startswith(FRAMED_PREFIX)
