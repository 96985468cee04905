"""An achievement's image as PNG and SVG: its uploaded image, or a drawn default."""

from __future__ import annotations

from badges.baking import default_png, default_svg, png_to_svg
from badges.models import Achievement

__all__ = ["achievement_png", "achievement_svg"]


def achievement_png(achievement: Achievement) -> bytes:
    """A square PNG of the achievement's image (400×400), or the default badge."""
    if achievement.image is not None:
        rendition = achievement.image.get_rendition("fill-400x400|format-png")
        with rendition.file.open("rb") as handle:
            return handle.read()
    return default_png(achievement.name)


def achievement_svg(achievement: Achievement) -> str:
    """An SVG of the achievement's image (the PNG embedded), or the default badge."""
    if achievement.image is not None:
        return png_to_svg(achievement_png(achievement), achievement.name)
    return default_svg(achievement.name)
