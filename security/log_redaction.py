"""Masks registration secrets in log lines that quote a request's URL.

Dynamic Registration's first request carries the one-time link's ``token`` and the platform's
``registration_token`` (valid for an hour) in its query string, and Django's server log and
request warnings quote that URL. The registration pages keep both out of every later URL; this
filter is the second line of defence for the lines that quote the first one.
"""

from __future__ import annotations

import logging
import re

SECRET_PARAMETERS = ("registration_token", "token")
REDACTED = "[redacted]"
# A query parameter named exactly like a secret, after "?" or "&" (or its escaped forms in a
# URL that is itself quoted in a query string), up to the next separator.
_SECRET_VALUE = re.compile(
    r"(?P<name>(?:[?&]|%3[Ff]|%26)(?:" + "|".join(SECRET_PARAMETERS) + r")(?:=|%3[Dd]))"
    r"[^&\s\"'#<>]*",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """``text`` with the value of every secret query parameter replaced by ``[redacted]``."""
    return _SECRET_VALUE.sub(lambda match: match["name"] + REDACTED, text)


class RedactSecretsFilter(logging.Filter):
    """Rewrites a record whose message quotes a secret query parameter; keeps every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
