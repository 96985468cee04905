"""A learner completes a step in the LMS frame, gets its badge and finds it in "My badges"."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from badges.issuing import revoke
from badges.models import Achievement, Credential, Issuer
from badges.verify import verify_credential
from lti_tool.models import LtiUser
from lti_tool.roles import LEARNER
from tests.factories import record_steps_done
from tests.support.lti import follow, launch

pytestmark = pytest.mark.django_db


@pytest.fixture
def step_two_badge(programme):
    call_command("setup_badges", "--demo", verbosity=0)
    issuer = Issuer.objects.get()
    return Achievement.objects.get(issuer=issuer, step=programme.steps[1])


def test_completing_a_step_in_the_frame_awards_its_badge(client, lms, programme, step_two_badge):
    lesson = programme.lessons["third"]  # Step Two's only lesson
    launched = launch(
        client, lms, user="badge-learner", roles=[LEARNER], custom={"plh_page": str(lesson.pk)}
    )
    # Step Two is for graduates: this learner completed Step One before.
    record_steps_done(LtiUser.objects.get(sub="badge-learner").learner, programme.steps[0])
    page = follow(client, launched)
    token = page.wsgi_request.path.split("/")[3]
    assert "My badges" in page.content.decode()
    empty = client.get(f"/lti/s/{token}/badges/").content.decode()
    assert "You have no badges yet" in empty

    client.post(page.wsgi_request.path, {"action": "finish"})
    client.post(page.wsgi_request.path, {"action": "finish"})  # a double submit
    credential = Credential.objects.get()
    assert credential.achievement == step_two_badge

    report = verify_credential(credential.document, email="badge-learner@example.edu")
    assert report.verdict == "valid", report
    wrong = verify_credential(credential.document, email="someone.else@example.edu")
    assert wrong.verdict == "wrong_recipient"

    html = client.get(f"/lti/s/{token}/badges/").content.decode()
    assert step_two_badge.name in html
    assert "Valid" in html
    for suffix in (".json", ".png", ".svg"):
        assert f"/badges/credentials/{credential.public_id}{suffix}" in html
    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in html
    assert "Open the public badge page" in html
    assert "Download the badge file (JSON)" in html and "Download:" not in html
    assert 'alt="Badge “Step Two completed: Leading others”: a green hexagon' in html
    assert "example.edu" not in html  # no email anywhere on the page

    revoke(credential, "Awarded in error")
    revoked = client.get(f"/lti/s/{token}/badges/").content.decode()
    assert "Revoked" in revoked and "Awarded in error" in revoked
    assert "This badge was revoked by" in revoked and "cannot be shared" in revoked
    assert "linkedin.com" not in revoked and "Open the public badge page" not in revoked
    assert "Download the badge file (JSON)" in revoked  # still the learner's own record
