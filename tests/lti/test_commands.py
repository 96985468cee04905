"""``manage.py lti_registration_url`` and ``manage.py lti_add_platform``."""

from __future__ import annotations

import html
from datetime import timedelta
from io import StringIO
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from lti_platform import PlatformServer, is_registration_close_page
from lti_platform.forms import parse_auto_post_form
from lti_tool.models import Deployment, Registration, RegistrationToken, ToolKey
from lti_tool.roles import LEARNER
from tests.support.lti import TOOL, follow

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# ------------------------------------------------------------ lti_registration_url --
def test_registration_url_works_once(client):
    ToolKey.generate()
    out, err = run("lti_registration_url")
    url = out.strip()
    assert "\n" not in url  # only the URL on stdout, for scripts
    assert "Works once, for 7 day(s)." in err
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == TOOL  # WAGTAILADMIN_BASE_URL in tests
    assert parts.path == "/lti/register/"
    token = parse_qs(parts.query)["token"][0]
    assert len(token) >= 40

    # Only a hash is kept, valid for the default week.
    record = RegistrationToken.objects.get()
    assert record.token_hash == RegistrationToken.hash(token) != token
    assert timedelta(days=6, hours=23) < record.expires_at - timezone.now() <= timedelta(days=7)

    with PlatformServer(flavour="moodle") as server:
        opened = server.platform.dynreg.initiation_url(url).removeprefix(TOOL)
        review = client.get(opened)
        assert review.status_code == 200
        form = parse_auto_post_form(review.content.decode())
        assert form.fields["token"] == token
        done = client.post(review.wsgi_request.get_full_path(), form.fields)
        assert done.status_code == 200
        assert is_registration_close_page(done.content.decode())
        registration = Registration.objects.get()
        assert registration.deployments.get().active

        # The printed link is spent.
        again = client.get(server.platform.dynreg.initiation_url(url).removeprefix(TOOL))
        assert again.status_code == 403
        assert "has already been used" in html.unescape(again.content.decode())
        assert server.request_count("register") == 1
    record.refresh_from_db()
    assert record.used_at is not None and record.registration == registration


@pytest.mark.parametrize(("days", "expected"), [("3", 3), ("0", 1), ("-5", 1)])
def test_registration_url_lifetime(days, expected):
    _, err = run("lti_registration_url", "--days", days)
    assert f"Works once, for {expected} day(s)." in err
    record = RegistrationToken.objects.get()
    lifetime = record.expires_at - timezone.now()
    assert timedelta(days=expected) - timedelta(minutes=1) < lifetime <= timedelta(days=expected)


def test_each_registration_url_is_different(settings):
    settings.LTI_TOOL_BASE_URL = "https://hub.example.org/"
    first, _ = run("lti_registration_url")
    second, _ = run("lti_registration_url")
    assert first.startswith("https://hub.example.org/lti/register/?token=")
    assert first != second
    assert RegistrationToken.objects.usable().count() == 2


# ----------------------------------------------------------------- lti_add_platform --
def add_platform_args(**changes: Any) -> list[str]:
    values: dict[str, Any] = {
        "name": "Northshire College Moodle",
        "issuer": "https://moodle.northshire.example",
        "client-id": "plh-client",
        "auth-url": "https://moodle.northshire.example/mod/lti/auth.php",
        "token-url": "https://moodle.northshire.example/mod/lti/token.php",
        "keyset-url": "https://moodle.northshire.example/mod/lti/certs.php",
        "audience": "https://moodle.northshire.example/mod/lti/token.php",
        "deployment-id": ["7", "8"],
        "auto-activate": True,
    }
    values.update(changes)
    args: list[str] = []
    for option, value in values.items():
        if value is True:
            args.append(f"--{option}")
        elif isinstance(value, list):
            for item in value:
                args += [f"--{option}", item]
        elif value is not None and value is not False:
            args += [f"--{option}", value]
    return args


def test_add_platform_with_every_option():
    out, _ = run("lti_add_platform", *add_platform_args())
    assert "Registered Northshire College Moodle (plh-client) with 2 active deployment(s)." in out
    registration = Registration.objects.get()
    assert registration.issuer == "https://moodle.northshire.example"
    assert registration.client_id == "plh-client"
    assert registration.auth_login_url == "https://moodle.northshire.example/mod/lti/auth.php"
    assert registration.auth_token_url == "https://moodle.northshire.example/mod/lti/token.php"
    assert registration.key_set_url == "https://moodle.northshire.example/mod/lti/certs.php"
    assert registration.audience == "https://moodle.northshire.example/mod/lti/token.php"
    assert registration.auto_activate_deployments is True
    assert registration.active is True
    assert registration.registered_dynamically is False
    deployments = Deployment.objects.order_by("deployment_id")
    assert [d.deployment_id for d in deployments] == ["7", "8"]
    assert all(d.active and d.activated_at is not None for d in deployments)


