"""Requests, views and accreditations: every profile view is logged and shown to the leader;
contact details cross only on acceptance (pages, emails, API); an answer is given once; a
leader whose accreditations are no longer valid is not listed; consent is renewed yearly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from badges.issuing import revoke
from badges.models import Credential
from badges.public import accreditations_for
from pool import involvement
from pool.membership import renew_consents
from pool.models import InvolvementRequest, Member, PauseReason, ProfileView, RequestStatus
from tests.support.pool import (
    REQUEST,
    accredited,
    join,
    organisation,
    text,
    token_for,
)

pytestmark = pytest.mark.django_db
LEADER_EMAIL = "rowan@example.edu"
ORG_EMAIL = "team@harbour.example.org"


def everything_sent() -> str:
    return "\n".join(f"{m.to} {m.subject}\n{m.body}" for m in mail.outbox)


def test_every_profile_view_is_logged_and_the_leader_sees_who_looked(client, trust, trust_client):
    member = join(accredited("Ada Quill"))
    trust_client.get(f"/pool/leaders/{member.public_id}/")
    trust_client.get(f"/api/pool/leaders/{member.public_id}/")
    trust_client.get("/pool/")  # the list is not a look at one profile

    views = list(ProfileView.objects.all())
    assert [(v.member, v.organisation) for v in views] == [(member, trust), (member, trust)]
    home = text(client.get(f"/lti/s/{token_for(member.learner)}/pool/"))
    looked = home.split("Who looked at your profile")[1]
    assert "2 views by organisations" in looked and looked.count("Harbour NHS Trust") == 2


def test_contact_details_cross_only_after_acceptance(
    client, trust, trust_client, django_capture_on_commit_callbacks
):
    member = join(accredited("Ada Quill", LEADER_EMAIL))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    request = InvolvementRequest.objects.get()
    token = token_for(member.learner)
    request_url = f"/lti/s/{token}/pool/requests/{request.pk}/"

    # Before: neither side has the other's address, in pages, emails or the API.
    assert [m.to for m in mail.outbox] == [[LEADER_EMAIL]]
    assert ORG_EMAIL not in everything_sent() and "Sit on our interview panel" in everything_sent()
    assert ORG_EMAIL not in text(client.get(request_url))
    assert ORG_EMAIL not in text(client.get(f"/lti/s/{token}/pool/"))
    assert LEADER_EMAIL not in text(trust_client.get("/pool/requests/"))
    assert trust_client.get("/api/pool/requests/").json()[0]["leader_contact"] is None
    assert LEADER_EMAIL not in trust_client.get("/api/pool/requests/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(request_url, {"decision": "accept"})

    assert accepted.status_code == 302
    assert ORG_EMAIL in text(client.get(request_url))
    assert LEADER_EMAIL in text(trust_client.get("/pool/requests/"))
    contact = trust_client.get("/api/pool/requests/").json()[0]["leader_contact"]
    assert contact == {"name": "Ada Quill", "email": LEADER_EMAIL}
    to_org = [m for m in mail.outbox if m.to == [ORG_EMAIL]]
    to_leader = [m for m in mail.outbox if m.to == [LEADER_EMAIL]]
    assert len(to_org) == 1 and LEADER_EMAIL in to_org[0].body
    assert ORG_EMAIL in to_leader[-1].body


def test_a_declined_request_shares_nothing(
    client, trust, trust_client, django_capture_on_commit_callbacks
):
    member = join(accredited("Ada Quill", LEADER_EMAIL))
    trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    request = InvolvementRequest.objects.get()
    token = token_for(member.learner)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/lti/s/{token}/pool/requests/{request.pk}/", {"decision": "decline"})

    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED and request.leader_contact_email == ""
    assert [m.to for m in mail.outbox] == [[ORG_EMAIL]]
    assert LEADER_EMAIL not in everything_sent() and "Ada Quill" not in everything_sent()
    assert ORG_EMAIL not in text(client.get(f"/lti/s/{token}/pool/requests/{request.pk}/"))
    assert trust_client.get("/api/pool/requests/").json()[0]["leader_contact"] is None


def test_a_leader_without_a_known_address_gives_one_to_accept(client, trust, trust_client):
    member = join(accredited("Ada Quill", None))
    trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    request = InvolvementRequest.objects.get()
    url = f"/lti/s/{token_for(member.learner)}/pool/requests/{request.pk}/"

    refused = client.post(url, {"decision": "accept"})
    assert refused.status_code == 400 and involvement.NO_CONTACT in text(refused)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING

    client.post(url, {"decision": "accept", "contact_email": "ada.q@example.net"})
    request.refresh_from_db()
    assert request.leader_contact_email == "ada.q@example.net"


def test_a_request_is_answered_once(client, trust, trust_client):
    member = join(accredited("Ada Quill"))
    trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    request = InvolvementRequest.objects.get()
    url = f"/lti/s/{token_for(member.learner)}/pool/requests/{request.pk}/"
    client.post(url, {"decision": "decline"})

    again = client.post(url, {"decision": "accept"})

    assert again.status_code == 409 and involvement.ALREADY_ANSWERED in text(again)
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED and request.leader_contact_email == ""


def test_an_answer_without_a_choice_is_refused(client, trust, trust_client):
    member = join(accredited("Ada Quill"))
    trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    request = InvolvementRequest.objects.get()
    url = f"/lti/s/{token_for(member.learner)}/pool/requests/{request.pk}/"
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert '<a href="#id_decision_0">Choose whether you accept or decline.</a>' in text(refused)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_accreditations_for_gives_the_live_status():
    learner = accredited("Ada Quill")
    now = timezone.now()
    [valid] = accreditations_for(learner, now)
    assert valid.status == "valid" and valid.name == "Accredited peer coach"
    assert accreditations_for(learner, now + timedelta(days=366))[0].status == "expired"


def test_an_expired_accreditation_hides_the_leader_without_deleting_them(client, trust_client):
    member = join(accredited("Ada Quill"))
    Credential.objects.filter(learner=member.learner).update(
        valid_until=timezone.now() - timedelta(minutes=1)
    )

    assert "Ada Quill" not in text(trust_client.get("/pool/"))
    assert trust_client.get(f"/pool/leaders/{member.public_id}/").status_code == 404
    assert trust_client.get("/api/pool/leaders/").json() == []
    assert (
        trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST).status_code == 404
    )
    assert Member.objects.filter(pk=member.pk).exists()
    home = text(client.get(f"/lti/s/{token_for(member.learner)}/pool/"))
    assert "Organisations cannot find you" in home and "Expired" in home


def test_a_revoked_accreditation_hides_the_leader_and_shows_as_revoked(client, trust_client):
    member = join(accredited("Ada Quill"))
    revoke(Credential.objects.get(learner=member.learner), "Withdrawn after a complaint.")

    assert trust_client.get("/api/pool/leaders/").json() == []
    assert Member.objects.filter(pk=member.pk).exists()
    assert "Revoked" in text(client.get(f"/lti/s/{token_for(member.learner)}/pool/"))


def test_a_suspended_accreditation_hides_the_leader_until_it_is_reinstated(client, trust_client):
    from badges.issuing import reinstate, suspend

    member = join(accredited("Ada Quill"))
    credential = Credential.objects.get(learner=member.learner)
    suspend(credential, "Paused while a concern is looked into.")

    assert trust_client.get("/api/pool/leaders/").json() == []
    assert trust_client.get(f"/pool/leaders/{member.public_id}/").status_code == 404
    assert "Suspended" in text(client.get(f"/lti/s/{token_for(member.learner)}/pool/"))
    assert Member.objects.filter(pk=member.pk).exists()

    reinstate(credential)
    [listed] = trust_client.get("/api/pool/leaders/").json()
    assert {a["status"] for a in listed["accreditations"]} == {"valid"}


def test_one_valid_accreditation_among_lapsed_ones_keeps_the_leader_listed(trust_client):
    from badges.issuing import award_accreditation
    from tests.support.pool import accreditation

    member = join(accredited("Ada Quill"))
    revoke(Credential.objects.get(learner=member.learner), "Replaced.")
    award_accreditation(member.learner, accreditation("Accredited group facilitator"), None)

    [listed] = trust_client.get("/api/pool/leaders/").json()
    statuses = {a["name"]: a["status"] for a in listed["accreditations"]}
    assert statuses == {"Accredited peer coach": "revoked", "Accredited group facilitator": "valid"}
    only = trust_client.get("/api/pool/leaders/", {"accreditation": "Accredited peer coach"})
    assert only.json() == []


def consented_on(member: Member, when) -> Member:
    """The leader's choices as if saved on ``when`` (the clock is passed in: no freezing
    library is installed)."""
    Member.objects.filter(pk=member.pk).update(consent_given_at=when)
    member.refresh_from_db()
    return member


def test_consent_is_renewed_yearly_reminder_then_pause(
    client, trust_client, django_capture_on_commit_callbacks
):
    joined_at = timezone.now() - timedelta(days=366)
    member = consented_on(join(accredited("Ada Quill", LEADER_EMAIL)), joined_at)
    mail.outbox.clear()

    reminded_on = joined_at + timedelta(days=340)
    assert renew_consents(now=joined_at + timedelta(days=330)).reminded == 0  # too early
    with django_capture_on_commit_callbacks(execute=True):
        first = renew_consents(now=reminded_on)
    assert (first.reminded, first.paused) == (1, 0)
    assert [m.to for m in mail.outbox] == [[LEADER_EMAIL]]
    assert renew_consents(now=reminded_on + timedelta(days=1)).reminded == 0  # once only

    lapsed = renew_consents(now=joined_at + timedelta(days=366))
    assert lapsed.paused == 1
    member.refresh_from_db()
    assert member.pause_reason == PauseReason.CONSENT_LAPSED
    assert "Ada Quill" not in text(trust_client.get("/pool/"))

    token = token_for(member.learner)
    home = text(client.get(f"/lti/s/{token}/pool/"))
    assert "A year has passed since you confirmed what you show" in home
    client.post(f"/lti/s/{token}/pool/renew/")
    member.refresh_from_db()
    assert member.paused_at is None and member.consent_reminded_at is None
    assert "Ada Quill" in text(trust_client.get("/pool/"))


def test_a_leader_paused_by_choice_stays_paused_through_the_renewal():
    joined_at = timezone.now() - timedelta(days=400)
    member = consented_on(join(accredited("Ada Quill")), joined_at)
    member.paused_at, member.pause_reason = joined_at, PauseReason.LEADER
    member.save()
    assert renew_consents(now=joined_at + timedelta(days=366)).paused == 0
    member.refresh_from_db()
    assert member.pause_reason == PauseReason.LEADER


def test_the_scheduler_queues_the_renewal_every_six_hours():
    from lti_tool.schedule import Scheduler

    scheduler = Scheduler()
    now = timezone.now()
    assert "pool.consent_renewal" in scheduler.tick(now).periodic
    assert "pool.consent_renewal" not in scheduler.tick(now + timedelta(hours=1)).periodic
    assert "pool.consent_renewal" in scheduler.tick(now + timedelta(hours=6)).periodic


def test_an_organisation_decision_is_audited_and_emailed(django_capture_on_commit_callbacks):
    from wagtail.models import ModelLogEntry

    org = organisation(name="Lakes ICB", email="icb@lakes.example.org", status="pending")
    mail.outbox.clear()
    from django.contrib.auth import get_user_model

    from pool.organisations import decide

    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-long-1!")
    with django_capture_on_commit_callbacks(execute=True):
        decide(org, "approved", "Welcome aboard.", admin)

    entry = ModelLogEntry.objects.get(action="pool.organisation.approve")
    assert entry.user == admin and entry.object_id == str(org.pk)
    assert [m.to for m in mail.outbox] == [["icb@lakes.example.org"]]
    assert "Welcome aboard." in mail.outbox[0].body


def test_an_api_request_sent_again_with_its_key_is_one_request(trust_client):
    member = join(accredited("Ada Quill"))
    body = {**REQUEST, "paid": True, "leader": str(member.public_id), "key": "retry-7"}
    first = trust_client.post("/api/pool/requests/", body, content_type="application/json")
    again = trust_client.post("/api/pool/requests/", body, content_type="application/json")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert InvolvementRequest.objects.count() == 1
    assert first.json()["leader_contact"] is None and first.json()["status"] == "pending"


def test_a_leader_whose_accreditation_lapsed_cannot_change_the_profile(client):
    member = join(accredited("Ada Quill"))
    Credential.objects.filter(learner=member.learner).update(
        valid_until=timezone.now() - timedelta(minutes=1)
    )
    token = token_for(member.learner)
    refused = client.post(
        f"/lti/s/{token}/pool/profile/", {"display_name": "Changed", "shown": ["display_name"]}
    )
    assert refused.status_code == 403 and "You cannot change your profile now" in text(refused)
    member.refresh_from_db()
    assert member.display_name == "Ada Quill"
    assert client.post(f"/lti/s/{token}/pool/pause/").status_code == 302  # pausing still works
