"""The test database as a second process opens it."""

from __future__ import annotations

import pytest
from django.db import connection


def shared_database_url() -> str:
    """A URL for this test database that a second process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        assert name != ":memory:" and "mode=memory" not in name, "a second process needs a file"
        return f"sqlite:///{name}"
    if connection.vendor == "postgresql":
        user = db.get("USER") or ""
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"
    pytest.fail(f"no URL for a {connection.vendor} test database")
