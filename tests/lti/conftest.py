"""Fixtures for the LTI tests: a real platform on loopback, registered with the tool.

The helpers that drive the OIDC flow (``launch``, ``follow``, ...) are in
``tests/support/lti.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.lti import Lms, serve_lms


@pytest.fixture
def lms(db) -> Iterator[Lms]:
    with serve_lms() as lms:
        yield lms
