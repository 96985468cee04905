"""Video and audio for lessons, kept in Wagtail's media library (``wagtailmedia``).

Captions and the transcript belong to the recording itself, not to each lesson that shows it:
an editor picks a video and its captions come with it, and a recording cannot be chosen
without the text alternative the programme's readers need (WCAG 2.2: captions for video,
1.2.2; a transcript for audio, 1.2.1).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from wagtail.fields import RichTextField
from wagtailmedia.models import AbstractMedia

from hub.accessibility import text_alternative_problems

TRANSCRIPT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


def validate_webvtt(file: Any) -> None:
    """A captions file must be WebVTT: its first line starts with ``WEBVTT``."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(16)
    finally:
        file.seek(position)
    if isinstance(head, str):
        head = head.encode()
    if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(
            "This is not a WebVTT captions file: its first line must start with WEBVTT.",
            code="not_webvtt",
        )


class AccessibleMedia(AbstractMedia):
    """A video or audio recording with its captions (WebVTT) and transcript."""

    captions = models.FileField(
        upload_to="media_captions",
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text="WebVTT (.vtt) captions in the recording's language. Every video needs them.",
    )
    captions_language = models.CharField(
        max_length=10, default="en", help_text="Language of the captions, such as en or cy."
    )
    transcript = RichTextField(
        features=TRANSCRIPT_FEATURES,
        blank=True,
        help_text="Everything said and shown, for people who cannot watch or listen. "
        "Every audio recording needs one.",
    )

    admin_form_fields = (
        "title",
        "file",
        "captions",
        "captions_language",
        "transcript",
        "collection",
        "duration",
        "width",
        "height",
        "thumbnail",
        "tags",
    )

    class Meta:
        verbose_name = "video or audio"
        verbose_name_plural = "videos and audio"

    def clean(self) -> None:
        super().clean()
        problems = text_alternative_problems(self)
        if problems:
            raise ValidationError(problems)
