"""A real tool server (pytest-django's live server), a real platform peer, and many requests
released at the same moment.

:func:`at_once` starts one thread per request and holds them at a barrier, so the requests
leave together and the server handles them concurrently. The assertions made with these
helpers are about outcomes (status codes, rows, scores received), never about time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests

from lti_platform import PlatformServer, run_oidc_launch
from lti_tool.models import Registration

CLIENT_ID = "hub-client"
DEPLOYMENT_ID = "deployment-1"
TIMEOUT = 120  # seconds a single request may take on a busy 2-core machine; never asserted

T = TypeVar("T")


@dataclass
class LiveLms:
    """The platform peer and the tool's registration of it, with the tool's live URL."""

    server: PlatformServer
    registration: Registration
    tool: str

    @property
    def platform(self) -> Any:
        return self.server.platform


class LoopbackBrowser(requests.Session):
    """A browser session that sends ``Secure`` cookies back to a loopback host over plain
    HTTP, as browsers do (they treat ``localhost`` as a secure origin); the tool's
    launch-state cookie is ``Secure``. (requests copies the jar for each request, so a
    cookie policy set on it would be lost: the flag is relaxed here instead.)"""

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        for cookie in self.cookies:
            if cookie.domain in ("localhost.local", "localhost", "127.0.0.1"):
                cookie.secure = False
        return super().prepare_request(request)


def new_browser() -> requests.Session:
    return LoopbackBrowser()


def launch_over_http(lms: LiveLms, **prepare: Any) -> requests.Response:
    """The whole OIDC launch as a browser makes it; returns the tool's answer to the form post
    (a redirect to the framed page on success)."""
    with new_browser() as browser:
        pending = lms.platform.prepare_launch(client_id=CLIENT_ID, **prepare)
        return run_oidc_launch(browser, pending, timeout=TIMEOUT).launch_response


def framed_token(launch_response: requests.Response) -> str:
    """The framed session's token from a successful launch's redirect (``/lti/s/<token>/``)."""
    assert launch_response.status_code == 302, launch_response.text[:500]
    path = urlsplit(launch_response.headers["Location"]).path
    assert path.startswith("/lti/s/"), path
    return path.split("/")[3]


def at_once(count: int, action: Callable[[int], T]) -> list[T]:
    """Run ``action(0) ... action(count - 1)`` in ``count`` threads released together."""
    barrier = threading.Barrier(count)

    def run(index: int) -> T:
        barrier.wait(timeout=TIMEOUT)
        return action(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(run, index) for index in range(count)]
        return [future.result() for future in futures]
