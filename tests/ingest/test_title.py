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


def test_a_date_line_above_the_title_is_the_date_and_the_title_is_below_it() -> None:
    report = clean_text("Saturday, August 24, 2013\n\nPalin appointee under federal indictment\n\n"
                        "A 57-year-old Wasilla woman has been indicted by a federal grand jury, "
                        "officials said on Friday.\n")
    assert report.title == "Palin appointee under federal indictment"
    assert str(report.date) == "2013-08-24" and not report.date_inferred
    assert report.body.startswith("A 57-year-old Wasilla woman")
    assert "August 24" not in report.body


def test_a_headline_run_into_the_lede_below_a_date_line_leaves_the_lede_whole() -> None:
    """Some dumps repeat the date line at the start of the next one and run the headline
    into the lede: no sentence is taken out of the body, the title is made from it."""
    lede = ("Riots Erupt Following Death of Brooklyn Teen Killed By Police In the week following "
            "the fatal shooting of 16-year-old Kimani Gray, several protests and riots have "
            "erupted in the teen's Brooklyn neighborhood.")
    report = clean_text(f"Sunday, March 17, 2013 | 5:00 PM\n\nSunday, March 17, 2013 | 5:00 PM "
                        f"{lede} Gray was killed on March 9.\n")
    assert report.title == "Riots Erupt Following Death of Brooklyn Teen Killed By Police…"
    assert report.body.startswith(lede) and report.body.rstrip().endswith("March 9.")
    assert str(report.date) == "2013-03-17"
    short = clean_text("Saturday, August 24, 2013\n\nSaturday, August 24, 2013 Palin appointee "
                       "under federal indictment. Methinks somebody's milk just went sour. "
                       "A 57-year-old Wasilla woman has been indicted, officials said.\n")
    assert short.title == "Palin appointee under federal indictment"
    assert short.body.startswith("Palin appointee under federal indictment. Methinks")


def test_a_posting_stamp_above_the_title_is_the_date_not_the_title() -> None:
    report = clean_text("Article posted on 08. 07. 2012\n\nKlitschko stops Thompson in six\n\n"
                        "Heavyweight champion Wladimir Klitschko stopped Tony Thompson in the "
                        "sixth round on Saturday.\n")
    assert report.title == "Klitschko stops Thompson in six"
    assert str(report.date) == "2012-07-08" and not report.date_inferred


def test_a_headline_run_into_the_first_paragraph_is_taken_off_it() -> None:
    report = clean_text("Tara Reid Finally Checks Into Rehab\n\nTara Reid Finally Checks Into Rehab "
                        "It's been a long time coming, but Tara Reid has entered a treatment "
                        "centre, her publicist said.\n")
    assert report.title == "Tara Reid Finally Checks Into Rehab"
    assert report.body.startswith("It's been a long time coming, but Tara Reid")


def test_a_headline_run_into_a_stamp_and_the_lede_leaves_the_lede() -> None:
    report = clean_text("Woman Killed in Queens Crash, Police Arrest Driver\n\nWoman Killed in "
                        "Queens Crash, Police Arrest Driver on September 14, 2013 11: 41am | "
                        "Updated on September 14, 2013 11: 41am An allegedly drunk driver has "
                        "been charged, police said.\n")
    assert report.body.startswith("An allegedly drunk driver has been charged")
    assert (str(report.date), report.date_inferred) == ("2013-09-14", False)


def test_a_title_that_is_the_lede_s_first_sentence_stays_in_the_text() -> None:
    lede = ("Tara Reid checked herself into a treatment centre, her publicist said. The actress "
            "is 33.")
    report = clean_text(f"Tara Reid checked herself into a treatment centre, her publicist "
                        f"said.\n\n{lede}\n")
    assert report.body.strip() == lede


def test_a_headline_holding_a_date_is_still_the_title() -> None:
    report = clean_text("Trump's attack on January 3, 2020, killed the general\n\n"
                        "The strike was ordered by the president, officials said.\n")
    assert report.title == "Trump's attack on January 3, 2020, killed the general"


def test_a_one_sentence_brief_whose_headline_is_that_sentence_keeps_it_as_its_text() -> None:
    """A page repeats its headline above the text, and the repeat goes; a brief whose only
    line of text is its headline keeps that line: no report is left with no text."""
    brief = "The parliament election is over in Turkmenistan."
    report = clean_text(f"{brief}\n\n{brief}\n")
    assert report.title == brief and report.body.strip() == brief
    page = clean_text("Quake hits Papua\n\nQuake hits Papua\n\nA quake struck Papua on Sunday, "
                      "officials said.\n")
    assert page.body.strip() == "A quake struck Papua on Sunday, officials said."
