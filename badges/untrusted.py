"""Reading what a stranger hands us: credential JSON and the URLs inside it.

Everything a partner pastes, uploads or posts for verification is hostile until checked. Two
rules live here so the page, the API and the image reader share them:

- JSON text is parsed only when it is at most :data:`MAX_JSON_BYTES` long and nested at most
  :data:`MAX_JSON_DEPTH` levels deep. The depth is measured by a flat scan *before* the
  (recursive) standard parser runs, so a document nested 10,000 levels deep is refused with a
  plain message instead of exhausting the interpreter's recursion limit.
- A URL taken from a credential is only ever used as a link target when it is an absolute
  ``http`` or ``https`` URL; ``javascript:``, ``data:`` and the rest are shown as text, if at all.
"""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn
from urllib.parse import urlsplit

__all__ = [
    "MAX_JSON_BYTES",
    "MAX_JSON_DEPTH",
    "UntrustedJSONError",
    "parse_json_object",
    "web_url",
]

#: A signed credential is a few kilobytes; an embedded data-URL image can make it larger.
MAX_JSON_BYTES = 1_000_000
#: An Open Badges 3.0 credential is about six levels deep; JSON-LD leaves plenty of room.
MAX_JSON_DEPTH = 64

# A JSON string (escapes included) or one bracket. Strings are matched whole so brackets inside
# them are not counted; the pattern is an unrolled loop, linear in the length of the text.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


class UntrustedJSONError(ValueError):
    """JSON text we refuse to read; the message says why in plain words."""


def _exceeds_depth(text: str, limit: int) -> bool:
    """Whether the text opens more than ``limit`` nested arrays or objects.

    Strings are skipped whole, so the count agrees with a JSON parser's depth up to the first
    syntax error, which is where the parser would stop anyway.
    """
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        bracket = match.group()
        if len(bracket) != 1:
            continue  # a whole string
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _refuse_constant(name: str) -> NoReturn:
    raise UntrustedJSONError(f"{name} is not a JSON value")


def parse_json_object(text: str) -> dict[str, Any]:
    """Parse untrusted JSON text that must hold one object, within the size and depth limits."""
    if len(text) > MAX_JSON_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_JSON_BYTES:
        raise UntrustedJSONError(
            f"the JSON is larger than {MAX_JSON_BYTES // 1_000_000} MB, too large for a badge"
        )
    if _exceeds_depth(text, MAX_JSON_DEPTH):
        raise UntrustedJSONError(
            f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep, too deep for a badge"
        )
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except UntrustedJSONError:
        raise
    except ValueError as error:
        raise UntrustedJSONError(f"the text is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise UntrustedJSONError("the JSON is not an object")
    return value


def web_url(value: Any) -> str | None:
    """The value when it is an absolute http(s) URL a browser may follow, otherwise None."""
    if not isinstance(value, str) or any(ord(char) < 0x21 for char in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return value
