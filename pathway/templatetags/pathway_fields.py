"""Small template helpers for the application form: a field's error, a statement's text."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def field_error(errors: dict[str, str], prefix: Any, number: Any = None) -> str:
    """The error of field ``prefix`` (or ``prefix-number``), or ""."""
    key = f"{prefix}-{number}" if number is not None else str(prefix)
    return errors.get(key, "") if errors else ""


@register.simple_tag
def statement_of(application: Any, criterion_id: Any) -> str:
    return str(application.statements.get(str(criterion_id), ""))
