"""The public breadcrumb names each ancestor once, at desktop and at phone width."""

from __future__ import annotations

import pytest

from tests.factories import build_programme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def visible_texts(page, selector: str) -> list[str]:
    return [
        " ".join(element.inner_text().split())
        for element in page.locator(selector).all()
        if element.is_visible()
    ]


@pytest.mark.parametrize(("width", "trail_shown"), [(1280, True), (768, True), (320, False)])
def test_lesson_breadcrumb_names_its_step_once(browser, live_server, width, trail_shown):
    programme = build_programme()
    lesson = programme.lessons["first"]
    step_title = programme.steps[0].title
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server.url + lesson.url)
        nav = "nav.nhsuk-breadcrumb"
        texts = visible_texts(page, f"{nav} a")
        mentions = [text for text in texts if step_title in text]
        assert len(mentions) == 1, texts
        trail = visible_texts(page, f"{nav} .nhsuk-breadcrumb__link")
        if trail_shown:
            assert trail == [programme.programme.title, step_title]
        else:
            assert trail == []
            assert visible_texts(page, f"{nav} .nhsuk-back-link") == [f"Back to {step_title}"]
    finally:
        context.close()
