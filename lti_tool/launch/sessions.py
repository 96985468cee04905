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
from lti_tool.launch.validation import (
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
from lti_tool.registration.score_reporting import choose_on_first_launch
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


def _record_membership(context: Context, user: LtiUser, roles: list[str], new_user: bool) -> None:
    """The person's roles in the course: inserted, updated when they differ, else untouched."""
    if not new_user:
        current = Membership.objects.filter(context=context, user=user).first()
        if current is not None:
            if current.roles != roles or current.status != Membership.Status.ACTIVE:
                current.roles = roles
                current.status = Membership.Status.ACTIVE
                current.save(update_fields=["roles", "status", "updated_at"])
            return
    Membership.objects.create(
        context=context, user=user, roles=roles, status=Membership.Status.ACTIVE
    )


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


# A launch redone after losing a race to insert a row (see record_launch): at most once for
# each row it may insert (the person, the course, the link, the membership), and once more.
ATTEMPTS = 5


def record_launch(launch: ValidatedLaunch) -> LaunchSession:
    """Map the launch onto users, contexts, links and memberships; open a framed session.

    Everything is written in one transaction, and only what changed is written: a returning
    learner in a known course costs reads, one update (``last_launch_at``) and the session.
    Rows that do not exist yet are inserted without savepoints. When launches arrive together
    (someone's several tabs, a class told to open the first step), one of them inserts a new
    person, course or link first and the others' inserts break the unique constraints; each of
    those rolls its whole transaction back and runs again, now finding the rows.
    """
    for attempt in range(ATTEMPTS):
        try:
            return _record_launch(launch)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _object_claim(claims: dict[str, Any], name: str) -> dict[str, Any]:
    """A claim that must be a JSON object; anything else counts as absent."""
    value = claims.get(name)
    return value if isinstance(value, dict) else {}


@transaction.atomic
def _record_launch(launch: ValidatedLaunch) -> LaunchSession:
    claims = launch.claims
    choose_on_first_launch(launch.registration, claims)
    now = timezone.now()
    name = _display_name(claims)
    given_email = claims.get("email")
    email = given_email[:254] if isinstance(given_email, str) else ""
    user = (
        LtiUser.objects.select_for_update()
        .filter(registration=launch.registration, sub=claims["sub"])
        .first()
    )
    new_user = user is None
    if user is None:
        learner = Learner.objects.create(display_name=name)
        user = LtiUser.objects.create(
            registration=launch.registration,
            sub=claims["sub"],
            learner=learner,
            name=name,
            email=email,
            last_launch_at=now,
        )
    else:
        changed = ["last_launch_at"]
        if name and user.name != name:
            user.name = name
            changed.append("name")
            Learner.objects.filter(pk=user.learner_id).exclude(display_name=name).update(
                display_name=name
            )
        if email and user.email != email:
            user.email = email
            changed.append("email")
        user.last_launch_at = now
        user.save(update_fields=changed)

    roles = role_vocabulary.normalise_all(claims.get(ROLES) or [])
    nrps = _object_claim(claims, NRPS)
    ags = _object_claim(claims, AGS_ENDPOINT)
    link_claim = None if launch.is_deep_linking else claims[RESOURCE_LINK]
    resource_link = None
    if link_claim is not None:
        resource_link = (
            ResourceLink.objects.select_related("context")
            .filter(deployment=launch.deployment, resource_link_id=str(link_claim["id"])[:255])
            .first()
        )

    context = None
    context_claim = claims.get(CONTEXT)
    if isinstance(context_claim, dict) and isinstance(context_claim.get("id"), str):
        wanted = {
            "title": str(context_claim.get("title") or "")[:255],
            "label": str(context_claim.get("label") or "")[:255],
            "memberships_url": str(nrps.get("context_memberships_url") or "")[:500],
        }
        context_id = context_claim["id"][:255]
        if resource_link is not None and resource_link.context is not None:
            known = resource_link.context
            context = known if known.context_id == context_id else None
        if context is None:
            context = Context.objects.filter(
                deployment=launch.deployment, context_id=context_id
            ).first()
        if context is None:
            context = Context.objects.create(
                deployment=launch.deployment, context_id=context_id, **wanted
            )
        elif any(getattr(context, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(context, key, value)
            context.save(update_fields=[*wanted, "updated_at"])
        _record_membership(context, user, roles, new_user)

    if link_claim is not None:
        wanted_link: dict[str, Any] = {"title": str(link_claim.get("title") or "")[:255]}
        if context is not None:
            wanted_link["context"] = context
        page_id = _custom_page_id(claims)
        if page_id is not None:
            wanted_link["page_id"] = page_id
        if isinstance(ags.get("lineitem"), str):
            wanted_link["line_item_url"] = ags["lineitem"][:500]
        if resource_link is None:
            resource_link = ResourceLink.objects.create(
                deployment=launch.deployment,
                resource_link_id=str(link_claim["id"])[:255],
                **wanted_link,
            )
        else:
            changes: dict[str, Any] = {}
            for key, value in wanted_link.items():
                if key == "context":
                    if resource_link.context_id != value.pk:
                        changes[key] = value
                elif getattr(resource_link, key) != value:
                    changes[key] = value
            if changes:
                ResourceLink.objects.filter(pk=resource_link.pk).update(**changes)
                for key, value in changes.items():
                    setattr(resource_link, key, value)

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
