"""Authenticated HTTP calls to a platform's services, with the errors callers act on."""

from __future__ import annotations

import threading
from typing import Any

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter

from lti_tool.models import Registration
from lti_tool.services import tokens
from lti_tool.services.errors import PermanentServiceError, TransientServiceError

DEFAULT_TIMEOUT = (5.0, 15.0)  # connect, read (seconds)


_local = threading.local()
POOL_CONNECTIONS = 10  # platforms (hosts) whose connections one thread keeps
POOL_MAXSIZE = 4  # idle keep-alive connections kept per platform


def new_session() -> requests.Session:
    """A session whose adapters keep a few idle connections per platform for reuse."""
    current = requests.Session()
    adapter = HTTPAdapter(pool_connections=POOL_CONNECTIONS, pool_maxsize=POOL_MAXSIZE)
    current.mount("https://", adapter)
    current.mount("http://", adapter)
    return current


def session() -> requests.Session:
    """This thread's HTTP session: connections (and TLS) to a platform are kept and reused,
    so a run of score posts does not pay a handshake per score. One per thread because a
    ``requests.Session`` is not documented as safe to share between threads."""
    current = getattr(_local, "session", None)
    if current is None:
        current = _local.session = new_session()
    return current


def timeout() -> tuple[float, float]:
    value = getattr(settings, "LTI_SERVICE_TIMEOUT", DEFAULT_TIMEOUT)
    if isinstance(value, list | tuple):
        connect, read = value
        return float(connect), float(read)
    return float(value), float(value)


def _describe(response: requests.Response) -> str:
    body = response.text[:300].strip()
    return f"HTTP {response.status_code} from {response.request.method} {response.url}: {body}"


def call(
    registration: Registration,
    scopes: frozenset[str] | set[str],
    method: str,
    url: str,
    *,
    accept: str | None = None,
    content_type: str | None = None,
    json_body: Any = None,
    params: dict[str, str] | None = None,
) -> requests.Response:
    """Call a service with a (cached) bearer token; on 401 refresh the token once.

    Returns the successful response; raises :class:`TransientServiceError` or
    :class:`PermanentServiceError` otherwise.
    """
    scope_set = frozenset(scopes)
    headers: dict[str, str] = {}
    if accept:
        headers["Accept"] = accept
    if content_type:
        headers["Content-Type"] = content_type
    for attempt in (1, 2):
        token = tokens.access_token(registration, scope_set, fresh=attempt == 2)
        headers["Authorization"] = f"Bearer {token}"
        try:
            response = session().request(
                method,
                url,
                headers=headers,
                json=json_body,
                params=params,
                timeout=timeout(),
                allow_redirects=False,
            )
        except requests.ConnectTimeout as error:
            raise TransientServiceError(f"Timed out connecting to {url}: {error}") from error
        except requests.ConnectionError as error:
            # The request may have been read and acted on before the connection broke.
            raise TransientServiceError(
                f"Connection to {url} failed: {error}", ambiguous=True
            ) from error
        except requests.Timeout as error:
            raise TransientServiceError(
                f"No answer from {url} in time: {error}", ambiguous=True
            ) from error
        except requests.RequestException as error:
            raise TransientServiceError(f"Request to {url} failed: {error}") from error
        if response.status_code == 401 and attempt == 1:
            tokens.forget(registration, scope_set)
            continue
        if response.ok:
            return response
        status = response.status_code
        if status == 401 or status == 429 or status == 408 or status >= 500:
            raise TransientServiceError(_describe(response), status=status, ambiguous=status >= 500)
        raise PermanentServiceError(_describe(response), status=status)
    raise AssertionError("unreachable")  # pragma: no cover
