"""Dates: explicit publication lines; otherwise inferred from captions, text and weekdays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest import clean_path, clean_text
from generator.ingest.dates import find_dates

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
CASES = yaml.safe_load((FIXTURES / "dates.yaml").read_text(encoding="utf-8"))
REPORTING_DAYS = yaml.safe_load((FIXTURES / "reporting_days.yaml").read_text(encoding="utf-8"))
PARA = "Officials said the talks would continue next week in the capital."


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:30] for c in CASES])
def test_find_dates(case: dict[str, Any]) -> None:
    assert [d.isoformat() for d, _ in find_dates(case["text"])] == case["dates"]


def test_date_line_is_explicit_and_leaves_the_body() -> None:
    report = clean_text(f"Talks resume\n\nPublished July 9, 2021\n\n{PARA}\n")
    assert (report.date, report.date_inferred) == (dt.date(2021, 7, 9), False)
    assert "2021" not in report.body


def test_date_in_caption_is_inferred() -> None:
    report = clean_text("Talks resume\n\nDelegates arrive for talks on July 6, 2021, in Doha. "
                        f"REUTERS/Jane Doe\n\n{PARA}\n")
    assert (report.date, report.date_inferred) == (dt.date(2021, 7, 6), True)
    assert "date inferred from text" in report.notes


def test_weekday_in_lead_moves_the_anchor_date() -> None:
    report = clean_text("Talks resume\n\nDelegates arrive for talks on July 6, 2021, in Doha. "
                        "REUTERS/Jane Doe\n\nTalks resumed on Thursday, officials said.\n\n"
                        f"{PARA}\n")
    assert report.date == dt.date(2021, 7, 8)  # the Thursday after Tuesday 6 July
    assert report.date_inferred


@pytest.mark.parametrize("text", [
    "The talks, first held on July 6, 2021, in the Qatari capital, resumed on Thursday.",
    "The FBI marked the 20th anniversary of the Sept. 11, 2001 attacks by releasing a report.",
    "The freeze on student loan payments was extended through Jan. 31, 2022, officials said.",
    "Trump's attack on January 3, 2020, killed the commander...",
    "The shooting happened at 10:30 p.m. on April 8, 2012 in the parking lot.",
    "Flynn was killed on April 8, 2012, at 3 a.m. in her car.",
])
def test_a_date_inside_a_sentence_dates_nothing(text: str) -> None:
    """A past event's date or a deadline is no day of the news (on the AllSides leads, 28
    of 33 dates so inferred were a month or more off); a short line holding one is no date
    line, and its sentence stays in the body."""
    report = clean_text(f"Talks resume\n\n{text}\n\n{PARA}\n")
    assert (report.date, report.date_inferred) == (None, False)
    assert "no date found" in report.notes
    assert text.split(",")[0] in report.body


def test_no_date_at_all() -> None:
    report = clean_text(f"Talks resume\n\n{PARA}\n")
    assert (report.date, report.date_inferred) == (None, False)
    assert "no date found" in report.notes


@pytest.mark.parametrize("case", REPORTING_DAYS, ids=[c["name"] for c in REPORTING_DAYS])
def test_reporting_day(case: dict[str, Any]) -> None:
    report = clean_text(case["text"])
    assert (report.date, report.date_inferred) == (dt.date.fromisoformat(case["date"]), True)


@pytest.mark.parametrize("text", [
    "Talks resume in Doha\n\nTalks resume in Doha Jul 8, 2021 Talks resumed on Thursday in Doha "
    "with delegates from both sides.\n\nThe delegates will meet again next week.\n",
    "Talks resume\n\nPosted 8: 41 p. m. EST, Thu July 8, 2021 Talks resumed on Thursday in Doha "
    "with delegates from both sides.\n\nThe delegates will meet again next week.\n",
    "Talks resume\n\nFirst Published: July 8, 2021 4: 59 PM EDT Updated: July 9, 2021 Talks "
    "resumed on Thursday in Doha with delegates from both sides.\n",
    "Talks resume\n\nReuters Jul 8, 2021, 02. 16PM IST Talks resumed on Thursday in Doha with "
    "delegates from both sides.\n",
    "Talks resume\n\nTHURSDAY, JULY 8, 2021, 9: 36 AM Talks resumed on Thursday in Doha with "
    "delegates from both sides.\n",
], ids=["headline and stamp run in", "stamp with its time of day", "published and updated",
        "an agency's stamp", "in capitals"])
def test_a_stamp_run_into_the_lede_is_the_date_and_leaves_the_text(text: str) -> None:
    """A dump that runs the headline, the page's stamp and the lede into one line: the
    stamp's date is the publication date (the page's own, not inferred), and the text
    starts with the lede."""
    report = clean_text(text)
    assert (report.date, report.date_inferred) == (dt.date(2021, 7, 8), False)
    assert report.body.startswith("Talks resumed on Thursday in Doha")


@pytest.mark.parametrize("text", [
    "On Sunday, July 4, 2021, Taliban fighters seized the crossing, officials said.",
    "July 4, 2021 was the day Taliban fighters seized the crossing, officials said.",
    "2020 Tokyo Olympics tickets went on sale on Monday, the organisers said.",
    "At 10:30 p.m. Police arrived at the crossing, officials said on Monday.",
    "10:30 p.m. Police arrived at the crossing, officials said on Monday.",
])
def test_a_lede_that_opens_with_its_own_date_keeps_it(text: str) -> None:
    report = clean_text(f"Crossing seized\n\n{text}\n")
    assert report.body.strip() == text


def test_full_page_reporting_day_from_caption_and_said_on() -> None:
    report = clean_path(FIXTURES / "full_page" / "dates_page.txt")
    assert report.date == dt.date(2020, 3, 4)  # said on Wednesday, not the Tuesday it reopened
    assert report.images[0].credit == "REUTERS/Jane Doe"
