"""The pool of peer leaders, end to end in a browser.

Sam (a learner in the demo LMS, every tool cookie refused in the LMS frame) holds an
accreditation and joins the pool from inside the frame, choosing what to show. The demo
organisation signs in on the hub, filters the directory, opens Sam's profile and sends a
request (after a refused empty one). Sam accepts it in the frame; only then does each side
see the other's address. axe finds no WCAG 2.2 A/AA violation on the directory, the profile,
the request form and the framed pool pages.
"""

from __future__ import annotations

import pytest

from badges.demo import load_demo_badges
from badges.issuing import award_accreditation
from badges.models import Achievement
from hub.models import Learner
from pool.demo import APPROVED_EMAIL, DEMO_PASSWORD, seed_demo_pool
from pool.models import InvolvementRequest, Member, RequestStatus
from tests.browser.axe import assert_accessible
from tests.factories import build_programme
from tests.support.browser import ACTIVE, framed, scan_framed, wait_for_heading
from tests.support.pool import issuer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SAM_EMAIL = "sam.taylor@example.org"


def open_pool(page) -> None:
    """Load the leader's pool page in the frame afresh (its URL may carry a fragment, which
    a same-URL navigation would only scroll to)."""
    here = framed(page).url
    framed(page).goto(here.split("/lti/s/")[0] + "/lti/s/" + here.split("/")[5] + "/pool/")


def test_an_organisation_finds_a_leader_who_accepts_in_the_frame(
    cookieless_browser, lms, live_server
):
    build_programme()
    load_demo_badges(issuer())
    seed_demo_pool()

    # Sam opens the programme in the LMS, which makes him a learner of the hub.
    page = cookieless_browser.new_page()
    page.goto(lms.base_url + "/")
    page.get_by_role("link", name="Open as learner (Sam Taylor)").nth(0).click()
    wait_for_heading(page, "Your story")
    frame = page.frame_locator("iframe")

    # Without an accreditation, the pool says why not.
    frame.get_by_role("link", name="Peer leader pool").click()
    frame.get_by_role("heading", level=1, name="You cannot join the pool yet").wait_for()

    # An assessor accredits him (the pathway's work; here directly).
    sam = Learner.objects.get(display_name="Sam Taylor")
    coach = Achievement.objects.get(name="Accredited peer coach")
    award_accreditation(sam, coach, None)

    open_pool(page)
    frame.get_by_role("heading", level=1, name="Peer leader pool").wait_for()
    scan_framed(page)
    frame.get_by_role("link", name="Join the pool").click()
    frame.get_by_role("heading", level=1, name="Join the pool").wait_for()
    frame.get_by_label("Your name as organisations would see it").fill("")
    frame.get_by_role("button", name="Join the pool").click()
    frame.get_by_role("heading", level=2, name="There is a problem").wait_for()
    assert framed(page).evaluate(ACTIVE).startswith("There is a problem")
    scan_framed(page)
    frame.get_by_role("link", name="Enter the name organisations would see.").click()
    frame.get_by_label("Your name as organisations would see it").fill("Sam T")
    frame.get_by_label("About you").fill("I use a wheelchair and help GP surgeries plan access.")
    frame.get_by_label("Topics you can help with").fill("accessibility, primary care")
    frame.get_by_label("Your region").select_option("midlands")
    frame.get_by_label("Online").check()
    fieldset = frame.get_by_role("group", name="Choose what organisations can see")
    for label in ("About me", "Topics", "Region"):
        fieldset.get_by_label(label, exact=True).check()
    frame.get_by_role("button", name="Join the pool").click()
    frame.get_by_text("You have joined the pool.").wait_for()
    member = Member.objects.get(learner=sam)
    assert member.shown_fields == ["display_name", "profile", "topics", "region"]
    scan_framed(page)

    # The demo organisation signs in on the hub. The browser refuses the tool's cookies on
    # the name the LMS frames it by (localhost); the organisation uses the hub by address,
    # a site of its own, where its sign-in cookie is first-party and allowed.
    hub = live_server.url.replace("localhost", "127.0.0.1")
    assert hub != live_server.url
    trust = cookieless_browser.new_page()
    trust.goto(f"{hub}/pool/")
    trust.get_by_role("heading", level=1, name="Sign in to the pool of peer leaders").wait_for()
    assert_accessible(trust)
    trust.get_by_role("link", name="Register your organisation").click()
    trust.get_by_role("heading", level=1, name="Register your organisation").wait_for()
    assert_accessible(trust)
    trust.goto(f"{hub}/pool/organisations/sign-in/?next=/pool/")
    trust.get_by_label("Email address").fill(APPROVED_EMAIL)
    trust.get_by_label("Password").fill(DEMO_PASSWORD)
    trust.get_by_role("button", name="Sign in").click()
    trust.get_by_role("heading", level=1, name="Find peer leaders").wait_for()
    assert trust.get_by_role("status").inner_text().startswith("3 peer leaders found")
    assert_accessible(trust)
    trust.get_by_label("Region").select_option("midlands")
    trust.get_by_role("button", name="Apply filters").click()
    assert trust.get_by_role("status").inner_text() == "1 peer leader found with these filters."
    trust.get_by_role("link", name="Sam T").click()
    trust.get_by_role("heading", level=1, name="Sam T").wait_for()
    assert "Accredited peer coach" in trust.content() and "Valid" in trust.content()
    assert SAM_EMAIL not in trust.content()
    assert_accessible(trust)
    trust.get_by_role("link", name="Send an involvement request to Sam T").click()
    trust.get_by_role("button", name="Send request").click()
    trust.get_by_role("heading", level=2, name="There is a problem").wait_for()
    assert_accessible(trust)
    trust.get_by_role("link", name="Say whether it is paid.").click()
    assert trust.evaluate("() => document.activeElement.id") == "id_paid_0"
    trust.get_by_label("What would you like the leader to take part in?").fill(
        "Walk round our new surgery with us and tell us what gets in the way."
    )
    trust.get_by_label("When").fill("Any weekday in May, two hours")
    trust.get_by_label("Where").fill("Riverside Health Centre, ground floor")
    trust.get_by_label("Yes, it is paid").check()
    trust.get_by_label("Access arrangements").fill("Step-free entrance and an accessible toilet.")
    assert_accessible(trust)
    trust.get_by_role("button", name="Send request").click()
    trust.get_by_role("heading", level=1, name="Your requests").wait_for()
    assert SAM_EMAIL not in trust.content()

    # Sam accepts it inside the frame.
    open_pool(page)
    frame.get_by_role("link", name="Request from Riverside Community Health NHS Trust").click()
    frame.get_by_role("heading", level=1, name="Request from Riverside").wait_for()
    assert APPROVED_EMAIL not in framed(page).content()
    scan_framed(page)
    frame.get_by_label("Accept").check()
    frame.get_by_role("button", name="Send my answer").click()
    frame.get_by_text("You accepted the request.").wait_for()
    request = InvolvementRequest.objects.get(member=member)
    assert request.status == RequestStatus.ACCEPTED and request.leader_contact_email == SAM_EMAIL
    frame.get_by_role("link", name="Request from Riverside Community Health NHS Trust").click()
    frame.get_by_text(APPROVED_EMAIL).first.wait_for()
    assert page.context.cookies(live_server.url) == []

    trust.reload()
    assert SAM_EMAIL in trust.content()
    # Sam's look-ups are on his page: the organisation opened his profile once.
    open_pool(page)
    frame.get_by_text("1 view by organisations").wait_for()
