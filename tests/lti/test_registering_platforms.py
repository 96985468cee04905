"""One rule for registering a platform, whoever registers it (command, Dynamic Registration)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from lti_tool.models import Deployment, Registration
from lti_tool.registration.platforms import EndpointsChanged, register_platform

PLATFORM = {
    "issuer": "https://lms.example.org",
    "client_id": "client-1",
    "name": "Example LMS",
    "auth_login_url": "https://lms.example.org/auth",
    "auth_token_url": "https://lms.example.org/token",
    "key_set_url": "https://lms.example.org/jwks",
}


def test_registering_again_updates_the_same_client(db):
    first, created = register_platform(**PLATFORM, deployment_ids=["d1"])
    assert created
    Registration.objects.filter(pk=first.pk).update(active=False)
    moved = {**PLATFORM, "name": "Renamed", "key_set_url": "https://lms.example.org/keys"}
    second, created = register_platform(**moved, deployment_ids=["d1", "d2", "d2"])
    assert not created and second.pk == first.pk
    assert (second.name, second.key_set_url, second.active) == (
        "Renamed",
        "https://lms.example.org/keys",
        True,
    )
    assert set(Deployment.objects.filter(active=True).values_list("deployment_id", flat=True)) == {
        "d1",
        "d2",
    }


def test_a_known_client_keeps_its_addresses_when_asked(db):
    register_platform(**PLATFORM)
    other = {**PLATFORM, "auth_login_url": "https://attacker.example.net/auth"}
    with pytest.raises(EndpointsChanged, match="already registered with other addresses"):
        register_platform(**other, keep_endpoints=True, deployment_ids=["d9"])
    registration = Registration.objects.get()
    assert registration.auth_login_url == PLATFORM["auth_login_url"]
    assert not Deployment.objects.exists()


def test_validation_saves_nothing_when_a_value_is_wrong(db):
    with pytest.raises(ValidationError):
        register_platform(**{**PLATFORM, "key_set_url": "not a url"}, validate=True)
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_registrations_of_one_client_at_once_make_one(django_db_blocker):
    count = 6
    barrier = threading.Barrier(count)

    def register(index: int) -> int:
        try:
            barrier.wait(timeout=60)
            registration, _ = register_platform(**PLATFORM, deployment_ids=[f"d{index % 2}"])
            return registration.pk
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        ids = list(pool.map(register, range(count)))
    assert len(set(ids)) == 1
    assert Registration.objects.count() == 1
    assert sorted(Deployment.objects.values_list("deployment_id", flat=True)) == ["d0", "d1"]
