"""The public site: every page type and every block type renders, and lessons take answers."""

from __future__ import annotations

import re

import pytest

from hub.models import KnowledgeCheckAnswer, LessonProgress

pytestmark = pytest.mark.django_db


def get(client, page, status=200):
    response = client.get(page.url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def test_programme_page(client, programme):
    html = get(client, programme.programme)
    assert "<h1>Peer Leadership</h1>" in html
    assert "Step One: Your story" in html and "Step Two: Leading others" in html
    assert 'href="#maincontent"' in html and 'id="maincontent"' in html
    assert '<header class="nhsuk-header"' in html and "<footer" in html and "<main" in html
    assert "Who can join" in html and "How the programme was made" in html
    assert "fictional" in html  # the demo banner says so


def test_step_page_lists_lessons_in_order_with_progress_placeholders(client, programme):
    html = get(client, programme.steps[0])
    first = html.index("Why stories matter")
    second = html.index("Telling it your way")
    assert first < second
    assert html.count("Not started") == 2
    assert "0 of 2 lessons completed" in html
    assert "Alex Morgan" in html  # the step's mentor
    assert "Tell your story" in html  # learning outcome
    step_two = get(client, programme.steps[1])
    assert "Graduates only" in step_two and "Step One" in step_two


def test_lesson_renders_every_block_type(client, programme):
    html = get(client, programme.lessons["first"])
    expected = [
        '<h2 id="section-b-heading">Why stories matter</h2>',  # heading, a contents target
        "can change how services work",  # rich text
        'alt="Three blue circles"',  # image with alt
        "<video",  # video
        '<track kind="captions"',  # captions
        "Transcript of “A short welcome”",  # transcript
        "Reflect: What would you like others to understand?",  # reflection prompt
        "What is co-production?",  # knowledge check
        'type="radio"',
        "Sam&#x27;s first meeting",  # peer story
        "<blockquote>",  # quote
        "nhsuk-inset-text",  # inset text
        "nhsuk-card--warning",  # warning callout
        "nhsuk-details",  # details
        "nhsuk-card--care",  # care card
        "Discuss: What makes a meeting welcoming?",  # discussion prompt
    ]
    missing = [snippet for snippet in expected if snippet not in html]
    assert not missing
    assert "Next lesson" in html and "Telling it your way" in html
    assert "Previous lesson" not in html


def test_lesson_navigation_in_the_middle_and_end(client, programme):
    html = get(client, programme.lessons["second"])
    assert "Previous lesson" in html and "Next lesson" not in html


def test_glossary_terms_link_once_per_page(client, programme):
    html = get(client, programme.programme)
    links = re.findall(r'<a class="plh-glossary-link" href="([^"]+)">([^<]+)</a>', html)
    targets = [href for href, _ in links]
    assert "/glossary/#term-co-production" in targets
    assert "/glossary/#term-lived-experience" in targets
    assert len(targets) == len(set(targets))  # each term linked once
    glossary = get(client, programme.glossary)
    assert 'id="term-co-production"' in glossary and "<dfn>Co-production</dfn>" in glossary
    assert "plh-glossary-link" not in glossary


def test_mentor_directory_and_profile(client, programme):
    index = get(client, programme.mentor_index)
    assert "Alex Morgan" in index
    profile = get(client, programme.mentor)
    assert 'alt="Alex smiling"' in profile
    assert "I care for my dad." in profile and "Speaking up" in profile and "2022" in profile
    assert "Why stories matter" in profile and "Your story" in profile  # where they mentor


def test_anonymous_knowledge_check_shows_feedback_and_saves_nothing(client, programme):
    lesson = programme.lessons["first"]
    response = client.post(lesson.url, {"action": "answer", "question_id": "q1", "option": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not quite." in html and "A survey asks" in html
    assert not KnowledgeCheckAnswer.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "answer", "question_id": "q1", "option": ""}, "Choose an answer"),
        ({"action": "answer", "question_id": "zzz", "option": "0"}, "not part of this lesson"),
        ({"action": "reflect", "prompt_id": "b-reflect", "text": "hi"}, "Open this lesson"),
        ({"action": "finish"}, "Open this lesson"),
        ({"action": "delete-everything"}, "not recognised"),
    ],
)
def test_bad_lesson_posts_are_refused_clearly(client, programme, data, message):
    response = client.post(programme.lessons["first"].url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_search_finds_pages_and_terms(client, programme):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    response = client.get("/search/", {"q": "meeting"})
    assert response.status_code == 200
    assert "Chairing a meeting" in response.content.decode()
    terms = client.get("/search/", {"q": "co-production"}).content.decode()
    assert "Working as equals" in terms
    empty = client.get("/search/", {"q": "zzzyyyxxx"}).content.decode()
    assert "No pages match" in empty


def test_unknown_page_is_404(client, programme):
    assert client.get("/no-such-page/").status_code == 404
