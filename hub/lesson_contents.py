"""The contents list of a lesson: its sections, in order, with the anchor of each heading.

Lessons run to several thousand pixels; inside an LMS frame a learner cannot see where they
are. The list links to every level-2 heading the lesson's blocks print (the ids come from the
block templates in ``hub/templates/hub/blocks/``) and ends with "Finishing this lesson", so the
finish control is one link away from the top.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hub.models import LessonPage

# Sections in a lesson from which a contents list helps (fewer: the lesson is short).
LONG_LESSON_SECTIONS = 3
FINISH = ("finish", "Finishing this lesson")  # hub/includes/lesson_finish.html

# Block type -> (id of the h2 its template prints, text of that heading).
SECTION_HEADINGS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "heading": ("section-{id}", lambda value: value["text"]),
    "video": ("video-{id}-title", lambda value: value["title"]),
    "audio": ("audio-{id}-title", lambda value: value["title"]),
    "reflection_prompt": ("reflect-{id}", lambda value: f"Reflect: {value['prompt']}"),
    "knowledge_check": ("check-{id}", lambda value: value["title"]),
    "peer_story": ("story-{id}", lambda value: value["title"]),
    "discussion_prompt": ("discuss-{id}", lambda value: f"Discuss: {value['prompt']}"),
}


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str


def lesson_sections(lesson: LessonPage) -> list[Section]:
    """Every level-2 section of the lesson, then its finish section."""
    sections = []
    for block in lesson.body:
        known = SECTION_HEADINGS.get(block.block_type)
        if known is None:
            continue
        if block.block_type == "heading" and block.value["level"] != "h2":
            continue  # a subsection: the list stays one level deep
        anchor, title = known
        sections.append(Section(anchor.format(id=block.id), str(title(block.value))))
    sections.append(Section(*FINISH))
    return sections


def contents_for(lesson: LessonPage) -> list[Section]:
    """The contents list to show: empty for a short lesson, which needs none."""
    sections = lesson_sections(lesson)
    return sections if len(sections) >= LONG_LESSON_SECTIONS else []
