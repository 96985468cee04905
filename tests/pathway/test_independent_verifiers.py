"""The accreditation credential, with its evidence and two credentialStatus entries, checked
by verifiers that share no code with ours: Digital Bazaar's @digitalbazaar/vc (OB 3.0, Data
Integrity, Bitstring Status List) and 1EdTech's OB 2.0 validator (the hosted assertion)."""

from __future__ import annotations

import json
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

from badges.jsonld import BUNDLED_CONTEXTS, bundled_context
from badges.models import StatusList
from pathway import reviewing
from tests.badges.external import digital_bazaar_verify, ob2_validate
from tests.support.pathway import ready_for_review

pytestmark = pytest.mark.slow


def _get(client, url: str) -> dict:
    response = client.get(urlsplit(url).path, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, url
    return json.loads(response.content)


def _documents(client, issuer) -> dict:
    documents = {url: bundled_context(url) for url in BUNDLED_CONTEXTS}
    documents[issuer.profile_url()] = _get(client, issuer.profile_url())
    documents.update({s.url(): _get(client, s.url()) for s in StatusList.objects.all()})
    return documents


@pytest.mark.django_db
def test_digital_bazaar_accepts_the_accreditation_and_sees_its_suspension(
    client, graduate, facilitator, amina, tom, issuer
):
    application = ready_for_review(graduate, facilitator)
    reviewing.decide(application, amina, "accept", "Yes.")
    credential = reviewing.decide(application, tom, "accept", "Yes.").credential
    assert len(credential.document["credentialStatus"]) == 2
    assert credential.document["evidence"]

    valid = digital_bazaar_verify(
        {"accreditation": credential.document}, _documents(client, issuer)
    )
    reviewing.suspend_accreditation(credential, amina, "Under review")
    suspended = digital_bazaar_verify(
        {"accreditation": credential.document}, _documents(client, issuer)
    )

    assert valid["accreditation"]["verified"], valid["accreditation"]["errors"]
    assert not suspended["accreditation"]["verified"]
    assert suspended["accreditation"]["statusVerified"] is False
    assert any("suspension" in error for error in suspended["accreditation"]["errors"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_ob2_validator_accepts_the_hosted_accreditation_with_evidence(
    live_server, settings, graduate, mentor, amina
):
    settings.BADGES_BASE_URL = live_server.url
    application = ready_for_review(graduate, mentor)
    credential = reviewing.decide(application, amina, "accept", "Yes.").credential

    hosted = ob2_validate(credential.ob2_url())
    with urlopen(credential.ob2_url()) as response:
        document = json.loads(response.read())
    assert hosted["report"]["valid"], json.dumps(hosted["report"], indent=1)
    assert [item["name"] for item in document["evidence"]][-1] == "Assessment"

    reviewing.suspend_accreditation(credential, amina, "Under review")
    with pytest.raises(HTTPError) as gone:
        urlopen(credential.ob2_url())
    body = json.loads(gone.value.read())
    assert gone.value.code == 410
    assert body["revoked"] is True and body["revocationReason"] == "Suspended: Under review"
