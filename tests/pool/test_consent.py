"""Consent: organisations see exactly the fields a leader chose, in pages and the API, and
leaving removes the leader at once."""

from __future__ import annotations

import pytest

from pool.consent import visible_profile
from pool.models import InvolvementRequest, Member, ProfileView, RequestStatus
from tests.support.pool import REQUEST, accredited, join, text, token_for

pytestmark = pytest.mark.django_db

# Distinctive values, so a page or answer that leaked one would be caught by a search.
SECRETS = {
    "profile": "Zebra-profile-text",
    "lived_experience": ["Quokka-experience"],
    "topics": ["Narwhal-topic"],
    "languages": ["Axolotl-language"],
    "access_needs": "Pangolin-needs",
    "availability": "Okapi-availability",
}


def test_only_the_chosen_fields_are_in_the_profile():
    leader = accredited("Ada Quill")
    member = join(leader, shown=["display_name", "topics"], **SECRETS)

    shown = visible_profile(member)

    assert set(shown.fields) == {"display_name", "topics"}
    assert shown.fields["topics"] == ["Narwhal-topic"]


def test_a_hidden_name_is_replaced_by_a_neutral_label():
    member = join(accredited("Ada Quill"), shown=["topics"])
    assert visible_profile(member).name == "Peer leader (name not shared)"


def test_pages_and_api_show_no_field_that_was_not_chosen(trust_client):
    leader = accredited("Ada Quill")
    member = join(leader, shown=["display_name", "topics"], region="london", **SECRETS)
    hidden = [
        "Zebra-profile-text",
        "Quokka-experience",
        "Axolotl-language",
        "Pangolin-needs",
        "Okapi-availability",
        "London",
        "rowan@example.edu",
    ]

    # The filter form lists every region; the results are what a leader chose to show.
    directory = text(trust_client.get("/pool/")).split('id="results-heading"')[1]
    profile = text(trust_client.get(f"/pool/leaders/{member.public_id}/"))
    api_list = trust_client.get("/api/pool/leaders/")
    api_one = trust_client.get(f"/api/pool/leaders/{member.public_id}/")

    assert "Ada Quill" in directory and "Narwhal-topic" in profile
    for page in (directory, profile, api_list.content.decode(), api_one.content.decode()):
        for value in hidden:
            assert value not in page
    assert set(api_one.json()["shared"]) == {"display_name", "topics"}
    assert api_list.json()[0]["shared"] == {
        "display_name": "Ada Quill",
        "topics": ["Narwhal-topic"],
    }


def test_a_filter_never_matches_a_hidden_field(trust_client):
    member = join(accredited("Ada Quill"), shown=["display_name"], languages=["Welsh"])
    assert member.languages == ["Welsh"]

    page = text(trust_client.get("/pool/", {"region": "south_west"}))
    assert "0 peer leaders found" in page
    assert "region=south_west" not in page  # not in the site's search box either
    assert trust_client.get("/api/pool/leaders/", {"language": "Welsh"}).json() == []
    assert trust_client.get("/api/pool/leaders/", {"region": "south_west"}).json() == []


def test_leaving_removes_the_leader_at_once(client, trust, trust_client):
    leader = accredited("Ada Quill")
    member = join(leader)
    trust_client.get(f"/pool/leaders/{member.public_id}/")
    trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    token = token_for(leader)

    confirm = client.get(f"/lti/s/{token}/pool/leave/")
    assert confirm.status_code == 200 and "Leave the pool and delete my profile" in text(confirm)
    left = client.post(f"/lti/s/{token}/pool/leave/")

    assert left.status_code == 200 and "You have left the pool" in text(left)
    assert not Member.objects.filter(learner=leader).exists()
    assert ProfileView.objects.count() == 0
    request = InvolvementRequest.objects.get()
    assert request.member is None and request.status == RequestStatus.CLOSED
    assert trust_client.get(f"/pool/leaders/{member.public_id}/").status_code == 404
    assert "Ada Quill" not in text(trust_client.get("/pool/"))
    assert trust_client.get(f"/api/pool/leaders/{member.public_id}/").status_code == 404
    assert "Ada Quill" not in text(trust_client.get("/pool/requests/"))


def test_leaving_after_accepting_takes_the_address_back(client, trust, trust_client):
    leader = accredited("Ada Quill")
    member = join(leader)
    trust_client.post(f"/pool/leaders/{member.public_id}/request/", REQUEST)
    request = InvolvementRequest.objects.get()
    token = token_for(leader)
    assert "rowan@example.edu" not in text(trust_client.get("/pool/requests/"))
    client.post(f"/lti/s/{token}/pool/requests/{request.pk}/", {"decision": "accept"})
    page = text(trust_client.get("/pool/requests/"))
    assert "Ada Quill" in page and "rowan@example.edu" in page

    client.post(f"/lti/s/{token}/pool/leave/")

    request.refresh_from_db()
    assert request.leader_contact_email == "" and request.status == RequestStatus.CLOSED
    assert trust_client.get("/api/pool/requests/").json()[0]["leader_contact"] is None


def test_the_leader_chooses_fields_in_the_frame_and_sees_what_organisations_see(client):
    leader = accredited("Ada Quill")
    token = token_for(leader)
    form = {
        "display_name": "Ada Q",
        "profile": "Zebra-profile-text",
        "topics": "co-design, Narwhal-topic",
        "languages": "Axolotl-language",
        "region": "london",
        "ways": ["online", "in_person"],
        "payment": "either",
        "shown": ["display_name", "topics", "ways"],
    }

    joined = client.post(f"/lti/s/{token}/pool/profile/", form)

    assert joined.status_code == 302 and joined["Location"].endswith("?notice=joined")
    member = Member.objects.get(learner=leader)
    assert member.shown_fields == ["display_name", "topics", "ways"]
    assert member.topics == ["co-design", "Narwhal-topic"] and member.region == "london"
    home = text(client.get(joined["Location"]))
    assert "You have joined the pool" in home
    preview = home.split("What organisations see")[1].split("Who looked")[0]
    assert "Narwhal-topic" in preview and "Online, In person" in preview
    assert "Zebra-profile-text" not in preview and "London" not in preview


def test_the_directory_reads_the_same_number_of_queries_for_more_leaders(trust_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert trust_client.get("/pool/").status_code == 200
            assert trust_client.get("/api/pool/leaders/").status_code == 200
        return len(captured)

    for index in range(2):
        join(accredited(f"Leader {index}", f"l{index}@example.edu"))
    few = queries()
    for index in range(2, 12):
        join(accredited(f"Leader {index}", f"l{index}@example.edu"))
    assert queries() == few
