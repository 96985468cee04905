"""Accessibility rules for content that both the media library and lesson blocks apply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtailmedia.models import MediaType

if TYPE_CHECKING:
    from hub.models.media import AccessibleMedia


def text_alternative_problems(media: AccessibleMedia) -> dict[str, str]:
    """What a recording lacks before a lesson may show it, by field (empty when nothing)."""
    if media.type == MediaType.VIDEO and not media.captions:
        return {"captions": "Add a WebVTT captions file: every video needs captions."}
    if media.type == MediaType.AUDIO and not (media.transcript or "").strip():
        return {"transcript": "Add a transcript: every audio recording needs one."}
    return {}
