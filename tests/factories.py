"""Builders for a small, complete programme used across the tests.

Independent of the demo content, so tests say exactly what they rely on.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtailmedia.models import MediaType

from hub.models import (
    AccessibleMedia,
    GlossaryPage,
    GlossaryTerm,
    Learner,
    LessonPage,
    MentorIndexPage,
    MentorPage,
    ProgrammePage,
    StepCompletion,
    StepPage,
)


def make_image(title: str = "Test picture") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#005eb8").save(buffer, format="PNG")
    image = Image(title=title, file=ImageFile(buffer, name=f"{uuid.uuid4().hex}.png"))
    image.save()
    return image


def make_document(title: str, data: bytes, name: str) -> Document:
    document = Document(title=title)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def make_video(
    title: str = "A short welcome",
    *,
    captions: bytes | None = b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nHi\n",
    transcript: str = "<p>Hello and welcome.</p>",
) -> AccessibleMedia:
    """A media-library video, with captions and a transcript unless told otherwise."""
    media = AccessibleMedia(title=title, type=MediaType.VIDEO, transcript=transcript)
    media.file.save(f"{uuid.uuid4().hex}.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"), save=False)
    if captions is not None:
        media.captions.save(f"{uuid.uuid4().hex}.vtt", ContentFile(captions), save=False)
    media.save()
    return media


def rich(text: str) -> str:
    return f"<p>{text}</p>"


def every_block(image: Image, video: AccessibleMedia) -> list[dict[str, Any]]:
    """A lesson body that uses every block type once, with fixed ids."""
    return [
        {
            "type": "heading",
            "id": "b-heading",
            "value": {"text": "Why stories matter", "level": "h2"},
        },
        {
            "type": "rich_text",
            "id": "b-text",
            "value": rich("Sharing lived experience can change how services work."),
        },
        {
            "type": "image",
            "id": "b-image",
            "value": {
                "image": image.pk,
                "alt_text": "Three blue circles",
                "decorative": False,
                "caption": "Circles of support",
            },
        },
        {
            "type": "video",
            "id": "b-video",
            "value": {"title": "A short welcome", "video": video.pk},
        },
        {
            "type": "reflection_prompt",
            "id": "b-reflect",
            "value": {
                "prompt": "What would you like others to understand?",
                "guidance": "Think of one moment.",
            },
        },
        {
            "type": "knowledge_check",
            "id": "b-check",
            "value": {
                "title": "Check your understanding",
                "questions": [
                    {
                        "type": "item",
                        "id": "q1",
                        "value": {
                            "question": "What is co-production?",
                            "options": [
                                {
                                    "type": "item",
                                    "id": "q1-a",
                                    "value": {
                                        "text": "Working as equals",
                                        "correct": True,
                                        "feedback": "Yes: partners share power.",
                                    },
                                },
                                {
                                    "type": "item",
                                    "id": "q1-b",
                                    "value": {
                                        "text": "Filling in a survey",
                                        "correct": False,
                                        "feedback": "A survey asks; co-production shares.",
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        },
        {
            "type": "peer_story",
            "id": "b-story",
            "value": {
                "title": "Sam's first meeting",
                "story": rich("I was nervous at first."),
                "storyteller": "Sam",
                "context": "fictional carer",
            },
        },
        {
            "type": "quote",
            "id": "b-quote",
            "value": {"quote": "Nothing about us without us.", "attribution": "A learner"},
        },
        {"type": "inset_text", "id": "b-inset", "value": {"body": rich("Take breaks.")}},
        {
            "type": "warning_callout",
            "id": "b-warning",
            "value": {
                "title": "Look after yourself",
                "heading_level": 3,
                "body": rich("Stop if this is upsetting."),
            },
        },
        {
            "type": "details",
            "id": "b-details",
            "value": {
                "title": "More about consent",
                "body": [{"type": "richtext", "value": rich("Consent can be withdrawn.")}],
            },
        },
        {
            "type": "care_card",
            "id": "b-care",
            "value": {
                "type": "primary",
                "heading_level": 3,
                "title": "If you need support",
                "body": [{"type": "richtext", "value": rich("Talk to your GP.")}],
            },
        },
        {
            "type": "discussion_prompt",
            "id": "b-discuss",
            "value": {"prompt": "What makes a meeting welcoming?", "guidance": "Share one idea."},
        },
    ]


@dataclass
class Programme:
    programme: ProgrammePage
    steps: list[StepPage]
    lessons: dict[str, LessonPage]
    mentor_index: MentorIndexPage
    mentor: MentorPage
    glossary: GlossaryPage


def publish(parent: Page, page: Page) -> Any:
    parent.add_child(instance=page)
    page.save_revision(log_action=False).publish(log_action=False)
    return page


def build_programme() -> Programme:
    """Programme > Step One (two lessons), Step Two (one lesson, graduates only), mentors."""
    root = Page.get_first_root_node()
    programme = publish(
        root,
        ProgrammePage(
            title="Peer Leadership",
            slug="peer-leadership",
            introduction=rich("A programme about co-production and lived experience."),
            who_can_join=rich("Anyone with lived experience."),
            what_is_a_peer_leader=rich("Someone who uses their experience to help others."),
            co_production=rich("Made with people who use services."),
        ),
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = programme
    site.save()
    GlossaryTerm.objects.create(
        term="Co-production", definition=rich("Working as equals."), alternative_forms="co-produced"
    )
    GlossaryTerm.objects.create(term="Lived experience", definition=rich("Knowing first hand."))
    glossary = publish(programme, GlossaryPage(title="Glossary", slug="glossary"))
    mentor_index = publish(programme, MentorIndexPage(title="Mentors", slug="mentors"))
    photo = make_image("Portrait")
    mentor = publish(
        mentor_index,
        MentorPage(
            title="Alex Morgan",
            slug="alex-morgan",
            photo=photo,
            photo_alt_text="Alex smiling",
            short_biography="Alex is a fictional mentor.",
            lived_experience=rich("I care for my dad."),
            graduation_year=2022,
            areas_of_support=[("area", "Speaking up")],
            languages=[("language", "English")],
        ),
    )
    image = make_image()
    video = make_video()
    step_one = publish(
        programme,
        StepPage(
            title="Your story",
            slug="step-one",
            step_number=1,
            summary="Start with your story.",
            who_it_is_for=rich("Everyone."),
            estimated_hours="6",
            learning_outcomes=[("outcome", "Tell your story")],
            mentors=[mentor],
        ),
    )
    step_two = publish(
        programme,
        StepPage(
            title="Leading others",
            slug="step-two",
            step_number=2,
            summary="Lead with others.",
            who_it_is_for=rich("Graduates."),
            estimated_hours="8",
            eligibility="graduates",
            prerequisites=[step_one],
        ),
    )
    lessons = {
        "first": publish(
            step_one,
            LessonPage(
                title="Why stories matter",
                slug="why-stories-matter",
                summary="Stories change things.",
                estimated_minutes=20,
                body=every_block(image, video),
                mentors=[mentor],
                complete_on_reaching_end=True,
                requires_knowledge_checks=True,
            ),
        ),
        "second": publish(
            step_one,
            LessonPage(
                title="Telling it your way",
                slug="telling-it-your-way",
                summary="Your way.",
                estimated_minutes=15,
                body=[
                    {
                        "type": "reflection_prompt",
                        "id": "r2",
                        "value": {"prompt": "Who is your audience?", "guidance": ""},
                    }
                ],
                complete_on_reaching_end=False,
                requires_reflections=True,
            ),
        ),
        "third": publish(
            step_two,
            LessonPage(
                title="Chairing a meeting",
                slug="chairing",
                summary="Meetings.",
                estimated_minutes=30,
                body=[{"type": "rich_text", "id": "t3", "value": rich("Agree the purpose first.")}],
            ),
        ),
    }
    return Programme(programme, [step_one, step_two], lessons, mentor_index, mentor, glossary)


def add_step_four(programme: Programme) -> tuple[StepPage, LessonPage]:
    """Step Four (graduates only, no named prerequisite) with one lesson that takes everything.

    The lesson completes on reaching the end, answering its question and saving its reflection,
    so every lesson action can be tried against a locked step.
    """
    step = publish(
        programme.programme,
        StepPage(
            title="Leading change",
            slug="step-four",
            step_number=4,
            summary="Lead change.",
            who_it_is_for=rich("Graduates of every earlier step."),
            estimated_hours="10",
            eligibility="graduates",
        ),
    )
    option = {
        "type": "item",
        "id": "q4-a",
        "value": {"text": "Listen first", "correct": True, "feedback": "Yes."},
    }
    lesson = publish(
        step,
        LessonPage(
            title="Changing a service",
            slug="changing-a-service",
            summary="Change.",
            estimated_minutes=25,
            body=[
                {"type": "rich_text", "id": "t4", "value": rich("Begin with the people served.")},
                {
                    "type": "reflection_prompt",
                    "id": "r4",
                    "value": {"prompt": "What would you change?", "guidance": ""},
                },
                {
                    "type": "knowledge_check",
                    "id": "k4",
                    "value": {
                        "title": "Check",
                        "questions": [
                            {
                                "type": "item",
                                "id": "q4",
                                "value": {"question": "Where do you start?", "options": [option]},
                            }
                        ],
                    },
                },
            ],
            complete_on_reaching_end=True,
            requires_knowledge_checks=True,
            requires_reflections=True,
        ),
    )
    return step, lesson


def record_steps_done(learner: Learner, *steps: StepPage) -> None:
    """Record that the learner completed ``steps`` earlier (no events: no score, no badge).

    Step Two is for graduates of Step One; tests that work on it start from here.
    """
    for step in steps:
        StepCompletion.objects.get_or_create(
            learner=learner, step=step, defaults={"completed_at": "2026-01-01T00:00Z"}
        )


def register_platform(server: Any, *, name: str, client_id: str, deployment_id: str) -> Any:
    """The tool's side of a registration with a platform peer ``server`` on loopback: the
    Registration with the peer's URLs and one active Deployment, registered as every other
    platform is (``lti_tool.registration.platforms``). Returns the Registration."""
    from lti_tool.registration import platforms

    registration, _ = platforms.register_platform(
        issuer=server.platform.issuer,
        client_id=client_id,
        name=name,
        auth_login_url=server.auth_url,
        auth_token_url=server.token_url,
        key_set_url=server.jwks_url,
        deployment_ids=[deployment_id],
    )
    return registration
