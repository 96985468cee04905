"""The public pages make the same number of queries however much content they show.

Each page is counted with 5 and then 20 lessons in its step, mentors and blocks of every type
(:mod:`tests.sized_programme`), with the database cache a deployment without Redis uses, so
cache reads and writes count too. The two counts must be equal, and within a bound that keeps
the fixed cost in check. Each page is requested once before it is counted, so renditions the
first view creates are not counted.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.sized_programme import assert_constant, counts_at, grow, use_database_cache

pytestmark = pytest.mark.django_db

# The most queries any public page may make, whatever its size.
PUBLIC_PAGE_BOUND = 20


@pytest.fixture(autouse=True)
def _database_cache(settings) -> None:
    use_database_cache(settings)


def test_public_pages_make_the_same_queries_at_5_and_20(programme, learner):
    lesson = programme.lessons["first"]

    def urls() -> dict[str, str]:
        return {
            "programme page": programme.programme.url,
            "step page": programme.steps[0].url,
            "lesson page": lesson.url,
            "mentor directory": programme.mentor_index.url,
            "mentor page": programme.mentor.url,
        }

    assert_constant(counts_at((5, 20), programme, learner, urls), PUBLIC_PAGE_BOUND)


def test_the_counted_pages_show_everything_they_hold(programme, learner):
    """What the counts are about: every block, lesson and mentor is on its page."""
    lesson = grow(programme, learner, 3)
    client = Client()
    html = client.get(lesson.url).content.decode()
    for n in range(3):
        for anchor in ("section-b-heading", "video-b-video-", "reflect-b-reflect", "story-b-story"):
            assert f'id="{anchor}-{n}' in html or f'id="{anchor}{n}' in html
    assert html.count('class="nhsuk-image__img"') == 3
    assert html.count("<video") == 3
    assert html.count('href="/mentors/mentor-') == 2
    step_html = client.get(programme.steps[0].url).content.decode()
    assert step_html.count('<a href="/step-one/') == 3
    directory = client.get(programme.mentor_index.url).content.decode()
    assert directory.count('class="plh-mentor-photo"') == 3
