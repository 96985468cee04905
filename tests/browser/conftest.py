"""Fixtures: headless Chromium (Debian's ``chromium``) driven by Playwright, against the live
server, and the demo LMS framing the tool. Helpers are in ``tests/support/browser.py``."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator

import pytest

from demo_lms.server import CLIENT_ID, DEPLOYMENT_ID, DemoLms
from lti_tool.models import ToolKey
from tests.factories import register_platform
from tests.support.browser import CHROMIUM_ARGS, chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def lms(live_server) -> Iterator[DemoLms]:
    """The demo LMS on ``localhost`` framing the tool on ``127.0.0.1``: two sites, as in real
    deployments, so the browser treats the tool as a third party inside the LMS page."""
    ToolKey.generate()
    server = DemoLms(live_server.url, port=0, public_host="127.0.0.1").start()
    try:
        register_platform(server, name="Demo LMS", client_id=CLIENT_ID, deployment_id=DEPLOYMENT_ID)
        yield server
    finally:
        server.stop()


@pytest.fixture
def cookieless_browser(live_server) -> Iterator[object]:
    """Chromium with every cookie from the tool's origin refused."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="plh-chromium-")
    os.makedirs(os.path.join(profile, "Default"))
    preferences = {
        "profile": {
            "block_third_party_cookies": True,
            "cookie_controls_mode": 1,
            "content_settings": {
                "exceptions": {"cookies": {f"{live_server.url},*": {"setting": 2}}}
            },
        }
    }
    with open(os.path.join(profile, "Default", "Preferences"), "w") as handle:
        json.dump(preferences, handle)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield context
        finally:
            context.close()
