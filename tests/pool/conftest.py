"""Fixtures for the pool tests: a signed-in approved organisation's client.

Helpers (accredited learners, framed sessions, organisations) are in tests/support/pool.py.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.support.pool import PASSWORD, organisation


@pytest.fixture
def trust(db):
    return organisation()


@pytest.fixture
def trust_client(trust) -> Client:
    client = Client()
    assert client.login(username=trust.user.username, password=PASSWORD)
    return client
