"""HTTP front end of the test platform: a threaded server bound to 127.0.0.1.

:class:`PlatformServer` serves, on an OS-assigned loopback port:

* ``/.well-known/jwks.json`` and ``/jwks`` (plus Moodle/Canvas aliases) - platform JWKS
* ``/auth`` (GET/POST) - OIDC authorization; HTML auto-post form, or JSON when the request
  sends ``Accept: application/json`` or ``auth_response_mode = "json"``
* ``/token`` - OAuth2 client credentials with ``private_key_jwt``
* ``/.well-known/openid-configuration`` and ``/register`` - Dynamic Registration
* ``/deep_link_return`` - receives Deep Linking responses (form field ``JWT``)
* ``/api/contexts/<ctx>/lineitems[/<id>[/scores|/results]]`` - AGS
* ``/api/contexts/<ctx>/memberships`` - NRPS

Each request is tagged with a fault *target* and consults :attr:`PlatformServer.faults` first.
Bodies are capped, sockets time out, and :meth:`PlatformServer.stop` interrupts injected
delays, so a test can never hang on the server.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .errors import AuthorizationError, PlatformError, RegistrationError
from .faults import Fault, FaultKind, FaultQueue
from .flavours import Flavour, all_paths
from .forms import render_auto_post_form
from .platform import DEEP_LINK_RETURN_PATH, Platform
from .services import ServiceRequest, ServiceResponse

__all__ = ["PlatformServer", "RequestRecord"]

Handler = Callable[[ServiceRequest, dict[str, str]], ServiceResponse]


@dataclass(frozen=True)
class RequestRecord:
    """One request seen by the server (after body read, before processing)."""

    method: str
    path: str
    target: str
    headers: dict[str, str]
    body: bytes
    fault: Fault | None
    received_at: float
    query: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Route:
    methods: tuple[str, ...]
    pattern: re.Pattern[str]
    target: str
    handler: Handler


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 32

    def __init__(self, address: tuple[str, int], owner: PlatformServer) -> None:
        self.owner = owner
        super().__init__(address, _RequestHandler)


class _RequestHandler(BaseHTTPRequestHandler):
    server: _HttpServer
    protocol_version = "HTTP/1.0"
    server_version = "LtiTestPlatform/1.0"

    def setup(self) -> None:
        self.timeout = self.server.owner.socket_timeout
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence stderr logging; requests are recorded in ``PlatformServer.requests``."""

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    # ------------------------------------------------------------------------------------
    def _send(self, response: ServiceResponse) -> None:
        if response.body is None:
            payload = b""
        elif isinstance(response.body, bytes):
            payload = response.body
        elif isinstance(response.body, str):
            payload = response.body.encode("utf-8")
        else:
            payload = json.dumps(response.body).encode("utf-8")
        try:
            self.send_response(response.status)
            if payload or response.status not in (204, 304):
                self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Cache-Control", response.headers.pop("Cache-Control", "no-store"))
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            if payload and self.command != "HEAD":
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            # The client gave up (e.g. its timeout fired during an injected delay).
            self.close_connection = True

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _dispatch(self, method: str) -> None:
        owner = self.server.owner
        parts = urlsplit(self.path)
        headers = {name.lower(): value for name, value in self.headers.items()}
        if "chunked" in headers.get("transfer-encoding", "").lower():
            self._send(_error(411, "length_required", "chunked bodies are not supported"))
            return
        try:
            length = int(headers.get("content-length") or 0)
        except ValueError:
            self._send(_error(400, "invalid_request", "bad Content-Length"))
            return
        if length < 0 or length > owner.max_body_bytes:
            self._send(_error(413, "payload_too_large", f"limit is {owner.max_body_bytes} bytes"))
            return
        body = self.rfile.read(length) if length else b""
        request = ServiceRequest(
            method=method,
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            headers=headers,
            body=body,
        )
        route, params, allowed = owner._match(method, parts.path)
        if route is None:
            if allowed:
                response = _error(405, "method_not_allowed", f"{method} not allowed")
                response.headers["Allow"] = ", ".join(sorted(allowed))
            else:
                response = _error(404, "not_found", f"no endpoint at {parts.path}")
            owner._record(request, "unrouted", None)
            self._send(response)
            return
        fault = owner.faults.take(route.target)
        owner._record(request, route.target, fault)
        if fault is not None:
            if fault.kind is FaultKind.DROP:
                self._drop()
                return
            if fault.kind is FaultKind.STATUS:
                response = ServiceResponse(
                    fault.status,
                    fault.body if fault.body is not None else {"error": "injected_fault"},
                    "application/json" if fault.body is None else "text/plain",
                    dict(fault.headers),
                )
                self._send(response)
                return
            if owner._stopping.wait(fault.delay):
                self._drop()
                return
        try:
            response = route.handler(request, params)
        except PlatformError as exc:
            response = ServiceResponse(exc.status, exc.to_json())
            response.headers.update(getattr(exc, "headers", {}) or {})
        except Exception as exc:  # a bug in the platform must surface, not hang the test
            owner.errors.append(exc)
            response = _error(500, "platform_bug", f"{type(exc).__name__}: {exc}")
        self._send(response)


