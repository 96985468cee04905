"""What a launch sets going in the background: a roster sync, reading the gradebook column."""

from __future__ import annotations

import logging

from django.db import transaction

from lti_tool import roles as role_vocabulary
from lti_tool.models import Context, ResourceLink
from lti_tool.services import ags, nrps

logger = logging.getLogger(__name__)


def after_launch(
    context: Context | None, resource_link: ResourceLink | None, roles: list[str]
) -> None:
    """Called inside the launch's transaction; the work itself is queued after commit.

    * A tutor's launch syncs the course roster (unless a sync is recent).
    * A link with a gradebook column gets its line item recorded, and its label and maximum
      read from the platform once, so step scores can be scaled to the column.
    """
    if context is not None and role_vocabulary.is_staff(roles):
        nrps.request_sync(context)
    if resource_link is not None and resource_link.line_item_url:
        item = ags.line_item_for_link(resource_link)
        if item is not None and item.score_maximum is None:
            item_id = item.pk

            def enqueue() -> None:
                try:
                    ags.read_line_item.enqueue(item_id)
                except Exception:
                    logger.exception("Could not queue reading line item %s", item_id)

            transaction.on_commit(enqueue)
