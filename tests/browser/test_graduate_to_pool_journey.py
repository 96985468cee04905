"""From graduate to accredited peer leader to an organisation's request, in one browser journey.

Grace (the demo LMS's graduate, recorded before her first launch with her steps completed, as
``make setup`` records her) opens the course in the LMS frame with every tool cookie refused,
applies for the facilitator accreditation, which needs two assessors, and names a referee.
The referee answers through the emailed one-time link. Two assessors each sign in to the
admin and accept; only the second acceptance issues the credential. Grace then joins the pool
of peer leaders in the frame, the demo organisation finds her and sends a request, and Grace
accepts it. axe finds no WCAG 2.2 A/AA violation on each page along the way, the assessors'
admin pages included.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from badges.demo import load_demo_badges
from badges.models import Credential
from badges.public import accreditations_for
from demo_lms.server import CLIENT_ID
from hub.models import Learner
from pathway import demo as pathway_demo
from pathway.models import Application, ApplicationStatus, Requirement
from pool.demo import APPROVED_EMAIL, DEMO_PASSWORD, seed_demo_pool
from pool.models import InvolvementRequest, RequestStatus
from tests.browser.axe import assert_accessible
from tests.factories import build_programme
from tests.support.browser import framed, scan_framed, wait_for_heading
from tests.support.pool import issuer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FACILITATOR = "Accredited group facilitator"
ASSESSOR_PASSWORD = "demo-assessors-pw-42"


def frame_page(page, path: str) -> None:
    """Load one of the session's framed pages afresh (``path`` after ``/lti/s/<token>/``)."""
    here = framed(page).url
    base, token = here.split("/lti/s/")[0], here.split("/lti/s/")[1].split("/")[0]
    framed(page).goto(f"{base}/lti/s/{token}/{path}")


