"""An achievement's image as PNG and SVG: its uploaded image, or artwork designed for it."""

from __future__ import annotations

from badges.baking import png_to_svg
from badges.design import BadgeDesign, design_for, design_png, design_svg
from badges.models import Achievement

__all__ = ["achievement_alt", "achievement_design", "achievement_png", "achievement_svg"]


def achievement_design(achievement: Achievement) -> BadgeDesign:
    """The drawn design of an achievement (its step's number, else its kind from its name)."""
    step = achievement.step
    return design_for(achievement.name, step.step_number if step is not None else None)


def achievement_alt(achievement: Achievement) -> str:
    """Words for the achievement's image: the design described, or the name for an upload."""
    if achievement.image is not None:
        return f"Badge “{achievement.name}”"
    return achievement_design(achievement).alt


def achievement_png(achievement: Achievement) -> bytes:
    """A square PNG of the achievement's image (400×400), or its designed artwork."""
    if achievement.image is not None:
        rendition = achievement.image.get_rendition("fill-400x400|format-png")
        with rendition.file.open("rb") as handle:
            return handle.read()
    return design_png(achievement_design(achievement))


def achievement_svg(achievement: Achievement) -> str:
    """An SVG of the achievement's image (the PNG embedded), or its designed artwork."""
    if achievement.image is not None:
        return png_to_svg(achievement_png(achievement), achievement.name)
    return design_svg(achievement_design(achievement))
