"""Runners for the independent verifiers used by the tests (Node.js and the OB 2.0 validator).

They install themselves on first use; missing tools fail the test with a clear message rather
than skipping it, so CI never passes without running them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

JS_DIR = Path(__file__).resolve().parent / "js"


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"`{name}` is not installed: the badges tests verify credentials with the Digital "
            "Bazaar JavaScript stack and need Node.js 20+ and npm on the PATH.",
            pytrace=False,
        )
    return path


def ensure_node_modules() -> None:
    """Install the verifier's locked npm packages when node_modules is missing."""
    require_tool("node")
    npm = require_tool("npm")
    if (JS_DIR / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        return
    completed = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"],
        cwd=JS_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if completed.returncode != 0:
        pytest.fail(f"npm ci failed in {JS_DIR}:\n{completed.stderr}", pytrace=False)


def digital_bazaar_verify(
    credentials: dict[str, dict[str, Any]],
    documents: dict[str, Any],
    now: str | None = None,
) -> dict[str, dict[str, Any]]:
    """Verify each credential with @digitalbazaar/vc; returns results by name."""
    ensure_node_modules()
    payload = {
        "now": now,
        "documents": documents,
        "credentials": [{"name": n, "credential": c} for n, c in credentials.items()],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(payload, handle)
        path = handle.name
    try:
        completed = subprocess.run(
            [require_tool("node"), str(JS_DIR / "verify.mjs"), path],
            cwd=JS_DIR,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        Path(path).unlink(missing_ok=True)
    if completed.returncode != 0:
        pytest.fail(f"the Node.js verifier crashed:\n{completed.stderr}", pytrace=False)
    return {result["name"]: result for result in json.loads(completed.stdout)}


OB2_VALIDATOR_ENV = Path(__file__).resolve().parents[2] / "var" / "ob2validator"

# openbadges 1.1.2 predates Python 3.10: python-jose and others import the ABCs from
# ``collections``. This runs at start-up in the validator's own environment only.
_SITECUSTOMIZE = """\
import collections
import collections.abc
import json
import os

for _name in ("Mapping", "MutableMapping", "Iterable", "Sequence", "MutableSequence",
              "Callable", "Set", "MutableSet", "Hashable"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

# Pinned JSON-LD contexts (URL -> file), so the validator needs no access to w3id.org.
_pinned_file = os.environ.get("OB2_PINNED_CONTEXTS")
if _pinned_file:
    with open(_pinned_file) as _handle:
        _PINNED = json.load(_handle)
    from openbadges.verifier import utils as _utils

    _original_call = _utils.CachableDocumentLoader.__call__

    def _pinned_call(self, url):
        if url in _PINNED:
            with open(_PINNED[url]) as handle:
                text = handle.read()
            return {"contextUrl": None, "documentUrl": url, "document": text}
        return _original_call(self, url)

    _utils.CachableDocumentLoader.__call__ = _pinned_call
"""


def ensure_ob2_validator() -> Path:
    """A separate virtual environment with 1EdTech's OB 2.0 validator (PyPI ``openbadges``).

    Never installed beside the app: it pins old pyld and jsonschema. As published it does not
    import on Python 3.11, so pycryptodome and pytz are upgraded and the ``collections`` ABC
    aliases are restored by a sitecustomize module.
    """
    import sys

    python = OB2_VALIDATOR_ENV / "bin" / "python"
    marker = OB2_VALIDATOR_ENV / ".ready-2"
    if marker.exists():
        return python
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(OB2_VALIDATOR_ENV)],
        [str(python), "-m", "pip", "install", "-q", "openbadges==1.1.2"],
        [str(python), "-m", "pip", "install", "-q", "-U", "pycryptodome", "pytz"],
    ]
    for step in steps:
        completed = subprocess.run(step, capture_output=True, text=True, timeout=900, check=False)
        if completed.returncode != 0:
            pytest.fail(
                f"could not set up the OB 2.0 validator ({' '.join(step)}):\n{completed.stderr}",
                pytrace=False,
            )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "sitecustomize.py").write_text(_SITECUSTOMIZE)
    marker.touch()
    return python


_OB2_RUNNER = """
import json, sys
import openbadges
source, kind, recipient = sys.argv[1], sys.argv[2], sys.argv[3]
data = source
if kind == "file":
    # The validator's own unbaking; on Python 3 it returns bytes, which its input detection
    # does not accept, so the text is decoded first.
    from openbadges_bakery import unbake
    with open(source, "rb") as image:
        data = unbake(image)
    data = data.decode("utf-8") if isinstance(data, bytes) else data
result = openbadges.verify(data, recipient_profile=json.loads(recipient) if recipient else None)
print(json.dumps(result, default=str))
"""


def ob2_validate(data: str | Path, recipient: dict[str, str] | None = None) -> dict[str, Any]:
    """Run 1EdTech's ``openbadges.verify`` on a URL / JSON text or a baked image file (its
    command line ignores image files, so its Python API is called in its own environment)."""
    from badges.jsonld import BUNDLED_CONTEXTS, CONTEXTS_DIR

    python = ensure_ob2_validator()
    kind = "file" if isinstance(data, Path) else "data"
    command = [str(python), "-c", _OB2_RUNNER, str(data), kind, json.dumps(recipient or "")]
    if recipient is None:
        command[-1] = ""
    pinned = {
        url: str(CONTEXTS_DIR / name)
        for url, name in BUNDLED_CONTEXTS.items()
        if name == "openbadges-v2.json"
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(pinned, handle)
    environment = {**os.environ, "OB2_PINNED_CONTEXTS": handle.name}
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=300, check=False, env=environment
        )
    finally:
        Path(handle.name).unlink(missing_ok=True)
    if completed.returncode != 0:
        pytest.fail(f"the OB 2.0 validator crashed:\n{completed.stderr}", pytrace=False)
    return json.loads(completed.stdout)


def main() -> None:
    """Install both verifiers ahead of the suite (``make test`` does), so that the heavy
    installs do not run beside the browser tests; the tests still install them if missing."""
    print("Independent badge verifiers: Digital Bazaar (npm ci) and the OB 2.0 validator (venv)")
    ensure_node_modules()
    python = ensure_ob2_validator()
    print(f"  ready: {JS_DIR / 'node_modules'} and {python}")


if __name__ == "__main__":
    main()
