"""The read-only content API and its OpenAPI schema."""

from __future__ import annotations

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_programme_steps_lessons_and_mentors(client, programme):
    programmes = client.get("/api/content/programmes/").json()
    assert programmes["count"] == 1
    assert programmes["results"][0]["title"] == "Peer Leadership"

    steps = client.get("/api/content/steps/").json()["results"]
    assert [s["step_number"] for s in steps] == [1, 2]
    first = steps[0]
    assert first["learning_outcomes"] == ["Tell your story"]
    assert first["lessons"] == [programme.lessons["first"].pk, programme.lessons["second"].pk]
    assert steps[1]["prerequisites"] == [first["id"]]
    assert steps[1]["eligibility"] == "graduates"

    lesson = client.get(f"/api/content/lessons/{programme.lessons['first'].pk}/").json()
    assert lesson["completion_rule"] == ["reached_end", "knowledge_checks_answered"]
    assert lesson["step"] == first["id"]
    assert {block["type"] for block in lesson["body"]} >= {"video", "knowledge_check"}
    assert lesson["url"].endswith("/step-one/why-stories-matter/")

    by_step = client.get("/api/content/lessons/", {"step": steps[1]["id"]}).json()
    assert [item["title"] for item in by_step["results"]] == ["Chairing a meeting"]

    mentors = client.get("/api/content/mentors/").json()["results"]
    assert mentors[0]["title"] == "Alex Morgan"
    assert mentors[0]["areas_of_support"] == ["Speaking up"]
    assert mentors[0]["photo"].endswith(".png")


def test_drafts_are_not_exposed(client, programme):
    lesson = programme.lessons["third"]
    lesson.unpublish()
    assert client.get(f"/api/content/lessons/{lesson.pk}/").status_code == 404


def test_api_is_read_only(client, programme):
    response = client.post("/api/content/steps/", {"title": "x"})
    assert response.status_code == 405
    assert client.delete(f"/api/content/steps/{programme.steps[0].pk}/").status_code == 405


def test_openapi_schema_describes_the_endpoints(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    for path in ("/api/content/steps/", "/api/content/lessons/{id}/", "/api/content/mentors/"):
        assert path in schema["paths"]
    assert client.get("/api/docs/").status_code == 200


def test_the_content_api_is_the_only_one(client, programme):
    """One content API, described by OpenAPI: Wagtail's own API is not served beside it."""
    assert client.get("/api/v2/pages/").status_code == 404
    steps = client.get("/api/content/steps/").json()
    listed = steps["results"] if isinstance(steps, dict) else steps
    assert sorted(step["step_number"] for step in listed) == [1, 2]
