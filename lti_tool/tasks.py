"""Background work for the LTI tool (django-tasks, run by ``manage.py run_worker``).

django-tasks has no scheduler: retries are queued with ``run_after`` when the backend can
defer, and the project's one scheduler (``manage.py lti_scheduler``, ``lti_tool.schedule``)
queues the periodic safety nets (the score sweep, roster syncs, purging expired launch state)
that also pick up anything left over.
"""

from __future__ import annotations

from django_tasks import task

from lti_tool import state
from lti_tool.services import nrps, outbox


@task()
def deliver_scores(user_id: int, line_item_id: int) -> int:
    """Deliver one learner's due scores on one line item, oldest first."""
    return outbox.deliver_stream(user_id, line_item_id)


@task()
def deliver_due_scores(registration_id: int | None = None) -> int:
    """Deliver every due score (all registrations, or one)."""
    return outbox.deliver_due(registration_id=registration_id)


@task()
def refresh_line_item(line_item_id: int) -> float | None:
    """Read a line item's label and maximum from the platform."""
    from lti_tool.models import LineItem
    from lti_tool.services import ags
    from lti_tool.services.errors import ServiceError

    item = LineItem.objects.select_related("registration").get(pk=line_item_id)
    try:
        return ags.refresh_line_item(item).score_maximum
    except ServiceError:
        return None  # scores still work: they carry their own maximum


@task()
def sync_roster(context_id: int) -> dict[str, int]:
    """Bring a context's memberships up to date from the platform's NRPS roster."""
    return nrps.sync_context_by_id(context_id)


@task()
def sync_all_rosters() -> int:
    """Sync every context that has a memberships URL; returns how many were synced."""
    return nrps.sync_all()


@task()
def purge_launch_state() -> dict[str, int]:
    """Delete expired login states and framed sessions (they are never evicted otherwise)."""
    return state.purge_expired()
