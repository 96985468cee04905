"""Badge artwork designed from the achievement: a shape and colour per kind, and its title.

An achievement without an uploaded image gets artwork that says what it is at a glance:
each programme step has its own shape and colour and carries its number, each accreditation
(mentor, coach, facilitator) its own shape, colour and a star, and every badge shows its
title. The SVG and the PNG are drawn from the same :class:`BadgeDesign`, so the two
downloads match; the SVG carries a ``<title>`` and ``<desc>`` as its text alternative, and
:attr:`BadgeDesign.alt` gives pages the same words for an ``<img>``.

White text sits on every colour here at a contrast of at least 4.5:1.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from html import escape
from typing import Any

from PIL import Image, ImageDraw, ImageFont

__all__ = ["BadgeDesign", "design_for", "design_png", "design_svg"]

SIZE = 400
CENTRE = SIZE / 2
STEP_WORDS = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"]


@dataclass(frozen=True)
class Kind:
    """How one kind of achievement looks."""

    shape: str
    colour: str
    colour_name: str


#: Shape and colour of each kind (NHS identity colours). Steps beyond four share "step".
KINDS: dict[str, Kind] = {
    "step-1": Kind("circle", "#005eb8", "blue"),
    "step-2": Kind("hexagon", "#007f3b", "green"),
    "step-3": Kind("rounded square", "#330072", "purple"),
    "step-4": Kind("octagon", "#7c2855", "dark pink"),
    "step": Kind("circle", "#425563", "dark grey"),
    "mentor": Kind("shield", "#003087", "dark blue"),
    "coach": Kind("rosette", "#00665e", "dark teal"),
    "facilitator": Kind("pentagon", "#6b4e00", "dark gold"),
    "other": Kind("circle", "#425563", "dark grey"),
}
ACCREDITATIONS = {"mentor": "Mentor", "coach": "Coach", "facilitator": "Facilitator"}


@dataclass(frozen=True)
class BadgeDesign:
    """What the artwork of one achievement shows."""

    kind: str
    label: str  # "Step One", "Mentor": the line across the top
    mark: str  # the step's number, or "" for a star
    title: str  # the achievement's full name
    title_lines: tuple[str, ...]

    @property
    def look(self) -> Kind:
        return KINDS[self.kind]

    @property
    def alt(self) -> str:
        """A text alternative for the artwork: what it shows, in a sentence."""
        mark = f"the number {self.mark}" if self.mark else "a star"
        return (
            f"Badge “{self.title}”: a {self.look.colour_name} {self.look.shape} "
            f"marked {self.label} with {mark}."
        )


def _kind_of(name: str, step_number: int | None) -> tuple[str, str, str]:
    """(kind, label, mark) of an achievement: its step if it has one, else its name."""
    if step_number is not None:
        word = STEP_WORDS[step_number - 1] if 1 <= step_number <= len(STEP_WORDS) else ""
        kind = f"step-{step_number}" if f"step-{step_number}" in KINDS else "step"
        return kind, f"Step {word}".strip(), str(step_number)
    lowered = name.lower()
    for stem, label in (("mentor", "Mentor"), ("coach", "Coach"), ("facilitat", "Facilitator")):
        if stem in lowered:
            return label.lower(), label, ""
    return "other", "Badge", ""


def design_for(name: str, step_number: int | None = None) -> BadgeDesign:
    """The design of an achievement called ``name``, aligned to step ``step_number``."""
    kind, label, mark = _kind_of(name, step_number)
    # "Step One completed: Telling your story" shows "Telling your story": the label says
    # which step it is.
    shown = name.split(": ", 1)[1] if ": " in name and step_number is not None else name
    lines = textwrap.wrap(shown, width=17, break_long_words=True) or [label]
    if len(lines) > 3:
        lines = [*lines[:2], textwrap.shorten(" ".join(lines[2:]), width=17, placeholder="…")]
    return BadgeDesign(kind, label, mark, name, tuple(lines))


def _regular(sides: int, radius: float, turn: float = 0.0) -> list[tuple[float, float]]:
    return [
        (
            round(CENTRE + radius * math.sin(turn + 2 * math.pi * i / sides), 1),
            round(CENTRE - radius * math.cos(turn + 2 * math.pi * i / sides), 1),
        )
        for i in range(sides)
    ]


def _outline(shape: str) -> list[tuple[float, float]] | None:
    """The shape's polygon on the 400×400 canvas; None for the circle and rounded square."""
    if shape == "hexagon":
        return _regular(6, 192, math.pi / 6)
    if shape == "octagon":
        return _regular(8, 194, math.pi / 8)
    if shape == "pentagon":
        return _regular(5, 198)
    if shape == "rosette":
        return [
            (
                round(CENTRE + (192 if i % 2 == 0 else 174) * math.sin(math.pi * i / 16), 1),
                round(CENTRE - (192 if i % 2 == 0 else 174) * math.cos(math.pi * i / 16), 1),
            )
            for i in range(32)
        ]
    if shape == "shield":
        return [(30, 20), (370, 20), (370, 200), (300, 320), (200, 385), (100, 320), (30, 200)]
    return None


