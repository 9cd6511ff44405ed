"""Title with the outlet appended -> clean title and source; the standfirst -> subtitle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest import clean_path, clean_text
from generator.ingest.title import split_outlet

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "title.yaml").read_text(encoding="utf-8"))
STANDFIRSTS = yaml.safe_load((FIXTURES / "standfirst.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["line"][:40] for c in CASES])
def test_split_outlet(case: dict[str, Any]) -> None:
    assert split_outlet(case["line"]) == (case["title"], case["outlet"])


def test_outlet_becomes_source() -> None:
    report = clean_text("Floods hit northern Europe | BBC\n\nRivers burst their banks "
                        "across the region on Friday, officials said.\n")
    assert (report.title, report.source) == ("Floods hit northern Europe", "BBC")


@pytest.mark.parametrize("case", STANDFIRSTS, ids=[c["name"] for c in STANDFIRSTS])
def test_standfirst(case: dict[str, Any]) -> None:
    report = clean_text(case["text"])
    assert report.subtitle == case["subtitle"]
    assert report.body.startswith(case["body"])


def test_full_page_standfirst_above_a_dateline_lede() -> None:
    report = clean_path(FIXTURES / "full_page" / "standfirst_page.txt")
    assert report.subtitle == "The council says the bridge is safe after six months of work"
    assert report.body.startswith("The harbour bridge reopened to traffic")
