"""The short guide at the top of each page type's form in the admin.

Three things every editor needs while writing, in the form rather than in a manual: what makes
a good page of this kind, the accessibility rules it must pass (the checker in the "Checks"
panel runs them on the preview), and how the page reaches learners (approval).
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail.admin.panels import HelpPanel

from hub.editorial import WORKFLOW_NAME

ACCESSIBILITY_RULES = (
    "One main heading (the title); section headings in order, level 2 before level 3.",
    "Every image has alternative text saying what it shows, or is marked decorative.",
    "Every video has captions and every audio recording a transcript (both are attached to "
    "the item under Media).",
    "Link text says where it goes (not “click here”).",
    "Plain words and short sentences; explain terms or add them to the glossary.",
    "Open “Checks” beside the preview: the page must show no issues before you submit it.",
)

APPROVAL = (
    "Save a draft as often as you like: nobody outside the admin sees it. When it is ready, "
    f"choose “Submit to {WORKFLOW_NAME}”. A programme lead previews it, then publishes "
    "it or sends it back with comments; you are told either way. Changes to a published page "
    "stay in draft until they are approved."
)

GOOD_PAGE = {
    "programme": (
        "The programme's front page: say who it is for and what a peer leader does in a few "
        "short paragraphs. Steps are listed automatically."
    ),
    "step": (
        "A step is a course: a clear summary, who it is for, what learners can do afterwards "
        "(one outcome per line) and an honest estimate of the hours."
    ),
    "lesson": (
        "A good lesson does one thing: a summary that says what the learner will get from it, "
        "short sections with headings, one idea per paragraph, a story or example from lived "
        "experience, and a way to check or reflect. Say how long it takes. Add a “Look after "
        "yourself” callout where a topic may be upsetting."
    ),
    "mentor_index": "A short welcome above the list of mentors; mentors are listed by name.",
    "mentor": (
        "Only what the mentor chose to share, in their words, with their consent. A photo "
        "needs a description for people who cannot see it."
    ),
    "glossary": (
        "The terms come from Snippets › Glossary terms; they are linked the first time they "
        "appear on a page. Write definitions in plain words."
    ),
}


def guide_html(kind: str) -> SafeString:
    rules = format_html_join("", "<li>{}</li>", ((rule,) for rule in ACCESSIBILITY_RULES))
    return format_html(
        "<p><strong>What makes a good page.</strong> {}</p>"
        "<p><strong>Accessibility: the page must pass these.</strong></p><ul>{}</ul>"
        "<p><strong>How approval works.</strong> {}</p>",
        GOOD_PAGE[kind],
        rules,
        APPROVAL,
    )


def guide_panel(kind: str) -> HelpPanel:
    """The guide for one page type, shown first on its form."""
    return HelpPanel(content=guide_html(kind), heading="Guide for editors")
