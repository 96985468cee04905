"""Dynamic Registration as an LMS administrator does it: inside a frame of the LMS's page.

The LMS (the platform peer, on ``127.0.0.1``) serves an admin page that frames the tool's
registration URL (the tool on ``localhost``: another site) and listens for the tool's
``org.imsglobal.lti.close`` message, as Moodle and Canvas do. Chromium refuses every cookie
from the tool. Before the fix Chromium refused to show the page at all: its
``frame-ancestors`` named only platforms already registered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from lti_platform import PlatformServer
from lti_platform.server import _Route
from lti_platform.services import ServiceRequest, ServiceResponse
from lti_tool.models import Registration, RegistrationToken, ToolKey
from tests.support.browser import wait_for_heading

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ADMIN_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Add a tool – Test LMS</title></head>
<body><main><h1>Add an external tool</h1>
<p id="status" role="status">Registering…</p>
<iframe title="Tool registration" src="{src}" width="900" height="600"></iframe>
<script>
window.addEventListener("message", function (event) {{
  if (event.data && event.data.subject === "org.imsglobal.lti.close") {{
    document.getElementById("status").textContent = "Tool registration closed by the tool";
    document.querySelector("iframe").remove();
  }}
}});
</script></main></body></html>"""


class RegisteringLms(PlatformServer):
    """The platform peer plus the admin page that frames a tool's registration URL."""

    def __init__(self, tool_register_url: str) -> None:
        super().__init__(flavour="generic")
        self.tool_register_url = tool_register_url
        admin = _Route(("GET",), re.compile("^/admin/tool/register$"), "admin", self._admin)
        self._routes = [admin, *self._routes]

    def _admin(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        src = self.platform.dynreg.initiation_url(self.tool_register_url)
        return ServiceResponse(200, ADMIN_PAGE.format(src=src.replace("&", "&amp;")), "text/html")


@pytest.fixture
def registering_lms(live_server) -> Iterator[tuple[RegisteringLms, RegistrationToken]]:
    ToolKey.generate()
    record, token = RegistrationToken.issue()
    url = f"{live_server.url}/lti/register/?" + urlencode({"token": token})
    with RegisteringLms(url) as server:
        yield server, record


def test_dynamic_registration_runs_inside_the_lms_frame(
    cookieless_browser,
    registering_lms,
    live_server,
):
    server, record = registering_lms
    assert live_server.url.startswith("http://localhost:")  # the tool: another site
    page = cookieless_browser.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
    page.goto(server.url("/admin/tool/register"))
    frame = page.frame_locator("iframe")

    # The review page shows inside the frame, and its form works there.
    wait_for_heading(page, "Register Peer Leadership Hub with peer-leadership-test-lms")
    assert refused == []
    frame.get_by_role("button", name="Register Peer Leadership Hub").click()

    # The done page told the LMS to close the dialog: the LMS removed the frame.
    page.get_by_text("Tool registration closed by the tool").wait_for(timeout=30000)
    assert page.locator("iframe").count() == 0
    assert refused == []
    registration = Registration.objects.get()
    assert registration.issuer == server.platform.issuer
    assert server.platform.registration(registration.client_id).source == "dynamic"
    record.refresh_from_db()
    assert record.used_at is not None
    assert page.context.cookies(live_server.url) == []


def test_without_a_usable_link_the_lms_cannot_frame_registration(
    cookieless_browser,
    registering_lms,
    live_server,
):
    server, record = registering_lms
    RegistrationToken.objects.filter(pk=record.pk).delete()  # the link no longer opens anything
    page = cookieless_browser.new_page()
    # Chromium reports the refusal on the framing page's console.
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=30000):
        page.goto(server.url("/admin/tool/register"))
    framed = page.frame_locator("iframe").get_by_role("heading", level=1)
    assert framed.count() == 0
    assert not Registration.objects.exists()
