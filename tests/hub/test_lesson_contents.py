"""The contents list of a lesson: its level-2 sections, then "Finishing this lesson"."""

from __future__ import annotations

import pytest

from hub.lesson_contents import Section, contents_for, lesson_sections

pytestmark = pytest.mark.django_db


def test_a_long_lesson_lists_every_section_then_the_finish(programme):
    sections = contents_for(programme.lessons["first"])
    assert sections[0] == Section("section-b-heading", "Why stories matter")
    assert Section("check-b-check", "Check your understanding") in sections
    assert Section("reflect-b-reflect", "Reflect: What would you like others to understand?") in (
        sections
    )
    assert sections[-1] == Section("finish", "Finishing this lesson")


def test_every_anchor_is_an_id_on_the_lesson_page(client, programme):
    lesson = programme.lessons["first"]
    html = client.get(lesson.url).content.decode()
    for section in lesson_sections(lesson):
        assert f'id="{section.anchor}"' in html, section


def test_a_short_lesson_has_no_contents_list(programme):
    lesson = programme.lessons["third"]  # one paragraph
    assert lesson_sections(lesson) == [Section("finish", "Finishing this lesson")]
    assert contents_for(lesson) == []


def test_subheadings_stay_out_of_the_list(programme):
    lesson = programme.lessons["first"]
    lesson.body = [
        {"type": "heading", "id": "h-a", "value": {"text": "Part one", "level": "h2"}},
        {"type": "heading", "id": "h-b", "value": {"text": "A detail", "level": "h3"}},
        {"type": "heading", "id": "h-c", "value": {"text": "Part two", "level": "h2"}},
    ]
    titles = [section.title for section in contents_for(lesson)]
    assert titles == ["Part one", "Part two", "Finishing this lesson"]
