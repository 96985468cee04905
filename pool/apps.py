"""Django app configuration for the pool of peer leaders."""

from __future__ import annotations

from django.apps import AppConfig


class PoolConfig(AppConfig):
    """The directory of accredited peer leaders and organisations' involvement requests."""

    name = "pool"
    verbose_name = "Pool of peer leaders"

    def ready(self) -> None:
        from lti_tool import framed, schedule
        from pool import framed_views, tasks

        framed.register_frame_link("pool", framed_views.pool_link)
        schedule.register_periodic_job(
            "pool.consent_renewal", tasks.RENEWAL_CHECK_EVERY, tasks.renew_pool_consents
        )
