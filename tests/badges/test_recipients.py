"""Who a credential names: the email the learner's platform sent, else the learner's id."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from badges.issuing import recipient_for
from badges.models import RecipientType
from badges.recipients import emails_for
from hub.models import Learner


def office_email(learner: Learner) -> str | None:
    """An installation's own source of emails (settings.BADGES_RECIPIENT_EMAIL)."""
    return f"learner-{learner.pk}@trust.example.org"


def test_the_platform_email_names_the_recipient(email_learner):
    recipient = recipient_for(email_learner)
    assert recipient.identity_type == RecipientType.EMAIL
    assert recipient.value == "sam.learner@example.org"


def test_without_an_email_the_learner_id_names_the_recipient(learner):
    recipient = recipient_for(learner)
    assert recipient.identity_type == RecipientType.LEARNER_ID
    assert recipient.value == str(learner.public_id)


def test_the_setting_takes_precedence_over_the_platform(email_learner, settings):
    settings.BADGES_RECIPIENT_EMAIL = f"{__name__}.office_email"
    assert recipient_for(email_learner).value == f"learner-{email_learner.pk}@trust.example.org"


def test_a_batch_of_learners_is_looked_up_in_one_query(email_learner):
    others = [Learner.objects.create(display_name=f"Learner {n}") for n in range(20)]
    with CaptureQueriesContext(connection) as queries:
        found = emails_for([email_learner, *others])
    assert found == {email_learner.pk: "  Sam.Learner@Example.ORG "}
    assert len(queries) == 1
