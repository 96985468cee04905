"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def programme(request: HttpRequest) -> dict[str, Any]:
    """The programme's home, mentor directory and glossary, for the header and footer."""
    from hub.models.pages import GlossaryPage, MentorIndexPage, ProgrammePage

    home = ProgrammePage.objects.live().first()
    if home is None:
        return {"programme_home": None}
    return {
        "programme_home": home,
        "nav_mentors": MentorIndexPage.objects.child_of(home).live().first(),
        "nav_glossary": GlossaryPage.objects.child_of(home).live().first(),
        "nav_steps": home.steps(),
    }
