"""Page-type rules and publish validation of the content model."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError
from wagtail.models import Page

from hub.blocks import LESSON_BLOCK_TYPES, AccessibleImageBlock, LessonStreamBlock, VideoBlock
from hub.models import (
    GlossaryPage,
    LessonPage,
    MentorIndexPage,
    MentorPage,
    ProgrammePage,
    StepPage,
)
from tests.factories import make_image, make_video

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("child", "allowed_parents"),
    [
        (ProgrammePage, {Page}),
        (StepPage, {ProgrammePage}),
        (LessonPage, {StepPage}),
        (MentorIndexPage, {ProgrammePage}),
        (MentorPage, {MentorIndexPage}),
        (GlossaryPage, {ProgrammePage}),
    ],
)
def test_page_type_rules(child, allowed_parents):
    every_type = {
        Page,
        ProgrammePage,
        StepPage,
        LessonPage,
        MentorIndexPage,
        MentorPage,
        GlossaryPage,
    }
    parents = {model for model in every_type if child in model.allowed_subpage_models()}
    assert parents == allowed_parents


def test_only_one_programme_and_one_mentor_directory(programme):
    assert not ProgrammePage.can_create_at(Page.get_first_root_node())
    assert not MentorIndexPage.can_create_at(programme.programme)
    assert not GlossaryPage.can_create_at(programme.programme)
    assert StepPage.can_create_at(programme.programme)
    assert not LessonPage.can_create_at(programme.programme)


def test_every_block_type_is_offered():
    assert set(LESSON_BLOCK_TYPES) == {
        "rich_text",
        "heading",
        "image",
        "video",
        "audio",
        "reflection_prompt",
        "knowledge_check",
        "peer_story",
        "quote",
        "inset_text",
        "warning_callout",
        "details",
        "care_card",
        "discussion_prompt",
    }


def test_image_without_alt_text_is_refused_unless_decorative():
    image = make_image()
    block = AccessibleImageBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "  ", "decorative": False}))
    assert "alternative text" in str(error.value.block_errors["alt_text"])
    block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True}))
    block.clean(block.to_python({"image": image.pk, "alt_text": "A map", "decorative": False}))


def test_a_video_block_refuses_a_video_without_captions():
    block = VideoBlock()
    bare = make_video("No captions", captions=None, transcript="<p>Words.</p>")
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"title": "Hello", "video": bare.pk}))
    assert "every video needs captions" in str(error.value.block_errors["video"])
    captioned = make_video("Captioned", transcript="")
    block.clean(block.to_python({"title": "Hello", "video": captioned.pk}))


def test_a_lesson_with_a_bad_block_cannot_be_saved_or_published(programme):
    """The admin form runs the same validation before any save or publish."""
    from wagtail.admin.panels import get_edit_handler

    lesson = programme.lessons["third"]
    form_class = get_edit_handler(LessonPage).get_form_class()
    image = make_image()
    data = {
        "title": lesson.title,
        "slug": lesson.slug,
        "summary": "Summary",
        "estimated_minutes": "10",
        "complete_on_reaching_end": "on",
        "body-count": "1",
        "body-0-type": "image",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "img",
        "body-0-value-image": str(image.pk),
        "body-0-value-alt_text": "",
        "body-0-value-caption": "",
    }
    form = form_class(data, instance=lesson, for_user=None, parent_page=lesson.get_parent())
    assert not form.is_valid()
    assert "body" in form.errors
    lesson.refresh_from_db()
    assert [b.block_type for b in lesson.body] == ["rich_text"]


def test_knowledge_check_needs_a_correct_option():
    stream = LessonStreamBlock()
    value = stream.to_python(
        [
            {
                "type": "knowledge_check",
                "id": "k",
                "value": {
                    "title": "Check",
                    "questions": [
                        {
                            "type": "item",
                            "id": "q",
                            "value": {
                                "question": "Why?",
                                "options": [
                                    {
                                        "type": "item",
                                        "id": "a",
                                        "value": {"text": "A", "correct": False, "feedback": "No"},
                                    },
                                    {
                                        "type": "item",
                                        "id": "b",
                                        "value": {"text": "B", "correct": False, "feedback": "No"},
                                    },
                                ],
                            },
                        }
                    ],
                },
            },
        ]
    )
    with pytest.raises(StreamBlockValidationError):
        stream.clean(value)


def test_lesson_completion_rule_must_be_possible(programme):
    lesson = programme.lessons["third"]  # text only
    lesson.complete_on_reaching_end = False
    with pytest.raises(ValidationError, match="at least one way"):
        lesson.full_clean()
    lesson.requires_knowledge_checks = True
    with pytest.raises(ValidationError, match="no knowledge check"):
        lesson.full_clean()
    lesson.requires_knowledge_checks = False
    lesson.requires_reflections = True
    with pytest.raises(ValidationError, match="no reflection prompt"):
        lesson.full_clean()


def test_completion_rule_is_explicit(programme):
    assert programme.lessons["first"].completion_rule == [
        "reached_end",
        "knowledge_checks_answered",
    ]
    assert programme.lessons["second"].completion_rule == ["reflections_saved"]


def test_mentor_photo_needs_alt_text(programme):
    mentor = programme.mentor
    mentor.photo_alt_text = ""
    with pytest.raises(ValidationError, match="Describe the photo"):
        mentor.full_clean()


def test_step_cannot_require_itself(programme):
    step = programme.steps[0]
    step.prerequisites = [step]
    with pytest.raises(ValidationError, match="its own prerequisite"):
        step.full_clean()


def test_step_numbers_are_unique_among_siblings(programme):
    from wagtail.admin.panels import get_edit_handler

    form_class = get_edit_handler(StepPage).get_form_class()
    data = {
        "title": "Another first step",
        "slug": "another",
        "step_number": "1",
        "summary": "s",
        "who_it_is_for": '{"blocks":[{"key":"a","text":"x","type":"unstyled","depth":0,'
        '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        "estimated_hours": "2",
        "eligibility": "open",
        "learning_outcomes-count": "0",
    }
    form = form_class(data, instance=StepPage(), for_user=None, parent_page=programme.programme)
    assert not form.is_valid()
    assert "already has number 1" in str(form.errors["step_number"])
    assert StepPage.objects.count() == 2
