"""Photo captions and credits leave the body and become images."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest import clean_text
from generator.ingest.captions import Caption, split_caption
from generator.model import Image

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "captions.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["captions"], ids=[c["credit"] for c in CASES["captions"]])
def test_caption(case: dict[str, Any]) -> None:
    assert split_caption(case["line"]) == Caption(case["caption"], case["credit"])


@pytest.mark.parametrize("line", CASES["not_captions"])
def test_not_a_caption(line: str) -> None:
    assert split_caption(line) is None


def test_credit_line_credits_the_caption_above() -> None:
    report = clean_text("Rover sends first pictures\n\nThe rover takes a selfie on Mars\n\n"
                        "Photo: NASA/JPL-Caltech via AP\n\nThe rover landed on Thursday after a "
                        "seven-month journey, the agency said.\n")
    assert report.images == (Image("The rover takes a selfie on Mars", "NASA/JPL-Caltech via AP"),)
    assert "selfie" not in report.body and "Photo" not in report.body
