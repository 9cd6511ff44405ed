"""The test server's copy of Netlify's header rules: path matching, merging, and the server."""

from __future__ import annotations

import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.site.netlify_headers import (
    header_value,
    headers_for,
    load_rules,
    parse_rules,
    pattern_regex,
    serving,
)

MATCHES = [
    ("/*", "/", True), ("/*", "/search/", True), ("/*", "/static/a/b.css", True),
    ("/static/*", "/static/style.1a2b.css", True), ("/static/*", "/static", True),
    ("/static/*", "/STATIC/style.css", True), ("/static/*", "/staticky.css", False),
    ("/static/*", "/x/static/y.css", False),
    ("/*.xml", "/feed.xml", True), ("/*.xml", "/tags/iran/feed.xml", True),
    ("/*.xml", "/feed.xml.bak", False), ("/*.xml", "/feedxxml", False),
    ("/stories.json", "/stories.json", True), ("/stories.json", "/stories.json/", True),
    ("/stories.json", "/storiesxjson", False), ("/stories.json", "/a/stories.json", False),
    ("/tags/:tag/", "/tags/iran/", True), ("/tags/:tag/", "/tags/iran/feed.xml", False),
    ("/", "/", True), ("/", "/about/", False),
]

RULES = """
[[headers]]
  for = "/*"
  [headers.values]
    X-Frame-Options = "DENY"
    Cache-Control = "public, max-age=0"
[[headers]]
  for = "/static/*"
  [headers.values]
    cache-control = "public, max-age=31536000, immutable"
[[headers]]
  for = "/nothing-here"
  [headers.values]
    X-Other = "no"
"""


@pytest.mark.parametrize(("pattern", "path", "expected"), MATCHES)
def test_for_patterns_match_as_on_netlify(pattern: str, path: str, expected: bool) -> None:
    assert bool(pattern_regex(pattern).match(path)) is expected


def test_every_matching_rule_applies_and_a_later_one_wins_a_shared_header() -> None:
    rules = parse_rules(tomllib.loads(RULES))
    assert headers_for(rules, "/static/style.css") == {
        "X-Frame-Options": "DENY", "cache-control": "public, max-age=31536000, immutable"}
    assert headers_for(rules, "/about/?q=x") == {
        "X-Frame-Options": "DENY", "Cache-Control": "public, max-age=0"}


def test_lists_and_multiline_values_become_one_comma_separated_value() -> None:
    assert header_value("Cache-Control", ["max-age=0", " no-cache "]) == "max-age=0, no-cache"
    assert header_value("Cache-Control", "max-age=0,\n  no-cache ,no-store\n") == (
        "max-age=0, no-cache, no-store")
    with pytest.raises(ValueError, match="'X-Count' must be a string"):
        header_value("X-Count", 3)


def test_a_headers_block_without_for_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match=r"\[\[headers\]\] number 2 needs `for`"):
        parse_rules(tomllib.loads('[[headers]]\nfor = "/*"\n[[headers]]\n[headers.values]\nA = "b"\n'))


def test_the_project_config_gives_each_kind_of_file_its_headers() -> None:
    rules = load_rules()
    page, style = headers_for(rules, "/search/"), headers_for(rules, "/static/style.1a2b.css")
    feed, index = headers_for(rules, "/tags/iran/feed.xml"), headers_for(rules, "/stories.json")
    assert page["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert style["Cache-Control"] == "public, max-age=31536000, immutable"
    assert feed["Cache-Control"] == index["Cache-Control"] == "public, max-age=600"
    assert index["Access-Control-Allow-Origin"] == "*"
    assert {h["Content-Security-Policy"] for h in (page, style, feed, index)} == {
        page["Content-Security-Policy"]}


def test_the_deployed_csp_lets_pagefind_compile_webassembly_and_nothing_more() -> None:
    """Pagefind's search needs 'wasm-unsafe-eval'; the page needs neither eval nor inline code."""
    policy = headers_for(load_rules(), "/search/")["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert "'wasm-unsafe-eval'" in directives["script-src"]
    assert not {"'unsafe-eval'", "'unsafe-inline'"} & set(directives["script-src"])
    assert "data:" in directives["img-src"]  # the inline SVG favicon


def test_the_server_sends_the_rules_and_netlifys_404_page(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "style.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>Not here</p>", encoding="utf-8")
    with serving(tmp_path, parse_rules(tomllib.loads(RULES))) as url:
        with urllib.request.urlopen(url + "static/style.css") as response:
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert response.headers["X-Frame-Options"] == "DENY"
        for missing in ("no/such/page/", "static/"):  # a file, and a folder without index.html
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(url + missing)
            assert error.value.code == 404
            assert error.value.headers["X-Frame-Options"] == "DENY"
            assert error.value.read() == b"<p>Not here</p>"
