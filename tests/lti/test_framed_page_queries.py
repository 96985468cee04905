"""Framed step and lesson pages make the same number of queries however big the step is.

A learner with progress in every lesson opens the framed step page and the framed lesson with
every block type, with 5 and then 20 lessons, mentors and blocks of each type
(:mod:`tests.sized_programme`). The two counts must be equal and within a bound.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lti_fixtures.sessions import framed_session
from tests.sized_programme import assert_constant, counts_at, use_database_cache

pytestmark = pytest.mark.django_db

# The most queries a framed page may make, whatever its size (the session's own included):
# 25 for the page itself, and 4 for the discussion section under a lesson (whether the
# discussion is programme-wide, its thread, the person's discussion profile and the site's
# support signposting), which is also constant in the number of lessons, posts and mentors.
FRAMED_PAGE_BOUND = 25 + 4


@pytest.fixture(autouse=True)
def _database_cache(settings) -> None:
    use_database_cache(settings)


def test_framed_pages_make_the_same_queries_at_5_and_20(programme, learner):
    session = framed_session(learner, programme.steps[0])
    lesson = programme.lessons["first"]

    def urls() -> dict[str, str]:
        def framed(page) -> str:
            return reverse("lti:page", kwargs={"token": session.token, "page_id": page.pk})

        return {"framed step page": framed(programme.steps[0]), "framed lesson": framed(lesson)}

    assert_constant(counts_at((5, 20), programme, learner, urls), FRAMED_PAGE_BOUND)
