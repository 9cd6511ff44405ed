"""Title with the outlet appended -> clean title and source; the standfirst -> subtitle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest import clean_text
from generator.ingest.title import split_outlet

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "title.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["line"][:40] for c in CASES])
def test_split_outlet(case: dict[str, Any]) -> None:
    assert split_outlet(case["line"]) == (case["title"], case["outlet"])


def test_outlet_becomes_source() -> None:
    report = clean_text("Floods hit northern Europe | BBC\n\nRivers burst their banks "
                        "across the region on Friday, officials said.\n")
    assert (report.title, report.source) == ("Floods hit northern Europe", "BBC")


def test_standfirst_before_lead_caption_is_subtitle() -> None:
    report = clean_text(
        "Rebels take the town\n\n"
        "Group continues advances as foreign forces withdraw, officials say.\n\n"
        "Soldiers patrol the area near a checkpoint in the east [Jane Doe/Reuters]\n\n"
        "Rebel fighters seized control of the town on Friday, officials said, as the group "
        "continued its rapid advance.\n")
    assert report.subtitle == "Group continues advances as foreign forces withdraw, officials say."
    assert report.body.startswith("Rebel fighters seized")


def test_lede_without_caption_is_not_a_subtitle() -> None:
    report = clean_text("Rebels take the town\n\nRebel fighters seized control of the town on "
                        "Friday.\n\nThe army said it would respond.\n")
    assert report.subtitle is None
    assert report.body.startswith("Rebel fighters seized")
