"""Registration secrets quoted in log lines are masked (security.log_redaction).

Dynamic Registration's first request carries ``token`` and ``registration_token`` in its URL,
and the server quotes the request line in its log. A real request through Django's own
development server handler, and a warning through the root handler, must come out masked.
"""

from __future__ import annotations

import io
import logging
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.servers.basehttp import (
    WSGIRequestHandler,
    WSGIServer,
    get_internal_wsgi_application,
)

from security.log_redaction import redact

ONE_TIME = "one-time-SECRET-4f8a"
PLATFORM = "platform-SECRET-9c1d"


@contextmanager
def captured(logger_name: str) -> Iterator[io.StringIO]:
    """What the handlers configured for ``logger_name`` (or the root's, if it propagates) write."""
    logger = logging.getLogger(logger_name)
    handlers = logger.handlers if logger.handlers else logging.getLogger().handlers
    buffer = io.StringIO()
    streams = [(handler, handler.setStream(buffer)) for handler in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in streams:
            handler.setStream(stream)


def test_a_real_request_line_is_logged_without_the_tokens(db):
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_internal_wsgi_application())
    port = server.server_address[1]
    url = (
        f"http://127.0.0.1:{port}/static/hub/css/site.css?openid_configuration=https%3A%2F%2F"
        f"lms.example%2Fconfig&registration_token={PLATFORM}&token={ONE_TIME}"
    )
    with captured("django.server") as log:
        thread = threading.Thread(target=server.handle_request)
        thread.start()
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200
        finally:
            thread.join(10)
            server.server_close()
    line = log.getvalue()
    assert "GET /static/hub/css/site.css?" in line
    assert "registration_token=[redacted]&token=[redacted]" in line
    assert "openid_configuration=https%3A%2F%2Flms.example%2Fconfig" in line
    assert ONE_TIME not in line and PLATFORM not in line


def test_a_warning_quoting_the_url_is_masked_by_the_root_handler():
    with captured("lti_tool.registration") as log:
        logging.getLogger("lti_tool.registration").warning(
            "refused %s", f"/lti/register/?token={ONE_TIME}&registration_token={PLATFORM}"
        )
    line = log.getvalue()
    assert "refused /lti/register/?token=[redacted]&registration_token=[redacted]" in line
    assert ONE_TIME not in line and PLATFORM not in line


def test_redact_masks_only_the_secret_parameters():
    assert redact("GET /x?a=1&token=abc&b=2") == "GET /x?a=1&token=[redacted]&b=2"
    # Canvas puts the registration token in the configuration URL, quoted in our query string.
    assert redact("?openid_configuration=https%3A%2F%2Fc%2Fcfg%3Fregistration_token%3Dzz9") == (
        "?openid_configuration=https%3A%2F%2Fc%2Fcfg%3Fregistration_token%3D[redacted]"
    )
    for untouched in ("GET /x?lti_token=keep", "GET /x?tokens=keep", "token=keep without ?"):
        assert redact(untouched) == untouched
