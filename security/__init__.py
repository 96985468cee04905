"""Site-wide protections that belong to no single domain: the Content-Security-Policy and the
redaction of secrets from request log lines (see docs/security.md)."""
