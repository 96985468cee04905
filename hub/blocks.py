"""StreamField blocks for lessons.

Every block renders accessible markup by itself (its template sits in
``hub/templates/hub/blocks``). Blocks that carry learner interaction (reflection prompts and
knowledge checks) are identified by the stream child's stable ``id``, so editing the text of a
prompt never orphans what learners already wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import AudioChooserBlock, VideoChooserBlock
from wagtailnhsukfrontend.blocks import (
    CareCardBlock,
    DetailsBlock,
    InsetTextBlock,
    WarningCalloutBlock,
)

from hub.accessibility import text_alternative_problems

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]

#: The rendition ``hub/blocks/image.html`` shows (its ``{% image %}`` tag names the same spec).
LESSON_IMAGE_FILTER = "width-800"


def prefetch_renditions(images: Iterable[Any], *filter_specs: str) -> None:
    """Fetch the given renditions of all ``images`` in one query, kept on each image.

    Wagtail's ``get_rendition`` looks in ``prefetched_renditions`` before its cache or the
    database, so a page showing many images asks once for all of them. ``None`` is skipped.
    """
    images = [image for image in images if image is not None]
    if not images:
        return
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=filter_specs)
    )
    prefetch_related_objects(
        images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


class HeadingBlock(blocks.StructBlock):
    """A section heading. Level 2 by default, so the page keeps one ``h1`` (its title)."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Level 2"), ("h3", "Level 3"), ("h4", "Level 4")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "hub/blocks/heading.html"


class AccessibleImageBlock(blocks.StructBlock):
    """An image whose alternative text is required unless the editor marks it decorative."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing to the text (screen readers skip it).",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "hub/blocks/image.html"

    def bulk_to_python(self, values):
        """All the stream's image blocks at once: their images, then those images' renditions."""
        structs = super().bulk_to_python(values)
        prefetch_renditions((struct.get("image") for struct in structs), LESSON_IMAGE_FILTER)
        return structs

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ErrorList(
                        [
                            ValidationError(
                                "Add alternative text, or mark the image as decorative.",
                                code="alt_text_required",
                            )
                        ]
                    )
                }
            )
        return value


def _require_text_alternative(value, field: str):
    """The chosen recording must carry its captions (video) or transcript (audio)."""
    media = value.get(field)
    problems = text_alternative_problems(media) if media is not None else {}
    if problems:
        message = " ".join(problems.values()) + " Edit it under Media, then choose it again."
        raise StructBlockValidationError(
            block_errors={
                field: ErrorList([ValidationError(message, code="text_alternative_required")])
            }
        )
    return value


class VideoBlock(blocks.StructBlock):
    """A video from the media library; its captions and transcript come with it."""

    title = blocks.CharBlock(max_length=200)
    video = VideoChooserBlock(
        help_text="Choose a video from Media: its captions and transcript are part of it."
    )

    class Meta:
        icon = "media"
        template = "hub/blocks/video.html"

    def clean(self, value):
        return _require_text_alternative(super().clean(value), "video")


class AudioBlock(blocks.StructBlock):
    """An audio recording from the media library, shown with its transcript."""

    title = blocks.CharBlock(max_length=200)
    audio = AudioChooserBlock(help_text="Choose audio from Media: its transcript is part of it.")

    class Meta:
        icon = "media"
        template = "hub/blocks/audio.html"

    def clean(self, value):
        return _require_text_alternative(super().clean(value), "audio")


class ReflectionPromptBlock(blocks.StructBlock):
    """A question the learner answers in writing. Reflections are private to the learner."""

    prompt = blocks.CharBlock(max_length=300)
    guidance = blocks.TextBlock(required=False, help_text="Optional hints for the learner.")

    class Meta:
        icon = "edit"
        template = "hub/blocks/reflection_prompt.html"


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False)
    feedback = blocks.TextBlock(help_text="Shown to the learner after choosing this option.")


#: A question needs two options, so a new one starts with two empty ones: the editor fills
#: them in rather than meeting "the minimum number of items is 2" on saving.
OPTIONS_PER_NEW_QUESTION = 2


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    options = blocks.ListBlock(
        OptionBlock(),
        min_num=OPTIONS_PER_NEW_QUESTION,
        default=[{"text": "", "correct": False, "feedback": ""}] * OPTIONS_PER_NEW_QUESTION,
    )

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            # A list-level error is shown above the options, where the editor ticks "correct".
            raise StructBlockValidationError(
                block_errors={
                    "options": ListBlockValidationError(
                        non_block_errors=ErrorList(
                            [
                                ValidationError(
                                    "Mark at least one option as correct.", code="no_correct"
                                )
                            ]
                        )
                    )
                }
            )
        return value


class KnowledgeCheckBlock(blocks.StructBlock):
    """One or more multiple-choice questions with feedback for every option."""

    title = blocks.CharBlock(default="Check your understanding", max_length=120)
    questions = blocks.ListBlock(QuestionBlock(), min_num=1)

    class Meta:
        icon = "tasks"
        template = "hub/blocks/knowledge_check.html"


class PeerStoryBlock(blocks.StructBlock):
    """A first-person story from someone with lived experience."""

    title = blocks.CharBlock(max_length=150)
    story = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    storyteller = blocks.CharBlock(max_length=120)
    context = blocks.CharBlock(
        required=False, max_length=200, help_text="For example: 'family carer, Step Two graduate'"
    )

    class Meta:
        icon = "user"
        template = "hub/blocks/peer_story.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(max_length=150)

    class Meta:
        icon = "openquote"
        template = "hub/blocks/quote.html"


class DiscussionPromptBlock(blocks.StructBlock):
    """A question for the learner to take to their group or their course's forum."""

    prompt = blocks.CharBlock(max_length=300)
    guidance = blocks.TextBlock(required=False)

    class Meta:
        icon = "group"
        template = "hub/blocks/discussion_prompt.html"


class LessonStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, template="hub/blocks/rich_text.html"
    )
    heading = HeadingBlock()
    image = AccessibleImageBlock()
    video = VideoBlock()
    audio = AudioBlock()
    reflection_prompt = ReflectionPromptBlock()
    knowledge_check = KnowledgeCheckBlock()
    peer_story = PeerStoryBlock()
    quote = QuoteBlock()
    inset_text = InsetTextBlock()
    warning_callout = WarningCalloutBlock()
    details = DetailsBlock()
    care_card = CareCardBlock()
    discussion_prompt = DiscussionPromptBlock()


#: Every block type a lesson can use, in the order editors see them.
LESSON_BLOCK_TYPES: tuple[str, ...] = tuple(LessonStreamBlock.base_blocks.keys())
