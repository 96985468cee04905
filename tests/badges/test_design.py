"""Badge artwork designed per achievement: a shape and colour per kind, the title, words."""

from __future__ import annotations

import io

import pytest
from defusedxml import ElementTree
from django.core.management import call_command
from PIL import Image

from badges.artwork import achievement_png, achievement_svg
from badges.baking import bake_png, bake_svg, extract_credential
from badges.design import KINDS, design_for, design_png, design_svg
from badges.models import Achievement

SVG = "{http://www.w3.org/2000/svg}"


def _contrast(hex_colour: str) -> float:
    """WCAG contrast of white text on ``hex_colour``."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize(
    ("name", "step", "kind", "shape"),
    [
        ("Step One completed: Telling your story", 1, "step-1", "circle"),
        ("Step Two completed: Leading others", 2, "step-2", "hexagon"),
        ("Step Three completed: Groups", 3, "step-3", "rounded square"),
        ("Step Four completed: Coaching", 4, "step-4", "octagon"),
        ("Accredited peer mentor", None, "mentor", "shield"),
        ("Accredited peer coach", None, "coach", "rosette"),
        ("Accredited group facilitator", None, "facilitator", "pentagon"),
    ],
)
def test_each_kind_has_its_own_shape_colour_and_words(name, step, kind, shape):
    design = design_for(name, step)
    assert design.kind == kind and design.look.shape == shape
    svg = ElementTree.fromstring(design_svg(design))
    assert svg.findtext(f"{SVG}title") == name
    assert shape in svg.findtext(f"{SVG}desc") and design.label in svg.findtext(f"{SVG}desc")
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert design.label.upper() in texts
    assert " ".join(design.title_lines) in name  # the title is drawn, not initials
    assert (str(step) in texts) == (step is not None)


def test_kinds_are_told_apart_and_white_text_is_readable_on_each():
    looks = [(k.shape, k.colour) for name, k in KINDS.items() if name not in ("step", "other")]
    assert len(set(looks)) == len(looks)
    assert all(_contrast(kind.colour) >= 4.5 for kind in KINDS.values())


def test_an_unrecognised_badge_is_plain_but_still_titled():
    design = design_for("Community champion")
    assert design.kind == "other" and design.title_lines == ("Community", "champion")
    long = design_for("A " + "very " * 20 + "long name")
    assert len(long.title_lines) == 3 and long.title_lines[-1].endswith("…")


def test_png_is_square_and_drawn_in_the_kinds_colour():
    png = design_png(design_for("Accredited peer mentor"))
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (400, 400)
        assert image.convert("RGB").getpixel((40, 40)) == (0, 0x30, 0x87)  # shield, dark blue


@pytest.mark.django_db
def test_demo_achievements_get_designed_artwork_that_still_bakes(programme):
    call_command("setup_badges", "--demo", verbosity=0)
    step_two = Achievement.objects.get(step=programme.steps[1])
    mentor = Achievement.objects.get(name="Accredited peer mentor")
    assert "hexagon" in achievement_svg(step_two) and "Leading others" in achievement_svg(step_two)
    assert "shield" in achievement_svg(mentor)
    document = '{"type": ["VerifiableCredential"]}'
    assert extract_credential(bake_png(achievement_png(mentor), document)) == {
        "type": ["VerifiableCredential"]
    }
    assert extract_credential(bake_svg(achievement_svg(step_two), document).encode()) == {
        "type": ["VerifiableCredential"]
    }
