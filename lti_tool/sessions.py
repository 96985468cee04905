"""The framed session a successful launch opens, and the records a launch keeps.

Inside an LMS iframe the browser may refuse every cookie, so the framed pages identify the
launch by an unguessable token in their URL. The session is a database row
(:class:`~lti_tool.models.LaunchSession`, holding only the token's hash) that lives eight
hours from the learner's last page, so a learner in a long lesson is never signed out while
working. The token is the bearer of the learner's identity there, which is also why those
pages need no CSRF cookie: a cross-site attacker cannot know it.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
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
from lti_tool.models import Context, LaunchSession, LtiUser, Membership, ResourceLink
from lti_tool.models.launch_state import digest
from lti_tool.score_reporting import choose_on_first_launch
from lti_tool.services.launches import after_launch

SESSION_TTL = LaunchSession.TTL


def open_session(token: str, **fields: Any) -> LaunchSession:
    """Store a new framed session for ``token`` (kept only as its hash).

    :meth:`LaunchSession.load` finds it again from the token in a framed page's URL.
    """
    now = timezone.now()
    session = LaunchSession.objects.create(
        token_hash=digest(token),
        created_at=now,
        expires_at=now + timedelta(seconds=SESSION_TTL),
        **fields,
    )
    session.token = token
    return session


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


def _first_launch_user(launch: ValidatedLaunch, sub: str, name: str) -> LtiUser:
    """Create the person launching for the first time, or find them if a launch just did.

    Someone's first launches can arrive together (several tabs, a resent form): each finds no
    user. The unique (registration, sub) constraint lets one insert win; the others' inserts
    fail inside a savepoint, after the winner committed, and they read the winner's row.
    """
    try:
        with transaction.atomic():
            learner = Learner.objects.create(display_name=name)
            return LtiUser.objects.create(
                registration=launch.registration, sub=sub, learner=learner
            )
    except IntegrityError:
        return LtiUser.objects.select_for_update().get(registration=launch.registration, sub=sub)


@transaction.atomic
def record_launch(launch: ValidatedLaunch) -> LaunchSession:
    """Map the launch onto users, contexts, links and memberships; open a framed session."""
    claims = launch.claims
    choose_on_first_launch(launch.registration, claims)
    name = _display_name(claims)
    email = claims.get("email") if isinstance(claims.get("email"), str) else ""
    user = (
        LtiUser.objects.select_for_update()
        .filter(registration=launch.registration, sub=claims["sub"])
        .first()
    )
    if user is None:
        user = _first_launch_user(launch, claims["sub"], name)
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
    return open_session(
        secrets.token_urlsafe(32),
        message_type=launch.message_type,
        registration=launch.registration,
        deployment=launch.deployment,
        lti_user=user,
        learner_id=user.learner_id,
        roles=roles,
        context=context,
        resource_link=resource_link,
        return_url=return_url[:2000],
        deep_linking_settings=settings_claim if isinstance(settings_claim, dict) else {},
        ags=ags,
        nrps=nrps,
    )
