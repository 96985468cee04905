"""Starting an application: eligibility, one open application per learner and
accreditation, and only the applicant's own reflections."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from hub.models import Reflection
from pathway import applications
from pathway.applications import ApplicationRefused
from pathway.eligibility import eligibility
from pathway.models import Application
from tests.support.pathway import full_draft

pytestmark = pytest.mark.django_db


def test_eligibility_names_each_step_still_to_complete(learner, graduate, facilitator, programme):
    step = programme.steps[0]

    assert eligibility(graduate, facilitator).eligible
    missing = eligibility(learner, facilitator)
    assert not missing.eligible and missing.missing == [step]
    assert missing.reasons == [f"Complete {step.step_label}: {step.title}."]
    with pytest.raises(ApplicationRefused, match="You cannot apply yet"):
        applications.start_application(learner, facilitator)
    assert not Application.objects.exists()


def test_one_open_application_per_learner_and_accreditation(graduate, facilitator):
    first = applications.start_application(graduate, facilitator)

    assert applications.start_application(graduate, facilitator) == first
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(learner=graduate, requirement=facilitator)
    assert Application.objects.count() == 1


def test_only_the_applicants_own_reflections_can_be_added(
    graduate, learner, facilitator, programme
):
    application = applications.start_application(graduate, facilitator)
    lesson = programme.lessons["first"]
    theirs = Reflection.objects.create(
        learner=learner, lesson=lesson, prompt_id="p", text="Not yours"
    )
    mine = Reflection.objects.create(learner=graduate, lesson=lesson, prompt_id="p", text="Mine")
    draft = full_draft(application)

    draft.reflection_ids = [mine.pk, theirs.pk]
    with pytest.raises(ApplicationRefused, match="your own reflections"):
        applications.save_draft(application, draft)
    assert not Application.objects.get().reflections.exists()

    draft.reflection_ids = [mine.pk]
    applications.save_draft(application, draft)
    assert list(Application.objects.get().reflections.all()) == [mine]


def test_requirements_are_only_for_accreditations_and_renew_inside_the_validity(
    issuer, programme, mentor
):
    from django.core.exceptions import ValidationError

    from badges.models import Achievement
    from pathway.models import Requirement

    step_badge = Achievement.objects.create(
        issuer=issuer,
        name="Step One completed",
        description="Step One.",
        criteria_narrative="Completed Step One.",
        step=programme.steps[0],
    )
    with pytest.raises(ValidationError, match="accreditation"):
        Requirement(achievement=step_badge, introduction="x").full_clean()
    mentor.renewal_window_days = mentor.validity_days
    with pytest.raises(ValidationError, match="shorter than the validity"):
        mentor.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        mentor.save()
    assert Requirement.objects.get(pk=mentor.pk).renewal_window_days < mentor.validity_days
