"""Browser helpers: Debian's chromium for Playwright, and waiting for a framed page."""

from __future__ import annotations

import os
import shutil

import pytest

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


def wait_for_heading(page, name: str) -> None:
    """Wait for the framed tool's page titled ``name``; on failure say what the frame shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        heading = page.frame_locator("iframe").get_by_role("heading", level=1, name=name)
        heading.wait_for(timeout=60000)  # a launch is several round trips; CI may be busy
    except PlaywrightTimeout as error:
        shown = []
        for each in page.frames:
            try:
                text = each.locator("body").inner_text(timeout=2000)[:500]
            except PlaywrightTimeout:
                text = "(no body)"
            shown.append((each.url, text))
        message = f"no {name!r} heading in the frame; the frames show: {shown}"
        raise AssertionError(message) from error
