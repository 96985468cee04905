"""The pool's background work (django-tasks), queued by ``manage.py lti_scheduler``."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from pool.membership import renew_consents

#: How often the scheduler queues the renewal (registered in ``PoolConfig.ready()``).
RENEWAL_CHECK_EVERY = timedelta(hours=6)


@task()
def renew_pool_consents() -> dict[str, int]:
    """The yearly consent renewal: remind, then pause (see :func:`renew_consents`)."""
    done = renew_consents()
    return {"reminded": done.reminded, "paused": done.paused}
