"""Applying from inside the LMS frame, through a real launch: eligibility explained, drafts
kept on a refused submission, errors linked to their fields, feedback read in the frame, and
nobody else's application reachable."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import TestCase

from hub.models import Learner
from lti_tool.models import LaunchSession
from lti_tool.roles import INSTRUCTOR, LEARNER
from pathway import reviewing
from pathway.models import Application, ApplicationStatus
from tests.support.discussion import open_lesson, text
from tests.support.pathway import complete_steps, referee_confirms

pytestmark = pytest.mark.django_db


def _launch(client, lms, programme, user: str, roles=(LEARNER,)) -> tuple[str, Learner]:
    token = open_lesson(client, lms, programme.lessons["first"], user, list(roles))
    session = LaunchSession.load(token)
    return token, Learner.objects.get(pk=session.learner_id)


def _form(application: Application, **fields: str) -> dict[str, str]:
    criteria = list(application.requirement.criteria.all())
    data = {"log-rows": "0", "referee-name": "", "referee-email": ""}
    data.update({f"statement-{c.pk}": "" for c in criteria})
    data.update(fields)
    return data


def test_the_frame_links_to_the_pathway_for_learners_not_instructors(client, lms, programme):
    token, _ = _launch(client, lms, programme, "lena")
    page = text(client.get(f"/lti/s/{token}/page/{programme.steps[0].pk}/"))
    assert f'href="/lti/s/{token}/pathway/">Accreditation</a>' in page

    teacher, _ = _launch(client, lms, programme, "ivan", roles=(INSTRUCTOR,))
    page = text(client.get(f"/lti/s/{teacher}/page/{programme.steps[0].pk}/"))
    assert "/pathway/" not in page


def test_a_learner_who_is_not_eligible_is_told_what_is_missing_and_cannot_apply(
    client, lms, programme, mentor
):
    token, _ = _launch(client, lms, programme, "lena")

    home = text(client.get(f"/lti/s/{token}/pathway/"))
    refused = client.post(f"/lti/s/{token}/pathway/{mentor.pk}/apply/")

    step = programme.steps[0]
    assert "You cannot apply yet" in home
    assert f"Complete {step.step_label}: {step.title}." in home
    assert refused.status_code == 403
    assert f"Complete {step.step_label}: {step.title}." in text(refused)
    assert not Application.objects.exists()


def test_a_graduate_applies_keeps_a_draft_through_a_refused_submission_and_submits(
    client, lms, programme, mentor
):
    token, learner = _launch(client, lms, programme, "grace")
    complete_steps(learner, [programme.steps[0]])
    home = text(client.get(f"/lti/s/{token}/pathway/"))
    assert "you can apply" in home

    started = client.post(f"/lti/s/{token}/pathway/{mentor.pk}/apply/")
    assert started.status_code == 302
    url = started["Location"]
    application = Application.objects.get(learner=learner)
    first, second = application.requirement.criteria.all()

    added = client.post(
        url, _form(application, action="add-row", **{f"statement-{first.pk}": "Mine"})
    )
    assert added.status_code == 200 and 'id="log-date-1"' in text(added)
    refused = client.post(
        url,
        _form(
            application,
            action="submit",
            **{
                "log-rows": "1",
                "log-date-1": "2999-01-01",
                "log-activity-1": "Ran the group",
                f"statement-{first.pk}": "Mine",
                "referee-email": "not an email",
            },
        ),
    )
    page = text(refused)
    assert refused.status_code == 400
    assert "Your application was not submitted" in page
    for field_id in (
        f"statement-{second.pk}",
        "log-date-1",
        "log-add",
        "referee-name",
        "referee-email",
    ):
        assert f'href="#{field_id}"' in page, field_id
        assert f'id="{field_id}"' in page, field_id
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.statements[str(first.pk)] == "Mine"
    assert application.practice_log == [{"date": "2999-01-01", "activity": "Ran the group"}]
    assert application.referee_email == "not an email"
    assert not mail.outbox

    removed = client.post(
        url,
        _form(application, action="remove-row-1", **{"log-rows": "1", "log-date-1": "x"}),
    )
    assert 'id="log-date-1"' not in text(removed)

    complete = _form(
        application,
        action="submit",
        **{
            "log-rows": "2",
            "log-date-1": "2025-03-01",
            "log-activity-1": "Ran the group",
            "log-date-2": "2025-04-01",
            "log-activity-2": "Co-led a panel",
            f"statement-{first.pk}": "Mine",
            f"statement-{second.pk}": "Also mine",
            "referee-name": "Rosa Referee",
            "referee-email": "rosa@example.net",
        },
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(url, complete)
    assert done.status_code == 302 and "notice=submitted" in done["Location"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [["rosa@example.net"]]
    shown = text(client.get(url))
    assert "Submitted: waiting for the referee and assessors" in shown
    assert client.post(url, complete).status_code == 403  # no longer the applicant's to change


def test_feedback_is_read_in_the_frame(client, lms, programme, mentor, amina):
    from pathway import applications
    from tests.support.pathway import submitted

    token, learner = _launch(client, lms, programme, "grace")
    complete_steps(learner, [programme.steps[0]])
    application = applications.start_application(learner, mentor)
    referee_confirms(submitted(application))
    reviewing.decide(application, amina, "more", "Please add an entry from this spring.")

    page = text(client.get(f"/lti/s/{token}/pathway/a/{application.public_id}/"))

    assert "Feedback from the assessors" in page
    assert "Please add an entry from this spring." in page
    assert "Ask for more evidence" in page
    assert "amina" not in page.lower()  # the assessor is not named to the applicant
    assert 'name="action" value="submit"' in page  # editable again


def test_nobody_else_reaches_an_application(client, lms, programme, mentor):
    from pathway import applications

    token, learner = _launch(client, lms, programme, "grace")
    complete_steps(learner, [programme.steps[0]])
    application = applications.start_application(learner, mentor)
    other, _ = _launch(client, lms, programme, "otto")

    assert client.get(f"/lti/s/{other}/pathway/a/{application.public_id}/").status_code == 404
    assert (
        client.post(
            f"/lti/s/{other}/pathway/a/{application.public_id}/", {"action": "save"}
        ).status_code
        == 404
    )
    assert client.get("/lti/s/not-a-session/pathway/").status_code == 403
    assert client.get(f"/lti/s/{token}/pathway/a/{application.public_id}/").status_code == 200


def test_a_post_from_another_site_is_refused(client, lms, programme, mentor):
    token, learner = _launch(client, lms, programme, "grace")
    complete_steps(learner, [programme.steps[0]])

    refused = client.post(
        f"/lti/s/{token}/pathway/{mentor.pk}/apply/", HTTP_ORIGIN="https://evil.example"
    )

    assert refused.status_code == 403
    assert not Application.objects.exists()
    assert re.search(r"another site", text(refused))


def test_a_holder_sees_the_accreditation_live_and_renews_only_in_its_window(
    client, lms, programme, mentor, amina
):
    from pathway import applications
    from tests.support.pathway import submitted

    token, learner = _launch(client, lms, programme, "grace")
    complete_steps(learner, [programme.steps[0]])
    application = applications.start_application(learner, mentor)
    referee_confirms(submitted(application))
    credential = reviewing.decide(application, amina, "accept", "Good.").credential

    home = text(client.get(f"/lti/s/{token}/pathway/"))
    assert "You hold this accreditation" in home and ">Valid</strong>" in home
    assert "You can apply to renew from" in home
    early = client.post(f"/lti/s/{token}/pathway/{mentor.pk}/renew/")
    assert early.status_code == 403 and "Renewal opens on" in text(early)
    assert not Application.objects.filter(kind="renewal").exists()

    reviewing.suspend_accreditation(credential, amina, "Under review")
    home = text(client.get(f"/lti/s/{token}/pathway/"))
    assert ">Suspended</strong>" in home and "Reason for the suspension: Under review" in home
    badges = text(client.get(f"/lti/s/{token}/badges/"))
    assert "This badge is suspended" in badges
