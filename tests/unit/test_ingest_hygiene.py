"""Text hygiene: line endings, entities, odd spaces, mojibake; hard-wrapped lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest.hygiene import normalize, split_blocks

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
