"""The site's error pages: public ones in the site's layout, framed ones in the compact one."""

from __future__ import annotations

import pytest
from django.test import Client

PUBLIC = 'class="nhsuk-header"'  # the public site's header
FRAMED = 'class="plh-framed"'  # the compact layout inside an LMS frame


@pytest.fixture
def failing_urls(settings) -> None:
    settings.ROOT_URLCONF = "tests.operations.urls"


def page(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_404_public_page_in_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = page(response)
    assert "Page not found" in html and PUBLIC in html and FRAMED not in html
    assert 'href="/"' in html  # a way back


@pytest.mark.django_db
def test_404_under_lti_is_framed(client):
    response = client.get("/lti/no-such-page/")
    assert response.status_code == 404
    html = page(response)
    assert "Page not found" in html and FRAMED in html and PUBLIC not in html
    assert "Go back to your course" in html
    assert "X-Frame-Options" not in response  # it must show inside the LMS iframe
    assert "frame-ancestors" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_get_of_the_launch_url_gets_the_framed_405_page(client):
    response = client.get("/lti/launch/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = page(response)
    assert "This page cannot be opened this way" in html and FRAMED in html
    assert "open the link from there" in html


@pytest.mark.django_db
def test_405_public_page(client):
    response = client.post("/.well-known/jwks.json")
    assert response.status_code == 405
    html = page(response)
    assert "This page cannot be opened this way" in html and PUBLIC in html


@pytest.mark.django_db
def test_405_with_a_body_is_left_alone(client):
    """The API's own 405 answers (JSON) keep their body."""
    response = client.post("/api/content/steps/")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert "cannot be opened this way" not in page(response)


@pytest.mark.django_db
def test_403_public_page_for_a_form_without_its_csrf_token():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    html = page(response)
    assert "You cannot open this page" in html and PUBLIC in html
    assert "CSRF verification failed" not in html


@pytest.mark.django_db
def test_403_framed_page_for_a_framed_form_without_its_csrf_token(failing_urls):
    response = Client(enforce_csrf_checks=True).post("/lti/failing/form/", {})
    assert response.status_code == 403
    html = page(response)
    assert "You cannot open this page" in html and FRAMED in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status", "title", "layout"),
    [
        ("/failing/refuse/", 403, "You cannot open this page", PUBLIC),
        ("/lti/failing/refuse/", 403, "You cannot open this page", FRAMED),
        ("/failing/suspicious/", 400, "we could not understand that request", PUBLIC),
        ("/lti/failing/suspicious/", 400, "we could not understand that request", FRAMED),
    ],
)
def test_handlers_render_the_right_page(client, failing_urls, path, status, title, layout):
    response = client.get(path)
    assert response.status_code == status
    html = page(response)
    assert title in html and layout in html


@pytest.mark.django_db
def test_400_for_a_host_the_site_does_not_serve(client):
    response = client.get("/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert "we could not understand that request" in page(response)


# No database for these: the 500 page must render when the database is what failed. (Any
# database access in a test without the django_db mark raises.)
@pytest.mark.parametrize(
    ("path", "layout"), [("/failing/crash/", PUBLIC), ("/lti/failing/crash/", FRAMED)]
)
def test_500_renders_without_a_database(failing_urls, path, layout):
    client = Client(raise_request_exception=False)
    response = client.get(path)
    assert response.status_code == 500
    html = page(response)
    assert "Sorry, there is a problem with the service" in html and layout in html
    assert "a bug" not in html  # no technical details
