"""Every kind of credential the hub issues, verified by the Digital Bazaar JavaScript stack
(@digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite), and the negative cases refused.

The Node.js verifier gets our bundled contexts, the issuer's controller document and the
status lists as static documents; it fetches nothing and shares no code with ours.
"""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from badges.issuing import award, award_accreditation, revoke
from badges.jsonld import BUNDLED_CONTEXTS, bundled_context
from badges.models import Credential, SigningKey, StatusList
from badges.signing import rotate_key
from badges.verify import Verdict, verify_credential
from tests.badges.external import digital_bazaar_verify
from tests.support.badges import UNKNOWN_CONTEXT, complete_step, negative_variants

pytestmark = pytest.mark.slow


def _get(client, url: str) -> dict:
    response = client.get(urlsplit(url).path, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, url
    return json.loads(response.content)


def test_digital_bazaar_accepts_what_we_issue_and_refuses_the_rest(
    client, django_user_model, email_learner, step, step_achievement, mentor_achievement
):
    from hub.models import Learner

    assessor = django_user_model.objects.create_user("assessor", password="x")
    step_badge = complete_step(email_learner, step)[0].credential
    no_email = award(Learner.objects.create(display_name="No email"), step_achievement).credential
    accreditation = award_accreditation(email_learner, mentor_achievement, assessor).credential
    rotate_key(step_achievement.issuer)  # later credentials use the new key
    after_rotation = award(
        Learner.objects.create(display_name="After rotation"), step_achievement
    ).credential
    revoked = award(Learner.objects.create(display_name="Revoked"), step_achievement).credential
    revoke(revoked, "Awarded in error")
    assert SigningKey.objects.count() == 2

    issuer_url = step_achievement.issuer.profile_url()
    documents = {url: bundled_context(url) for url in BUNDLED_CONTEXTS}
    documents[issuer_url] = _get(client, issuer_url)
    status_lists = {s.url(): _get(client, s.url()) for s in StatusList.objects.all()}
    documents.update(status_lists)

    old_key = SigningKey.objects.filter(retired_at__isnull=False).get()
    genuine = {
        "step_email": step_badge.document,
        "step_no_email": no_email.document,
        "accreditation_license": accreditation.document,
        "signed_with_new_key": after_rotation.document,
        **{f"status_list_{i}": doc for i, doc in enumerate(status_lists.values())},
    }
    negatives = negative_variants(step_badge.document, old_key)
    results = digital_bazaar_verify(
        {**genuine, **negatives, "revoked": revoked.document}, documents
    )

    for name in genuine:
        assert results[name]["verified"], (name, results[name]["errors"])
    for name in negatives:
        assert not results[name]["verified"], name
    assert not results["revoked"]["verified"]
    assert results["revoked"]["statusVerified"] is False
    assert any("revocation" in error for error in results["revoked"]["errors"])
    assert (
        "Credential issuer must match the verification method controller."
        in (results["not_controller"]["errors"])
    )
    assert "Invalid signature." in results["wrong_key"]["errors"]
    assert "Invalid signature." in results["tampered"]["errors"]
    assert any(UNKNOWN_CONTEXT in error for error in results["unknown_context"]["errors"])

    # Our own verifier agrees, case by case.
    for name in ("step_email", "step_no_email", "accreditation_license", "signed_with_new_key"):
        assert verify_credential(genuine[name]).verdict == Verdict.VALID, name
    assert verify_credential(revoked.document).verdict == Verdict.REVOKED

    # Dates: the Node verifier at another "now".
    until = accreditation.valid_until
    later = digital_bazaar_verify(
        {"expired": accreditation.document},
        documents,
        now=(until + timedelta(days=1)).isoformat(),
    )
    earlier = digital_bazaar_verify(
        {"future": step_badge.document},
        documents,
        now=(step_badge.valid_from - timedelta(days=1)).isoformat(),
    )
    assert not later["expired"]["verified"]
    assert any("validUntil" in e for e in later["expired"]["errors"])
    assert not earlier["future"]["verified"]
    assert any("validFrom" in e for e in earlier["future"]["errors"])
    assert Credential.objects.count() == 5
