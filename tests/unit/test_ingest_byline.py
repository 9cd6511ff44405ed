"""Bylines -> author; datelines -> dateline (and agency as source), first sentence kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest import clean_text
from generator.ingest.byline import byline_name, split_dateline

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "byline.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["datelines"], ids=[c["place"] for c in CASES["datelines"]])
def test_dateline(case: dict[str, Any]) -> None:
    assert split_dateline(case["text"]) == (case["place"], case["agency"], case["rest"])


@pytest.mark.parametrize("text", CASES["not_datelines"])
def test_not_a_dateline(text: str) -> None:
    assert split_dateline(text) is None


@pytest.mark.parametrize("case", CASES["bylines"], ids=[c["author"] for c in CASES["bylines"]])
def test_byline(case: dict[str, Any]) -> None:
    found = byline_name(case["text"])
    assert found == case["author"]


@pytest.mark.parametrize("text", CASES["not_bylines"])
def test_not_a_byline(text: str) -> None:
    assert byline_name(text) is None


def test_byline_and_dateline_in_a_report() -> None:
    report = clean_text("Rocket lifts off with four astronauts\n\nBy Jane Doe\n\n"
                        "CAPE CANAVERAL, Fla. (AP) — A rocket carrying four astronauts lifted off "
                        "on Sunday.\n\nThe crew will spend six months in orbit, NASA said.\n")
    assert (report.author, report.dateline, report.source) == ("Jane Doe", "Cape Canaveral, Fla.",
                                                               "AP")
    assert report.body.startswith("A rocket carrying four astronauts lifted off on Sunday.")


def test_title_outlet_beats_dateline_agency() -> None:
    report = clean_text("Rocket lifts off - Example News\n\nCAPE CANAVERAL, Fla. (AP) — A rocket "
                        "carrying four astronauts lifted off on Sunday.\n")
    assert report.source == "Example News"
