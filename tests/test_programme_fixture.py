"""The shared ``programme`` fixture: built once for the tests that read it, yet each of them
finds it exactly as built, whatever the test before it changed (see tests/conftest.py)."""

from __future__ import annotations

import os

import pytest
from wagtail.models import Page, Site

from hub.models import LessonPage, ProgrammePage, StepPage

pytestmark = pytest.mark.django_db


def _assert_as_built(programme) -> None:
    assert ProgrammePage.objects.get().title == "Peer Leadership"
    assert Site.objects.get(is_default_site=True).root_page_id == programme.programme.pk
    assert sorted(LessonPage.objects.values_list("slug", flat=True)) == [
        "chairing",
        "telling-it-your-way",
        "why-stories-matter",
    ]
    assert StepPage.objects.count() == 2
    assert programme.programme.title == "Peer Leadership"
    assert programme.lessons["first"].title == "Why stories matter"
    assert os.path.exists(programme.mentor.photo.file.path)


def test_a_test_changes_the_programme_and_its_objects(programme, settings):
    _assert_as_built(programme)
    ProgrammePage.objects.update(title="Renamed")
    programme.lessons["second"].delete()
    programme.lessons["first"].title = "Changed in memory only"
    programme.programme.title = "Changed in memory too"
    Site.objects.update(root_page=Page.get_first_root_node())
    os.remove(programme.mentor.photo.file.path)


def test_the_next_test_finds_it_as_built(programme):
    _assert_as_built(programme)


def test_a_test_that_does_not_ask_for_the_programme_does_not_see_it(db):
    assert not ProgrammePage.objects.exists()
    assert not LessonPage.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transactional_test_gets_the_programme_too(programme):
    _assert_as_built(programme)
