"""Exceptions raised by the test platform.

Each carries an OAuth2/LTI style ``error`` code plus a human readable ``description`` and the
HTTP status the server answers with, so the pure-Python API and the HTTP API fail the same way.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AuthorizationError",
    "ClientAuthenticationError",
    "DeepLinkingResponseError",
    "PlatformError",
    "RegistrationError",
    "ServiceError",
]


class PlatformError(Exception):
    """Base class: something a real LMS would refuse."""

    status: int = 400

    def __init__(self, error: str, description: str = "", *, status: int | None = None) -> None:
        super().__init__(f"{error}: {description}" if description else error)
        self.error = error
        self.description = description
        if status is not None:
            self.status = status

    def to_json(self) -> dict[str, Any]:
        """OAuth2-style error body."""
        body: dict[str, Any] = {"error": self.error}
        if self.description:
            body["error_description"] = self.description
        return body


class AuthorizationError(PlatformError):
    """The tool's OIDC authentication request was refused.

    When the client and redirect URI were trustworthy the error is delivered to the tool by
    form post (``redirect_uri`` is set); otherwise it must be shown to the user only.
    """

    def __init__(
        self,
        error: str,
        description: str = "",
        *,
        redirect_uri: str | None = None,
        state: str | None = None,
    ) -> None:
        super().__init__(error, description, status=400)
        self.redirect_uri = redirect_uri
        self.state = state

    def form_fields(self) -> dict[str, str]:
        """Fields of the error form post sent to the tool's redirect URI."""
        fields = {"error": self.error}
        if self.description:
            fields["error_description"] = self.description
        if self.state is not None:
            fields["state"] = self.state
        return fields


class ClientAuthenticationError(PlatformError):
    """The token endpoint refused a client-credentials grant."""


class ServiceError(PlatformError):
    """An LTI Advantage service request (AGS, NRPS) was refused."""

    def __init__(
        self,
        status: int,
        error: str,
        description: str = "",
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(error, description, status=status)
        self.headers = headers or {}


class RegistrationError(PlatformError):
    """A Dynamic Registration request was refused."""


class DeepLinkingResponseError(PlatformError):
    """A Deep Linking response JWT from the tool failed verification."""
