"""Photo captions and credits leave the body and become images."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest import clean_path, clean_text
from generator.ingest.captions import Caption, reads_as_caption, split_caption
from generator.model import Image

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "captions.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["captions"], ids=[c["credit"] for c in CASES["captions"]])
def test_caption(case: dict[str, Any]) -> None:
    assert split_caption(case["line"]) == Caption(case["caption"], case["credit"])


@pytest.mark.parametrize("case", CASES["more_captions"], ids=[c["line"][:30] for c in CASES["more_captions"]])
def test_glued_and_labelled_caption(case: dict[str, Any]) -> None:
    assert split_caption(case["line"]) == Caption(case["caption"], case["credit"])


@pytest.mark.parametrize("text", CASES["reads_as_caption"])
def test_reads_as_caption(text: str) -> None:
    assert reads_as_caption(text)


@pytest.mark.parametrize("text", CASES["body_paragraphs"])
def test_body_paragraph_does_not_read_as_caption(text: str) -> None:
    assert not reads_as_caption(text)


@pytest.mark.parametrize("line", CASES["not_captions"])
def test_not_a_caption(line: str) -> None:
    assert split_caption(line) is None


def test_credit_line_credits_the_caption_above() -> None:
    report = clean_text("Rover sends first pictures\n\nThe rover takes a selfie on Mars\n\n"
                        "Photo: NASA/JPL-Caltech via AP\n\nThe rover landed on Thursday after a "
                        "seven-month journey, the agency said.\n")
    assert report.images == (Image("The rover takes a selfie on Mars", "NASA/JPL-Caltech via AP"),)
    assert "selfie" not in report.body and "Photo" not in report.body


def test_body_paragraph_above_a_credit_line_stays_in_the_body() -> None:
    report = clean_text("Rover lands on Mars\n\nThe rover landed on Thursday after a seven-month "
                        "journey, the agency said.\n\nGround controllers at NASA's Jet Propulsion "
                        "Laboratory in Pasadena, California, cheered as the rover touched down.\n\n"
                        "Photo: NASA/JPL-Caltech via AP\n\nIt will look for signs of ancient life "
                        "over the next two years, scientists said.\n")
    assert "Ground controllers at NASA" in report.body and "Photo" not in report.body
    assert report.images == (Image("", "NASA/JPL-Caltech via AP"),)


def test_bbc_credit_line_credits_the_caption_below() -> None:
    report = clean_text("Singer wins row over old songs\n\nThe singer will be allowed to play her "
                        "old songs at the awards on Sunday, her label said.\n\nImage copyright "
                        "Getty Images\n\nImage caption Scooter Braun has managed many singers\n\n"
                        "The dispute began in the summer when the label was sold to a new owner.\n")
    assert report.images == (Image("Scooter Braun has managed many singers", "Getty Images"),)
    assert "Image" not in report.body and "Getty" not in report.body


def test_full_page_caption_beside_its_credit() -> None:
    report = clean_path(FIXTURES / "full_page" / "captions_page.txt")
    assert report.images == (
        Image("Workers repair the cables of the harbour bridge in February", "Jane Doe/Reuters"),
        Image("", "City Council"))
    assert "Engineers worked through the winter" in report.body
    assert "Workers repair" not in report.body
    assert report.body.startswith("The harbour bridge reopened")  # the lede, not a standfirst


def test_full_page_pipe_credit_and_ap_file_photo_captions() -> None:
    report = clean_path(FIXTURES / "full_page" / "agency_captions_page.txt")
    assert [image.credit for image in report.images] == [
        "Natalie Naccache | Bloomberg | Getty Images", "NASA via AP, File"]
    assert "walks past a passenger jet" not in report.body
    assert "space walk" not in report.body
    assert "because the delivery dates had slipped" in report.body
