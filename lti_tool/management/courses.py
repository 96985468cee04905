"""What the course commands share: finding the course a command line names."""

from __future__ import annotations

from django.core.management.base import CommandError

from lti_tool.models import Context


def find_context(value: str) -> Context:
    """A context by the tool's id (``pk:12`` or ``12``) or by the platform's context id."""
    raw = value.removeprefix("pk:")
    if raw.isdigit():
        context = Context.objects.filter(pk=int(raw)).first()
        if context is not None:
            return context
    matches = list(Context.objects.filter(context_id=value)[:2])
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CommandError(
            f"Several courses have the id {value!r}; use the tool's number (pk:<id>)."
        )
    raise CommandError(f"No course {value!r}.")
