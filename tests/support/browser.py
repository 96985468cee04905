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
    # Frames from other sites stay in their page's renderer process. With a process per site,
    # a frame that navigates from the LMS's site to the tool's moves to another process, and
    # on a loaded machine Playwright sometimes loses that frame (the page has loaded, but
    # Playwright keeps the old, empty one). Cookies, storage and framing rules are decided by
    # site, not by process, so the tool is still a third party inside the LMS page.
    "--disable-site-isolation-trials",
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
        traffic = "\n".join(getattr(page, "plh_traffic", [])[-15:])
        raise AssertionError(f"{message}\nbrowser traffic:\n{traffic}{server_state()}") from error


def record_traffic(page) -> None:
    """Keep what the browser asks and gets on ``page`` (for :func:`wait_for_heading`'s report)."""
    import time

    log: list[str] = []
    page.plh_traffic = log
    started = time.monotonic()

    def note(kind: str, text: str) -> None:
        log.append(f"{time.monotonic() - started:7.2f}s {kind} {text[:160]}")

    page.on("request", lambda r: note("request", f"{r.method} {r.url}"))
    page.on("requestfinished", lambda r: note("finished", r.url))
    page.on("requestfailed", lambda r: note("failed", f"{r.url} {r.failure}"))
    page.on("framenavigated", lambda f: note("navigated", f.url))
    page.on("crash", lambda p: note("crash", "the page's renderer crashed"))
    page.on("console", lambda m: note("console", f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: note("pageerror", str(e)))


def server_state() -> str:
    """What the in-process servers are doing: each busy thread's innermost frames and, on
    PostgreSQL, every other session's state and wait, so a launch that never answers says why."""
    import sys
    import threading
    import traceback

    from django.db import connection

    names = {thread.ident: thread.name for thread in threading.enumerate()}
    lines = ["", "threads:"]
    for ident, frame in sys._current_frames().items():
        stack = traceback.extract_stack(frame)
        if any("/site-packages/" not in entry.filename for entry in stack[-12:]):
            lines.append(f"- {names.get(ident, ident)}:")
            lines.extend(f"    {e.filename}:{e.lineno} {e.name}" for e in stack[-12:])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, state, wait_event_type, wait_event, left(query, 200) "
                "FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
            lines.append("sessions:")
            lines.extend(f"- {row}" for row in cursor.fetchall())
    return "\n".join(lines)


# The framed page's focused element, by what a screen reader would call it.
ACTIVE = """() => {
  const element = document.activeElement;
  return element ? (element.getAttribute("aria-label") || element.innerText || element.id ||
    element.tagName).trim() : "";
}"""


def framed(page):
    return next(f for f in page.frames if "/lti/s/" in f.url)


def scan_framed(page) -> None:
    """axe on the framed page's URL opened on its own page (the token carries the session)."""
    from tests.browser.axe import assert_accessible

    alone = page.context.new_page()
    alone.goto(framed(page).url.split("#")[0])
    assert_accessible(alone)
    alone.close()


def tab_to(page, text: str, limit: int = 80) -> None:
    """Press Tab until the framed page's focused element reads ``text``."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = framed(page).evaluate(ACTIVE)
        if focused.startswith(text):
            return
        seen.append(focused)
    raise AssertionError(f"{text!r} never got focus; Tab went through {seen}")


def focused_text(page) -> str:
    return framed(page).evaluate(ACTIVE)


def finish_lesson_by_keyboard(page) -> None:
    """In a framed lesson, reach the finish control the keyboard's way and press it: the
    contents list's link to the last section, then one Tab."""
    tab_to(page, "Finishing this lesson")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused_text(page) == "I have finished this lesson"
    page.keyboard.press("Enter")


def answer_by_keyboard(page, option: str, feedback: str) -> None:
    """Choose the knowledge check's answer ``option`` (its input's id) and check it with the
    keyboard; the ``feedback`` then shows, with focus on it."""
    tab_to(page, option)
    page.keyboard.press("Space")
    tab_to(page, "Check my answer")
    page.keyboard.press("Enter")
    page.frame_locator("iframe").get_by_text(feedback).wait_for()
    assert feedback in focused_text(page)
