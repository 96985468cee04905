"""Background work: reminding holders that their accreditation is due for renewal.

``manage.py lti_scheduler`` queues :func:`send_renewal_reminders` every
``REMINDER_INTERVAL`` (registered in ``PathwayConfig.ready()``); the worker runs it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from badges import recipients
from badges.models import Credential
from pathway import audit
from pathway.models import AuditEntry, Requirement

REMINDER_INTERVAL = timedelta(hours=12)


def remind_due(now: datetime | None = None) -> int:
    """Remind each holder whose accreditation's renewal window has opened, once per
    credential (a unique constraint on the reminder's audit entry). Returns how many."""
    now = now or timezone.now()
    sent = 0
    for requirement in Requirement.objects.select_related("achievement"):
        due = (
            Credential.objects.current()
            .filter(
                achievement_id=requirement.achievement_id,
                revoked_at__isnull=True,
                valid_until__gt=now,
                valid_until__lte=now + timedelta(days=requirement.renewal_window_days),
            )
            .exclude(
                pk__in=AuditEntry.objects.filter(action=AuditEntry.Action.REMINDED).values(
                    "credential_id"
                )
            )
            .select_related("learner")
        )
        for credential in due:
            try:
                with transaction.atomic():
                    audit.record(
                        AuditEntry.Action.REMINDED,
                        credential=credential,
                        label="The pathway",
                        detail=f"Expires {credential.valid_until:%d %B %Y}.",
                        now=now,
                    )
                    _email(credential, requirement)
            except IntegrityError:
                continue  # another run reminded this holder meanwhile
            sent += 1
    return sent


def _email(credential: Credential, requirement: Requirement) -> None:
    email = recipients.emails_for([credential.learner]).get(credential.learner_id)
    if not email or credential.valid_until is None:
        return
    name = requirement.achievement.name
    until = credential.valid_until
    transaction.on_commit(
        lambda: send_mail(
            f"Time to renew: {name}",
            f"Your accreditation “{name}” expires on {until:%d %B %Y}. You can apply to "
            "renew it now: open the programme in your course and choose “Accreditation”. "
            "A renewal asks for your continuing practice log and a short statement.\n",
            None,
            [email],
        )
    )


@task()
def send_renewal_reminders() -> int:
    """The periodic sweep (see :func:`remind_due`)."""
    return remind_due()
