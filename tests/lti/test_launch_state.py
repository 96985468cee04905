"""Launch state that is never lost: logins and framed sessions are rows, bounded and purged."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from lti_tool.launch import state as login_state
from lti_tool.launch.views import client_address
from lti_tool.models import LaunchSession, LoginState
from lti_tool.roles import LEARNER
from lti_tool.schedule import Scheduler
from tests.support.lti import CLIENT_ID, follow, launch

pytestmark = pytest.mark.django_db


def _open_framed_session(client: Client, lms, programme) -> str:
    lesson = programme.lessons["first"]
    page = follow(
        client,
        launch(client, lms, user="cohort-1", roles=[LEARNER], custom={"plh_page": str(lesson.pk)}),
    )
    assert page.status_code == 200
    return page.wsgi_request.path


def _anonymous_login(client: Client, lms, hint: str, address: str = "192.0.2.10"):
    return client.post(
        "/lti/login/",
        {"iss": lms.platform.issuer, "client_id": CLIENT_ID, "login_hint": hint},
        REMOTE_ADDR=address,
    )


def test_a_flood_of_anonymous_logins_is_refused_and_logs_nobody_out(client, lms, programme):
    framed_url = _open_framed_session(client, lms, programme)
    sessions_before = LaunchSession.objects.count()
    flood = Client()

    answers = [_anonymous_login(flood, lms, f"made-up-{n}").status_code for n in range(1000)]

    # A cohort's worth (500 from one campus address) always gets in; past the limit, 429s.
    assert set(answers[:500]) == {302}
    assert answers.count(429) == 1000 - login_state.DEFAULT_PENDING_PER_ADDRESS
    assert set(answers) == {302, 429}
    # Storage grew by a bounded amount: the flood's address holds at most its allowance.
    assert (
        LoginState.objects.filter(client_address="192.0.2.10").count()
        == login_state.DEFAULT_PENDING_PER_ADDRESS
    )
    # Nobody was logged out: the learner's framed session is untouched and still works.
    assert LaunchSession.objects.count() == sessions_before
    still = client.get(framed_url)
    assert still.status_code == 200
    assert "Sorry" not in still.content.decode()
    # Another address is not affected by the flood.
    assert _anonymous_login(flood, lms, "someone-else", address="198.51.100.7").status_code == 302


def test_the_429_page_is_plain_and_says_when_to_try_again(lms):
    with override_settings(LTI_LOGIN_PENDING_PER_ADDRESS=2):
        flood = Client()
        answers = [_anonymous_login(flood, lms, f"hint-{n}") for n in range(3)]
    assert [a.status_code for a in answers] == [302, 302, 429]
    refused = answers[-1]
    assert refused["Retry-After"] == "60"
    page = refused.content.decode()
    assert "Please wait a minute and try again" in page
    assert "Nothing you have done is lost" in page


def test_logins_started_per_minute_are_bounded_even_when_finished(lms):
    """Finished logins do not count as pending, but the per-minute allowance still holds."""
    with override_settings(LTI_LOGIN_PER_ADDRESS_PER_MINUTE=3):
        client = Client()
        first = [_anonymous_login(client, lms, f"hint-{n}") for n in range(3)]
        LoginState.objects.update(used_at=timezone.now())  # as if all three launched
        fourth = _anonymous_login(client, lms, "hint-4")
        assert [a.status_code for a in first] == [302, 302, 302]
        assert fourth.status_code == 429
        # A minute later the allowance is back.
        LoginState.objects.update(created_at=timezone.now() - timedelta(seconds=61))
        assert _anonymous_login(client, lms, "hint-5").status_code == 302


def test_pending_logins_overall_are_bounded(lms):
    with override_settings(LTI_LOGIN_PENDING_TOTAL=3):
        client = Client()
        answers = [
            _anonymous_login(client, lms, f"hint-{n}", address=f"203.0.113.{n}").status_code
            for n in range(4)
        ]
    assert answers == [302, 302, 302, 429]
    assert LoginState.objects.count() == 3


def test_expired_logins_and_sessions_are_purged_and_live_ones_kept(client, lms, programme):
    framed_url = _open_framed_session(client, lms, programme)
    for n in range(3):
        _anonymous_login(Client(), lms, f"hint-{n}")
    stale = list(LoginState.objects.filter(used_at__isnull=True).values_list("pk", flat=True))[:2]
    LoginState.objects.filter(pk__in=stale).update(expires_at=timezone.now())
    expired_session = LaunchSession.objects.create(
        token_hash="0" * 64,
        message_type="LtiResourceLinkRequest",
        registration_id=LaunchSession.objects.get().registration_id,
        deployment_id=LaunchSession.objects.get().deployment_id,
        lti_user_id=LaunchSession.objects.get().lti_user_id,
        learner_id=LaunchSession.objects.get().learner_id,
        created_at=timezone.now() - timedelta(hours=9),
        expires_at=timezone.now() - timedelta(hours=1),
    )
    logins_before = LoginState.objects.count()

    purged = login_state.purge_expired()

    assert purged == {"logins": 2, "sessions": 1}
    assert LoginState.objects.count() == logins_before - 2
    assert not LaunchSession.objects.filter(pk=expired_session.pk).exists()
    assert client.get(framed_url).status_code == 200
    assert login_state.purge_expired() == {"logins": 0, "sessions": 0}


def test_the_scheduler_queues_the_purge_every_ten_minutes(django_capture_on_commit_callbacks):
    LoginState.objects.create(
        state="state-old",
        nonce="n",
        issuer="https://lms.example",
        client_id="c",
        target_link_uri="https://tool.example/lti/launch/",
        created_at=timezone.now() - timedelta(minutes=30),
        expires_at=timezone.now() - timedelta(minutes=20),
    )
    scheduler = Scheduler()
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        first = scheduler.tick(now)
    assert first.state_purge is True
    assert not LoginState.objects.exists()  # the test settings run tasks immediately
    assert scheduler.tick(now + timedelta(minutes=5)).state_purge is False
    assert scheduler.tick(now + timedelta(minutes=10)).state_purge is True


def test_a_framed_session_stores_only_the_hash_and_lasts_eight_hours_from_last_use(
    client, lms, programme
):
    framed_url = _open_framed_session(client, lms, programme)
    token = framed_url.split("/lti/s/")[1].split("/")[0]
    session = LaunchSession.objects.get()
    assert token not in session.token_hash
    assert session.token_hash == login_state.digest(token)

    # Used after seven and a half hours: the expiry moves on, so the learner is not cut off.
    LaunchSession.objects.update(expires_at=timezone.now() + timedelta(minutes=30))
    assert client.get(framed_url).status_code == 200
    assert LaunchSession.objects.get().expires_at > timezone.now() + timedelta(hours=7, minutes=59)

    # Used within the quarter of an hour after that: no write at all.
    renewed = LaunchSession.objects.get().expires_at
    assert client.get(framed_url).status_code == 200
    assert LaunchSession.objects.get().expires_at == renewed

    # Not used for eight hours: the session has ended, and says so.
    LaunchSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    ended = client.get(framed_url)
    assert ended.status_code == 403


@pytest.mark.parametrize("token", ["", "x" * 101, "abc\x00def", "not-a-token"])
def test_bad_session_tokens_find_nothing(token):
    assert LaunchSession.load(token) is None


@pytest.mark.parametrize("value", ["", "s" * 65, "state-\x00", "state-unknown"])
def test_bad_states_and_nonces_find_nothing(value):
    assert login_state.find_state(value) is None
    assert login_state.was_used(value) is False
    assert login_state.consume_nonce(value, value) is False


@pytest.mark.parametrize(
    ("header", "proxies", "meta", "expected"),
    [
        ("", 1, {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "127.0.0.1"),  # header not trusted
        (
            "X-Forwarded-For",
            1,
            {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.9"},
            "203.0.113.9",
        ),
        (
            "X-Forwarded-For",
            2,
            {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.9"},
            "198.51.100.1",
        ),
        (
            "X-Forwarded-For",
            3,
            {"HTTP_X_FORWARDED_FOR": "203.0.113.9"},
            "127.0.0.1",
        ),  # too few hops
        ("X-Forwarded-For", 1, {}, "127.0.0.1"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(header, proxies, meta, expected):
    request = RequestFactory().get("/lti/login/", REMOTE_ADDR="127.0.0.1", **meta)
    with override_settings(LTI_CLIENT_ADDRESS_HEADER=header, LTI_TRUSTED_PROXY_COUNT=proxies):
        assert client_address(request) == expected


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_login_is_consumed_exactly_once_by_concurrent_launches():
    """Twenty threads present the same state and nonce at the same moment: one wins."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("concurrent writers need a file database (in-memory SQLite locks tables)")
    login, _ = login_state.begin_login(
        "https://lms.example", "client", "https://tool.example/lti/launch/"
    )
    barrier = threading.Barrier(20)
    wins: list[bool] = []
    errors: list[BaseException] = []

    def attempt() -> None:
        try:
            barrier.wait()
            wins.append(login_state.consume_nonce(login.nonce, login.state))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(wins) == [False] * 19 + [True]
    assert login_state.was_used(login.state)
    assert login_state.find_state(login.state) is None
