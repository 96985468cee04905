"""The demo pool: two listed leaders, an approved and a waiting organisation; idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from badges.demo import load_demo_badges
from pool import directory
from pool.demo import APPROVED_EMAIL, DEMO_PASSWORD, PENDING_EMAIL
from pool.models import Member, Organisation, OrganisationStatus
from tests.support.pool import issuer

pytestmark = pytest.mark.django_db


def test_the_demo_pool_is_seeded_once(programme, client, capsys):
    load_demo_badges(issuer())

    call_command("seed_pool")
    call_command("seed_pool")

    output = capsys.readouterr().out
    assert APPROVED_EMAIL in output and DEMO_PASSWORD in output
    assert Member.objects.count() == 2
    listed = {profile.name: profile for profile in directory.listed()}
    assert set(listed) == {"Morgan Reyes (demo leader)", "Ife (demo leader)"}
    assert "region" not in listed["Ife (demo leader)"].fields
    statuses = dict(Organisation.objects.values_list("email", "status"))
    assert statuses == {
        APPROVED_EMAIL: OrganisationStatus.APPROVED,
        PENDING_EMAIL: OrganisationStatus.PENDING,
    }
    assert client.login(username=APPROVED_EMAIL, password=DEMO_PASSWORD)
    assert "Morgan Reyes (demo leader)" in client.get("/pool/").content.decode()


def test_without_the_demo_accreditations_no_leader_is_added(db):
    call_command("seed_pool")
    assert Member.objects.count() == 0
