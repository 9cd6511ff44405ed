"""Scraping markers and widgets are dropped; sentences that merely start the same way stay."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.ingest import clean_text
from generator.ingest.junk import is_junk_line, is_section_end

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "junk.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("line", CASES["junk"])
def test_junk_line(line: str) -> None:
    assert is_junk_line(line)


@pytest.mark.parametrize("line", CASES["keep"])
def test_lookalike_is_kept(line: str) -> None:
    assert not is_junk_line(line) and not is_section_end(line)


@pytest.mark.parametrize("line", CASES["section_end"])
def test_section_end(line: str) -> None:
    assert is_section_end(line)


def test_lookalikes_survive_the_whole_cleaner() -> None:
    lines = [line for line in CASES["keep"] if not line.startswith("Source:")]
    text = "A title for the test report\n\n" + "\n\n".join(lines) + "\n"
    body = clean_text(text).body
    for line in lines:
        assert line.replace("*", "\\*") in body
