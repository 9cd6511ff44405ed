"""Subheadings between paragraphs become ``## `` headings; look-alikes do not."""

from __future__ import annotations

from generator.ingest import clean_text

PARA = "The ministry said hundreds of soldiers had been deployed to the area on Friday."


def _body(*lines: str) -> str:
    return clean_text("A title for the report\n\n" + "\n\n".join(lines) + "\n").body


def test_short_line_between_paragraphs_is_a_heading() -> None:
    assert "\n\n## Humanitarian concerns\n\n" in _body(PARA, "Humanitarian concerns", PARA)


def test_one_line_quote_is_not_a_heading() -> None:
    assert "## " not in _body(PARA, "“No, it is not”", PARA)


def test_sentence_is_not_a_heading() -> None:
    assert "## " not in _body(PARA, "He refused.", PARA)


def test_short_line_before_a_short_line_is_not_a_heading() -> None:
    assert "## " not in _body(PARA, "Conflict in the west", "Fighting continued.")


def test_last_line_is_not_a_heading() -> None:
    assert "## " not in _body(PARA, "Taliban making gains")
