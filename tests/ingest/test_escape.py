"""Plain text stays literal in Markdown: CommonMark renders exactly the original characters."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.ingest import clean_text
from generator.ingest.escape import escape_markdown, plain_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "escape.yaml").read_text(encoding="utf-8"))
# Printable ASCII punctuation and letters, plus typographic quotes: one line of text.
LINE = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126,
                                      include_characters="’“”—é"), min_size=1, max_size=60)


def rendered_text(markdown: str) -> str:
    """The visible text of the rendered HTML, tags removed and entities decoded."""
    import html
    import re

    rendered = MarkdownIt("commonmark").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@pytest.mark.parametrize("text", CASES)
def test_escaped_text_renders_as_written(text: str) -> None:
    assert rendered_text(escape_markdown(text)) == text


@settings(max_examples=300, deadline=None)
@given(LINE.map(str.strip).filter(bool))
def test_any_line_renders_as_written(text: str) -> None:
    escaped = escape_markdown(text)
    assert plain_text(escaped) == text
    assert rendered_text(escaped) == text


def test_report_body_keeps_asterisks() -> None:
    body = clean_text("Priorities\n\nThe plan lists *priority* items and 1. numbered goals "
                      "for the year, officials said.\n").body
    assert plain_text(body) == ("The plan lists *priority* items and 1. numbered goals for the "
                                "year, officials said.")
