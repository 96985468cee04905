"""Simple abstract illustrations and initials portraits for the demo, drawn with Pillow.

The demo needs pictures but must not depend on anyone else's images, so it draws its own.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

PALETTE = ["#005eb8", "#007f3b", "#330072", "#ae2573", "#ed8b00", "#00a499", "#41b6e6"]
WIDTH, HEIGHT = 960, 540


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # very old Pillow
        return ImageFont.load_default()


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def illustration(kind: str, seed: int = 0) -> bytes:
    """Draw one of the named abstract illustrations as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#f0f4f5")
    draw = ImageDraw.Draw(image)
    colour = [PALETTE[(seed + i) % len(PALETTE)] for i in range(len(PALETTE))]
    if kind == "circles":
        labels = ["Me", "My community", "Services"]
        for i, (x, label) in enumerate(zip((330, 480, 630), labels, strict=True)):
            y = 230 if i != 1 else 330
            draw.ellipse((x - 170, y - 170, x + 170, y + 170), outline=colour[i], width=12)
            draw.text((x, y), label, fill="#212b32", font=_font(34), anchor="mm")
    elif kind == "path":
        points = [(60, 460), (260, 380), (420, 420), (600, 250), (760, 280), (900, 90)]
        draw.line(points, fill=colour[0], width=18, joint="curve")
        for i, (x, y) in enumerate(points):
            draw.ellipse((x - 22, y - 22, x + 22, y + 22), fill=colour[(i + 1) % 7])
    elif kind == "bridge":
        draw.rectangle((0, 400, WIDTH, HEIGHT), fill=colour[5])
        draw.arc((120, 160, 840, 640), start=180, end=360, fill=colour[0], width=24)
        for x in range(180, 800, 80):
            draw.line((x, 400, x, 300 if 300 < x < 660 else 360), fill=colour[0], width=8)
        draw.rectangle((100, 390, 860, 410), fill="#212b32")
    elif kind == "hands":
        for i in range(5):
            x = 140 + i * 170
            draw.rounded_rectangle((x - 55, 160, x + 55, 420), radius=55, fill=colour[i])
            draw.ellipse((x - 40, 90, x + 40, 170), fill=colour[i])
    else:  # steps
        for i in range(4):
            x0, y0 = 110 + i * 190, 420 - i * 90
            draw.rectangle((x0, y0, x0 + 190, 460), fill=colour[i])
            draw.text((x0 + 95, y0 + 40), str(i + 1), fill="#ffffff", font=_font(48), anchor="mm")
    return _png(image)


def portrait(initials: str, seed: int = 0) -> bytes:
    """A square placeholder portrait: coloured background with the mentor's initials."""
    image = Image.new("RGB", (480, 480), PALETTE[seed % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 40, 440, 440), outline="#ffffff", width=10)
    draw.text((240, 240), initials[:3].upper(), fill="#ffffff", font=_font(150), anchor="mm")
    return _png(image)
