"""badges.untrusted: bounded JSON parsing and the http(s)-only rule for credential URLs."""

from __future__ import annotations

import json

import pytest
from django.template import Context, Template

from badges.untrusted import (
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    UntrustedJSONError,
    parse_json_object,
    web_url,
)


def nested(depth: int) -> str:
    return '{"a": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


def test_json_at_the_depth_limit_is_read():
    assert parse_json_object(nested(MAX_JSON_DEPTH))["a"] == json.loads(nested(MAX_JSON_DEPTH))["a"]


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 10_000, 200_000])
def test_json_nested_past_the_limit_is_refused_without_recursing(depth):
    with pytest.raises(UntrustedJSONError, match=f"nested more than {MAX_JSON_DEPTH} levels"):
        parse_json_object(nested(depth))


def test_unbalanced_deep_json_is_refused_as_too_deep():
    with pytest.raises(UntrustedJSONError, match="nested more than"):
        parse_json_object("{" + '"a":[' * 10_000)


def test_brackets_inside_strings_do_not_count():
    text = json.dumps({"a": "[" * 10_000, "b": 'quote \\" then {{{{ and \\\\'})
    assert parse_json_object(text) == json.loads(text)


def test_size_limit():
    just_under = '{"a": "' + "x" * (MAX_JSON_BYTES - 10) + '"}'
    assert len(parse_json_object(just_under)["a"]) == MAX_JSON_BYTES - 10
    with pytest.raises(UntrustedJSONError, match="larger than 1 MB"):
        parse_json_object('{"a": "' + "x" * MAX_JSON_BYTES + '"}')
    # Counted in bytes: 400,000 three-byte characters are 1.2 MB.
    with pytest.raises(UntrustedJSONError, match="larger than 1 MB"):
        parse_json_object('{"a": "' + "€" * 400_000 + '"}')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{broken", "not valid JSON"),
        ("[1, 2]", "not an object"),
        ('{"a": NaN}', "NaN is not a JSON value"),
        ('{"a": -Infinity}', "-Infinity is not a JSON value"),
        ('{"a": ' + "9" * 5000 + "}", "not valid JSON"),
    ],
)
def test_malformed_json_is_refused_plainly(text, message):
    with pytest.raises(UntrustedJSONError, match=message):
        parse_json_object(text)


@pytest.mark.parametrize(
    "url", ["https://hub.example.org/step-one/", "http://example.org", "HTTPS://EXAMPLE.ORG/x?y#z"]
)
def test_web_urls_are_links(url):
    assert web_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.domain)//",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "\x00javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example.net/",
        "https:///no-host",
        "http:evil.example.net",
        "https://exa mple.org/",
        "ftp://files.example.org/",
        "",
        None,
        {"id": "https://example.org"},
        ["https://example.org"],
    ],
)
def test_other_urls_are_not_links(url):
    assert web_url(url) is None
    rendered = Template("{% load badge_links %}[{{ url|web_url }}]").render(Context({"url": url}))
    assert rendered == "[]"
