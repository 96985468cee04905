"""Template helpers for the hub's pages and blocks."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import RichText, expand_db_html

from hub.glossary import link_terms
from hub.models.snippets import GlossaryTerm

register = template.Library()


@register.simple_tag(takes_context=True)
def glossary_rich_text(context: template.Context, value: Any) -> SafeString:
    """Render rich text, linking the first mention of each glossary term on the page."""
    # Rich text is HTML an editor wrote through Wagtail's whitelisted editor: trusted markup.
    if value is None:
        return mark_safe("")
    rendered = str(value) if isinstance(value, RichText) else expand_db_html(str(value))
    glossary = context.get("nav_glossary")  # lazy (hub.context_processors): may hold None
    request = context.get("request")
    if not glossary or request is None:
        return mark_safe(rendered)  # noqa: S308
    if not hasattr(request, "_glossary_terms"):
        request._glossary_terms = list(GlossaryTerm.objects.all())
        request._glossary_linked = set()
    if getattr(context.get("page"), "pk", None) == glossary.pk:
        return mark_safe(rendered)  # noqa: S308
    return mark_safe(  # noqa: S308
        link_terms(
            rendered,
            request._glossary_terms,
            glossary.get_url(request),
            request._glossary_linked,
        )
    )


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get_item:key }}``: look a key up in a dict (None when absent)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def question_view(context: template.Context, question_id: str, options: Any) -> dict[str, Any]:
    """What to show for one question: the chosen option, and its feedback if any."""
    feedback = (context.get("feedback") or {}).get(question_id)
    state = context.get("lesson_state")
    chosen = feedback["option"] if feedback else (state.answers.get(question_id) if state else None)
    options = list(options)
    if chosen is None or not 0 <= chosen < len(options):
        return {"chosen": None}
    option = options[chosen]
    correct = bool(option["correct"])
    return {
        "chosen": chosen,
        "correct": correct,
        "show_verdict": bool(verdict(correct, str(option["feedback"]))),
        "feedback": option["feedback"],
        "just_answered": feedback is not None,
    }


VERDICTS = {True: "That's right.", False: "Not quite."}


def verdict(correct: bool, feedback: str) -> str:
    """The verdict to print before an answer's feedback, unless the feedback opens with it.

    Editors often begin their feedback with the verdict themselves ("That's right. A peer
    leader…"); printing ours as well would read "That's right. That's right.".
    """
    said = VERDICTS[correct]
    opening = feedback.strip().replace("’", "'").lower()
    return "" if opening.startswith(said.rstrip(".").lower()) else said
