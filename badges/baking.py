"""Badge images: drawing a default image, baking credentials into PNG and SVG, and reading
them back out.

Open Badges 3.0 puts the credential JSON in a PNG ``iTXt`` chunk with the keyword
``openbadgecredential``, or in an SVG ``<openbadges:credential>`` element (namespace
``https://purl.imsglobal.org/ob/v3p0``) as CDATA. Open Badges 2.0 images are baked with
``openbadges_bakery`` (keyword ``openbadges``; the SVG element ``openbadges:assertion``).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from html import escape
from typing import Any

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from openbadges_bakery import bake as ob2_bake
from PIL import Image, ImageDraw, ImageFont

from badges.untrusted import UntrustedJSONError, parse_json_object

__all__ = [
    "MAX_TEXT_BYTES",
    "OB3_PNG_KEYWORD",
    "OB3_SVG_NAMESPACE",
    "BakingError",
    "bake_ob2",
    "bake_png",
    "bake_svg",
    "default_png",
    "default_svg",
    "extract_credential",
    "png_to_svg",
]

OB3_PNG_KEYWORD = "openbadgecredential"
OB3_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
OB2_SVG_NAMESPACE = "http://openbadges.org"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_NHS_BLUE = "#005eb8"
#: The keywords a credential is baked under, in order of preference (OB 3.0, then OB 2.0).
_PNG_KEYWORDS = (OB3_PNG_KEYWORD, "openbadges")
#: The most text one image chunk may hold, inflated: a badge's credential is a few kilobytes.
MAX_TEXT_BYTES = 1_000_000


class BakingError(ValueError):
    """An image could not be baked or holds no credential."""


def _initials(name: str) -> str:
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "B"


def default_png(name: str, size: int = 400) -> bytes:
    """A plain circular badge with the achievement's initials, for achievements without an
    image."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=_NHS_BLUE, outline="#003087", width=12)
    try:
        font: Any = ImageFont.load_default(size=size // 3)
    except TypeError:  # Pillow without FreeType
        font = ImageFont.load_default()
    draw.text((size / 2, size / 2), _initials(name), fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def default_svg(name: str) -> str:
    """The SVG twin of :func:`default_png`, with the name as its accessible title."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" '
        'height="400" role="img" aria-labelledby="badge-title">'
        f'<title id="badge-title">{escape(name)}</title>'
        f'<circle cx="200" cy="200" r="186" fill="{_NHS_BLUE}" stroke="#003087" '
        'stroke-width="12"/>'
        '<text x="200" y="200" fill="#ffffff" font-family="Arial, sans-serif" '
        'font-size="130" font-weight="bold" text-anchor="middle" dominant-baseline="central">'
        f"{escape(_initials(name))}</text></svg>"
    )


def png_to_svg(png: bytes, name: str) -> str:
    """An SVG that shows a PNG image (embedded as a data URL)."""
    import base64

    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(name)}">'
        f'<image width="{width}" height="{height}" href="data:image/png;base64,{data}"/></svg>'
    )


def _chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    if not png.startswith(_PNG_SIGNATURE):
        raise BakingError("not a PNG image")
    position = len(_PNG_SIGNATURE)
    while position + 8 <= len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        data = png[position + 8 : position + 8 + length]
        if len(data) != length:
            raise BakingError("the PNG image is truncated")
        yield kind, data
        position += 12 + length
        if kind == b"IEND":
            return
    raise BakingError("the PNG image has no end chunk")


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _text_keyword(kind: bytes, data: bytes) -> str | None:
    """The keyword of a tEXt or iTXt chunk (None for other chunks), read without touching the
    text: the text of chunks we do not need is never decoded or inflated.

    zTXt chunks are not a way to bake a badge (Open Badges bakes into iTXt; older tools used
    tEXt), so they are ignored and never inflated.
    """
    if kind not in (b"tEXt", b"iTXt"):
        return None
    return data.partition(b"\x00")[0].decode("latin-1")


def _inflate(compressed: bytes) -> bytes:
    """zlib data inflated to at most MAX_TEXT_BYTES: the output is bounded while it is being
    produced, so a small chunk that would inflate to gigabytes costs at most that much."""
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(compressed, MAX_TEXT_BYTES + 1)
    except zlib.error:
        raise BakingError("the compressed text in the image is damaged") from None
    if len(text) > MAX_TEXT_BYTES:
        raise BakingError(
            f"the compressed text in the image inflates to more than "
            f"{MAX_TEXT_BYTES // 1_000_000} MB, too large for a badge"
        )
    if not inflater.eof:
        raise BakingError("the compressed text in the image is incomplete")
    return text


def _chunk_text(kind: bytes, data: bytes) -> str:
    """The text of a tEXt or iTXt chunk, refusing anything malformed with a BakingError."""
    _keyword, separator, rest = data.partition(b"\x00")
    if not separator:
        raise BakingError("a text chunk in the image is truncated")
    if kind == b"tEXt":
        if len(rest) > MAX_TEXT_BYTES:
            raise BakingError("the text in the image is too large for a badge")
        return rest.decode("latin-1")
    if len(rest) < 2:
        raise BakingError("a text chunk in the image is truncated")
    compressed, method = rest[0], rest[1]
    _language, language_end, rest = rest[2:].partition(b"\x00")
    _translated, translated_end, text = rest.partition(b"\x00")
    if not (language_end and translated_end):
        raise BakingError("a text chunk in the image is truncated")
    if compressed == 1:
        if method != 0:
            raise BakingError("a text chunk in the image uses an unknown compression method")
        text = _inflate(text)
    elif compressed != 0:
        raise BakingError("a text chunk in the image has an unknown compression flag")
    elif len(text) > MAX_TEXT_BYTES:
        raise BakingError("the text in the image is too large for a badge")
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        raise BakingError("the text in the image is not valid UTF-8") from None


def bake_png(png: bytes, credential_json: str) -> bytes:
    """Bake an OB 3.0 credential into a PNG (replacing any credential already baked in)."""
    output = [_PNG_SIGNATURE]
    for kind, data in _chunks(png):
        if _text_keyword(kind, data) == OB3_PNG_KEYWORD:
            continue
        if kind == b"IEND":
            payload = (
                OB3_PNG_KEYWORD.encode("latin-1")
                + b"\x00\x00\x00\x00\x00"
                + credential_json.encode("utf-8")
            )
            output.append(_chunk(b"iTXt", payload))
        output.append(_chunk(kind, data))
    return b"".join(output)


def bake_svg(svg: str, credential_json: str) -> str:
    """Bake an OB 3.0 credential into an SVG document."""
    start = svg.find("<svg")
    end = svg.find(">", start)
    if start < 0 or end < 0:
        raise BakingError("not an SVG image")
    opening = svg[start:end]
    if "xmlns:openbadges" not in opening:
        opening += f' xmlns:openbadges="{OB3_SVG_NAMESPACE}"'
    if "]]>" in credential_json:
        raise BakingError("the credential cannot be written as CDATA")
    element = f"<openbadges:credential><![CDATA[{credential_json}]]></openbadges:credential>"
    return svg[:start] + opening + ">" + element + svg[end + 1 :]


def bake_ob2(image: bytes, assertion_json: str) -> bytes:
    """Bake an OB 2.0 assertion (PNG or SVG) with openbadges_bakery."""
    baked = ob2_bake(io.BytesIO(image), assertion_json)
    baked.seek(0)
    return baked.read()


def _from_svg(svg: bytes) -> dict[str, Any] | str:
    try:
        root = SafeElementTree.fromstring(svg)
    except (SafeElementTree.ParseError, DefusedXmlException) as error:
        raise BakingError(f"the SVG image cannot be read: {error}") from None
    for element in root.iter():
        if element.tag == f"{{{OB3_SVG_NAMESPACE}}}credential":
            return _parse_json((element.text or "").strip())
        if element.tag == f"{{{OB2_SVG_NAMESPACE}}}assertion":
            text = (element.text or "").strip()
            return _parse_json(text) if text else element.get("verify", "")
    raise BakingError("the SVG image holds no Open Badges credential")


def _parse_json(text: str) -> dict[str, Any] | str:
    if text.startswith("{"):
        try:
            return parse_json_object(text)
        except UntrustedJSONError as error:
            raise BakingError(f"the baked credential cannot be read: {error}") from None
    return text  # a URL (OB 2.0 hosted) or a compact JWS


def extract_credential(image: bytes) -> dict[str, Any] | str:
    """Read the credential baked into a PNG or SVG image: a JSON object, or the URL / JWS
    text baked in its place."""
    if image.startswith(_PNG_SIGNATURE):
        found: dict[str, tuple[bytes, bytes]] = {}
        for kind, data in _chunks(image):
            keyword = _text_keyword(kind, data)
            if keyword in _PNG_KEYWORDS:
                found.setdefault(keyword, (kind, data))
        for keyword in _PNG_KEYWORDS:
            if keyword in found:
                return _parse_json(_chunk_text(*found[keyword]).strip())
        raise BakingError("the PNG image holds no Open Badges credential")
    if b"<svg" in image[:4096]:
        return _from_svg(image)
    raise BakingError("not a PNG or SVG image")
