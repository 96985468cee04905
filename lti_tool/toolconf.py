"""pylti1p3's tool configuration, backed by the Registration and Deployment models."""

from __future__ import annotations

from typing import Any

from pylti1p3.deployment import Deployment as PyltiDeployment
from pylti1p3.registration import Registration as PyltiRegistration
from pylti1p3.tool_config import ToolConfAbstract

from lti_tool.models import Deployment, Registration, ToolKey


class ToolRegistration(PyltiRegistration):
    """A pylti1p3 registration that signs with the tool's current key and knows its model."""

    def __init__(self, model: Registration) -> None:
        self.model = model
        key = ToolKey.current()
        self.tool_key = key
        (
            self.set_issuer(model.issuer)
            .set_client_id(model.client_id)
            .set_auth_login_url(model.auth_login_url)
            .set_auth_token_url(model.auth_token_url)
            .set_key_set_url(model.key_set_url)
            .set_tool_private_key(key.private_key_pem)
            .set_tool_public_key(key.public_key_pem)
        )
        if model.audience:
            self.set_auth_audience(model.audience)

    def get_kid(self) -> str:
        return self.tool_key.kid

    def get_jwks(self) -> list[dict[str, Any]]:
        return ToolKey.jwks()["keys"]


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
        model = Registration.objects.filter(issuer=iss, client_id=client_id, active=True).first()
        return ToolRegistration(model) if model else None

    def find_deployment(self, iss: str, deployment_id: str) -> Any:
        return None  # every lookup goes through find_deployment_by_params

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Any:
        deployment = Deployment.objects.filter(
            registration__issuer=iss,
            registration__client_id=client_id,
            deployment_id=deployment_id,
            active=True,
        ).first()
        return PyltiDeployment().set_deployment_id(deployment_id) if deployment else None
