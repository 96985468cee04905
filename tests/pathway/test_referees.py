"""Referees' one-time links: signed, stored only as a hash, expiring, used once, and kept out
of the logs."""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail

from pathway import applications, referees
from pathway.models import AuditEntry, RefereeRequest
from security.log_redaction import RedactSecretsFilter, redact
from tests.support.discussion import text
from tests.support.pathway import REFEREE_EMAIL, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(graduate, mentor) -> str:
    return submitted(applications.start_application(graduate, mentor))


def _answers(request: RefereeRequest, value: str = "Ran it well.") -> dict[str, str]:
    questions = request.application.requirement.referee_questions.all()
    return {f"answer-{q.pk}": value for q in questions}


def test_the_referee_is_emailed_a_link_whose_token_is_kept_only_as_a_hash(token, graduate):
    request = RefereeRequest.objects.get()

    assert mail.outbox[-1].to == [REFEREE_EMAIL]
    assert "Grace Graduate" in mail.outbox[-1].body
    assert request.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(RefereeRequest.objects.values().get())
    assert len(token) > 40


def test_the_referee_answers_once_and_a_second_use_gets_a_plain_message(client, token):
    url = f"/pathway/referee/?token={quote(token)}"
    page = client.get(url)
    assert page.status_code == 200
    assert "Reference for Grace Graduate" in text(page)
    assert token not in page.wsgi_request.path  # the token is in the query only
    request = RefereeRequest.objects.get()

    answered = client.post(
        "/pathway/referee/", {"token": token, "confirms": "yes", **_answers(request)}
    )
    again = client.get(url)
    posted_again = client.post(
        "/pathway/referee/", {"token": token, "confirms": "no", **_answers(request, "Changed")}
    )

    assert answered.status_code == 302 and "token" not in answered["Location"]
    request.refresh_from_db()
    assert request.confirms is True and set(request.answers.values()) == {"Ran it well."}
    for response in (again, posted_again):
        assert response.status_code == 410
        assert referees.USED in text(response)
    assert AuditEntry.objects.filter(action="referee_answered").count() == 1


def test_unanswered_questions_are_refused_and_nothing_is_recorded(client, token):
    response = client.post("/pathway/referee/", {"token": token})

    page = text(response)
    assert response.status_code == 400
    assert "There is a problem" in page and 'href="#confirms-yes"' in page
    assert RefereeRequest.objects.get().answered_at is None


def test_an_expired_link_is_refused(token):
    request = RefereeRequest.objects.get()

    with pytest.raises(referees.RefereeLinkError, match="expired"):
        referees.find_request(token, now=request.expires_at + timedelta(seconds=1))
    with pytest.raises(referees.RefereeLinkError, match="expired"):
        referees.answer(token, {}, True, now=request.expires_at)
    assert RefereeRequest.objects.get().answered_at is None


@pytest.mark.parametrize("forged", ["", "abc", "made-up:signature", "x" * 80])
def test_a_made_up_or_altered_token_is_refused(client, token, forged):
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for candidate in (forged, altered):
        response = client.get("/pathway/referee/", {"token": candidate})
        assert response.status_code == 410
        assert referees.UNKNOWN in text(response)


def test_the_token_never_reaches_the_logs(client, token, caplog):
    link = referees.link_for(token)
    assert token not in redact(link) and "[redacted]" in redact(link)

    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"GET %s HTTP/1.1" 200', (link,), None
    )
    RedactSecretsFilter().filter(record)
    assert token not in record.getMessage()

    with caplog.at_level(logging.DEBUG):
        client.get("/pathway/referee/", {"token": token + "x"})  # a 410, logged by Django
        client.get("/pathway/referee/", {"token": token})
    assert token not in caplog.text
