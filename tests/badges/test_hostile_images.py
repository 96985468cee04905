"""badges.baking against hostile images: damaged text chunks, decompression bombs, XML bombs.

Each is refused with a BakingError whose message says what is wrong; none raises anything else,
and none inflates more than the 1 MB cap.
"""

from __future__ import annotations

import json
import tracemalloc
import zlib

import pytest

from badges.baking import (
    MAX_TEXT_BYTES,
    BakingError,
    bake_png,
    bake_svg,
    default_png,
    default_svg,
    extract_credential,
)
from tests.badges.hostile import (
    BILLION_LAUGHS_SVG,
    EXTERNAL_ENTITY_SVG,
    chunk,
    inflating_to,
    itxt,
    with_chunk,
)

CREDENTIAL = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:uuid:1"}
TEXT = json.dumps(CREDENTIAL).encode()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A PNG of about 100 KB whose credential chunk inflates to 100 MB."""
    return with_chunk(chunk(b"iTXt", itxt(inflating_to(100_000_000), compressed=True)))


def test_well_formed_chunks_are_read():
    compressed = with_chunk(chunk(b"iTXt", itxt(zlib.compress(TEXT), compressed=True)))
    assert extract_credential(compressed) == CREDENTIAL
    plain = with_chunk(chunk(b"iTXt", itxt(TEXT)))
    assert extract_credential(plain) == CREDENTIAL
    old_style = with_chunk(chunk(b"tEXt", b"openbadges\x00" + TEXT))
    assert extract_credential(old_style) == CREDENTIAL


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (chunk(b"iTXt", b"openbadgecredential"), "text chunk in the image is truncated"),
        (chunk(b"iTXt", b"openbadgecredential\x00"), "text chunk in the image is truncated"),
        (chunk(b"iTXt", b"openbadgecredential\x00\x00\x00en"), "is truncated"),
        (chunk(b"tEXt", b"openbadges"), "text chunk in the image is truncated"),
        (chunk(b"iTXt", itxt(TEXT), declared_length=10_000), "the PNG image is truncated"),
        (chunk(b"iTXt", itxt(b"\x78\x9cnot zlib", compressed=True)), "is damaged"),
        (chunk(b"iTXt", itxt(zlib.compress(TEXT)[:-6], compressed=True)), "is incomplete"),
        (chunk(b"iTXt", itxt(b'{"a": "\xff\xfe"}')), "not valid UTF-8"),
        (chunk(b"iTXt", itxt(zlib.compress(b'{"\xc3"}'), compressed=True)), "not valid UTF-8"),
        (
            chunk(
                b"iTXt",
                itxt(TEXT, flag_and_method=b"\x02\x00"),
            ),
            "unknown compression flag",
        ),
        (
            chunk(
                b"iTXt",
                itxt(zlib.compress(TEXT), flag_and_method=b"\x01\x08"),
            ),
            "unknown compression method",
        ),
        (chunk(b"iTXt", itxt(b"{" * 10_000)), "nested more than 64 levels"),
        (chunk(b"iTXt", itxt(b" " * (MAX_TEXT_BYTES + 1))), "too large for a badge"),
    ],
)
def test_damaged_credential_chunks_are_refused(extra, message):
    with pytest.raises(BakingError, match=message):
        extract_credential(with_chunk(extra))


def test_a_decompression_bomb_is_refused_without_inflating_it(bomb):
    assert len(bomb) < 150_000
    tracemalloc.start()
    try:
        with pytest.raises(BakingError, match="inflates to more than 1 MB"):
            extract_credential(bomb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MAX_TEXT_BYTES, f"{peak} bytes allocated reading a bomb"


def test_a_compressed_chunk_just_under_the_cap_is_read():
    text = json.dumps({"a": "x" * (MAX_TEXT_BYTES - 20)}).encode()
    image = with_chunk(chunk(b"iTXt", itxt(zlib.compress(text), compressed=True)))
    assert len(extract_credential(image)["a"]) == MAX_TEXT_BYTES - 20


def test_ztxt_and_unrelated_chunks_are_never_inflated(bomb):
    z_bomb = chunk(b"zTXt", b"openbadges\x00\x00" + inflating_to(100_000_000))
    other = chunk(b"iTXt", itxt(b"\x78\x9cnot zlib", keyword=b"XML:com.adobe.xmp", compressed=True))
    tracemalloc.start()
    try:
        with pytest.raises(BakingError, match="holds no Open Badges credential"):
            extract_credential(with_chunk(z_bomb + other))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MAX_TEXT_BYTES
    # A genuine credential next to them is still found.
    assert extract_credential(with_chunk(z_bomb + other + chunk(b"iTXt", itxt(TEXT)))) == CREDENTIAL


def test_only_the_first_credential_chunk_is_read():
    first = chunk(b"iTXt", itxt(TEXT))
    damaged = chunk(b"iTXt", itxt(b"\x78\x9cnot zlib", compressed=True))
    assert extract_credential(with_chunk(first + damaged)) == CREDENTIAL


def test_baking_replaces_a_damaged_credential_chunk_without_reading_it():
    damaged = with_chunk(chunk(b"iTXt", itxt(b"\x78\x9cnot zlib", compressed=True)))
    assert extract_credential(bake_png(damaged, TEXT.decode())) == CREDENTIAL


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (BILLION_LAUGHS_SVG, "the SVG image cannot be read"),
        (EXTERNAL_ENTITY_SVG, "the SVG image cannot be read"),
        (b"<svg><openbadges:credential>", "the SVG image cannot be read"),
        (
            bake_svg(default_svg("Badge"), "{" * 10_000).encode(),
            "nested more than 64 levels",
        ),
        (
            bake_svg(default_svg("Badge"), '{"a": NaN}').encode(),
            "NaN is not a JSON value",
        ),
    ],
)
def test_hostile_svgs_are_refused(svg, message):
    with pytest.raises(BakingError, match=message):
        extract_credential(svg)


def test_deeply_nested_svg_elements_are_refused_or_read_without_crashing():
    depth = 100_000
    svg = b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * depth + b"</g>" * depth + b"</svg>"
    with pytest.raises(BakingError, match="holds no Open Badges credential"):
        extract_credential(svg)


def test_default_png_round_trips():
    assert extract_credential(bake_png(default_png("Badge"), TEXT.decode())) == CREDENTIAL
