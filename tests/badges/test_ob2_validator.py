"""OB 2.0 hosted assertions and baked images checked by 1EdTech's validator (PyPI
``openbadges`` 1.1.2, in its own virtual environment), against a live server."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from badges.issuing import award, revoke
from hub.models import Learner
from tests.badges.external import ob2_validate

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _errors(result: dict) -> list[str]:
    return [
        m.get("result", "")
        for m in result["report"]["messages"]
        if m.get("messageLevel") == "ERROR"
    ]


def test_hosted_assertions_and_baked_images(
    live_server, settings, email_learner, mentor_achievement, tmp_path: Path
):
    settings.BADGES_BASE_URL = live_server.url
    credential = award(email_learner, mentor_achievement).credential
    other = award(Learner.objects.create(display_name="Other"), mentor_achievement).credential

    hosted = ob2_validate(credential.ob2_url(), recipient={"email": "sam.learner@example.org"})
    assert hosted["report"]["valid"], json.dumps(hosted["report"], indent=1)
    assert hosted["report"]["errorCount"] == 0
    wrong = ob2_validate(credential.ob2_url(), recipient={"email": "someone@example.org"})
    assert not wrong["report"]["valid"]

    for suffix in (".png", ".svg"):
        image = tmp_path / f"badge{suffix}"
        with urlopen(credential.ob2_url() + suffix) as response:
            image.write_bytes(response.read())
        baked = ob2_validate(image)
        assert baked["report"]["valid"], (suffix, _errors(baked))

    revoke(other, "Awarded in error")
    revoked = ob2_validate(other.ob2_url())
    # The validator does not always notice revocation; the hosted document must say it.
    with pytest.raises(HTTPError) as gone:
        urlopen(other.ob2_url())
    assert gone.value.code == 410
    body = json.loads(gone.value.read())
    assert body["revoked"] is True and body["revocationReason"] == "Awarded in error"
    assert isinstance(revoked["report"]["valid"], bool)
