"""Django app configuration for the pool of peer leaders."""

from __future__ import annotations

from django.apps import AppConfig


class PoolConfig(AppConfig):
    """The directory of accredited peer leaders and organisations' involvement requests."""

    name = "pool"
    verbose_name = "Pool of peer leaders"
