"""LTI role vocabulary: normalising the forms platforms send, and what each role may do."""

from __future__ import annotations

from collections.abc import Iterable

CONTEXT = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#"
SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#"
TEACHING_ASSISTANT = (
    "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"
)

INSTRUCTOR = CONTEXT + "Instructor"
LEARNER = CONTEXT + "Learner"
MENTOR = CONTEXT + "Mentor"
ADMINISTRATOR = CONTEXT + "Administrator"
CONTENT_DEVELOPER = CONTEXT + "ContentDeveloper"

_CONTEXT_NAMES = {
    "Administrator",
    "ContentDeveloper",
    "Instructor",
    "Learner",
    "Mentor",
    "Manager",
    "Member",
    "Officer",
}


def normalise(role: str) -> str:
    """Full URI for a role; short context role names ("Instructor") become context roles."""
    role = role.strip()
    if role in _CONTEXT_NAMES:
        return CONTEXT + role
    if role == "TeachingAssistant":
        return TEACHING_ASSISTANT
    return role


def normalise_all(values: Iterable[object]) -> list[str]:
    """Normalised, de-duplicated roles in their original order; non-strings are dropped."""
    seen: list[str] = []
    for value in values:
        if isinstance(value, str) and value.strip():
            role = normalise(value)
            if role not in seen:
                seen.append(role)
    return seen


def is_staff(roles: Iterable[str]) -> bool:
    """Instructors, teaching assistants and administrators see the cohort view."""
    staff = {
        INSTRUCTOR,
        ADMINISTRATOR,
        TEACHING_ASSISTANT,
        CONTENT_DEVELOPER,
        INSTITUTION + "Administrator",
        SYSTEM + "Administrator",
    }
    return any(
        normalise(r) in staff or normalise(r).startswith(CONTEXT.rstrip("#") + "/Instructor#")
        for r in roles
    )


def is_mentor(roles: Iterable[str]) -> bool:
    return any(
        normalise(r) == MENTOR or normalise(r).startswith(CONTEXT.rstrip("#") + "/Mentor#")
        for r in roles
    )


def describe(roles: Iterable[str]) -> str:
    """A short, human label for the role a launch acts in."""
    roles = list(roles)
    if is_staff(roles):
        return "Tutor"
    if is_mentor(roles):
        return "Mentor"
    return "Learner"
