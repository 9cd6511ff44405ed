"""A whole page dumped as text: menus, teasers and footers go, the article stays whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.ingest import clean_path, clean_text
from generator.ingest.escape import plain_text
from generator.ingest.mainrun import best_run, line_score, run_scores
from generator.ingest.state import Block

PAGE = Path(__file__).parent.parent / "fixtures" / "ingest" / "full_page" / "page.txt"


def test_full_page_keeps_only_the_article() -> None:
    report = clean_path(PAGE)
    assert report.title == "Harbour bridge reopens after repairs"
    assert (report.source, report.author) == ("Example Gazette", "Sam Writer")
    assert (report.date, report.date_inferred) == (dt.date(2020, 3, 3), False)
    paragraphs = plain_text(report.body).split("\n\n")
    assert paragraphs[0].startswith("The harbour bridge reopened")
    assert paragraphs[-1].startswith("A public meeting is planned")
    assert "What comes next" in paragraphs and "## What comes next" in report.body
    assert len(paragraphs) == 6
    assert any(note.startswith("dropped") for note in report.notes)


def test_prose_scores_positive_and_menus_negative() -> None:
    assert line_score("The harbour bridge reopened to traffic on Tuesday after repairs, "
                      "officials said.") > 0
    assert line_score("“We are ending America’s longest war,” he said.") > 0
    assert line_score("Privacy Policy") < 0
    assert line_score("Council approves new budget") < 0


def test_best_run_does_not_cross_a_barrier_for_little_text() -> None:
    assert best_run([-8, 20, 15, -8, None, 10, -8]) == (1, 3)


def test_wire_copy_loses_nothing() -> None:
    lines = [f"Paragraph number {n} says something about the talks, officials said."
             for n in range(1, 6)]
    text = "Talks resume\n\n" + "\n\n".join([*lines, "Short closing quote,” he said."]) + "\n"
    report = clean_text(text)
    assert plain_text(report.body).split("\n\n") == [*lines, "Short closing quote,” he said."]
    assert not any(note.startswith("dropped") for note in report.notes)


TEASERS = PAGE.parent / "teasers_page.txt"
TEASER_LIST = PAGE.parent / "teaser_list_page.txt"


def test_teasers_after_a_more_header_are_not_the_article() -> None:
    paragraphs = plain_text(clean_path(TEASERS).body).split("\n\n")
    assert paragraphs[0].startswith("Ferry crews returned to work")
    # the article goes on after a box of trending headlines in its middle
    assert paragraphs[-1].startswith("“We are glad to have our crews back")
    assert not any("cattle" in p or "glacier" in p or "More World" in p for p in paragraphs)


def test_a_teaser_list_after_a_section_header_is_not_the_article() -> None:
    paragraphs = plain_text(clean_path(TEASER_LIST).body).split("\n\n")
    assert paragraphs[0].startswith("The city museum reopened")
    assert paragraphs[-1].startswith("The renovation cost less than planned")
    assert not any("Writer" in p or "parks on the street" in p for p in paragraphs)


def test_run_scores_zero_a_summary_with_no_sentence_beside_it() -> None:
    sentence = "The council said on Tuesday that it would publish the costs of the plan."
    blocks = tuple(Block(text, n) for n, text in enumerate(
        [sentence, sentence, "More World", "Storm closes mountain pass", sentence,
         "1H ago", sentence, sentence]))
    scores = run_scores(blocks)
    assert scores[4] == 0.0  # a teaser's summary
    assert scores[0] == scores[6] == scores[7] == line_score(sentence)  # the article's prose


def test_the_article_again_on_one_line_is_a_repeat() -> None:
    lines = ["The harbour bridge reopened to traffic on Tuesday after six months of repairs "
             "that cost the city more than it had planned, officials said.",
             "Engineers replaced the worn cables and resurfaced the deck, which had been closed "
             "to cars since September when inspectors found cracks.",
             "“We are relieved to have it open again before the summer,” the mayor told "
             "reporters at the ceremony on the quay.",
             "The council will now decide whether to add a cycle lane, a plan that has divided "
             "residents for years and may go to a vote in May."]
    menu = "\n".join(["Home", "News", "World", "Business", "Sport", "Search"])
    text = "\n\n".join(["Bridge reopens", menu, *lines, menu, " ".join(lines), menu]) + "\n"
    assert plain_text(clean_text(text).body).split("\n\n") == lines
