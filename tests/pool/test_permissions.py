"""Who may do what: the leader, another learner, organisations (waiting, approved, another),
the public and staff, on the pages, the framed pages and the API. Every refusal says why and
changes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pool.access import DECLINED, NO_ORGANISATION, WAITING
from pool.membership import NOT_ACCREDITED
from pool.models import InvolvementRequest, Member, OrganisationStatus, ProfileView
from tests.support.pool import (
    PASSWORD,
    REQUEST,
    accredited,
    join,
    learner_with_email,
    organisation,
    text,
    token_for,
)

pytestmark = pytest.mark.django_db


def signed_in(org) -> Client:
    client = Client()
    assert client.login(username=org.user.username, password=PASSWORD)
    return client


@pytest.fixture
def member():
    return join(accredited("Ada Quill"))


def org_urls(member) -> list[str]:
    return [
        f"/pool/leaders/{member.public_id}/",
        f"/pool/leaders/{member.public_id}/request/",
        "/pool/requests/",
    ]


def api_urls(member) -> list[str]:
    return [
        "/api/pool/leaders/",
        f"/api/pool/leaders/{member.public_id}/",
        "/api/pool/requests/",
    ]


def test_the_public_is_sent_to_sign_in_and_the_api_answers_401(client, member):
    for url in ["/pool/", *org_urls(member)]:
        answer = client.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith(
            "/pool/organisations/sign-in/?next="
        ), url
    for url in api_urls(member):
        answer = client.get(url)
        assert answer.status_code == 401, url
        assert answer["WWW-Authenticate"] == 'Session realm="pool"'
    assert client.post("/api/pool/requests/", {}).status_code == 401
    assert ProfileView.objects.count() == 0 and InvolvementRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("status", "message"),
    [(OrganisationStatus.PENDING, WAITING), (OrganisationStatus.DECLINED, DECLINED)],
)
def test_an_organisation_not_approved_sees_only_why(status, message, member):
    org = organisation(name="Waiting Group", email="w@wait.example.org", status=status)
    client = signed_in(org)

    home = client.get("/pool/")
    assert home.status_code == 200 and message in text(home)
    assert "Ada Quill" not in text(home)
    for url in org_urls(member):
        answer = client.get(url)
        assert answer.status_code == 403 and message in text(answer), url
    refused = client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    assert refused.status_code == 403
    for url in api_urls(member):
        answer = client.get(url)
        assert answer.status_code == 403 and answer.json()["detail"] == message, url
    assert ProfileView.objects.count() == 0 and InvolvementRequest.objects.count() == 0


def test_staff_without_an_organisation_cannot_browse_the_pool(member):
    staff = get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client = Client()
    client.force_login(staff)
    for url in ["/pool/", *org_urls(member)]:
        answer = client.get(url)
        assert answer.status_code == 403 and NO_ORGANISATION in text(answer), url
    assert client.get("/api/pool/leaders/").status_code == 403
    assert ProfileView.objects.count() == 0


def test_an_approved_organisation_searches_views_and_requests(trust, trust_client, member):
    assert "Ada Quill" in text(trust_client.get("/pool/"))
    assert trust_client.get(f"/pool/leaders/{member.public_id}/").status_code == 200
    sent = trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    assert sent.status_code == 302 and sent["Location"] == "/pool/requests/"
    assert InvolvementRequest.objects.get().organisation == trust


def test_another_organisation_sees_only_its_own_requests(trust_client, member):
    trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    other = signed_in(organisation(name="Other Trust", email="o@other.example.org"))

    assert "Sit on our interview panel" not in text(other.get("/pool/requests/"))
    assert other.get("/api/pool/requests/").json() == []


def test_an_incomplete_request_is_refused_with_each_problem_linked(trust_client, member):
    refused = trust_client.post(f"/pool/leaders/{member.public_id}/request/", {"what": ""})

    page = text(refused)
    assert refused.status_code == 400
    assert '<a href="#id_what">Describe what you would like the leader to take part in.</a>' in page
    assert '<a href="#id_paid_0">Say whether it is paid.</a>' in page
    assert InvolvementRequest.objects.count() == 0
    api = trust_client.post("/api/pool/requests/", {"leader": str(member.public_id)})
    assert api.status_code == 400 and "what" in api.json()["errors"]
    assert InvolvementRequest.objects.count() == 0


def test_the_api_refuses_a_request_without_csrf(trust, member):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=trust.user.username, password=PASSWORD)
    answer = client.post(
        "/api/pool/requests/",
        {**REQUEST, "paid": True, "leader": str(member.public_id)},
        content_type="application/json",
    )
    assert answer.status_code == 403 and "CSRF" in answer.json()["detail"]
    assert InvolvementRequest.objects.count() == 0


def test_a_learner_without_an_accreditation_is_refused_with_an_explanation(client):
    learner = learner_with_email("Ben Ade", "ben@example.edu")
    token = token_for(learner)

    for answer in (
        client.get(f"/lti/s/{token}/pool/"),
        client.get(f"/lti/s/{token}/pool/profile/"),
        client.post(f"/lti/s/{token}/pool/profile/", {"display_name": "Ben", "shown": []}),
    ):
        assert answer.status_code == 403 and NOT_ACCREDITED in text(answer)
    assert Member.objects.count() == 0


def test_another_learner_cannot_reach_the_leaders_requests(client, trust_client, member):
    trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    request = InvolvementRequest.objects.get()
    other = accredited("Cy Other", "cy@example.edu")
    join(other)
    token = token_for(other)

    assert client.get(f"/lti/s/{token}/pool/requests/{request.pk}/").status_code == 404
    answer = client.post(f"/lti/s/{token}/pool/requests/{request.pk}/", {"decision": "accept"})
    assert answer.status_code == 404
    request.refresh_from_db()
    assert request.status == "pending" and request.leader_contact_email == ""


def test_a_framed_post_from_another_site_is_refused(client, member):
    token = token_for(member.learner)
    answer = client.post(f"/lti/s/{token}/pool/pause/", HTTP_ORIGIN="https://evil.example.net")
    assert answer.status_code == 403
    member.refresh_from_db()
    assert member.paused_at is None


def test_a_paused_leader_is_not_listed_and_can_resume(client, trust_client, member):
    token = token_for(member.learner)
    assert client.post(f"/lti/s/{token}/pool/pause/").status_code == 302
    assert "Ada Quill" not in text(trust_client.get("/pool/"))
    assert trust_client.get(f"/pool/leaders/{member.public_id}/").status_code == 404
    refused = trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    assert refused.status_code == 404 and InvolvementRequest.objects.count() == 0
    client.post(f"/lti/s/{token}/pool/resume/")
    assert "Ada Quill" in text(trust_client.get("/pool/"))


def test_registration_then_waiting_then_sign_in(client):
    form = {
        "name": "Valley Patient Voice",
        "kind": "patient_group",
        "contact_name": "Kim Lee",
        "email": "Kim@Valley.example.org",
        "purpose": "Co-design of our leaflets.",
        "password": PASSWORD,
    }
    registered = client.post("/pool/organisations/register/", form)
    assert registered.status_code == 302
    assert WAITING in text(client.get("/pool/"))
    again = Client().post("/pool/organisations/register/", form)
    assert again.status_code == 400 and "already registered" in text(again)
    weak = Client().post(
        "/pool/organisations/register/", {**form, "email": "x@y.example.org", "password": "1234"}
    )
    assert weak.status_code == 400 and '<a href="#id_password">' in text(weak)
    assert get_user_model().objects.filter(username="kim@valley.example.org").count() == 1
    fresh = Client()
    signed = fresh.post(
        "/pool/organisations/sign-in/", {"username": "KIM@valley.example.org", "password": PASSWORD}
    )
    assert signed.status_code == 302
    wrong = Client().post(
        "/pool/organisations/sign-in/", {"username": "kim@valley.example.org", "password": "no"}
    )
    assert wrong.status_code == 400 and "is not right" in text(wrong)
