"""Linking glossary terms where they appear in rendered rich text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from hub.models.snippets import GlossaryTerm

_TAG = re.compile(r"(<[^>]+>)")
_NO_LINK_INSIDE = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "code")


def link_terms(
    rendered_html: str, terms: Iterable[GlossaryTerm], glossary_url: str, linked: set[str]
) -> str:
    """Link the first mention of each term not yet in ``linked`` to its glossary entry.

    ``rendered_html`` is trusted HTML from a rich text field. Only text between tags is
    touched, never text inside links or headings, and each term is linked once per page:
    ``linked`` (a set of slugs) is updated so later calls on the same page skip it.
    """
    by_form: dict[str, GlossaryTerm] = {}
    for term in terms:
        if term.link_in_text and term.slug not in linked:
            for form in term.forms:
                by_form.setdefault(html.escape(form).lower(), term)
    if not by_form:
        return rendered_html
    alternatives = sorted(by_form, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w-])",
        re.IGNORECASE,
    )
    open_blockers: list[str] = []
    out: list[str] = []
    for part in _TAG.split(rendered_html):
        if part.startswith("<"):
            match = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            name = match.group(1).lower() if match else ""
            if name in _NO_LINK_INSIDE:
                if part.startswith("</"):
                    if name in open_blockers:
                        open_blockers.remove(name)
                elif not part.endswith("/>"):
                    open_blockers.append(name)
            out.append(part)
            continue
        if open_blockers or not part.strip():
            out.append(part)
            continue

        def replace(m: re.Match[str]) -> str:
            term = by_form.get(m.group(1).lower())
            if term is None or term.slug in linked:
                return m.group(0)
            linked.add(term.slug)
            return (
                f'<a class="plh-glossary-link" href="{html.escape(glossary_url)}#term-{term.slug}">'
                f"{m.group(0)}</a>"
            )

        out.append(pattern.sub(replace, part))
    return "".join(out)
