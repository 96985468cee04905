"""Clients for the platform's LTI Advantage services (AGS, NRPS) and their OAuth2 tokens.

Every call has a timeout; failures raise :class:`ServiceError` subclasses that say whether
trying again later may help, so the callers (the score outbox, roster syncs) can decide.
"""

from lti_tool.services.errors import (
    PermanentServiceError,
    ServiceError,
    TransientServiceError,
)

__all__ = ["PermanentServiceError", "ServiceError", "TransientServiceError"]
