"""Headless Chromium (Debian's ``chromium``) driven by Playwright, against the live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from demo_lms.server import CLIENT_ID, DEPLOYMENT_ID, DemoLms
from lti_tool.models import ToolKey
from tests.factories import register_platform

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail("Debian's chromium is not installed: `make test` installs it.")
    return path


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
