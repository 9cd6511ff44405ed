"""Bylines -> author; datelines -> dateline (and agency as source), first sentence kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest import clean_path, clean_text
from generator.ingest.byline import byline_agency, byline_name, split_dateline

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


@pytest.mark.parametrize("case", CASES["agency_bylines"], ids=[c["text"] for c in CASES["agency_bylines"]])
def test_agency_byline(case: dict[str, Any]) -> None:
    assert byline_agency(case["text"]) == case["agency"]


@pytest.mark.parametrize("text", CASES["not_agency_bylines"])
def test_not_an_agency_byline(text: str) -> None:
    assert byline_agency(text) is None


def test_agency_byline_names_the_source_not_an_author() -> None:
    report = clean_text("Rocket lifts off with four astronauts\n\nBy The Associated Press\n\n"
                        "A rocket carrying four astronauts lifted off on Sunday, NASA said.\n")
    assert (report.author, report.source) == (None, "The Associated Press")
    assert report.body.startswith("A rocket carrying")


def test_all_caps_byline_with_agency_gives_author_and_source() -> None:
    report = clean_text("Rocket lifts off with four astronauts\n\nBY JANE DOE, REUTERS\n\n"
                        "A rocket carrying four astronauts lifted off on Sunday, NASA said.\n")
    assert (report.author, report.source) == ("Jane Doe", "REUTERS")


def test_full_page_agency_line_above_the_article() -> None:
    report = clean_path(FIXTURES / "full_page" / "agency_page.txt")
    assert (report.author, report.source) == (None, "The Associated Press")
    assert "Associated Press" not in report.body


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
