"""The assessors' pages in the Wagtail admin: the queue, a review with the evidence beside
the rubric, decisions and suspensions through the forms; nobody else gets in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from badges.models import Credential
from pathway.models import ApplicationStatus, AuditEntry, Review
from tests.support.discussion import text
from tests.support.pathway import PRIVATE_STATEMENT, REFEREE_NAME, ready_for_review

pytestmark = pytest.mark.django_db


def test_only_assessors_reach_the_review_pages(client, django_user_model, graduate, mentor, amina):
    application = ready_for_review(graduate, mentor)
    urls = [
        "/admin/pathway/",
        f"/admin/pathway/{application.pk}/",
        "/admin/pathway/accreditations/",
    ]
    for url in urls:
        assert client.get(url)["Location"].startswith("/admin/login/")  # the public
    staff = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    for url in urls:  # Wagtail turns the refusal into a redirect to the dashboard
        assert client.get(url)["Location"] == "/admin/", url
    refused = client.post(
        f"/admin/pathway/{application.pk}/", {"decision": "accept", "feedback": "Yes"}
    )
    assert refused["Location"] == "/admin/"
    assert not Review.objects.exists()

    client.force_login(amina)
    queue = text(client.get("/admin/pathway/"))
    assert "Accredited peer mentor" in queue and "0 of 1" in queue and "Confirmed" in queue


def test_the_review_shows_the_evidence_beside_the_rubric_and_records_the_decision(
    client, graduate, mentor, amina
):
    application = ready_for_review(graduate, mentor)
    client.force_login(amina)

    page = text(client.get(f"/admin/pathway/{application.pk}/"))
    assert "Planning an inclusive session" in page and "A session plan." in page
    assert PRIVATE_STATEMENT in page  # assessors read the statements
    assert REFEREE_NAME in page and "I saw them run it well." in page
    assert "Referee answered" in page  # the audit trail so far

    refused = client.post(f"/admin/pathway/{application.pk}/", {"decision": "accept"})
    assert refused.status_code == 400 and "Write feedback" in text(refused)
    accepted = client.post(
        f"/admin/pathway/{application.pk}/", {"decision": "accept", "feedback": "Well done."}
    )
    assert accepted.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert Credential.objects.filter(learner=graduate).count() == 1


def test_an_assessor_suspends_and_reinstates_through_the_admin(client, graduate, mentor, amina):
    from pathway import reviewing

    application = ready_for_review(graduate, mentor)
    credential = reviewing.decide(application, amina, "accept", "Good.").credential
    client.force_login(amina)
    url = f"/admin/pathway/accreditations/{credential.pk}/"

    assert "Accredited peer mentor" in text(client.get("/admin/pathway/accreditations/"))
    refused = client.post(url, {"action": "suspend", "reason": ""})
    assert refused.status_code == 400 and "reason" in text(refused)
    assert client.post(url, {"action": "suspend", "reason": "Complaint"}).status_code == 302
    assert "Suspended" in text(client.get(url))
    assert client.post(url, {"action": "reinstate", "reason": "Resolved"}).status_code == 302
    credential.refresh_from_db()
    assert credential.suspended_at is None
    assert list(
        AuditEntry.objects.filter(credential=credential).values_list("action", "actor__username")
    ) == [("issued", "amina"), ("suspended", "amina"), ("reinstated", "amina")]


def test_editors_define_requirements_as_snippets(admin_client, mentor):
    listing = admin_client.get("/admin/snippets/pathway/requirement/")
    edit = admin_client.get(f"/admin/snippets/pathway/requirement/edit/{mentor.pk}/")

    assert listing.status_code == 200 and "Accredited peer mentor" in text(listing)
    assert edit.status_code == 200
    page = text(edit)
    for label in ("Steps required", "Rubric: criteria", "Referee questions", "Renewal window"):
        assert label.lower() in page.lower(), label