def _error(status: int, error: str, description: str) -> ServiceResponse:
    return ServiceResponse(status, {"error": error, "error_description": description})


def _form(request: ServiceRequest) -> dict[str, list[str]]:
    if request.media_type != "application/x-www-form-urlencoded":
        raise PlatformError(
            "invalid_request", "body must be application/x-www-form-urlencoded", status=400
        )
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlatformError("invalid_request", "body is not UTF-8", status=400) from exc
    return parse_qs(text, keep_blank_values=True)


class PlatformServer:
    """Runs a :class:`Platform` over HTTP on 127.0.0.1 with an OS-assigned port.

    Use as a context manager::

        with PlatformServer(flavour="moodle") as server:
            platform = server.platform         # issuer == server.base_url
            ...
    """

    def __init__(
        self,
        platform: Platform | None = None,
        *,
        flavour: Flavour = "generic",
        host: str = "127.0.0.1",
        port: int = 0,
        max_body_bytes: int = 1_048_576,
        socket_timeout: float = 10.0,
        max_logged_requests: int = 10_000,
    ) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError("the test platform only binds loopback addresses")
        self.platform = platform or Platform(flavour=flavour)
        self.host = host
        self._requested_port = port
        self.max_body_bytes = max_body_bytes
        self.socket_timeout = socket_timeout
        self.faults = FaultQueue()
        self.auth_response_mode: str = "html"
        self.jwks_cache_seconds = 0
        self.jwks_fetch_count = 0
        self.requests: deque[RequestRecord] = deque(maxlen=max_logged_requests)
        """The most recent requests, oldest first (bounded by ``max_logged_requests``)."""
        self.errors: list[BaseException] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._routes = self._build_routes()

    # ------------------------------------------------------------------------ lifecycle --
    def start(self) -> PlatformServer:
        """Bind, attach the platform to the base URL and serve in a daemon thread."""
        if self._httpd is not None:
            raise RuntimeError("server already started")
        self._stopping.clear()
        self._httpd = _HttpServer((self.host, self._requested_port), self)
        self.platform.bind(self.base_url)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"lti-platform-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, interrupt injected delays and release the socket."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> PlatformServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ----------------------------------------------------------------------------- URLs --
    @property
    def port(self) -> int:
        """The bound TCP port."""
        if self._httpd is None:
            raise RuntimeError("server not started")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    @property
    def jwks_url(self) -> str:
        """The generic JWKS URL."""
        return self.url("/.well-known/jwks.json")

    @property
    def auth_url(self) -> str:
        """The generic authorization endpoint."""
        return self.url("/auth")

    @property
    def token_url(self) -> str:
        """The generic token endpoint."""
        return self.url("/token")

    @property
    def openid_configuration_url(self) -> str:
        """The generic openid-configuration URL."""
        return self.url("/.well-known/openid-configuration")

    @property
    def registration_url(self) -> str:
        """The generic registration endpoint."""
        return self.url("/register")

    # ------------------------------------------------------------------------ recording --
    def _record(self, request: ServiceRequest, target: str, fault: Fault | None) -> None:
        record = RequestRecord(
            method=request.method,
            path=request.path,
            target=target,
            headers=dict(request.headers),
            body=request.body,
            fault=fault,
            received_at=time.time(),
            query=dict(request.query),
        )
        with self._lock:
            self.requests.append(record)
            if target == "jwks":
                self.jwks_fetch_count += 1

    def request_count(self, target: str | None = None) -> int:
        """Requests received in total or for one target (faulted ones included)."""
        with self._lock:
            return sum(1 for r in self.requests if target in (None, r.target))

    def requests_for(self, target: str) -> list[RequestRecord]:
        """Recorded requests of one target, in arrival order."""
        with self._lock:
            return [r for r in self.requests if r.target == target]

    # -------------------------------------------------------------------------- routing --
    def _build_routes(self) -> list[_Route]:
        routes: list[_Route] = []

        def add(
            methods: tuple[str, ...], paths: tuple[str, ...], target: str, handler: Handler
        ) -> None:
            for path in paths:
                routes.append(
                    _Route(methods, re.compile("^" + re.escape(path) + "$"), target, handler)
                )

        add(("GET",), all_paths("jwks"), "jwks", self._jwks)
        add(("GET", "POST"), all_paths("authorization"), "auth", self._auth)
        add(("POST",), all_paths("token"), "token", self._token)
        add(("GET",), all_paths("openid_configuration"), "openid-configuration", self._openid)
        add(("POST",), all_paths("registration"), "register", self._register)
        add(("POST",), (DEEP_LINK_RETURN_PATH,), "deep_link_return", self._deep_link_return)
        ctx = r"/api/contexts/(?P<context_id>[^/]+)"
        item = ctx + r"/lineitems/(?P<line_item_id>[^/]+)"
        for methods, pattern, target, handler in (
            (("GET", "POST"), ctx + "/lineitems", "ags.lineitems", self._line_items),
            (("GET", "PUT", "DELETE"), item, "ags.lineitem", self._line_item),
            (("POST",), item + "/scores", "ags.scores", self._scores),
            (("GET",), item + "/results", "ags.results", self._results),
            (("GET",), ctx + "/memberships", "nrps", self._memberships),
        ):
            routes.append(_Route(methods, re.compile("^" + pattern + "$"), target, handler))
        return routes

    def _match(self, method: str, path: str) -> tuple[_Route | None, dict[str, str], set[str]]:
        allowed: set[str] = set()
        for route in self._routes:
            found = route.pattern.match(path)
            if found is None:
                continue
            if method in route.methods:
                return route, found.groupdict(), allowed
            allowed.update(route.methods)
        return None, {}, allowed

    # ------------------------------------------------------------------------- handlers --
    def _jwks(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        cache = f"max-age={self.jwks_cache_seconds}" if self.jwks_cache_seconds else "no-store"
        return ServiceResponse(200, self.platform.keys.jwks(), headers={"Cache-Control": cache})

    def _auth(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        values: dict[str, list[str]] = dict(request.query)
        if request.method == "POST":
            values.update(_form(request))
        wants_json = self.auth_response_mode == "json" or "application/json" in request.headers.get(
            "accept", ""
        )
        try:
            redirect_uri, form = self.platform.authorize(values)
        except AuthorizationError as exc:
            if exc.redirect_uri:
                fields = exc.form_fields()
                if wants_json:
                    body = {"redirect_uri": exc.redirect_uri, "form_fields": fields}
                    return ServiceResponse(400, body)
                page = render_auto_post_form(exc.redirect_uri, fields, title="Error")
                return ServiceResponse(200, page, "text/html")
            if wants_json:
                return ServiceResponse(400, exc.to_json())
            message = f"<!DOCTYPE html><html><body><h1>{exc.error}</h1></body></html>"
            return ServiceResponse(400, message, "text/html")
        if wants_json:
            return ServiceResponse(200, {"redirect_uri": redirect_uri, "form_fields": form})
        return ServiceResponse(200, render_auto_post_form(redirect_uri, form), "text/html")

    def _token(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        body = self.platform.issue_access_token(_form(request))
        return ServiceResponse(200, body, headers={"Pragma": "no-cache"})

    def _openid(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        token = request.param("registration_token")
        authorization = request.headers.get("authorization", "")
        if token is None and authorization.startswith("Bearer "):
            token = authorization[len("Bearer ") :].strip()
        return ServiceResponse(200, self.platform.dynreg.openid_configuration(token))

    def _register(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        if request.media_type != "application/json":
            raise RegistrationError(
                "invalid_request", "registration body must be application/json", status=400
            )
        payload = request.json_body()
        status, body = self.platform.dynreg.register(
            payload, authorization=request.headers.get("authorization")
        )
        return ServiceResponse(status, body)

    def _deep_link_return(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        form = _form(request)
        token = (form.get("JWT") or [""])[0]
        if not token:
            raise PlatformError("invalid_request", "form field JWT is required", status=400)
        items = self.platform.verify_deep_linking_response(token)
        return ServiceResponse(200, {"content_items": items})

    def _line_items(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        return self.platform.ags.handle_line_items(request, params["context_id"])

    def _line_item(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        return self.platform.ags.handle_line_item(
            request, params["context_id"], params["line_item_id"]
        )

    def _scores(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        return self.platform.ags.handle_scores(
            request, params["context_id"], params["line_item_id"]
        )

    def _results(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        return self.platform.ags.handle_results(
            request, params["context_id"], params["line_item_id"]
        )

    def _memberships(self, request: ServiceRequest, params: dict[str, str]) -> ServiceResponse:
        return self.platform.nrps.handle_memberships(request, params["context_id"])
