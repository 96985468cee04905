"""What can go wrong calling a platform's services, and whether trying again may help."""

from __future__ import annotations


class ServiceError(Exception):
    """A service call failed. ``ambiguous``: the platform may have acted on it anyway."""

    retryable = False

    def __init__(self, message: str, *, status: int | None = None, ambiguous: bool = False):
        super().__init__(message)
        self.status = status
        self.ambiguous = ambiguous


class TransientServiceError(ServiceError):
    """Worth trying again later: network trouble, timeouts, 5xx, 429, 401 after a refresh."""

    retryable = True


class PermanentServiceError(ServiceError):
    """Trying the same request again will not help (400, 403, 404, 415...)."""
