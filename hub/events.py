"""Events the hub emits when a learner's progress changes.

Other apps subscribe; the hub never imports them. Both signals are sent *inside* the database
transaction that records the progress, so a receiver's own writes (a score waiting to be sent to
an LMS, a credential to issue) commit or roll back together with the progress itself. A receiver
that raises rolls the whole change back, so nothing is recorded half-way.

Each event is sent exactly once per learner and lesson (or step): the progress functions guard
the transition with a conditional update or a unique constraint, not a check-then-insert.

``lesson_completed``: ``sender=LessonPage``, ``learner``, ``lesson``, ``progress``.
``step_completed``: ``sender=StepPage``, ``learner``, ``step``, ``completion``.
"""

from django.dispatch import Signal

lesson_completed = Signal()
step_completed = Signal()