def accept_as(context, hub: str, username: str, application: Application) -> None:
    """An assessor signs in to the admin on the hub's own address (a first-party site, where
    its cookies are allowed), accepts, and leaves no session behind."""
    admin = context.new_page()
    admin.goto(f"{hub}/admin/login/")
    admin.fill("#id_username", username)
    admin.fill("#id_password", ASSESSOR_PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.wait_for_url("**/admin/")
    admin.goto(f"{hub}/admin/pathway/")
    admin.get_by_role("heading", level=1, name="Accreditation reviews").wait_for()
    assert_accessible(admin)
    admin.get_by_role("link", name=FACILITATOR, exact=False).first.click()
    admin.get_by_role("heading", level=1, name=FACILITATOR, exact=False).wait_for()
    assert_accessible(admin)
    admin.get_by_label("Accept").check()
    admin.get_by_label("Feedback for the applicant", exact=False).fill(
        f"Clear, well-evidenced statements. ({username})"
    )
    admin.get_by_role("button", name="Record my decision").click()
    admin.wait_for_load_state()
    assert application.reviews.filter(assessor__username=username).exists()
    admin.close()
    context.clear_cookies()


def test_a_graduate_is_accredited_by_two_assessors_and_accepts_an_organisations_request(
    cookieless_browser, lms, live_server
):
    build_programme()
    load_demo_badges(issuer())
    pathway_demo.load_demo_requirements()
    pathway_demo.ensure_demo_assessors(ASSESSOR_PASSWORD)
    seed_demo_pool()
    # What `make setup` does for the demo LMS's graduate.
    call_command(
        "lti_add_user",
        f"--issuer={lms.base_url}",
        f"--client-id={CLIENT_ID}",
        "--user-id=demo-graduate-grace",
        "--name=Grace Adeyemi",
        "--email=grace.adeyemi@example.org",
    )
    grace = Learner.objects.get(display_name="Grace Adeyemi")
    pathway_demo.graduate(grace)
    requirement = Requirement.objects.get(achievement__name=FACILITATOR)
    assert requirement.assessors_required == 2

    # Grace applies inside the LMS frame.
    page = cookieless_browser.new_page()
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as graduate (Grace Adeyemi)").nth(0).click()
    wait_for_heading(page, "Your story")
    frame = page.frame_locator("iframe")
    frame.get_by_role("link", name="Accreditation").click()
    frame.get_by_role("heading", level=1, name="Accreditation as a peer leader").wait_for()
    frame.get_by_role("button", name=f"Apply for {FACILITATOR}").click()
    frame.get_by_role("heading", level=1, name=f"Apply: {FACILITATOR}").wait_for()
    for criterion in requirement.criteria.all():
        frame.get_by_label(criterion.title).fill(
            f"At our carers' group I worked on this: {criterion.title.lower()}."
        )
    today = timezone.localdate()
    for number in range(1, requirement.minimum_practice_entries + 1):
        frame.get_by_role("button", name="Add a practice log entry").click()
        frame.get_by_label(f"Date of entry {number}").fill(
            (today - timedelta(days=7 * number)).isoformat()
        )
        frame.get_by_label(f"What you did (entry {number})").fill(
            f"Co-facilitated session {number}"
        )
    frame.get_by_label("Referee's full name").fill("Rosa Referee")
    frame.get_by_label("Referee's email address").fill("rosa@example.net")
    scan_framed(page)
    frame.get_by_role("button", name="Submit application").click()
    frame.get_by_text("Your application is submitted.").wait_for()
    application = Application.objects.get(learner=grace)
    assert application.status == ApplicationStatus.SUBMITTED
    assert page.context.cookies(live_server.url) == []

    # The referee answers through the one-time link in the email.
    [email] = [m for m in mail.outbox if "rosa@example.net" in m.to]
    link = next(word for word in email.body.split() if "/pathway/referee/?token=" in word)
    hub = live_server.url.replace("localhost", "127.0.0.1")
    referee = cookieless_browser.new_page()
    referee.goto(hub + link[link.index("/pathway/referee/") :])  # whatever host the email names
    referee.get_by_role("heading", level=1, name="Reference for Grace Adeyemi").wait_for()
    for question in requirement.referee_questions.all():
        referee.get_by_label(question.text).fill("I co-ran the Thursday carers' group with her.")
    referee.get_by_label("Yes, I confirm it").check()
    referee.get_by_role("button", name="Send my answers").click()
    referee.get_by_role("heading", level=1, name="Thank you").wait_for()
    referee.close()

    # Two assessors accept; the first acceptance alone issues nothing.
    accept_as(cookieless_browser, hub, "assessor.amina", application)
    assert not Credential.objects.filter(learner=grace, achievement=requirement.achievement)
    accept_as(cookieless_browser, hub, "assessor.tom", application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    [held] = [a for a in accreditations_for(grace) if a.name == FACILITATOR]
    assert held.status == "valid"

    # Grace reads the outcome, then joins the pool of peer leaders in the frame.
    frame_page(page, "pathway/")
    frame.get_by_text(FACILITATOR).first.wait_for()
    scan_framed(page)
    frame_page(page, "pool/")
    frame.get_by_role("heading", level=1, name="Peer leader pool").wait_for()
    frame.get_by_role("link", name="Join the pool").click()
    frame.get_by_label("Your name as organisations would see it").fill("Grace A")
    frame.get_by_label("About you").fill("Family carer; I run a peer group for young carers.")
    frame.get_by_label("Topics you can help with").fill("carers, group facilitation")
    frame.get_by_label("Your region").select_option("london")
    frame.get_by_label("Online").check()
    fieldset = frame.get_by_role("group", name="Choose what organisations can see")
    for label in ("About me", "Topics", "Region"):
        fieldset.get_by_label(label, exact=True).check()
    frame.get_by_role("button", name="Join the pool").click()
    frame.get_by_text("You have joined the pool.").wait_for()
    scan_framed(page)

    # The demo organisation finds her and sends a request.
    trust = cookieless_browser.new_page()
    trust.goto(f"{hub}/pool/organisations/sign-in/?next=/pool/")
    trust.get_by_label("Email address").fill(APPROVED_EMAIL)
    trust.get_by_label("Password").fill(DEMO_PASSWORD)
    trust.get_by_role("button", name="Sign in").click()
    trust.get_by_role("heading", level=1, name="Find peer leaders").wait_for()
    trust.get_by_label("Region").select_option("london")
    trust.get_by_role("button", name="Apply filters").click()
    trust.get_by_role("link", name="Grace A").click()
    trust.get_by_role("heading", level=1, name="Grace A").wait_for()
    assert FACILITATOR in trust.content()
    assert "grace.adeyemi@example.org" not in trust.content()
    trust.get_by_role("link", name="Send an involvement request to Grace A").click()
    trust.get_by_label("What would you like the leader to take part in?").fill(
        "Help us plan a support group for carers at our hospital."
    )
    trust.get_by_label("When").fill("Two evenings in June")
    trust.get_by_label("Where").fill("Online")
    trust.get_by_label("Yes, it is paid").check()
    trust.get_by_label("Access arrangements").fill("Captions on every call.")
    trust.get_by_role("button", name="Send request").click()
    trust.get_by_role("heading", level=1, name="Your requests").wait_for()

    # Grace accepts it in the frame; only now does the organisation see her address.
    frame_page(page, "pool/")
    frame.get_by_role("link", name="Request from Riverside Community Health NHS Trust").click()
    frame.get_by_label("Accept").check()
    frame.get_by_role("button", name="Send my answer").click()
    frame.get_by_text("You accepted the request.").wait_for()
    request = InvolvementRequest.objects.get(member__learner=grace)
    assert request.status == RequestStatus.ACCEPTED
    trust.reload()
    assert "grace.adeyemi@example.org" in trust.content()
    assert page.context.cookies(live_server.url) == []
