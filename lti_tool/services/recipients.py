"""Learners' email addresses, as platforms send them at launch, for the badges they earn.

Registered with :func:`badges.recipients.register_email_source` in ``LtiToolConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Sequence

from hub.models import Learner
from lti_tool.models import LtiUser


def learner_emails(learners: Sequence[Learner]) -> dict[int, str]:
    """The email each learner's platform last sent, by learner id (one query)."""
    rows = LtiUser.objects.filter(learner__in=[learner.pk for learner in learners]).exclude(
        email=""
    )
    return dict(rows.values_list("learner_id", "email"))
