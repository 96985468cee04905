"""Build the demo programme from :mod:`hub.demo.content`.

Idempotent: pages, images, documents and terms are found by slug or title and created only
when missing, so running the loader again never duplicates anything and never overwrites what
an editor changed. ``reset=True`` rewrites the demo pages' content from the source (stable
block ids keep learners' answers and reflections attached).
"""

from __future__ import annotations

import io
import uuid
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Site
from wagtailmedia.models import MediaType

from hub.demo import content, illustrations
from hub.editorial import ensure_editorial_workflow
from hub.models import (
    AccessibleMedia,
    GlossaryPage,
    GlossaryTerm,
    LessonPage,
    MentorIndexPage,
    MentorPage,
    ProgrammePage,
    StepPage,
)

ASSETS = Path(__file__).resolve().parent / "assets"
DEMO_VIDEO = ASSETS / "peer-leadership-demo.mp4"
ID_NAMESPACE = uuid.UUID("5b3f8a52-3c1e-4d5e-9a57-1c1d2b6b7e10")


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def stable_id(*parts: object) -> str:
    """A block id that stays the same every time the demo is built."""
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts)))


class DemoLoader:
    def __init__(self, reset: bool = False, log: Callable[[str], None] | None = None) -> None:
        self.reset = reset
        self.log = log or (lambda message: None)
        self.report = LoadReport()
        self.collection: Collection | None = None

    # --- Media ---------------------------------------------------------------------------
    def _collection(self) -> Collection:
        if self.collection is None:
            root = Collection.get_first_root_node()
            self.collection = Collection.objects.filter(
                name="Demo programme"
            ).first() or root.add_child(name="Demo programme")
        return self.collection

    def image(self, title: str, make: Callable[[], bytes], filename: str) -> Image:
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        image = Image(
            title=title,
            collection=self._collection(),
            file=ImageFile(io.BytesIO(make()), name=filename),
        )
        image.save()
        return image

    def video(
        self, title: str, captions: list[str], transcript: str, language: str, filename: str
    ) -> AccessibleMedia:
        """A media-library video (the placeholder clip) with its own captions and transcript."""
        existing = AccessibleMedia.objects.filter(title=title, type=MediaType.VIDEO).first()
        if existing:
            return existing
        media = AccessibleMedia(
            title=title,
            type=MediaType.VIDEO,
            collection=self._collection(),
            captions_language=language,
            transcript=transcript,
        )
        media.file.save(f"{filename}.mp4", ContentFile(DEMO_VIDEO.read_bytes()), save=False)
        media.captions.save(f"{filename}.vtt", ContentFile(webvtt(captions).encode()), save=False)
        media.full_clean()
        media.save()
        return media

    # --- Pages ---------------------------------------------------------------------------
    def page(
        self,
        parent: Page,
        model: type[Page],
        slug: str,
        fields: dict[str, Any],
        relations: dict[str, list[Any]] | None = None,
    ) -> Any:
        """Create the page under ``parent`` if missing (or rewrite it when resetting)."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        label = f"{model._meta.verbose_name} “{fields.get('title', slug)}”"
        if page is not None and not self.reset:
            self.report.kept.append(label)
            return page
        creating = page is None
        if creating:
            page = model(slug=slug, **fields)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        for name, values in (relations or {}).items():
            setattr(page, name, values)
        if creating:
            parent.add_child(instance=page)
        page.save_revision(log_action=False).publish(log_action=False)
        (self.report.created if creating else self.report.updated).append(label)
        self.log(f"{'Created' if creating else 'Updated'} {label}")
        return page

    # --- Content -------------------------------------------------------------------------
    def programme(self) -> ProgrammePage:
        root = Page.get_first_root_node()
        data = content.PROGRAMME
        programme = self.page(
            root,
            ProgrammePage,
            data["slug"],
            {
                "title": data["title"],
                "introduction": data["introduction"],
                "who_can_join": data["who_can_join"],
                "what_is_a_peer_leader": data["what_is_a_peer_leader"],
                "co_production": data["co_production"],
                "search_description": data.get("search_description", ""),
            },
        )
        self.point_site_at(programme)
        return programme

    @staticmethod
    def point_site_at(programme: ProgrammePage) -> None:
        """Make the programme the default site's home, at the configured base URL.

        Full URLs (the API, links sent to LMSs) then point somewhere that answers.
        """
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        hostname = base.hostname or "localhost"
        port = base.port or (443 if base.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=programme,
                is_default_site=True,
                site_name="Peer Leadership Hub",
            )
            return
        previous = site.root_page
        site.root_page, site.site_name = programme, "Peer Leadership Hub"
        site.hostname, site.port = hostname, port
        site.save()
        # Wagtail's placeholder "Welcome" page is not part of the programme.
        if (
            previous.pk != programme.pk
            and type(previous.specific) is Page
            and not previous.get_children().exists()
        ):
            previous.delete()

    def glossary(self, programme: ProgrammePage) -> None:
        for entry in content.GLOSSARY:
            term = GlossaryTerm.objects.filter(term=entry["term"]).first()
            if term is None or self.reset:
                term = term or GlossaryTerm(term=entry["term"])
                term.definition = entry["definition"]
                term.alternative_forms = entry.get("alternative_forms", "")
                term.save()
        self.page(
            programme,
            GlossaryPage,
            "glossary",
            {
                "title": "Glossary",
                "introduction": "<p>Words and phrases you will meet in the programme, in "
                "plain English.</p>",
            },
        )

    def mentors(self, programme: ProgrammePage) -> dict[str, MentorPage]:
        index = self.page(
            programme,
            MentorIndexPage,
            "mentors",
            {
                "title": "Mentors",
                "introduction": "<p>Our mentors have completed the programme and now support "
                "learners through it. The mentors shown here are fictional people created for "
                "this demonstration.</p>",
            },
        )
        mentors: dict[str, MentorPage] = {}
        for i, data in enumerate(content.MENTORS):
            photo = self.image(
                f"Demo portrait: {data['name']}",
                partial(illustrations.portrait, data["initials"], i),
                f"portrait-{data['slug']}.png",
            )
            fields = {
                "title": data["name"],
                "photo": photo,
                "photo_alt_text": data["photo_alt_text"],
                "short_biography": data["short_biography"],
                "lived_experience": data["lived_experience"],
                "graduation_year": data["graduation_year"],
                "areas_of_support": [("area", a) for a in data["areas_of_support"]],
                "languages": [("language", lang) for lang in data["languages"]],
            }
            mentors[data["slug"]] = self.page(index, MentorPage, data["slug"], fields)
        return mentors

    def block(self, lesson_slug: str, index: int, block: dict[str, Any]) -> dict[str, Any]:
        kind = block["type"]
        value = dict(block["value"]) if isinstance(block["value"], dict) else block["value"]
        block_id = stable_id(lesson_slug, index)
        if kind == "image":
            illustration = value.pop("illustration", "circles")
            value["image"] = self.image(
                f"Demo illustration: {illustration} ({lesson_slug} {index})",
                lambda: illustrations.illustration(illustration, index),
                f"{lesson_slug}-{index}-{illustration}.png",
            ).pk
        elif kind == "video":
            value["video"] = self.video(
                title=value["title"],
                captions=value.pop("captions", []),
                transcript=value.pop("transcript", ""),
                language=value.pop("captions_language", "en"),
                filename=f"{lesson_slug}-{index}",
            ).pk
        elif kind == "knowledge_check":
            value["questions"] = [
                {
                    "type": "item",
                    "id": stable_id(lesson_slug, index, "q", q),
                    "value": {
                        "question": question["question"],
                        "options": [
                            {
                                "type": "item",
                                "id": stable_id(lesson_slug, index, q, o),
                                "value": option,
                            }
                            for o, option in enumerate(question["options"])
                        ],
                    },
                }
                for q, question in enumerate(value["questions"])
            ]
        return {"type": kind, "value": value, "id": block_id}

    def steps(self, programme: ProgrammePage, mentors: dict[str, MentorPage]) -> None:
        by_number: dict[int, StepPage] = {}
        for data in content.STEPS:
            step = self.page(
                programme,
                StepPage,
                data["slug"],
                {
                    "title": data["title"],
                    "step_number": data["step_number"],
                    "summary": data["summary"],
                    "who_it_is_for": data["who_it_is_for"],
                    "learning_outcomes": [("outcome", o) for o in data["learning_outcomes"]],
                    "estimated_hours": Decimal(str(data["estimated_hours"])),
                    "eligibility": data["eligibility"],
                },
                relations={
                    "mentors": [mentors[slug] for slug in data["mentors"]],
                    "prerequisites": [by_number[n] for n in data["prerequisites"]],
                },
            )
            by_number[data["step_number"]] = step
            for lesson in data["lessons"]:
                rule = set(lesson["completion"])
                self.page(
                    step,
                    LessonPage,
                    lesson["slug"],
                    {
                        "title": lesson["title"],
                        "summary": lesson["summary"],
                        "estimated_minutes": lesson["estimated_minutes"],
                        "body": self.lesson_body(lesson),
                        "complete_on_reaching_end": "reached_end" in rule,
                        "requires_knowledge_checks": "knowledge_checks_answered" in rule,
                        "requires_reflections": "reflections_saved" in rule,
                    },
                    relations={"mentors": [mentors[slug] for slug in lesson.get("mentors", [])]},
                )

    def lesson_body(self, lesson: dict[str, Any]) -> list[dict[str, Any]]:
        """The lesson's blocks, with a short audio introduction after the first one.

        The introduction reads the lesson's summary (its transcript); its id does not depend
        on its position, so the ids of the other blocks, which learners' answers and
        reflections refer to, stay as they were before it was added.
        """
        body = [self.block(lesson["slug"], i, b) for i, b in enumerate(lesson["body"])]
        audio = self.audio(
            title=f"Audio introduction: {lesson['title']} (placeholder recording)",
            transcript=f"<p>{escape(lesson['summary'])}</p>",
            filename=f"{lesson['slug']}-introduction",
        )
        introduction = {
            "type": "audio",
            "id": stable_id(lesson["slug"], "audio-introduction"),
            "value": {"title": "Listen to the introduction", "audio": audio.pk},
        }
        return [*body[:1], introduction, *body[1:]]

    def audio(self, title: str, transcript: str, filename: str) -> AccessibleMedia:
        """A media-library audio item: a second of silence standing in for a recording."""
        existing = AccessibleMedia.objects.filter(title=title, type=MediaType.AUDIO).first()
        if existing:
            return existing
        media = AccessibleMedia(
            title=title,
            type=MediaType.AUDIO,
            collection=self._collection(),
            transcript=transcript,
            duration=1,
        )
        media.file.save(f"{filename}.wav", ContentFile(silent_wav()), save=False)
        media.full_clean()
        media.save()
        return media

    def run(self) -> LoadReport:
        with transaction.atomic():
            programme = self.programme()
            self.glossary(programme)
            mentors = self.mentors(programme)
            self.steps(programme, mentors)
            ensure_editorial_workflow(programme)
        return self.report


def silent_wav(seconds: int = 1, rate: int = 8000) -> bytes:
    """A short, silent, mono 8-bit WAV file (the demo's placeholder audio)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * rate * seconds)
    return buffer.getvalue()


def webvtt(lines: list[str], seconds_each: int = 3) -> str:
    """A WebVTT captions file showing each line for a few seconds."""
    cues = ["WEBVTT", ""]
    for i, line in enumerate(lines):
        start, end = i * seconds_each, (i + 1) * seconds_each
        cues += [str(i + 1), f"{_timestamp(start)} --> {_timestamp(end)}", line, ""]
    return "\n".join(cues)


def _timestamp(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}.000"


def load_demo(reset: bool = False, log: Callable[[str], None] | None = None) -> LoadReport:
    """Load (or top up) the demo programme. See the module docstring."""
    return DemoLoader(reset=reset, log=log).run()
