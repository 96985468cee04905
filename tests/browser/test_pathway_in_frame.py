"""Applying for an accreditation inside the LMS frame, cross-site, every tool cookie refused.

Sam (a graduate of Step One) follows "Accreditation" from the framed step, applies, submits
too early (the error summary takes focus and links to each field; nothing typed is lost),
completes the form and submits. The referee confirms by email link, an assessor asks for
more, and Sam reads the feedback in the frame. axe finds no WCAG 2.2 A/AA violation on the
pathway's pages.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from badges.models import Issuer
from hub.models import Learner
from pathway import reviewing
from pathway.models import Application, ApplicationStatus
from tests.browser.axe import assert_accessible
from tests.factories import build_programme
from tests.support.browser import ACTIVE, framed, scan_framed, wait_for_heading
from tests.support.pathway import (
    accreditation,
    assessor,
    complete_steps,
    referee_confirms,
    referee_token,
    requirement_for,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_graduate_applies_and_reads_feedback_in_the_lms_frame_without_cookies(
    cookieless_browser, lms, live_server, django_user_model
):
    programme = build_programme()
    issuer = Issuer.objects.create(
        slug="plh", name="Peer Leadership Hub", url="https://hub.example.org/", email="b@x.org"
    )
    requirement = requirement_for(
        accreditation(issuer, "Accredited peer mentor"), [programme.steps[0]]
    )
    amina = assessor(django_user_model, "amina")
    page = cookieless_browser.new_page()
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()  # Step One
    wait_for_heading(page, "Your story")
    complete_steps(Learner.objects.get(display_name="Sam Taylor"), [programme.steps[0]])
    frame = page.frame_locator("iframe")

    frame.get_by_role("link", name="Accreditation").click()
    frame.get_by_role("heading", level=1, name="Accreditation as a peer leader").wait_for()
    scan_framed(page)
    frame.get_by_role("button", name="Apply for Accredited peer mentor").click()
    frame.get_by_role("heading", level=1, name="Apply: Accredited peer mentor").wait_for()
    first, second = requirement.criteria.all()
    frame.get_by_label(first.title).fill("I planned a session with large print handouts.")
    frame.get_by_role("button", name="Submit application").click()

    frame.get_by_role("heading", name="Your application was not submitted").wait_for()
    assert framed(page).evaluate(ACTIVE).startswith("Your application was not submitted")
    frame.get_by_role("link", name=f"Write your statement for “{second.title}”.").click()
    assert framed(page).evaluate("() => document.activeElement.id") == f"statement-{second.pk}"
    assert frame.get_by_label(first.title).input_value().startswith("I planned a session")
    scan_framed(page)  # the form with its errors

    frame.get_by_label(second.title).fill("When a member was upset I paused the group.")
    today = timezone.localdate()
    for number, (days, what) in enumerate([(30, "Ran a peer group"), (5, "Co-led a panel")], 1):
        frame.get_by_role("button", name="Add a practice log entry").click()
        frame.get_by_label(f"Date of entry {number}").wait_for()
        # The new entry's date takes focus, where the keyboard continues.
        assert framed(page).evaluate("() => document.activeElement.id") == f"log-date-{number}"
        frame.get_by_label(f"Date of entry {number}").fill(
            (today - timedelta(days=days)).isoformat()
        )
        frame.get_by_label(f"What you did (entry {number})").fill(what)
    frame.get_by_label("Referee's full name").fill("Rosa Referee")
    frame.get_by_label("Referee's email address").fill("rosa@example.net")
    frame.get_by_role("button", name="Submit application").click()
    frame.get_by_text("Your application is submitted.").wait_for()
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert page.context.cookies(live_server.url) == []
    scan_framed(page)

    referee_confirms(referee_token())
    reviewing.decide(application, amina, "more", "Please add what you learned from the panel.")
    page.reload()
    wait_for_heading(page, "Your story")
    frame.get_by_role("link", name="Accreditation").click()
    frame.get_by_role("link", name="Continue your application for Accredited peer mentor").click()
    frame.get_by_role("heading", name="Feedback from the assessors").wait_for()
    frame.get_by_text("Please add what you learned from the panel.").wait_for()
    assert page.context.cookies(live_server.url) == []
    scan_framed(page)


def test_a_referee_answers_through_the_one_time_link(page, live_server):
    from urllib.parse import quote

    from pathway import applications
    from tests.support.pathway import submitted

    programme = build_programme()
    issuer = Issuer.objects.create(
        slug="plh", name="Peer Leadership Hub", url="https://hub.example.org/", email="b@x.org"
    )
    requirement = requirement_for(
        accreditation(issuer, "Accredited peer mentor"), [programme.steps[0]]
    )
    graduate = Learner.objects.create(display_name="Grace Graduate")
    complete_steps(graduate, [programme.steps[0]])
    application = applications.start_application(graduate, requirement)
    token = submitted(application)
    link = f"{live_server.url}/pathway/referee/?token={quote(token)}"

    page.goto(link)
    page.get_by_role("heading", level=1, name="Reference for Grace Graduate").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.evaluate(ACTIVE).startswith("There is a problem")
    assert_accessible(page)
    first, second = requirement.referee_questions.all()
    page.get_by_label(first.text).fill("At the Tuesday peer group.")
    page.get_by_label(second.text).fill("She asked the quiet members first.")
    page.get_by_label("Yes, I confirm it").check()
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", level=1, name="Thank you").wait_for()
    assert token not in page.url
    assert_accessible(page)

    page.goto(link)
    page.get_by_text("This link has already been used").wait_for()
    answered = application.referee_requests.get()
    assert answered.confirms is True
