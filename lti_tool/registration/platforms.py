"""Registering a platform: one rule for the admin's command, Dynamic Registration and the demo.

A platform is known by its issuer and the client id it gave the tool. Registering it again
updates the same row (its name, endpoints and settings) and activates the deployments named;
it never makes a second registration for the same client, even when two requests race.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from lti_tool.models import Deployment, Registration


class EndpointsChanged(Exception):
    """The client is registered with other addresses, and the caller may not change them."""


def register_platform(
    *,
    issuer: str,
    client_id: str,
    name: str,
    auth_login_url: str,
    auth_token_url: str,
    key_set_url: str,
    deployment_ids: Iterable[str] = (),
    keep_endpoints: bool = False,
    validate: bool = False,
    **fields: Any,
) -> tuple[Registration, bool]:
    """Create or update the registration of ``(issuer, client_id)``, active, with its
    deployments active. Returns ``(registration, created)``.

    ``keep_endpoints``: refuse (:class:`EndpointsChanged`) to change the addresses of a known
    client (Dynamic Registration must not let one platform take over another's client id).
    ``validate``: run the model's validation first (what an administrator typed); it raises
    Django's ``ValidationError`` and saves nothing. ``fields`` are other Registration fields.
    """
    endpoints = {
        "auth_login_url": auth_login_url,
        "auth_token_url": auth_token_url,
        "key_set_url": key_set_url,
    }
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                registration = (
                    Registration.objects.select_for_update()
                    .filter(issuer=issuer, client_id=client_id)
                    .first()
                )
                created = registration is None
                if registration is None:
                    registration = Registration(issuer=issuer, client_id=client_id)
                elif keep_endpoints and any(
                    getattr(registration, field) != value for field, value in endpoints.items()
                ):
                    raise EndpointsChanged(
                        f"{issuer} client {client_id} is already registered with other addresses."
                    )
                for field, value in {"name": name, **endpoints, "active": True, **fields}.items():
                    setattr(registration, field, value)
                if validate:
                    registration.full_clean()
                registration.save()
                for deployment_id in dict.fromkeys(deployment_ids):
                    deployment, _ = Deployment.objects.get_or_create(
                        registration=registration, deployment_id=deployment_id
                    )
                    deployment.activate()
                return registration, created
        except IntegrityError:
            if attempt == 2:
                raise
            # Another request created the same client a moment ago: update that one instead.
    raise AssertionError("unreachable")
