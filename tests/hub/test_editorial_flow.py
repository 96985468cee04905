"""The editor's workflow: new pages, knowledge checks and errors where the editor looks."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.html import escape
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from hub.blocks import KnowledgeCheckBlock, QuestionBlock
from hub.models import LessonPage
from tests.factories import Programme
from tests.hub.admin_forms import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss() -> User:
    return User.objects.create_superuser("boss", "", "pw")


@pytest.fixture
def boss_client(boss: User) -> Client:
    client = Client()
    client.force_login(boss)
    return client


def new_lesson_data(programme: Programme, user: User, slug: str) -> dict:
    step = programme.steps[0]
    lesson = LessonPage(
        title="Listening well",
        slug=slug,
        summary="How to listen.",
        estimated_minutes=10,
        body=[{"type": "rich_text", "value": "<p>Listen first.</p>"}],
    )
    return edit_form_data(lesson, user, parent=step)


# --- Knowledge checks ---------------------------------------------------------------------------
def test_a_new_knowledge_check_starts_with_one_question_and_two_options():
    default = KnowledgeCheckBlock().get_default()
    assert len(default["questions"]) == 1
    assert len(default["questions"][0]["options"]) == 2
    # A question added to an existing check starts with two options too.
    assert len(QuestionBlock().get_default()["options"]) == 2


def test_a_question_with_one_option_is_still_refused():
    block = QuestionBlock()
    value = block.to_python(
        {"question": "Q?", "options": [{"text": "A", "correct": True, "feedback": "F"}]}
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_no_correct_option_is_reported_on_the_options_list():
    block = QuestionBlock()
    value = block.to_python(
        {
            "question": "Q?",
            "options": [
                {"text": "A", "correct": False, "feedback": "F"},
                {"text": "B", "correct": False, "feedback": "G"},
            ],
        }
    )
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    error = raised.value.block_errors["options"]
    assert isinstance(error, ListBlockValidationError)
    assert error.as_json_data()["messages"] == ["Mark at least one option as correct."]


# --- No ghost drafts ----------------------------------------------------------------------------
def test_the_add_form_does_not_autosave_but_the_edit_form_does(boss_client, programme):
    step = programme.steps[0]
    add = boss_client.get(f"/admin/pages/add/hub/lessonpage/{step.pk}/").content.decode()
    assert "data-w-autosave-interval-value" not in add
    edit = boss_client.get(f"/admin/pages/{programme.lessons['first'].pk}/edit/")
    assert "data-w-autosave-interval-value" in edit.content.decode()


def test_an_autosave_request_on_the_add_form_creates_no_page(boss_client, boss, programme):
    step = programme.steps[0]
    data = new_lesson_data(programme, boss, "listening-well")
    before = Page.objects.count()
    response = boss_client.post(
        f"/admin/pages/add/hub/lessonpage/{step.pk}/", data, headers={"accept": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error_code"] == "autosave_disabled_on_create"
    assert Page.objects.count() == before


def test_save_draft_on_the_add_form_creates_the_page(boss_client, boss, programme):
    step = programme.steps[0]
    data = new_lesson_data(programme, boss, "listening-well")
    response = boss_client.post(f"/admin/pages/add/hub/lessonpage/{step.pk}/", data)
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="listening-well")
    assert not lesson.live


def test_a_slug_clash_is_explained_at_the_top_of_the_form(boss_client, boss, programme):
    step = programme.steps[0]
    url = f"/admin/pages/add/hub/lessonpage/{step.pk}/"
    assert boss_client.post(url, new_lesson_data(programme, boss, "listening-well")).status_code
    response = boss_client.post(url, new_lesson_data(programme, boss, "listening-well"))
    assert response.status_code == 200
    form = response.context["form"]
    [message] = form.non_field_errors()
    assert "“listening-well” is already used by “Listening well”" in message
    assert "a draft that was never published" in message
    assert "Promote tab" in message
    assert escape(message) in response.content.decode()
    assert LessonPage.objects.filter(slug="listening-well").count() == 1


def test_a_clash_with_a_published_page_says_so(boss_client, boss, programme):
    step = programme.steps[0]
    data = new_lesson_data(programme, boss, "why-stories-matter")
    response = boss_client.post(f"/admin/pages/add/hub/lessonpage/{step.pk}/", data)
    [message] = response.context["form"].non_field_errors()
    assert "“Why stories matter” (published)" in message


def test_other_errors_add_no_slug_explanation(boss_client, boss, programme):
    step = programme.steps[0]
    data = new_lesson_data(programme, boss, "a-fresh-address")
    data["estimated_minutes"] = "0"
    response = boss_client.post(f"/admin/pages/add/hub/lessonpage/{step.pk}/", data)
    form = response.context["form"]
    assert "estimated_minutes" in form.errors
    assert not form.non_field_errors()
