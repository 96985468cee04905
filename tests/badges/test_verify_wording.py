"""The verification page in plain words: headlines that match the detail, dates in words
with the exact moment kept, the specifications' terms explained beside them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from badges.issuing import award, revoke
from badges.presentation import NOT_FOUND_HEADLINE, headline, plain_detail
from badges.verify import Verdict, verify_credential

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(email_learner, step_achievement):
    return award(email_learner, step_achievement).credential


def _check(client, **data) -> str:
    return client.post("/badges/verify/", data).content.decode()


def test_dates_are_in_words_with_the_exact_moment_kept(client, credential):
    html = _check(client, url=credential.url())
    moment = datetime.fromisoformat(credential.document["validFrom"].replace("Z", "+00:00"))
    words = f"{moment.day} {moment:%B %Y}"
    assert f'<time datetime="{credential.document["validFrom"]}">{words}</time> at ' in html
    assert f"{moment:%M:%S}" in html and "UTC" in html
    assert f">{credential.document['validFrom']}<" not in html  # never the raw string as text


def test_an_unknown_url_is_headed_as_what_it_is(client, credential):
    missing = credential.url().replace(
        str(credential.public_id), "0" * 8 + "-0000-4000-8000-" + "0" * 12
    )
    html = _check(client, url=missing)
    assert NOT_FOUND_HEADLINE in html
    assert "This site has no credential at that URL." in html
    assert "Unknown issuer" not in html
    elsewhere = _check(client, url="https://badges.example.org/credentials/1")
    assert NOT_FOUND_HEADLINE in elsewhere and "Unknown issuer" not in elsewhere


def test_a_credential_from_an_unknown_issuer_keeps_its_headline(credential):
    document = json.loads(json.dumps(credential.document))
    document["issuer"]["id"] = "https://elsewhere.example.org/issuer"
    report = verify_credential(document)
    assert report.verdict == Verdict.UNKNOWN_ISSUER  # a document was read: issuer unknown
    assert headline(report) == report.verdict_text != NOT_FOUND_HEADLINE


def test_jargon_has_plain_words_beside_it(client, credential):
    html = _check(client, credential_json=json.dumps(credential.document))
    assert "status list (the issuer&#x27;s list of withdrawn badges)" in html
    assert "Is it missing from the issuer&#x27;s list of withdrawn badges?" in html
    matched = _check(client, url=credential.url(), email="sam.learner@example.org")
    assert "hashed recipient (the holder&#x27;s email address" in matched


def test_expired_dates_read_in_words_and_the_verdict_is_unchanged(client, learner, issuer):
    from badges.models import Achievement

    achievement = Achievement.objects.create(
        issuer=issuer,
        name="Accredited peer mentor",
        description="Mentors.",
        criteria_narrative="Mentored.",
        award_rule="assessor",
        achievement_type="License",
        validity_days=1,
    )
    old = award(learner, achievement, now=datetime(2024, 3, 1, 9, 30, tzinfo=UTC)).credential
    assert verify_credential(old.document).verdict == Verdict.EXPIRED
    html = _check(client, url=old.url())
    assert "Expired: this badge was genuine" in html
    assert '<time datetime="2024-03-02T09:30:00Z">2 March 2024</time> at 9:30:00am UTC' in html
    revoke(old, "Awarded in error")
    assert verify_credential(old.document).verdict == Verdict.REVOKED


def test_plain_detail_escapes_what_the_credential_says():
    detail = plain_detail("Only valid from 2026-11-29T08:18:17Z. <script>x</script>")
    assert "&lt;script&gt;" in detail and "<script>" not in detail
    assert (
        '<time datetime="2026-11-29T08:18:17Z">29 November 2026</time> at 8:18:17am UTC' in detail
    )
    assert plain_detail("2026-13-45T99:99:99Z") == "2026-13-45T99:99:99Z"  # not a date: as given


def test_a_report_with_nothing_read_is_headed_not_found(credential):
    missing = credential.url().replace(
        str(credential.public_id), str(credential.achievement.public_id)
    )
    report = verify_credential(missing)
    assert report.verdict == Verdict.UNKNOWN_ISSUER and report.credential is None
    assert headline(report) == NOT_FOUND_HEADLINE


def test_other_problems_keep_the_usual_heading(client):
    html = _check(client, credential_json="{not json")
    assert "There is a problem" in html and NOT_FOUND_HEADLINE not in html
