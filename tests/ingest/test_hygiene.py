"""Text hygiene: line endings, entities, odd spaces, mojibake; hard-wrapped lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest import clean_path
from generator.ingest.hygiene import drop_controls, normalize, split_blocks
from generator.util.files import NOT_TEXT

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "hygiene.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["clean"][:30] for c in CASES])
def test_normalize(case: dict[str, Any]) -> None:
    assert normalize(case["raw"]) == case["clean"]


def test_blocks_are_lines_with_their_line_numbers() -> None:
    blocks = split_blocks("Title\n\nFirst paragraph.\nSecond line.\n")
    assert [(b.text, b.line) for b in blocks] == [("Title", 1), ("First paragraph.", 3),
                                                   ("Second line.", 4)]


def test_hard_wrapped_sentence_is_joined() -> None:
    text = ("The ministry said that hundreds of soldiers had been deployed to\n"
            "the area, adding that fighting continued.")
    assert [b.text for b in split_blocks(text)] == [text.replace("\n", " ")]


def test_dropped_control_characters_are_counted_in_a_note() -> None:
    assert drop_controls("a\x1b[1mb\x1b[0m\x07c") == (
        "abc", "removed 3 control characters (U+0007, U+001B) that no page or feed can show")
    assert drop_controls("clean text\tand tab\n") == ("clean text\tand tab\n", None)


@pytest.mark.parametrize(("name", "raw"), [
    ("esc.txt", b"Port strike ends\n\nDockers returned to work on Monday after the \x1b[1mstrike"
                b"\x1b[0m ended, the union said in a statement.\x07\n"),
    ("esc.html", b"<html><head><title>Port strike ends</title></head><body><article><p>"
                 + b"Dockers returned to work on Monday after the strike\x1b ended, the union "
                 b"said. \x07" * 4 + b"</p></article></body></html>"),
    ("esc.md", b"---\ntitle: Port strike\x1b ends\nsource: AP\ndate: 2021-07-08\n---\n\n"
               b"Dockers returned\x07 to work on Monday after the strike ended, the union said "
               b"in a statement on Monday morning.\n"),
])
def test_an_inbox_file_with_control_characters_is_cleaned_with_a_note(
        name: str, raw: bytes, tmp_path: Path) -> None:
    """ESC in a scraped report reached the feeds, where lxml raised on it (#22 row 1)."""
    path = tmp_path / name
    path.write_bytes(raw)
    report = clean_path(path)
    texts = [report.title, report.body, report.source or "", *report.tags]
    assert not any(NOT_TEXT.search(text) for text in texts), texts
    assert any(note.startswith("removed ") and "(U+0007, U+001B)" in note
               for note in report.notes), report.notes
