"""Scale-out: a launch started on one web process finishes on another.

Two gunicorn processes, started with the project's own gunicorn settings, share the test
database (as several instances behind a load balancer share PostgreSQL) but nothing else:
each has its own local-memory cache. The login goes to one, the platform's form post and the
framed pages to the other, then the learner finishes the lesson on the first. This only works
because launch state and framed sessions live in the database.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.conf import settings

from hub.models import LessonProgress
from lti_platform import PlatformServer
from lti_tool.models import LaunchSession, LoginState, ToolKey
from lti_tool.roles import LEARNER
from tests.factories import register_platform
from tests.support.database import shared_database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(settings.BASE_DIR)
CLIENT_ID = "scale-out"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def two_web_processes() -> Iterator[tuple[str, str]]:
    """Two gunicorn processes on one database; both say the public origin is the first."""
    ports = [_free_port(), _free_port()]
    public = f"http://127.0.0.1:{ports[0]}"
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "LTI_TOOL_BASE_URL": public,  # as behind a load balancer: one public origin
        "REDIS_URL": "",  # each process its own local-memory cache: nothing shared but the DB
        "WEB_WORKERS": "1",
        "WEB_THREADS": "2",
    }
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "-c",
                "config/gunicorn.py",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            _wait_for(f"http://127.0.0.1:{port}/lti/jwks/", process)
        yield public, f"http://127.0.0.1:{ports[1]}"
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within 60 s")


def _on(origin: str, url: str) -> str:
    """The same path and query, sent to another instance."""
    parts = urlsplit(url)
    return f"{origin}{parts.path}" + (f"?{parts.query}" if parts.query else "")


def test_a_launch_started_on_one_process_finishes_on_the_other(programme, two_web_processes):
    first, second = two_web_processes
    ToolKey.generate()
    lesson = programme.lessons["first"]  # Step One's: open to everyone
    with PlatformServer(flavour="generic") as peer:
        peer.platform.register_tool(
            client_id=CLIENT_ID,
            login_initiation_url=f"{first}/lti/login/",
            redirect_uris=[f"{first}/lti/launch/"],
            target_link_uri=f"{first}/lti/launch/",
            jwks=requests.get(f"{first}/lti/jwks/", timeout=10).json(),
            deployment_ids=["deployment-1"],
        )
        register_platform(
            peer, name="Scale-out LMS", client_id=CLIENT_ID, deployment_id="deployment-1"
        )
        pending = peer.platform.prepare_launch(
            client_id=CLIENT_ID,
            user="moving-learner",
            roles=[LEARNER],
            custom={"plh_page": str(lesson.pk)},
        )
        browser = requests.Session()

        # Login on the first process.
        login = browser.post(
            f"{first}/lti/login/", data=pending.login_params, allow_redirects=False, timeout=30
        )
        assert login.status_code == 302, login.text[:500]
        state_cookies = {cookie.name: cookie.value for cookie in login.cookies}
        redirect_uri, form = peer.platform.authorize(
            parse_qs(urlsplit(login.headers["Location"]).query)
        )
        assert redirect_uri == f"{first}/lti/launch/"

        # The platform's form post lands on the second process.
        launched = browser.post(
            _on(second, redirect_uri),
            data=form,
            cookies=state_cookies,
            allow_redirects=False,
            timeout=30,
        )
        assert launched.status_code == 302, launched.text[:800]
        resume = browser.get(
            _on(second, launched.headers["Location"]), allow_redirects=False, timeout=30
        )
        assert resume.status_code == 302
        lesson_url = resume.headers["Location"]
        on_second = browser.get(_on(second, lesson_url), timeout=30)
        assert on_second.status_code == 200
        assert lesson.title in on_second.text

        # The learner answers its question and finishes the lesson on the first process.
        # Answering shows the feedback on the page; finishing goes back to the lesson with a
        # notice.
        for form, status, notice in (
            ({"action": "answer", "question_id": "q1", "option": "0"}, 200, None),
            ({"action": "finish"}, 302, "?notice=lesson_complete#plh-notice"),
        ):
            answered = browser.post(
                _on(first, lesson_url),
                data=form,
                headers={"Origin": first},
                allow_redirects=False,
                timeout=30,
            )
            assert answered.status_code == status, answered.text[:800]
            if notice:
                assert answered.headers["Location"].endswith(notice)

    assert LoginState.objects.get().used_at is not None
    assert LaunchSession.objects.count() == 1
    progress = LessonProgress.objects.get(lesson=lesson)
    assert progress.completed_at is not None
