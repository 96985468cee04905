"""Lessons' video blocks pointed at two documents (the video, its captions) and held the
transcript themselves. They now choose one media-library item that carries all three.

Every lesson and every lesson revision is rewritten, so previews of older revisions keep
working. The documents are left in place (editors may tidy them away); the media items get
copies of their files, so deleting one never removes the other's file.
"""

from __future__ import annotations

import json
import os

from django.core.files.base import ContentFile
from django.db import migrations


class VideoMover:
    def __init__(self, apps) -> None:
        self.Document = apps.get_model("wagtaildocs", "Document")
        self.Media = apps.get_model("hub", "AccessibleMedia")
        self.made: dict[tuple, int | None] = {}

    def _copy(self, document, field) -> bool:
        try:
            with document.file.open("rb") as source:
                data = source.read()
        except (FileNotFoundError, OSError, ValueError):
            return False
        field.save(os.path.basename(document.file.name), ContentFile(data), save=False)
        return True

    def media_for(self, value: dict) -> int | None:
        key = (
            value.get("video"),
            value.get("captions"),
            value.get("captions_language") or "en",
            value.get("transcript") or "",
            value.get("title") or "",
        )
        if key in self.made:
            return self.made[key]
        video = self.Document.objects.filter(pk=key[0]).first() if key[0] else None
        media_pk = None
        if video is not None:
            media = self.Media(
                title=key[4] or video.title,
                type="video",
                collection_id=video.collection_id,
                captions_language=key[2],
                transcript=key[3],
            )
            if self._copy(video, media.file):
                captions = self.Document.objects.filter(pk=key[1]).first() if key[1] else None
                if captions is not None:
                    self._copy(captions, media.captions)
                media.save()
                media_pk = media.pk
        self.made[key] = media_pk
        return media_pk

    def convert(self, stream: list) -> tuple[list, bool]:
        changed = False
        for child in stream:
            value = child.get("value")
            if child.get("type") == "video" and isinstance(value, dict) and "captions" in value:
                child["value"] = {"title": value.get("title", ""), "video": self.media_for(value)}
                changed = True
        return stream, changed


def forwards(apps, schema_editor) -> None:
    LessonPage = apps.get_model("hub", "LessonPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    mover = VideoMover(apps)

    for page in LessonPage.objects.all():
        stream, changed = mover.convert(list(page.body.raw_data))
        if changed:
            page.body = stream
            page.save(update_fields=["body"])

    lesson_type = ContentType.objects.filter(app_label="hub", model="lessonpage").first()
    if lesson_type is None:
        return
    for revision in Revision.objects.filter(content_type=lesson_type).iterator():
        body = revision.content.get("body")
        stream = json.loads(body) if isinstance(body, str) else body
        if not isinstance(stream, list):
            continue
        stream, changed = mover.convert(stream)
        if changed:
            revision.content["body"] = json.dumps(stream) if isinstance(body, str) else stream
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0003_media_library_with_captions_and_transcripts"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
