"""Video and audio in the media library, with their captions and transcript."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from wagtailmedia.models import MediaType, get_media_model

from hub.blocks import AudioBlock
from hub.editorial import EDITORS, ensure_editorial_workflow
from hub.models import AccessibleMedia, LessonPage
from hub.models.media import validate_webvtt
from tests.factories import make_video

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42"
VTT = b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nHello\n"


def test_the_media_library_uses_the_hub_model():
    assert get_media_model() is AccessibleMedia


def test_webvtt_is_recognised_and_other_text_is_not():
    validate_webvtt(io.BytesIO(VTT))
    validate_webvtt(io.BytesIO(b"\xef\xbb\xbf" + VTT))  # with a byte-order mark
    with pytest.raises(ValidationError):
        validate_webvtt(io.BytesIO(b"1\n00:00:00,000 --> 00:00:02,000\nHello\n"))  # SubRip


def test_a_video_needs_captions_and_audio_needs_a_transcript():
    video = AccessibleMedia(title="Clip", type=MediaType.VIDEO, transcript="<p>Words</p>")
    video.file.save("clip.mp4", ContentFile(MP4), save=False)
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "captions" in error.value.message_dict
    video.captions.save("clip.vtt", ContentFile(VTT), save=False)
    video.full_clean()

    audio = AccessibleMedia(title="Talk", type=MediaType.AUDIO)
    audio.file.save("talk.mp3", ContentFile(b"ID3"), save=False)
    with pytest.raises(ValidationError) as error:
        audio.full_clean()
    assert "transcript" in error.value.message_dict
    audio.transcript = "<p>Everything said.</p>"
    audio.full_clean()


def test_an_audio_block_refuses_a_recording_without_a_transcript():
    audio = AccessibleMedia(title="Talk", type=MediaType.AUDIO)
    audio.file.save("talk.mp3", ContentFile(b"ID3"), save=False)
    audio.save()
    block = AudioBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "A talk", "audio": audio.pk}))
    audio.transcript = "<p>Everything said.</p>"
    audio.save()
    block.clean(block.to_python({"title": "A talk", "audio": audio.pk}))


def test_the_lesson_shows_the_videos_own_captions_and_transcript(client, programme):
    html = client.get(programme.lessons["first"].url).content.decode()
    media = AccessibleMedia.objects.get(title="A short welcome")
    assert f'<source src="{media.url}" type="video/mp4">' in html
    assert f'<track kind="captions" src="{media.captions.url}" srclang="en"' in html
    assert "Hello and welcome." in html


def test_an_editor_uploads_a_video_with_captions_in_the_media_library(programme):
    ensure_editorial_workflow(programme.programme)
    editor = User.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(editor)
    form = client.get("/admin/media/video/add/")
    assert form.status_code == 200
    assert "captions" in form.content.decode()
    response = client.post(
        "/admin/media/video/add/",
        {
            "title": "Welcome from Sam",
            "file": SimpleUploadedFile("welcome.mp4", MP4, content_type="video/mp4"),
            "captions": SimpleUploadedFile("welcome.vtt", VTT, content_type="text/vtt"),
            "captions_language": "en",
            "collection": "1",
            "duration": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    media = AccessibleMedia.objects.get(title="Welcome from Sam")
    assert media.type == MediaType.VIDEO
    assert media.captions.name.endswith(".vtt")


def test_a_video_without_captions_is_refused_by_the_upload_form(programme):
    client = Client()
    client.force_login(User.objects.create_superuser("boss", "", "pw"))
    response = client.post(
        "/admin/media/video/add/",
        {
            "title": "No captions",
            "file": SimpleUploadedFile("bare.mp4", MP4, content_type="video/mp4"),
            "captions_language": "en",
            "collection": "1",
            "duration": "3",
        },
    )
    assert response.status_code == 200
    assert "every video needs captions" in response.content.decode()
    assert not AccessibleMedia.objects.filter(title="No captions").exists()


def test_the_demo_lessons_videos_come_from_the_media_library(db):
    call_command("load_demo", verbosity=0)
    videos = [
        child.value
        for lesson in LessonPage.objects.all()
        for child in lesson.body
        if child.block_type == "video"
    ]
    assert videos
    for value in videos:
        media = value["video"]
        assert isinstance(media, AccessibleMedia)
        assert media.captions and media.transcript
    make_video("unused")  # the factory and the demo agree on the model


def test_the_video_chooser_lists_only_videos(programme):
    audio = AccessibleMedia(title="A podcast", type=MediaType.AUDIO, transcript="<p>x</p>")
    audio.file.save("pod.mp3", ContentFile(b"ID3"), save=False)
    audio.save()
    client = Client()
    client.force_login(User.objects.create_superuser("boss", "", "pw"))
    html = client.get("/admin/media/chooser/video/").content.decode()
    assert "A short welcome" in html
    assert "A podcast" not in html


def test_programme_leads_may_choose_and_add_media(programme):
    ensure_editorial_workflow(programme.programme)
    lead = User.objects.create_user("lead", password="pw")
    lead.groups.add(Group.objects.get(name="Programme lead"))
    client = Client()
    client.force_login(lead)
    assert client.get("/admin/media/video/add/").status_code == 200
    assert "A short welcome" in client.get("/admin/media/chooser/video/").content.decode()


def test_an_account_without_media_rights_cannot_upload(programme):
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("visitor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    refused = client.get("/admin/media/video/add/")
    assert refused.status_code == 302  # Wagtail's "no permission": back to the dashboard
    assert refused["Location"] == "/admin/"


def test_the_migration_moves_document_videos_into_the_media_library(programme):
    """Lessons (and their revisions) written before the media library are rewritten."""
    import importlib

    from django.apps import apps

    from tests.factories import make_document

    migration = importlib.import_module(
        "hub.migrations.0004_move_lesson_videos_to_the_media_library"
    )
    video = make_document("Old video", MP4, "old.mp4")
    captions = make_document("Old captions", VTT, "old.vtt")
    old_value = {
        "title": "The old way",
        "video": video.pk,
        "captions": captions.pk,
        "captions_language": "cy",
        "transcript": "<p>Old transcript.</p>",
    }
    lesson = programme.lessons["third"]
    old_stream = [{"type": "video", "id": "v-old", "value": old_value}]
    LessonPage.objects.filter(pk=lesson.pk).update(body=old_stream)
    revision = lesson.save_revision()
    revision.content["body"] = json.dumps(old_stream)
    revision.save(update_fields=["content"])

    migration.forwards(apps, None)

    media = AccessibleMedia.objects.get(title="The old way")
    assert media.type == MediaType.VIDEO
    assert media.captions_language == "cy"
    assert media.transcript == "<p>Old transcript.</p>"
    assert media.file.read() == MP4 and media.captions.read() == VTT
    assert media.file.name != video.file.name  # a copy: deleting one keeps the other
    migrated = LessonPage.objects.get(pk=lesson.pk)
    assert migrated.body.raw_data[0]["value"] == {"title": "The old way", "video": media.pk}
    revision.refresh_from_db()
    assert json.loads(revision.content["body"])[0]["value"]["video"] == media.pk
    assert AccessibleMedia.objects.filter(title="The old way").count() == 1  # reused
    migration.forwards(apps, None)  # running again changes nothing
    assert AccessibleMedia.objects.filter(title="The old way").count() == 1
