"""The framed session a successful launch opens, and the records a launch keeps.

Inside an LMS iframe the browser may refuse every cookie, so the framed pages identify the
launch by an unguessable token in their URL (kept in the shared cache for eight hours). The
token is the bearer of the learner's identity there, which is also why those pages need no
CSRF cookie: a cross-site attacker cannot know it.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from hub.models import Learner
from lti_tool import roles as role_vocabulary
from lti_tool.launch import (
    AGS_ENDPOINT,
    CONTEXT,
    CUSTOM,
    DEEP_LINKING_SETTINGS,
    LAUNCH_PRESENTATION,
    NRPS,
    RESOURCE_LINK,
    ROLES,
    ValidatedLaunch,
)
from lti_tool.models import Context, LtiUser, Membership, ResourceLink
from lti_tool.services.launches import after_launch

SESSION_TTL = 8 * 60 * 60
PREFIX = "lti:session:"


@dataclass
class LaunchSession:
    token: str
    message_type: str
    registration_id: int
    deployment_id: int
    lti_user_id: int
    learner_id: int
    roles: list[str]
    context_id: int | None = None
    resource_link_id: int | None = None
    return_url: str = ""
    deep_linking_settings: dict[str, Any] = field(default_factory=dict)
    ags: dict[str, Any] = field(default_factory=dict)
    nrps: dict[str, Any] = field(default_factory=dict)

    @property
    def is_staff(self) -> bool:
        return role_vocabulary.is_staff(self.roles)

    @property
    def is_mentor(self) -> bool:
        return role_vocabulary.is_mentor(self.roles)

    @property
    def role_label(self) -> str:
        return role_vocabulary.describe(self.roles)

    def save(self) -> None:
        cache.set(PREFIX + self.token, asdict(self), SESSION_TTL)

    @classmethod
    def load(cls, token: str) -> LaunchSession | None:
        if not token or len(token) > 100:
            return None
        data = cache.get(PREFIX + token)
        if not isinstance(data, dict):
            return None
        cache.touch(PREFIX + token, SESSION_TTL)
        return cls(**data)


def _display_name(claims: dict[str, Any]) -> str:
    name = claims.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()[:255]
    parts = [claims.get("given_name"), claims.get("family_name")]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())[:255]


def _custom_page_id(claims: dict[str, Any]) -> int | None:
    custom = claims.get(CUSTOM)
    if isinstance(custom, dict):
        value = custom.get("plh_page")
        if isinstance(value, str | int) and str(value).isdigit():
            return int(value)
    return None


@transaction.atomic
def record_launch(launch: ValidatedLaunch) -> LaunchSession:
    """Map the launch onto users, contexts, links and memberships; open a framed session."""
    claims = launch.claims
    name = _display_name(claims)
    email = claims.get("email") if isinstance(claims.get("email"), str) else ""
    user = (
        LtiUser.objects.select_for_update()
        .filter(registration=launch.registration, sub=claims["sub"])
        .first()
    )
    if user is None:
        learner = Learner.objects.create(display_name=name)
        user = LtiUser.objects.create(
            registration=launch.registration, sub=claims["sub"], learner=learner
        )
    changed = []
    if name and user.name != name:
        user.name = name
        changed.append("name")
        if user.learner.display_name != name:
            Learner.objects.filter(pk=user.learner_id).update(display_name=name)
    if email and user.email != email[:254]:
        user.email = email[:254]
        changed.append("email")
    user.last_launch_at = timezone.now()
    user.save(update_fields=[*changed, "last_launch_at"])

    roles = role_vocabulary.normalise_all(claims.get(ROLES) or [])
    context = None
    context_claim = claims.get(CONTEXT)
    nrps = claims.get(NRPS) if isinstance(claims.get(NRPS), dict) else {}
    if isinstance(context_claim, dict) and isinstance(context_claim.get("id"), str):
        context, _ = Context.objects.update_or_create(
            deployment=launch.deployment,
            context_id=context_claim["id"][:255],
            defaults={
                "title": str(context_claim.get("title") or "")[:255],
                "label": str(context_claim.get("label") or "")[:255],
                "memberships_url": str(nrps.get("context_memberships_url") or "")[:500],
            },
        )
        Membership.objects.update_or_create(
            context=context,
            user=user,
            defaults={"roles": roles, "status": Membership.Status.ACTIVE},
        )

    resource_link = None
    ags = claims.get(AGS_ENDPOINT) if isinstance(claims.get(AGS_ENDPOINT), dict) else {}
    if not launch.is_deep_linking:
        link_claim = claims[RESOURCE_LINK]
        resource_link, _ = ResourceLink.objects.get_or_create(
            deployment=launch.deployment,
            resource_link_id=str(link_claim["id"])[:255],
            defaults={"context": context},
        )
        updates: dict[str, Any] = {"title": str(link_claim.get("title") or "")[:255]}
        if context is not None:
            updates["context"] = context
        page_id = _custom_page_id(claims)
        if page_id is not None:
            updates["page_id"] = page_id
        if isinstance(ags.get("lineitem"), str):
            updates["line_item_url"] = ags["lineitem"][:500]
        ResourceLink.objects.filter(pk=resource_link.pk).update(**updates)
        resource_link.refresh_from_db()

    after_launch(context, resource_link, roles)  # roster sync, line item: queued after commit

    presentation = claims.get(LAUNCH_PRESENTATION)
    return_url = ""
    if isinstance(presentation, dict) and isinstance(presentation.get("return_url"), str):
        return_url = presentation["return_url"]
    settings_claim = claims.get(DEEP_LINKING_SETTINGS)
    session = LaunchSession(
        token=secrets.token_urlsafe(32),
        message_type=launch.message_type,
        registration_id=launch.registration.pk,
        deployment_id=launch.deployment.pk,
        lti_user_id=user.pk,
        learner_id=user.learner_id,
        roles=roles,
        context_id=context.pk if context else None,
        resource_link_id=resource_link.pk if resource_link else None,
        return_url=return_url,
        deep_linking_settings=settings_claim if isinstance(settings_claim, dict) else {},
        ags=ags,
        nrps=nrps,
    )
    session.save()
    return session
