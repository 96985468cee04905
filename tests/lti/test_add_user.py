"""``manage.py lti_add_user``: a platform's user recorded before their first launch, whom that
launch then finds; bad input refused with a message and nothing recorded."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hub.models import Learner, StepCompletion
from lti_tool.models import LtiUser
from lti_tool.roles import LEARNER
from tests.factories import record_steps_done
from tests.support.lti import CLIENT_ID, follow, launch

pytestmark = pytest.mark.django_db


def add_user(lms, *extra: str) -> str:
    out = io.StringIO()
    call_command(
        "lti_add_user",
        f"--issuer={lms.platform.issuer}",
        f"--client-id={CLIENT_ID}",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_a_user_recorded_ahead_is_the_learner_their_first_launch_finds(client, lms, programme):
    said = add_user(lms, "--user-id=grace-1", "--name=Grace Adeyemi", "--email=g@example.org")
    assert said.startswith("Recorded Grace Adeyemi (grace-1)")
    recorded = LtiUser.objects.get(sub="grace-1")
    assert (recorded.name, recorded.email) == ("Grace Adeyemi", "g@example.org")
    record_steps_done(recorded.learner, programme.steps[0])  # what an operator acted on

    response = launch(client, lms, user="grace-1", roles=[LEARNER])
    assert follow(client, response).status_code == 200
    assert LtiUser.objects.get().learner_id == recorded.learner_id
    assert Learner.objects.count() == 1
    assert StepCompletion.objects.filter(learner_id=recorded.learner_id).count() == 1


def test_running_it_again_updates_the_name_and_keeps_the_learner(lms):
    add_user(lms, "--user-id=grace-1", "--name=Grace A")
    said = add_user(lms, "--user-id=grace-1", "--name=Grace Adeyemi")
    assert said.startswith("Updated Grace Adeyemi")
    user = LtiUser.objects.get()
    assert user.name == "Grace Adeyemi" and user.learner.display_name == "Grace Adeyemi"
    assert Learner.objects.count() == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--user-id= ", "--name=Grace"], "--user-id must be 1 to 255 characters"),
        (["--user-id=" + "x" * 256, "--name=Grace"], "--user-id must be 1 to 255 characters"),
        (["--user-id=g", "--name= "], "--name must be 1 to 150 characters"),
        (["--user-id=g", "--name=Grace", "--email=not-an-address"], "is not an address"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_recorded(lms, extra, message):
    with pytest.raises(CommandError, match=message):
        add_user(lms, *extra)
    assert not LtiUser.objects.exists() and not Learner.objects.exists()


def test_an_unknown_platform_is_refused(db):
    with pytest.raises(CommandError, match="no platform is registered with that issuer"):
        call_command(
            "lti_add_user",
            "--issuer=https://lms.example.org",
            "--client-id=nobody",
            "--user-id=g",
            "--name=Grace",
        )
    assert not Learner.objects.exists()
