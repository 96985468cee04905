"""The Procfile and ``make run``'s supervisord configuration start the right processes."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_procfile_starts_web_worker_and_scheduler_only():
    lines = [line for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()]
    processes = dict(line.split(":", 1) for line in lines)
    assert set(processes) == {"web", "worker", "scheduler"}
    assert processes["web"].split()[0] == "gunicorn"
    assert "-c config/gunicorn.py" in processes["web"]
    assert processes["worker"].split()[-1] == "run_worker"  # never the autoreloading db_worker
    assert processes["scheduler"].split()[-1] == "lti_scheduler"


def test_make_run_supervises_every_program_and_restarts_it():
    config = configparser.RawConfigParser()
    config.read(ROOT / "config" / "supervisord.conf")
    programs = {s.removeprefix("program:"): config[s] for s in config if s.startswith("program:")}
    assert set(programs) == {"web", "worker", "scheduler", "demo-lms"}
    assert all(p["autorestart"] == "true" for p in programs.values())
    assert "gunicorn" in programs["web"]["command"]
    assert "-c config/gunicorn.py" in programs["web"]["command"]
    assert "run_worker" in programs["worker"]["command"]
    assert config["supervisord"]["nodaemon"] == "true"


def test_the_shared_gunicorn_settings_serve_with_threads_and_a_deep_backlog():
    """One file of gunicorn settings for make run, the Procfile and bench.cohort."""
    settings: dict[str, object] = {}
    exec((ROOT / "config" / "gunicorn.py").read_text(), settings)  # noqa: S102 - our own file
    assert settings["worker_class"] == "gthread"
    assert int(settings["threads"]) > 1  # type: ignore[call-overload]
    assert int(settings["backlog"]) >= 1024  # type: ignore[call-overload]
