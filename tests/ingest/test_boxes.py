"""An ``About <Name>`` box under a page's article (a bio) leaves the body; a subheading that
merely starts with 'About' stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest import clean_path, clean_text
from generator.ingest.boxes import about_name
from generator.ingest.escape import plain_text

PAGE = Path(__file__).parent.parent / "fixtures" / "ingest" / "full_page" / "about_box_page.txt"


@pytest.mark.parametrize(("line", "name"), [
    ("About Brigit Katz", "Brigit Katz"), ("Sobre Carlos Nadalim", "Carlos Nadalim"),
    ("Über Moritz Bachmann", "Moritz Bachmann"), ("About Example Corp:", "Example Corp"),
    ("About the plan", None), ("About 300 people came", None),
    ("About Brigit Katz, who wrote this story for the magazine last year", None),
])
def test_about_name(line: str, name: str | None) -> None:
    assert about_name(line) == name


def test_an_about_box_with_a_bio_leaves_the_article() -> None:
    body = plain_text(clean_path(PAGE).body)
    assert body.startswith("Two people in the capital")
    assert "freelance writer" not in body and "About Brigit" not in body
    # a subheading "About Plague" whose paragraph does not name it is the article's
    assert "About Plague" in body and "caused by bacteria" in body


def test_a_last_section_headed_about_something_stays() -> None:
    text = PAGE.read_text(encoding="utf-8")
    text = text[: text.index("Like this article?")] + "Previous Article\n\nPrivacy Policy\n"
    body = plain_text(clean_text(text).body)
    assert "About Plague" in body and body.endswith("if it is caught early, doctors said.")
