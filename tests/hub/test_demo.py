"""The demo programme: complete, original, fictional, and loaded idempotently."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from hub.blocks import LESSON_BLOCK_TYPES
from hub.demo import content
from hub.models import (
    AccessibleMedia,
    GlossaryTerm,
    LessonPage,
    MentorPage,
    ProgrammePage,
    StepPage,
)

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
        "media": AccessibleMedia.objects.count(),
        "terms": GlossaryTerm.objects.count(),
    }


def test_demo_loads_a_complete_programme_and_twice_changes_nothing(client):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first

    programme = ProgrammePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == programme.pk
    steps = list(StepPage.objects.live().order_by("step_number"))
    assert [s.step_number for s in steps] == [1, 2, 3, 4]
    assert steps[3].eligibility == "graduates"
    assert {p.step_number for p in steps[3].prerequisites.all()} == {1, 2, 3}
    for step in steps:
        lessons = list(step.lessons())
        assert len(lessons) >= 3, step
        for lesson in lessons:
            used = {block.block_type for block in lesson.body}
            assert used == set(LESSON_BLOCK_TYPES), (lesson.title, set(LESSON_BLOCK_TYPES) - used)
            lesson.full_clean()  # every demo lesson passes the publish validation
    assert MentorPage.objects.live().count() >= 4
    assert GlossaryTerm.objects.count() >= 8
    for mentor in MentorPage.objects.all():
        assert "fictional" in mentor.short_biography.lower()

    for page in [programme, *steps, LessonPage.objects.first(), MentorPage.objects.first()]:
        assert client.get(page.url).status_code == 200


def test_reset_rewrites_content_but_keeps_block_ids(client):
    call_command("load_demo", verbosity=0)
    lesson = LessonPage.objects.first()
    ids = [block.id for block in lesson.body]
    lesson.title = "Edited by an editor"
    lesson.save_revision().publish()
    call_command("load_demo", verbosity=0)
    lesson.refresh_from_db()
    assert lesson.title == "Edited by an editor"  # a plain re-run keeps editors' changes
    call_command("load_demo", "--reset", verbosity=0)
    lesson.refresh_from_db()
    assert lesson.title != "Edited by an editor"
    assert [block.id for block in lesson.body] == ids


def test_demo_text_is_marked_as_fictional():
    for step in content.STEPS:
        for lesson in step["lessons"]:
            for block in lesson["body"]:
                if block["type"] == "peer_story":
                    assert "fictional" in block["value"]["context"].lower()
