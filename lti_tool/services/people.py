"""The people of a platform, as the tool knows them before or between launches.

A person is an :class:`~lti_tool.models.LtiUser` (the platform's user id within a
registration) with the hub learner they are. Roster syncs and an operator who adds people ahead
of their first launch both record them here; a launch then finds the same learner.
"""

from __future__ import annotations

from hub.models import Learner
from lti_tool.models import LtiUser


def record_user(registration_id: int, sub: str, name: str, email: str) -> tuple[LtiUser, bool]:
    """The platform's user ``sub``, created with a learner if new, else brought up to date
    with the name and email given (blank ones change nothing). Returns (user, created)."""
    user = LtiUser.objects.filter(registration_id=registration_id, sub=sub).first()
    if user is None:
        learner = Learner.objects.create(display_name=name[:150])
        user = LtiUser.objects.create(
            registration_id=registration_id, sub=sub, learner=learner, name=name, email=email
        )
        return user, True
    changed = []
    if name and user.name != name:
        user.name = name
        changed.append("name")
        Learner.objects.filter(pk=user.learner_id).update(display_name=name[:150])
    if email and user.email != email[:254]:
        user.email = email[:254]
        changed.append("email")
    if changed:
        user.save(update_fields=changed)
    return user, False
