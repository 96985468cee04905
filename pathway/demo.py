"""Demo accreditation requirements, the assessors' group and accounts, and a demo graduate.

Idempotent: what editors changed is left as it is; missing pieces are added.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from badges.models import Achievement, AwardRule
from hub.editorial import EDITORS, PROGRAMME_LEAD
from hub.events import step_completed
from hub.models import Learner, StepCompletion, StepPage
from pathway.models import Criterion, RefereeQuestion, Requirement
from pathway.reviewing import ASSESSORS_GROUP

#: (achievement name as badges' demo names it, steps required, assessors, introduction,
#: criteria as (title, evidence that meets it), referee questions)
DEMO_REQUIREMENTS = [
    (
        "Accredited peer mentor",
        3,
        1,
        "Mentors walk beside learners in the programme: they listen, share what helped them "
        "and point to support. Open to graduates of the first three steps.",
        [
            (
                "Listening without steering",
                "An example of a conversation where you helped someone find their own next "
                "step, and what you did to keep it theirs.",
            ),
            (
                "Sharing experience safely",
                "A time you chose what to share of your own story, and why it was right "
                "for the other person.",
            ),
            (
                "Knowing the limits of the role",
                "How you recognised a need beyond peer support and helped the person reach it.",
            ),
        ],
        [
            "How do you know the applicant, and in what setting did you see them support others?",
            "Describe one occasion when the applicant supported a peer well.",
        ],
    ),
    (
        "Accredited peer coach",
        4,
        1,
        "Coaches hold one-to-one conversations that help a peer set and reach their own "
        "goals. Open to graduates of all four steps.",
        [
            (
                "Structuring a coaching conversation",
                "Notes from a coaching conversation showing how you agreed a focus, explored "
                "options and closed with the peer's own actions.",
            ),
            (
                "Asking powerful questions",
                "Three questions you asked that moved a conversation on, and what changed.",
            ),
            (
                "Reflecting on your practice",
                "What you learned from a conversation that did not go as planned.",
            ),
        ],
        [
            "In what setting did you see the applicant coach a peer?",
            "What did the applicant do that helped the peer move forward?",
        ],
    ),
    (
        "Accredited group facilitator",
        4,
        2,
        "Facilitators run peer groups and co-production sessions where everyone's voice "
        "counts. Open to graduates of all four steps; two assessors review each application.",
        [
            (
                "Planning an inclusive session",
                "A session plan showing how you made it accessible and set shared agreements.",
            ),
            (
                "Keeping the group safe and balanced",
                "How you handled a moment when one voice dominated or someone became upset.",
            ),
            (
                "Co-producing with professionals",
                "An example of a session where people with lived experience and staff shaped "
                "a decision together, and your part in it.",
            ),
        ],
        [
            "Which sessions did you see the applicant facilitate, and in what role were you?",
            "How did the applicant make sure everyone could take part?",
            "Is there anything the applicant should work on as a facilitator?",
        ],
    ),
]

DEMO_ASSESSORS = [
    ("assessor.amina", "Amina", "Okafor"),
    ("assessor.tom", "Tom", "Brennan"),
]


def ensure_assessors_group() -> Group:
    """The Assessors group: admin access and the permission to review applications."""
    group, _ = Group.objects.get_or_create(name=ASSESSORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="pathway", codename="review_application"),
    )
    return group


def ensure_editor_rights() -> None:
    """Editors and programme leads define the accreditations' requirements."""
    rights = Permission.objects.filter(
        content_type__app_label="pathway",
        codename__in=["add_requirement", "change_requirement", "view_requirement"],
    )
    for name in (EDITORS, PROGRAMME_LEAD):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*rights)


@transaction.atomic
def load_demo_requirements() -> int:
    """Requirements for the demo accreditations that have none yet; returns how many."""
    steps = list(StepPage.objects.live().order_by("step_number"))
    created = 0
    for name, steps_needed, assessors, introduction, criteria, questions in DEMO_REQUIREMENTS:
        achievement = Achievement.objects.filter(name=name, award_rule=AwardRule.ASSESSOR).first()
        if achievement is None or hasattr(achievement, "pathway_requirement"):
            continue
        requirement = Requirement(
            achievement=achievement,
            introduction=introduction,
            assessors_required=assessors,
            validity_days=achievement.validity_days or 3 * 365,
            renewal_window_days=90,
        )
        requirement.criteria = [
            Criterion(title=title, evidence_guidance=guidance) for title, guidance in criteria
        ]
        requirement.referee_questions = [RefereeQuestion(text=text) for text in questions]
        requirement.save()
        requirement.required_steps.set(steps[:steps_needed])
        requirement.save()
        created += 1
    return created


@dataclass(frozen=True)
class DemoAccount:
    username: str
    created: bool


def ensure_demo_assessors(password: str) -> list[DemoAccount]:
    """The two demo assessors, in the Assessors group (their password set when created)."""
    group = ensure_assessors_group()
    User = get_user_model()
    accounts = []
    for username, first, last in DEMO_ASSESSORS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=password,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
            )
        user.groups.add(group)
        accounts.append(DemoAccount(username, created))
    return accounts


def graduate(learner: Learner) -> int:
    """Record every live step as completed by ``learner`` (sending the hub's event, so the
    step badges are awarded as they would be); returns how many were new."""
    made = 0
    for step in StepPage.objects.live().order_by("step_number"):
        with transaction.atomic():
            completion, created = StepCompletion.objects.get_or_create(
                learner=learner, step=step, defaults={"completed_at": timezone.now()}
            )
            if created:
                step_completed.send(
                    sender=StepPage, learner=learner, step=step, completion=completion
                )
                made += 1
    return made
