"""The organisations' pages on the hub: register, sign in, search, profile, request.

Thin views over :mod:`pool.organisations`, :mod:`pool.directory` and :mod:`pool.involvement`.
Every page that shows a leader builds it from :func:`pool.consent.visible_profile`.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from badges.public import accreditation_names
from pool import directory, involvement, organisations
from pool.access import organisation_access
from pool.directory import Filters, NotListed
from pool.forms import FilterForm, PoolForm, RegistrationForm, RequestForm
from pool.models import Organisation

PAGE_SIZE = 20
View = Callable[..., HttpResponse]


def approved_only(view: View) -> View:
    """Let approved organisations through; tell everyone else why not (sign in first)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        access = organisation_access(request.user)
        if not access.signed_in:
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('pool:sign-in')}?{query}")
        if not access.allowed:
            return render(
                request,
                "pool/refused.html",
                {"message": access.refusal, "organisation": access.organisation},
                status=403,
            )
        assert access.organisation is not None
        return view(request, access.organisation, *args, **kwargs)

    return wrapper


def register(request: HttpRequest) -> HttpResponse:
    """An organisation registers for an account (approved later by an administrator)."""
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisations.register(**form.cleaned_data)
        except organisations.RegistrationError as error:
            form.add_error("email", str(error))
        else:
            login(request, organisation.user, backend="django.contrib.auth.backends.ModelBackend")
            return HttpResponseRedirect(reverse("pool:directory"))
    status = 400 if form.errors else 200
    return render(request, "pool/register.html", {"form": form}, status=status)


class SignInForm(AuthenticationForm, PoolForm):
    error_messages = {
        "invalid_login": "The email address or password is not right. Check them and try again.",
        "inactive": "This account is closed.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].error_messages["required"] = "Enter your email address."
        self.fields["password"].error_messages["required"] = "Enter your password."

    def clean_username(self) -> str:
        return str(self.cleaned_data.get("username", "")).strip().lower()


class SignIn(LoginView):
    form_class = SignInForm
    template_name = "pool/sign_in.html"
    redirect_authenticated_user = False

    def get_default_redirect_url(self) -> str:
        return reverse("pool:directory")

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


sign_in = SignIn.as_view()


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You have signed out.")
    return HttpResponseRedirect(reverse("pool:sign-in"))


def home(request: HttpRequest) -> HttpResponse:
    """The directory for approved organisations; the waiting page for those not yet approved."""
    access = organisation_access(request.user)
    if access.signed_in and access.organisation is not None and not access.allowed:
        return render(
            request,
            "pool/refused.html",
            {"message": access.refusal, "organisation": access.organisation},
        )
    return directory_page(request)


@approved_only
def directory_page(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    everyone = directory.listed()
    choices = directory.filter_choices(everyone)
    form = FilterForm(
        request.GET or None, choices["tags"], choices["languages"], accreditation_names()
    )
    chosen = Filters()
    if form.is_bound:
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        chosen = Filters(**{name: data.get(name, "") or "" for name in form.fields})
    found = [profile for profile in everyone if chosen.matches(profile)]
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {name: value for name, value in request.GET.items() if name != "page" and value}
    return render(
        request,
        "pool/directory.html",
        {
            "organisation": organisation,
            "form": form,
            "page": page,
            "count": len(found),
            "filtered": any(value for value in query.values()),
            "filter_query": urlencode(query),
        },
    )


@approved_only
def profile(request: HttpRequest, organisation: Organisation, public_id: str) -> HttpResponse:
    try:
        _, shown = directory.view_profile(organisation, str(public_id))
    except NotListed:
        raise Http404("This leader is not in the pool.") from None
    return render(request, "pool/profile.html", {"organisation": organisation, "leader": shown})


@approved_only
def request_form(request: HttpRequest, organisation: Organisation, public_id: str) -> HttpResponse:
    try:
        _, shown = directory.listed_member(str(public_id))
    except NotListed:
        raise Http404("This leader is not in the pool.") from None
    form = RequestForm(
        request.POST if request.method == "POST" else None,
        initial={"key": secrets.token_urlsafe(24)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            involvement.send_request(
                organisation,
                str(public_id),
                form.cleaned_data,
                submission_key=form.cleaned_data.get("key", ""),
            )
        except NotListed:
            raise Http404("This leader is not in the pool.") from None
        messages.success(request, f"Your request has been sent to {shown.name}.")
        return HttpResponseRedirect(reverse("pool:requests"))
    return render(
        request,
        "pool/request_form.html",
        {"organisation": organisation, "leader": shown, "form": form},
        status=400 if form.errors else 200,
    )


@approved_only
def my_requests(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    rows = [
        {
            "request": each,
            "leader": involvement.leader_name_for_organisation(each),
            "contact": involvement.leader_contact(each),
        }
        for each in involvement.requests_of(organisation)
    ]
    return render(request, "pool/requests.html", {"organisation": organisation, "rows": rows})
