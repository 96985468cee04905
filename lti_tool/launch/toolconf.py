"""pylti1p3's tool configuration, backed by the Registration and Deployment models."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pylti1p3.deployment import Deployment as PyltiDeployment
from pylti1p3.registration import Registration as PyltiRegistration
from pylti1p3.tool_config import ToolConfAbstract

from lti_tool.models import Registration, ToolKey
from lti_tool.registration import platform_cache


class ToolRegistration(PyltiRegistration):
    """A pylti1p3 registration that signs with the tool's current key and knows its model.

    The key is read (and its PEM parsed, which costs tens of milliseconds) only when something
    is signed: validating a launch never needs it.
    """

    def __init__(self, model: Registration) -> None:
        self.model = model
        self._tool_key: ToolKey | None = None
        (
            self.set_issuer(model.issuer)
            .set_client_id(model.client_id)
            .set_auth_login_url(model.auth_login_url)
            .set_auth_token_url(model.auth_token_url)
            .set_key_set_url(model.key_set_url)
        )
        if model.audience:
            self.set_auth_audience(model.audience)

    @property
    def tool_key(self) -> ToolKey:
        if self._tool_key is None:
            self._tool_key = ToolKey.current()
        return self._tool_key

    def get_tool_private_key(self) -> str:
        return self.tool_key.private_key_pem

    def get_tool_public_key(self) -> str:
        return self.tool_key.public_key_pem

    def get_kid(self) -> str:
        return self.tool_key.kid

    def get_jwks(self) -> list[Mapping[str, Any]]:
        return list(ToolKey.jwks()["keys"])


class DatabaseToolConf(ToolConfAbstract):
    """Registrations are looked up by (issuer, client_id): many clients may share an issuer."""

    def __init__(self) -> None:
        self.issuers_relation_types = {}

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def find_registration_by_issuer(self, iss: str, *args: Any, **kwargs: Any) -> Any:
        """Only used by flows that know no client_id: unique match or nothing."""
        matches = list(Registration.objects.filter(issuer=iss, active=True)[:2])
        return ToolRegistration(matches[0]) if len(matches) == 1 else None

    def find_registration_by_params(
        self, iss: str, client_id: str | None, *args: Any, **kwargs: Any
    ) -> Any:
        if not client_id:
            return self.find_registration_by_issuer(iss)
        model = platform_cache.find_registration(iss, client_id)
        return ToolRegistration(model) if model is not None and model.active else None

    def find_deployment(self, iss: str, deployment_id: str) -> Any:
        return None  # every lookup goes through find_deployment_by_params

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Any:
        registration = platform_cache.find_registration(iss, client_id)
        deployment = (
            platform_cache.find_deployment(registration, deployment_id)
            if registration is not None and registration.active
            else None
        )
        if deployment is None or not deployment.active:
            return None
        return PyltiDeployment().set_deployment_id(deployment_id)