def _star(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    inner = outer * 0.45
    return [
        (
            round(cx + (outer if i % 2 == 0 else inner) * math.sin(math.pi * i / 5), 1),
            round(cy - (outer if i % 2 == 0 else inner) * math.cos(math.pi * i / 5), 1),
        )
        for i in range(10)
    ]


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def _title_y(index: int) -> float:
    return 262 + 34 * index


def design_svg(design: BadgeDesign) -> str:
    """The artwork as SVG, with its title and a description as the text alternative."""
    look = design.look
    outline = _outline(look.shape)
    if look.shape == "circle":
        body = f'<circle cx="200" cy="200" r="192" fill="{look.colour}"/>'
    elif look.shape == "rounded square":
        body = f'<rect x="12" y="12" width="376" height="376" rx="56" fill="{look.colour}"/>'
    else:
        body = f'<polygon points="{_points(outline or [])}" fill="{look.colour}"/>'
    if design.mark:
        emblem = (
            '<text x="200" y="178" font-size="92" font-weight="bold" text-anchor="middle" '
            f'dominant-baseline="central">{escape(design.mark)}</text>'
        )
    else:
        emblem = f'<polygon points="{_points(_star(200, 178, 50))}"/>'
    title = "".join(
        f'<text x="200" y="{_title_y(i):g}" font-size="28" '
        f'text-anchor="middle">{escape(line)}</text>'
        for i, line in enumerate(design.title_lines)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" '
        'height="400" role="img" aria-labelledby="badge-title badge-desc">'
        f'<title id="badge-title">{escape(design.title)}</title>'
        f'<desc id="badge-desc">{escape(design.alt)}</desc>'
        f"{body}"
        '<g fill="#ffffff" font-family="Frutiger, Arial, sans-serif">'
        f'<text x="200" y="92" font-size="30" font-weight="bold" text-anchor="middle" '
        f'letter-spacing="2">{escape(design.label.upper())}</text>'
        f"{emblem}{title}</g></svg>"
    )


def _font(size: int) -> Any:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType: small, but still the right words
        return ImageFont.load_default()


def design_png(design: BadgeDesign, size: int = SIZE) -> bytes:
    """The same artwork as a PNG (drawn at 400×400, then scaled)."""
    look = design.look
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    outline = _outline(look.shape)
    if look.shape == "circle":
        draw.ellipse((8, 8, 392, 392), fill=look.colour)
    elif look.shape == "rounded square":
        draw.rounded_rectangle((12, 12, 388, 388), radius=56, fill=look.colour)
    else:
        draw.polygon(outline or [], fill=look.colour)
    draw.text((200, 92), design.label.upper(), fill="white", font=_font(30), anchor="ms")
    if design.mark:
        draw.text((200, 178), design.mark, fill="white", font=_font(92), anchor="mm")
    else:
        draw.polygon(_star(200, 178, 50), fill="white")
    for i, line in enumerate(design.title_lines):
        y = _title_y(i)
        draw.text((200, y), line, fill="white", font=_font(28), anchor="ms")
    if size != SIZE:
        image = image.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
