"""``make setup`` in one process, and installs that keep their hash checks while using uv."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from badges.models import Issuer
from hub.models import StepPage
from lti_tool.models import Registration

ROOT = Path(__file__).resolve().parent.parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()


@pytest.mark.django_db
def test_setup_site_prepares_the_demo_once_and_changes_nothing_when_run_again(monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "a-test-password")  # no var/admin-password.txt
    call_command("setup_site", "--port=8123", "--lms-port=8124", stdout=StringIO())
    registration = Registration.objects.get(client_id="demo-lms")
    assert registration.issuer == "http://localhost:8124"
    assert registration.auth_token_url == "http://localhost:8124/token"
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()
    counts = (Registration.objects.count(), StepPage.objects.count(), Issuer.objects.count())
    assert counts[1] > 0 and counts[2] == 1

    call_command("setup_site", "--port=8123", "--lms-port=8124", stdout=StringIO())

    assert (Registration.objects.count(), StepPage.objects.count(), Issuer.objects.count()) == (
        counts
    )


def _variable(name: str) -> str:
    match = re.search(rf"^{name} :?= ((?:.*\\\n)*.*)$", MAKEFILE, re.MULTILINE)
    assert match, name
    return match.group(1)


def test_every_locked_install_checks_hashes():
    installers = {"PIP_INSTALL": _variable("PIP_INSTALL"), "UV_INSTALL": _variable("UV_INSTALL")}
    assert all("--require-hashes" in command for command in installers.values())
    assert all("--no-deps" in command for command in installers.values())
    # Installed modules are compiled once, at install time, as pip did, not in every process.
    assert "--compile-bytecode" in installers["UV_INSTALL"]
    installs = re.findall(r"^\t\$\((\w+)\) -r (requirements/\S+)$", MAKEFILE, re.MULTILINE)
    assert sorted(lock for _, lock in installs) == [
        "requirements/base.lock",
        "requirements/installer.lock",
        "requirements/test.lock",
    ]
    assert all(installer in installers for installer, _ in installs)
    # uv installs the application's locks; pip only bootstraps uv itself.
    assert {lock: installer for installer, lock in installs} == {
        "requirements/installer.lock": "PIP_INSTALL",
        "requirements/base.lock": "UV_INSTALL",
        "requirements/test.lock": "UV_INSTALL",
    }


def test_the_installer_lock_pins_uv_to_one_version_with_hashes():
    lock = (ROOT / "requirements" / "installer.lock").read_text()
    requirements = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", lock, re.MULTILINE)
    assert [name for name, _ in requirements] == ["uv"]
    hashes = re.findall(r"--hash=sha256:[0-9a-f]{64}", lock)
    assert len(hashes) >= 2  # one per platform's wheel, and the source
    assert "--hash" not in lock.split("uv==", 1)[0]