def test_add_platform_twice_updates_without_duplicates():
    run("lti_add_platform", *add_platform_args())
    first = Registration.objects.get()
    activated = {d.deployment_id: d.activated_at for d in Deployment.objects.all()}

    out, _ = run(
        "lti_add_platform",
        *add_platform_args(
            name="Northshire Moodle (new name)",
            **{
                "keyset-url": "https://moodle.northshire.example/mod/lti/certs.php?v=2",
                "deployment-id": ["8", "9", "9"],
                "auto-activate": False,
                "audience": None,
            },
        ),
    )
    assert "Updated Northshire Moodle (new name) (plh-client) with 2 active deployment(s)." in out
    registration = Registration.objects.get()
    assert registration.pk == first.pk
    assert registration.name == "Northshire Moodle (new name)"
    assert registration.key_set_url.endswith("certs.php?v=2")
    assert registration.audience == ""
    assert registration.auto_activate_deployments is False
    assert sorted(Deployment.objects.values_list("deployment_id", flat=True)) == ["7", "8", "9"]
    assert Deployment.objects.filter(active=True).count() == 3
    assert Deployment.objects.get(deployment_id="8").activated_at == activated["8"]


def test_add_platform_activates_a_deployment_that_was_waiting():
    run("lti_add_platform", *add_platform_args(**{"deployment-id": []}))
    waiting = Deployment.objects.create(
        registration=Registration.objects.get(), deployment_id="from-a-launch"
    )
    assert not waiting.active
    run("lti_add_platform", *add_platform_args(**{"deployment-id": ["from-a-launch"]}))
    waiting.refresh_from_db()
    assert waiting.active and Deployment.objects.count() == 1


def test_a_second_client_on_the_same_issuer_is_a_new_registration():
    run("lti_add_platform", *add_platform_args())
    run("lti_add_platform", *add_platform_args(**{"client-id": "other-client"}))
    assert Registration.objects.count() == 2
    assert Deployment.objects.count() == 4


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"auth-url": "not a url"}, "--auth-url"),
        ({"token-url": "ftp://moodle.northshire.example/token"}, "--token-url"),
        ({"keyset-url": "http://moodle.northshire.example/certs.php"}, "--keyset-url"),
        ({"issuer": "moodle.northshire.example"}, "--issuer"),
        ({"auth-url": "javascript:alert(1)"}, "--auth-url"),
        ({"token-url": "https://"}, "--token-url"),
        ({"auth-url": "https://moodle.northshire.example/" + "a" * 500}, "auth_login_url"),
        ({"issuer": "https://moodle.northshire.example/" + "a" * 250}, "issuer"),
        ({"client-id": ""}, "client_id"),
        ({"deployment-id": ["7", ""]}, "--deployment-id"),
        ({"deployment-id": ["x" * 256]}, "--deployment-id"),
    ],
)
def test_add_platform_refuses_invalid_values_and_saves_nothing(changes, problem):
    with pytest.raises(CommandError, match="Not registered") as refused:
        run("lti_add_platform", *add_platform_args(**changes))
    assert problem in str(refused.value)
    assert not Registration.objects.exists()
    assert not Deployment.objects.exists()


def test_add_platform_refusal_leaves_an_existing_registration_alone():
    run("lti_add_platform", *add_platform_args())
    with pytest.raises(CommandError):
        run(
            "lti_add_platform",
            *add_platform_args(
                name="Renamed",
                **{"auth-url": "ftp://elsewhere.example/auth", "deployment-id": ["new"]},
            ),
        )
    registration = Registration.objects.get()
    assert registration.name == "Northshire College Moodle"
    assert registration.auth_login_url.startswith("https://moodle.northshire.example/")
    assert sorted(Deployment.objects.values_list("deployment_id", flat=True)) == ["7", "8"]


def test_plain_http_is_accepted_for_loopback_and_when_allowed(settings):
    run(
        "lti_add_platform",
        *add_platform_args(
            issuer="http://127.0.0.1:8080",
            **{
                "auth-url": "http://localhost:8080/auth",
                "token-url": "http://[::1]:8080/token",
                "keyset-url": "http://127.0.0.1:8080/jwks",
            },
        ),
    )
    settings.LTI_ALLOW_HTTP_PLATFORMS = True
    run("lti_add_platform", *add_platform_args(issuer="http://moodle.internal"))
    assert Registration.objects.count() == 2


def test_a_platform_added_by_command_launches(client, programme):
    ToolKey.generate()
    with PlatformServer(flavour="generic") as server:
        platform = server.platform
        platform.register_tool(
            client_id="cli-client",
            login_initiation_url=f"{TOOL}/lti/login/",
            redirect_uris=[f"{TOOL}/lti/launch/"],
            target_link_uri=f"{TOOL}/lti/launch/",
            deployment_ids=["cli-deployment"],
            jwks=ToolKey.jwks(),
        )
        run(
            "lti_add_platform",
            "--name=Command LMS",
            f"--issuer={platform.issuer}",
            "--client-id=cli-client",
            f"--auth-url={server.auth_url}",
            f"--token-url={server.token_url}",
            f"--keyset-url={server.jwks_url}",
            "--deployment-id=cli-deployment",
        )
        lesson = programme.lessons["third"]
        pending = platform.prepare_launch(
            client_id="cli-client", roles=[LEARNER], custom={"plh_page": str(lesson.pk)}
        )
        login = client.post("/lti/login/", pending.login_params)
        assert login.status_code == 302
        redirect_uri, form = platform.authorize(parse_qs(urlsplit(login["Location"]).query))
        page = follow(client, client.post(redirect_uri.removeprefix(TOOL), form))
        assert "<h1>Chairing a meeting</h1>" in page.content.decode()
