"""Hostile inputs for the verification tests: damaged baked PNGs, decompression bombs, XML
bombs and deeply nested JSON, built byte by byte so each breaks exactly one rule."""

from __future__ import annotations

import struct
import zlib

from badges.baking import default_png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunk(kind: bytes, data: bytes, *, declared_length: int | None = None) -> bytes:
    """One PNG chunk with a correct CRC (and, if given, a lying length field)."""
    length = len(data) if declared_length is None else declared_length
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", length) + kind + data + struct.pack(">I", crc)


def with_chunk(extra: bytes, png: bytes | None = None) -> bytes:
    """A real badge PNG with ``extra`` (one or more chunks) inserted just before IEND."""
    image = png if png is not None else default_png("Badge", size=64)
    end = image.rindex(b"IEND") - 4
    return image[:end] + extra + image[end:]


def itxt(
    text: bytes,
    *,
    keyword: bytes = b"openbadgecredential",
    compressed: bool = False,
    flag_and_method: bytes | None = None,
) -> bytes:
    """The data of an iTXt chunk (no language, no translated keyword); ``flag_and_method``
    overrides the two bytes that say whether and how the text is compressed."""
    flags = flag_and_method or (b"\x01\x00" if compressed else b"\x00\x00")
    return keyword + b"\x00" + flags + b"\x00\x00" + text


def inflating_to(size: int, prefix: bytes = b'{"a":"') -> bytes:
    """zlib data, about a thousandth of ``size``, that inflates to ``size`` bytes."""
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(prefix)]
    block = b" " * 1_000_000
    for _ in range(size // len(block)):
        parts.append(compressor.compress(block))
    parts.append(compressor.flush())
    return b"".join(parts)


def nested_json(depth: int) -> str:
    """An object whose one value is ``depth`` nested arrays."""
    return '{"credential": ' + "[" * depth + "]" * depth + "}"


BILLION_LAUGHS_SVG = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
<openbadges:credential>&lol9;</openbadges:credential></svg>"""

EXTERNAL_ENTITY_SVG = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
<openbadges:credential>&secret;</openbadges:credential></svg>"""
