"""The Content-Security-Policy on the public badge pages: the credential page and the
verification page, before and after a check (a pasted credential is untrusted input)."""

from __future__ import annotations

import json
import re

import pytest

from badges.issuing import award
from badges.models import Credential
from security.csp import origin_of
from tests.security.policy import assert_page_keeps_policy, policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(email_learner, step_achievement) -> Credential:
    return award(email_learner, step_achievement).credential


def test_credential_and_verification_pages_keep_the_policy(client, credential):
    page = client.get(f"/badges/credentials/{credential.public_id}", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert_page_keeps_policy(page)
    # The badge image is an absolute URL on the configured site address: the policy allows it.
    image = re.search(r'<img src="([^"]+)"', page.content.decode())[1]
    assert origin_of(image) in policy(page)["img-src"]
    form = client.get("/badges/verify/")
    assert form.status_code == 200
    assert_page_keeps_policy(form)
    document = dict(credential.document)
    document["name"] = '<script>alert("pasted")</script>'
    checked = client.post("/badges/verify/", {"credential_json": json.dumps(document)})
    assert checked.status_code == 200  # the verdict page, with the pasted text escaped
    assert_page_keeps_policy(checked)
    assert '<script>alert("pasted")</script>' not in checked.content.decode()
