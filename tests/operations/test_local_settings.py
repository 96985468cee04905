"""``config.settings.local`` (``make run``): DEBUG off, a secret key made once and kept."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PRINT = "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY)"


def load_local_settings(key_file: Path) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", SECRET_KEY_FILE=str(key_file))
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRINT}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    debug, key = result.stdout.split()
    return debug, key


def test_local_settings_have_debug_off_and_keep_one_generated_key():
    key_file = Path(tempfile.mkdtemp(prefix="plh-key-")) / "var" / "secret-key.txt"
    debug, key = load_local_settings(key_file)
    assert debug == "False"
    assert len(key) >= 50 and key_file.read_text() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_local_settings(key_file) == ("False", key)  # the same key next time
    assert list(key_file.parent.iterdir()) == [key_file]  # no drafts left behind
