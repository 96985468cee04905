"""Administrators decide on organisations in the Wagtail admin: audited and emailed."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from pool.models import Organisation, OrganisationStatus
from tests.support.pool import organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw-1-long!")
    client.force_login(admin)
    return client


def test_an_administrator_approves_an_organisation(
    admin_client, django_capture_on_commit_callbacks
):
    waiting = organisation(name="Lakes ICB", email="icb@lakes.example.org", status="pending")
    listing = admin_client.get(reverse("pool_organisations:index"))
    assert listing.status_code == 200 and "Lakes ICB" in listing.content.decode()
    url = reverse("pool_organisations:edit", args=[waiting.pk])
    form = admin_client.get(url)
    assert form.status_code == 200 and "Interview panels." in form.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(url, {"status": "approved", "decision_note": "Welcome."})

    assert saved.status_code == 302, saved.content.decode()[:2000]
    waiting.refresh_from_db()
    assert waiting.status == OrganisationStatus.APPROVED and waiting.decided_by is not None
    assert ModelLogEntry.objects.filter(
        action="pool.organisation.approve", object_id=str(waiting.pk)
    ).exists()
    assert [m.to for m in mail.outbox] == [["icb@lakes.example.org"]]


def test_the_admin_cannot_add_or_delete_organisations(admin_client):
    waiting = organisation(name="Lakes ICB", email="icb@lakes.example.org", status="pending")
    assert admin_client.get(reverse("pool_organisations:add")).status_code in (302, 403)
    deleted = admin_client.post(reverse("pool_organisations:delete", args=[waiting.pk]))
    assert deleted.status_code in (302, 403)
    assert Organisation.objects.filter(pk=waiting.pk).exists()


def test_an_editor_without_the_permission_cannot_decide(client):
    editor = get_user_model().objects.create_user("ed", "ed@example.org", "pw-1-long!")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    waiting = organisation(name="Lakes ICB", email="icb@lakes.example.org", status="pending")
    url = reverse("pool_organisations:edit", args=[waiting.pk])
    answer = client.post(url, {"status": "approved", "decision_note": ""})
    assert answer.status_code in (302, 403)
    waiting.refresh_from_db()
    assert waiting.status == OrganisationStatus.PENDING
