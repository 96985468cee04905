"""Reading a response's Content-Security-Policy and checking a page keeps to it."""

from __future__ import annotations

import re
from typing import Any

from security.csp import parse

_TAG = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_INLINE_STYLE_OR_HANDLER = re.compile(r"<[a-zA-Z][^<>]*\s(style|on[a-z]+)\s*=", re.IGNORECASE)
DATA_TYPES = {"application/json", "application/ld+json"}


def policy(response: Any) -> dict[str, list[str]]:
    """The response's one policy header, as directives (fails when there is none)."""
    header = response.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.status_code} response"
    names = [part.split()[0] for part in header.split(";") if part.split()]
    assert len(names) == len(set(names)), f"a directive is repeated: {header}"
    return parse(header)


def nonce_of(directives: dict[str, list[str]]) -> str:
    nonces = [s for s in directives["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1, directives["script-src"]
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


def attributes(raw: str) -> dict[str, str]:
    return {
        m[1].lower(): next((g for g in m.groups()[1:] if g is not None), "")
        for m in _ATTRIBUTE.finditer(raw)
    }


def assert_page_keeps_policy(response: Any, *, admin: bool = False) -> str:
    """The page's policy is the site's, and every inline script or style carries its nonce.

    Returns the nonce. ``admin``: the Wagtail admin's policy, which allows inline styles
    (``style=""`` and ``<style>``; see ``security.csp.admin_policy``) but not inline script.
    """
    directives = policy(response)
    nonce = nonce_of(directives)
    assert len(nonce) >= 22
    assert directives["script-src"][0] == "'self'"
    if admin:
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    else:
        assert f"'nonce-{nonce}'" in directives["style-src"]
    for name in ("script-src", "default-src", *(() if admin else ("style-src",))):
        assert "'unsafe-inline'" not in directives[name], directives[name]
        assert "'unsafe-eval'" not in directives[name], directives[name]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"][0] == "'self'"
    html = response.content.decode()
    for tag, raw in _TAG.findall(html):
        attrs = attributes(raw)
        if tag.lower() == "script" and ("src" in attrs or attrs.get("type") in DATA_TYPES):
            continue
        if tag.lower() == "style" and admin:
            continue
        assert attrs.get("nonce") == nonce, f"<{tag}{raw}> lacks this response's nonce"
    for found in _INLINE_STYLE_OR_HANDLER.finditer(html):
        if found[1].lower() != "style" or not admin:
            raise AssertionError(f"inline attribute the policy blocks: {found[0][:200]}")
    return nonce
