"""What a launch costs, and that what it keeps in memory follows every change.

A launch (login initiation, the id_token post and the landing redirect) runs a bounded number
of queries that does not grow with the number of learners. Registrations and deployments are
kept per process for a generation of the shared cache
(``lti_tool.registration.platform_cache``), platform keys in memory
(``lti_tool.launch.platform_keys``): a change made here or in another process, a
rotated platform key and a culled cache entry all take effect on the next launch.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lti_tool.launch import platform_keys
from lti_tool.launch.validation import CONTEXT as CONTEXT_CLAIM
from lti_tool.models import Context, Deployment, LoginState, Membership, Registration
from lti_tool.registration import platform_cache
from lti_tool.roles import INSTRUCTOR, LEARNER
from tests.support.keys import accepted, launch_signed_with, refused_codes
from tests.support.lti import CLIENT_ID, DEPLOYMENT_ID, TOOL, follow, launch, start_login

pytestmark = pytest.mark.django_db

# Login initiation + id_token post + landing redirect, every query counted (on SQLite the
# BEGIN of the launch's transaction as well), with the project's database cache.
LAUNCH_QUERY_LIMIT = 15
FIRST_LAUNCH_QUERY_LIMIT = 32
DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "plh_cache",
    }
}


def _launch_counted(client: Client, lms: Any, lesson_pk: int, user: str, **claims: Any):
    """One learner's launch; returns the queries of each of the tool's three requests."""
    counts = {}
    pending = lms.platform.prepare_launch(
        client_id=CLIENT_ID, user=user, custom={"plh_page": str(lesson_pk)}, **claims
    )
    with CaptureQueriesContext(connection) as login_queries:
        login = client.post("/lti/login/", pending.login_params)
    assert login.status_code == 302, login.content[:300]
    counts["login"] = len(login_queries)
    _, form = lms.platform.authorize(parse_qs(urlsplit(login["Location"]).query))
    with CaptureQueriesContext(connection) as launch_queries:
        launched = client.post("/lti/launch/", form)
    assert accepted(launched), launched.content[:300]
    counts["launch"] = len(launch_queries)
    with CaptureQueriesContext(connection) as landing_queries:
        landing = client.get(launched["Location"].removeprefix(TOOL))
    assert landing.status_code == 302
    assert landing["Location"].endswith(f"/page/{lesson_pk}/")
    counts["landing"] = len(landing_queries)
    page = client.get(landing["Location"].removeprefix(TOOL))
    assert page.status_code == 200
    return counts


@pytest.fixture(params=["local memory cache", "database cache"])
def any_cache(request, settings):
    if request.param == "database cache":
        settings.CACHES = DATABASE_CACHE
        call_command("createcachetable", verbosity=0)  # rolled back with the test
    cache.clear()
    platform_cache.clear_local()
    return request.param


def test_a_launch_runs_a_bounded_number_of_queries(client, lms, programme, any_cache):
    lesson = programme.lessons["first"]
    first = _launch_counted(client, lms, lesson.pk, "counted-0", roles=[LEARNER])
    later = [
        _launch_counted(Client(), lms, lesson.pk, f"counted-{n}", roles=[LEARNER])
        for n in range(1, 4)
    ]
    returning = _launch_counted(Client(), lms, lesson.pk, "counted-1", roles=[LEARNER])

    # Once the course, the link and the caches exist, every launch stays within the limit,
    # and a new learner costs the same as the one before.
    for counts in [*later[1:], returning]:
        assert sum(counts.values()) <= LAUNCH_QUERY_LIMIT, counts
    assert later[1] == later[2]
    assert sum(returning.values()) <= sum(later[2].values())
    # The first launch into a new course also creates it and its link, and fills the caches.
    assert sum(first.values()) <= FIRST_LAUNCH_QUERY_LIMIT, first
    # The landing redirect reads the session (with its link and page) and nothing else.
    assert later[2]["landing"] == 1


def test_a_returning_learner_in_a_known_course_writes_only_the_session(client, lms, programme):
    lesson = programme.lessons["first"]
    _launch_counted(client, lms, lesson.pk, "steady", roles=[LEARNER])
    context = Context.objects.get()
    membership = Membership.objects.get()

    _launch_counted(Client(), lms, lesson.pk, "steady", roles=[LEARNER])

    assert Context.objects.get().updated_at == context.updated_at
    assert Membership.objects.get().updated_at == membership.updated_at


def test_a_changed_role_or_course_title_is_still_written(client, lms, programme):
    lesson = programme.lessons["first"]
    _launch_counted(client, lms, lesson.pk, "promoted", roles=[LEARNER])
    course = Context.objects.get()

    _launch_counted(
        Client(),
        lms,
        lesson.pk,
        "promoted",
        roles=[INSTRUCTOR],
        overrides={CONTEXT_CLAIM: {"id": course.context_id, "title": "A new title"}},
    )

    assert Membership.objects.get(context=course).is_staff
    assert Context.objects.get(pk=course.pk).title == "A new title"


# ------------------------------------------------------ registrations and deployments --
def test_a_deactivated_deployment_is_refused_by_the_next_launch(client, lms, caplog):
    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))
    deployment = Deployment.objects.get(deployment_id=DEPLOYMENT_ID)
    deployment.active = False
    deployment.save()

    refused = launch(client, lms, user="learner", roles=[LEARNER])

    assert refused.status_code == 403
    assert refused_codes(caplog) == ["deployment_inactive"]
    deployment.activate()
    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))


def test_a_change_made_by_another_process_reaches_this_one(client, lms, caplog):
    """Another process's change reaches this one through the shared cache alone.

    The deployment is deactivated without a signal in this process (as another web process
    would), and that process's receiver deletes the shared entry: this process's rows in
    memory belong to the old generation and are looked up again.
    """
    for _ in range(2):  # the first launch also records the platform's gradebook choice
        assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))
    Deployment.objects.filter(deployment_id=DEPLOYMENT_ID).update(active=False)
    # Proof that the rows come from memory here: nothing has told this process yet.
    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))

    cache.delete(platform_cache.CACHE_KEY)  # what the other process's receiver does

    refused = launch(client, lms, user="learner", roles=[LEARNER])
    assert refused.status_code == 403
    assert refused_codes(caplog) == ["deployment_inactive"]


def test_a_deactivated_registration_is_refused_at_login_and_launch(client, lms, caplog):
    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))
    _, login = start_login(client, lms, user="learner", roles=[LEARNER])  # before the change
    assert login.status_code == 302
    registration = Registration.objects.get(pk=lms.registration.pk)
    registration.active = False
    registration.save()

    _, refused_login = start_login(client, lms, user="learner", roles=[LEARNER])
    assert refused_login.status_code == 400
    _, form = lms.platform.authorize(parse_qs(urlsplit(login["Location"]).query))
    refused_launch = client.post("/lti/launch/", form)
    assert refused_launch.status_code == 400
    assert refused_codes(caplog) == ["unknown_registration", "unknown_registration"]


def test_a_changed_authorisation_url_is_used_by_the_next_login(client, lms):
    _, before = start_login(client, lms, user="learner", roles=[LEARNER])
    registration = Registration.objects.get(pk=lms.registration.pk)
    registration.auth_login_url = "https://lms.example.org/auth/moved"
    registration.save()

    _, after = start_login(client, lms, user="learner", roles=[LEARNER])

    assert before["Location"].startswith(lms.server.auth_url)
    assert after["Location"].startswith("https://lms.example.org/auth/moved?")


def test_a_new_deployment_is_found_at_once_and_an_unknown_one_is_never_kept(client, lms, caplog):
    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))
    refused = launch(client, lms, user="learner", roles=[LEARNER], deployment_id="deployment-2")
    assert refused.status_code == 403  # recorded inactive, awaiting an administrator
    Deployment.objects.get(deployment_id="deployment-2").activate()

    assert accepted(
        launch(client, lms, user="learner", roles=[LEARNER], deployment_id="deployment-2")
    )
    assert refused_codes(caplog) == ["deployment_inactive"]


def test_a_culled_cache_entry_costs_only_a_lookup(client, lms, programme):
    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))
    cache.clear()  # the database cache culls; Redis may be flushed
    platform_keys.forget_all()

    page = follow(client, launch(client, lms, user="learner", roles=[LEARNER]))

    assert page.status_code == 200
    assert lms.platform.issuer in page["Content-Security-Policy"]


def test_rows_handed_out_are_copies(lms):
    first = platform_cache.find_registration(lms.platform.issuer, CLIENT_ID)
    first.name = "Changed in one request only"
    again = platform_cache.find_registration(lms.platform.issuer, CLIENT_ID)
    assert again.name == "Test LMS"
    assert platform_cache.find_registration(lms.platform.issuer, "someone-else") is None


# ------------------------------------------------------------------- platform keys --
def _wait_for_key_fetches() -> None:
    for thread in threading.enumerate():
        if thread.name == "plh-jwks-refresh":
            thread.join(30)


def test_a_rotated_platform_key_is_picked_up_and_a_withdrawn_one_refused(client, lms, caplog):
    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))
    old = lms.platform.keys.signing_key
    lms.platform.keys.rotate(keep_old_published=False)  # an abrupt replacement

    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))  # new kid: refetched
    refused = launch_signed_with(client, lms, old)

    assert refused.status_code == 400
    assert refused_codes(caplog) == ["unknown_kid"]


def test_the_login_fetches_the_platform_keys_before_the_launch_needs_them(client, lms):
    cache.clear()
    platform_keys.forget_all()
    fetches = lms.server.jwks_fetch_count
    _, login = start_login(client, lms, user="learner", roles=[LEARNER])
    assert login.status_code == 302
    _wait_for_key_fetches()
    assert lms.server.jwks_fetch_count == fetches + 1  # fetched during the login

    _, form = lms.platform.authorize(parse_qs(urlsplit(login["Location"]).query))
    assert accepted(client.post("/lti/launch/", form))
    assert lms.server.jwks_fetch_count == fetches + 1  # and not again by the launch


def test_stale_keys_are_used_while_they_are_fetched_again(client, lms):
    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))
    held = platform_keys._held[lms.registration.key_set_url]
    held.fetched_at -= platform_keys.FRESH_SECONDS + 1  # an hour old
    fetches = lms.server.jwks_fetch_count

    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))
    _wait_for_key_fetches()

    assert lms.server.jwks_fetch_count == fetches + 1  # refreshed in the background
    fresh = platform_keys._held[lms.registration.key_set_url]
    assert fresh.fetched_at > held.fetched_at


def test_keys_too_old_to_keep_are_fetched_before_use(client, lms, caplog):
    assert accepted(launch(client, lms, user="learner", roles=[LEARNER]))
    platform_keys._held[lms.registration.key_set_url].fetched_at -= platform_keys.KEEP_SECONDS
    cache.clear()
    old = lms.platform.keys.signing_key
    lms.platform.keys.rotate(keep_old_published=False)

    refused = launch_signed_with(client, lms, old)  # the old copy is not trusted any more

    assert refused.status_code == 400
    assert refused_codes(caplog) == ["unknown_kid"]


def test_an_unreachable_platform_is_refused_when_no_keys_are_in_hand(client, lms, caplog):
    _, login = start_login(client, lms, user="learner", roles=[LEARNER])
    _wait_for_key_fetches()
    _, form = lms.platform.authorize(parse_qs(urlsplit(login["Location"]).query))
    cache.clear()
    platform_keys.forget_all()
    Registration.objects.filter(pk=lms.registration.pk).update(
        key_set_url="http://127.0.0.1:9/jwks"  # nothing listens on the discard port
    )
    platform_cache.forget()

    refused = client.post("/lti/launch/", form)

    assert refused.status_code == 502
    assert refused_codes(caplog) == ["jwks_unavailable"]
    assert LoginState.objects.filter(used_at__isnull=False).count() == 0


def test_a_failed_fetch_at_login_is_not_repeated_by_every_login(client, lms):
    cache.clear()
    platform_keys.forget_all()
    lms.server.faults.fail_next("jwks", times=1, status=503)
    fetches = lms.server.jwks_fetch_count
    _, first = start_login(client, lms, user="learner", roles=[LEARNER])
    _wait_for_key_fetches()
    assert lms.server.jwks_fetch_count == fetches + 1  # tried, and answered 503

    _, second = start_login(client, lms, user="learner", roles=[LEARNER])
    _wait_for_key_fetches()
    assert lms.server.jwks_fetch_count == fetches + 1  # the next login waits a minute

    # The launch does not wait: it fetches the keys it needs itself.
    _, form = lms.platform.authorize(parse_qs(urlsplit(second["Location"]).query))
    assert accepted(client.post("/lti/launch/", form))
    assert lms.server.jwks_fetch_count == fetches + 2
    assert first.status_code == 302
