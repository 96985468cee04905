"""A leader's accept and decline of one request arriving together (two tabs, a double click):
exactly one answer wins, the others are told it was already answered, and the contact
address is set only if the winner accepted. Through the live server, on the suite's database
(SQLite or PostgreSQL)."""

from __future__ import annotations

import pytest
import requests

from pool.involvement import ALREADY_ANSWERED
from pool.models import InvolvementRequest, RequestStatus
from tests.support.live import TIMEOUT, at_once
from tests.support.pool import accredited, join, organisation, token_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOGETHER = 8


def _request_to(member) -> InvolvementRequest:
    return InvolvementRequest.objects.create(
        organisation=organisation(),
        member=member,
        what="A panel",
        when="Soon",
        where="Online",
        paid=True,
        created_at=member.joined_at,
    )


@pytest.mark.parametrize("round_", range(3))
def test_accept_and_decline_at_once_answer_exactly_once(live_server, round_):
    member = join(accredited(f"Ada {round_}", f"ada{round_}@example.edu"))
    request = _request_to(member)
    url = f"{live_server.url}/lti/s/{token_for(member.learner)}/pool/requests/{request.pk}/"
    decisions = ["accept" if i % 2 == 0 else "decline" for i in range(TOGETHER)]

    answers = at_once(
        TOGETHER,
        lambda i: requests.post(
            url, data={"decision": decisions[i]}, allow_redirects=False, timeout=TIMEOUT
        ),
    )

    codes = [answer.status_code for answer in answers]
    assert sorted(codes) == [302] + [409] * (TOGETHER - 1), [a.text[:300] for a in answers]
    assert all(ALREADY_ANSWERED in a.text for a in answers if a.status_code == 409)
    winner = decisions[codes.index(302)]
    request.refresh_from_db()
    if winner == "accept":
        assert request.status == RequestStatus.ACCEPTED
        assert request.leader_contact_email == f"ada{round_}@example.edu"
    else:
        assert request.status == RequestStatus.DECLINED and request.leader_contact_email == ""
    assert (
        answers[codes.index(302)]
        .headers["Location"]
        .endswith(f"?notice={winner.removesuffix('e')}ed")
    )


def test_the_join_form_sent_many_times_at_once_makes_one_member(live_server):
    from pool.models import Member

    leader = accredited("Bo Quick", "bo@example.edu")
    url = f"{live_server.url}/lti/s/{token_for(leader)}/pool/profile/"
    form = {"display_name": "Bo", "topics": "co-design", "shown": ["display_name", "topics"]}

    answers = at_once(
        TOGETHER, lambda _: requests.post(url, data=form, allow_redirects=False, timeout=TIMEOUT)
    )

    assert [a.status_code for a in answers] == [302] * TOGETHER, [a.text[:300] for a in answers]
    member = Member.objects.get()
    assert member.learner == leader and member.topics == ["co-design"]


def test_one_address_registering_many_times_at_once_is_one_organisation(live_server):
    from pool.models import Organisation

    form = {
        "name": "Quick Trust",
        "kind": "nhs_trust",
        "contact_name": "Al Fast",
        "email": "al@quick.example.org",
        "purpose": "Panels.",
        "password": "a-long-organisation-passphrase",
    }

    url = f"{live_server.url}/pool/organisations/register/"
    browsers = [requests.Session() for _ in range(TOGETHER)]
    for browser in browsers:  # each gets its CSRF cookie first; the forms then go together
        assert browser.get(url, timeout=TIMEOUT).status_code == 200

    def register(index: int) -> requests.Response:
        browser = browsers[index]
        data = {**form, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
        return browser.post(url, data=data, allow_redirects=False, timeout=TIMEOUT)

    answers = at_once(TOGETHER, register)

    codes = sorted(a.status_code for a in answers)
    assert codes == [302] + [400] * (TOGETHER - 1), [a.text[:300] for a in answers]
    assert all("already registered" in a.text for a in answers if a.status_code == 400)
    assert Organisation.objects.count() == 1


def test_one_request_form_sent_many_times_at_once_is_one_request(live_server):
    from tests.support.pool import PASSWORD, REQUEST

    member = join(accredited("Cy Double", "cy@example.edu"))
    trust = organisation()
    browser = requests.Session()
    signed = browser.get(f"{live_server.url}/pool/organisations/sign-in/", timeout=TIMEOUT)
    assert signed.status_code == 200
    browser.post(
        f"{live_server.url}/pool/organisations/sign-in/",
        data={
            "username": trust.user.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        timeout=TIMEOUT,
    )
    url = f"{live_server.url}/pool/leaders/{member.public_id}/request/"
    form_page = browser.get(url, timeout=TIMEOUT)
    key = form_page.text.split('name="key" value="')[1].split('"')[0]
    data = {**REQUEST, "key": key, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}

    answers = at_once(
        TOGETHER, lambda _: browser.post(url, data=data, allow_redirects=False, timeout=TIMEOUT)
    )

    assert [a.status_code for a in answers] == [302] * TOGETHER, [a.text[:300] for a in answers]
    assert InvolvementRequest.objects.filter(member=member).count() == 1
