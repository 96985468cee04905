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
