"""ingest/canonical.py: a saved page's own address, for the article's ``url:``."""

from __future__ import annotations

import pytest

from generator import editor
from generator.ingest import canonical

CASES = [
    ('<link rel="canonical" href="https://apnews.com/article/x-1">', "https://apnews.com/article/x-1"),
    ("<link href='https://a.example/r?id=1&amp;p=2' rel='Canonical'>", "https://a.example/r?id=1&p=2"),
    ('<meta property="og:url" content="https://www.reuters.com/world/x/">',
     "https://www.reuters.com/world/x/"),
    ('<meta property="og:url" content="https://b.example/og">'
     '<link rel="canonical" href="https://b.example/canonical">', "https://b.example/canonical"),
    ('<link rel="canonical" href="/relative/path">', None),
    ('<link rel="canonical" href="file:///home/x.html"><meta property="og:url" '
     'content="https://c.example/">', "https://c.example/"),
    ("<!-- saved from url=(0022)https://d.example/page -->\n<html>", "https://d.example/page"),
    ('<link rel="stylesheet" href="https://e.example/s.css">', None),
    ("<p>no links at all</p>", None),
]


@pytest.mark.parametrize(("html", "expected"), CASES)
def test_original_url(html: str, expected: str | None) -> None:
    assert canonical.original_url(f"<!DOCTYPE html><html><head>{html}</head></html>") == expected


def test_a_fetched_page_without_its_own_address_is_marked_with_it() -> None:
    page = b"<!DOCTYPE html>\n<html><head><title>T</title></head><body>x</body></html>"
    marked = editor.with_address(page, "https://f.example/story?id=7")
    assert marked.startswith(b"<!DOCTYPE html>\n<!-- saved from url=(0028)https://f.example/"
                             b"story?id=7 -->\n<html>")
    assert canonical.original_url(marked.decode()) == "https://f.example/story?id=7"


def test_a_page_naming_its_address_is_added_as_it_is() -> None:
    page = b'<html><head><link rel="canonical" href="https://g.example/a"></head></html>'
    assert editor.with_address(page, "https://g.example/a?utm=x") == page


def test_clean_html_takes_the_address_into_the_report() -> None:
    from generator import ingest

    html = ('<!DOCTYPE html><html><head><title>Port strike ends - Example News</title>'
            '<link rel="canonical" href="https://news.example/port-strike"></head><body>'
            '<article><h1>Port strike ends</h1><p>' + "Dock workers returned to work on "
            "Monday after a week-long strike over pay and hours at the port. " * 4
            + "</p></article></body></html>")
    assert ingest.clean_html(html).url == "https://news.example/port-strike"
