"""The learner record (CLR 2.0) verified by the Digital Bazaar JavaScript stack
(@digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite), which shares no code with ours.

The Node.js verifier gets the same bundled contexts as our loader (the CLR 2.0 context
included), the issuer's controller document and the status lists; it fetches nothing. It checks
the record's own proof, and each badge taken out of the record is checked on its own. Changed
records are refused by both verifiers.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from badges.clr import learner_record
from badges.jsonld import BUNDLED_CONTEXTS, CLR_CONTEXT_URL, bundled_context
from badges.models import SigningKey, StatusList
from badges.verify import Verdict
from badges.verify_record import RecordVerdict, verify_record
from tests.badges.external import digital_bazaar_verify
from tests.support.records import learner_with_badges, record_variants, step_two_achievement

pytestmark = pytest.mark.slow


def _get(client, url: str) -> dict:
    response = client.get(urlsplit(url).path, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, url
    return response.json()


def test_digital_bazaar_accepts_the_record_and_refuses_changed_ones(
    client, email_learner, programme, issuer, step, step_achievement, mentor_achievement
):
    step_two = step_two_achievement(issuer, programme.steps[1])
    learner_with_badges(email_learner, step, step_two, mentor_achievement)
    record = learner_record(email_learner)
    assert CLR_CONTEXT_URL in BUNDLED_CONTEXTS  # the verifier gets the same bundled file

    documents = {url: bundled_context(url) for url in BUNDLED_CONTEXTS}
    documents[issuer.profile_url()] = _get(client, issuer.profile_url())
    documents.update({s.url(): _get(client, s.url()) for s in StatusList.objects.all()})
    negatives = record_variants(record, SigningKey.objects.get())
    badges = {
        f"badge_{index}": badge
        for index, badge in enumerate(record["credentialSubject"]["verifiableCredential"])
    }
    tampered_badge = negatives["embedded_tampered"]["credentialSubject"]["verifiableCredential"][0]

    results = digital_bazaar_verify(
        {"record": record, **negatives, **badges, "tampered_badge": tampered_badge}, documents
    )

    assert results["record"]["verified"], results["record"]["errors"]
    for name in badges:
        assert results[name]["verified"], (name, results[name]["errors"])
        assert results[name]["statusVerified"] is True
    for name in negatives:
        # "resigned_over_tampered" carries a genuine record signature over a changed badge:
        # the badge taken out of it is what fails (tampered_badge below).
        if name == "resigned_over_tampered":
            assert results[name]["verified"], results[name]["errors"]
            continue
        assert not results[name]["verified"], name
        assert "Invalid signature." in results[name]["errors"], name
    assert not results["tampered_badge"]["verified"]
    assert "Invalid signature." in results["tampered_badge"]["errors"]

    # Our verifier agrees on every one.
    assert verify_record(record).verdict == RecordVerdict.VALID
    for name, document in negatives.items():
        assert verify_record(document).verdict == RecordVerdict.TAMPERED, name
    reports = verify_record(negatives["resigned_over_tampered"]).credentials
    assert reports[0].verdict == Verdict.TAMPERED
