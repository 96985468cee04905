"""The demo set-up: requirements for mentor, coach and facilitator, the Assessors' right to
review, two demo assessors with their login printed, and the demo graduate."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from badges.demo import load_demo_badges
from hub.models import Learner, StepCompletion
from pathway.eligibility import eligibility
from pathway.models import Requirement
from pathway.reviewing import may_review

pytestmark = pytest.mark.django_db


def test_setup_pathway_demo_is_complete_and_idempotent(issuer, programme, monkeypatch):
    monkeypatch.setenv("DEMO_ASSESSOR_PASSWORD", "demo-pass-123")
    load_demo_badges(issuer)
    first, again = io.StringIO(), io.StringIO()

    call_command("setup_pathway", "--demo", stdout=first)
    call_command("setup_pathway", "--demo", stdout=again)

    requirements = {r.achievement.name: r for r in Requirement.objects.all()}
    assert set(requirements) == {
        "Accredited peer mentor",
        "Accredited peer coach",
        "Accredited group facilitator",
    }
    assert requirements["Accredited group facilitator"].assessors_required == 2
    for requirement in requirements.values():
        assert requirement.criteria.count() >= 3
        assert requirement.referee_questions.count() >= 2
        assert requirement.required_steps.exists()
    output = first.getvalue()
    assert "Demo accreditation requirements: 3 created." in output
    assert "Username:  assessor.amina" in output and "Username:  assessor.tom" in output
    assert "Password:  demo-pass-123" in output
    assert "Demo accreditation requirements: 0 created." in again.getvalue()
    User = get_user_model()
    for username in ("assessor.amina", "assessor.tom"):
        user = User.objects.get(username=username)
        assert may_review(user) and user.check_password("demo-pass-123")


def test_seed_pathway_makes_the_demo_learner_a_graduate(issuer, programme):
    load_demo_badges(issuer)
    call_command("setup_pathway", "--demo", stdout=io.StringIO())
    before = io.StringIO()
    call_command("seed_pathway", stdout=before)
    assert "record them with `manage.py lti_add_user`" in before.getvalue()
    assert not StepCompletion.objects.exists()

    grace = Learner.objects.create(display_name="Grace Adeyemi")
    call_command("seed_pathway", stdout=io.StringIO())

    assert StepCompletion.objects.filter(learner=grace).count() == len(programme.steps)
    for requirement in Requirement.objects.all():
        assert eligibility(grace, requirement).eligible, requirement
