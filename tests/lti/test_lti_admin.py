"""The LTI section of the Wagtail admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from lti_tool.models import Deployment, Registration, RegistrationToken, ToolKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(db):
    return Registration.objects.create(
        name="Moodle at Example",
        issuer="https://moodle.example.ac.uk",
        client_id="abc123",
        auth_login_url="https://moodle.example.ac.uk/mod/lti/auth.php",
        auth_token_url="https://moodle.example.ac.uk/mod/lti/token.php",
        key_set_url="https://moodle.example.ac.uk/mod/lti/certs.php",
    )


def test_setup_page_shows_values_to_copy(admin_client):
    html = admin_client.get("/admin/lti/setup/").content.decode()
    for value in (
        "http://testserver/lti/login/",
        "http://testserver/lti/launch/",
        "http://testserver/lti/jwks/",
        "/lti/config.json",
    ):
        assert value in html


def test_setup_page_creates_a_one_time_registration_link(admin_client):
    response = admin_client.post("/admin/lti/setup/", {"action": "registration_link"})
    html = response.content.decode()
    assert "http://testserver/lti/register/?token=" in html
    assert RegistrationToken.objects.usable().count() == 1


def test_setup_page_rotates_the_signing_key(admin_client):
    first = ToolKey.current()
    admin_client.post("/admin/lti/setup/", {"action": "rotate_key"})
    assert ToolKey.current().pk != first.pk
    assert first.kid in {key["kid"] for key in ToolKey.jwks()["keys"]}
    listing = admin_client.get("/admin/lti/keys/")
    assert listing.status_code == 200 and first.kid in listing.content.decode()


def test_pending_deployments_are_listed_and_activated_in_the_admin(admin_client, registration):
    deployment = Deployment.objects.create(registration=registration, deployment_id="d-9")
    assert "d-9" in admin_client.get("/admin/lti/setup/").content.decode()
    listing = admin_client.get("/admin/lti/deployments/")
    assert listing.status_code == 200 and "d-9" in listing.content.decode()
    edit = admin_client.post(
        f"/admin/lti/deployments/edit/{deployment.pk}/",
        {
            "registration": registration.pk,
            "deployment_id": "d-9",
            "name": "Nursing",
            "active": "on",
        },
    )
    assert edit.status_code == 302
    deployment.refresh_from_db()
    assert deployment.active and deployment.activated_at is not None


def test_platforms_are_listed_and_added_in_the_admin(admin_client, registration):
    assert "Moodle at Example" in admin_client.get("/admin/lti/platforms/").content.decode()
    created = admin_client.post(
        "/admin/lti/platforms/new/",
        {
            "name": "Canvas",
            "issuer": "https://canvas.instructure.com",
            "client_id": "1000",
            "auth_login_url": "https://sso.example.com/api/lti/authorize_redirect",
            "auth_token_url": "https://sso.example.com/login/oauth2/token",
            "key_set_url": "https://sso.example.com/api/lti/security/jwks",
            "active": "on",
        },
    )
    assert created.status_code == 302
    assert Registration.objects.filter(client_id="1000").exists()
    duplicate = admin_client.post(
        "/admin/lti/platforms/new/",
        {
            "name": "Again",
            "issuer": "https://canvas.instructure.com",
            "client_id": "1000",
            "auth_login_url": "https://a.example/x",
            "auth_token_url": "https://a.example/y",
            "key_set_url": "https://a.example/z",
        },
    )
    assert duplicate.status_code == 200  # the form comes back with the error
    assert Registration.objects.filter(client_id="1000").count() == 1


def test_editors_without_permission_cannot_open_lti_setup(client):
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("ed", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.login(username="ed", password="pw")
    response = client.get("/admin/lti/setup/")
    assert response.status_code == 302
    assert not RegistrationToken.objects.exists()
