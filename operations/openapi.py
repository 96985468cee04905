"""Document in the OpenAPI schema the refusals every API operation can give.

Two answers apply to operations whatever their own view says, so they are added here once
rather than repeated on each view: the request guard's 400 for a NUL character
(:mod:`operations.request_guard`), and 404 for an operation whose path names an object that
does not exist (or is not live). An operation that documents its own 400 or 404 keeps it.
"""

from __future__ import annotations

from typing import Any

from operations.request_guard import MESSAGE as NUL_MESSAGE

REFUSAL_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What was wrong, in plain words."}},
    "required": ["detail"],
}


def _answer(description: str, example: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": REFUSAL_SCHEMA, "example": {"detail": example}}},
    }


def document_refusals(result: dict[str, Any], generator: Any, request: Any, public: Any) -> Any:
    """drf-spectacular post-processing hook: add the 400 and 404 answers to each operation."""
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            responses.setdefault(
                "400",
                _answer("The request carries a character that is not allowed.", NUL_MESSAGE),
            )
            if "{" in path and method == "get":
                responses.setdefault(
                    "404",
                    _answer(
                        "There is no such live page.", "No LessonPage matches the given query."
                    ),
                )
    return result
