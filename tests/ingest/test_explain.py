"""``digest check --explain FILE``: each line left out of the body, with the rule that did it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli
from generator.ingest.explain import explain_path

FULL_PAGE = Path(__file__).parent.parent / "fixtures" / "ingest" / "full_page"
PAGE = FULL_PAGE / "page.txt"
EXPECTED = {  # line -> rule, for a line of each rule family in the fixture page
    1: "title.take_title",
    3: "junk.drop_junk",
    20: "title.drop_title_repeats",
    22: "byline.take_byline",
    24: "dates.take_publication_date",
    30: "junk.drop_junk",
    40: "mainrun.keep_main_run",
    55: "junk.drop_junk",
}


def test_each_left_out_line_names_its_rule() -> None:
    left, note = explain_path(PAGE)
    rules = {item.line: item.rule for item in left}
    assert note is None
    assert {line: rules.get(line) for line in EXPECTED} == EXPECTED


def test_body_lines_are_not_listed() -> None:
    left, _ = explain_path(PAGE)
    texts = " ".join(item.text for item in left)
    assert "The harbour bridge reopened to traffic" not in texts
    assert "What comes next" not in texts  # a subheading stays in the body
    raw = PAGE.read_text(encoding="utf-8").split("\n")
    assert all(raw[item.line - 1].startswith(item.text[:20]) for item in left)


def test_captions_and_credits_are_explained() -> None:
    left, _ = explain_path(FULL_PAGE / "captions_page.txt")
    rules = {item.text: (item.rule, item.what) for item in left}
    assert rules["Jane Doe/Reuters"] == ("captions.mark_captions", "taken as a photo credit")
    assert rules["Workers repair the cables of the harbour bridge in February"][0] == (
        "captions.collect_captions")


def test_html_page_says_what_its_lines_count() -> None:
    left, note = explain_path(FULL_PAGE / "figures_page.html")
    assert note is not None and "trafilatura" in note
    assert [item.rule for item in left] == ["title.drop_title_repeats"]


def test_cli_prints_path_line_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--explain", str(PAGE)]) == cli.EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert f'{PAGE}:30: junk.drop_junk: dropped: a marker, widget, banner or copyright line: ' \
           '"Advertisement"' in out
    assert out[-1] == "explain: 28 line(s) left out of the body"


def test_cli_markdown_report_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    report = tmp_path / "report.md"
    report.write_text("---\ntitle: T\n---\nText.\n", encoding="utf-8")
    assert cli.main(["check", "--explain", str(report)]) == cli.EXIT_ERRORS
    assert (f"{report}: a .md report is not cleaned (it is taken as written); --explain "
            "takes a .txt or an HTML file") in capsys.readouterr().err


def test_a_part_taken_from_a_line_the_body_keeps_is_explained(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A page's stamp and a headline run into the lede leave the lede in the body: what was
    taken from it is listed, with where in the line it was."""
    dump = tmp_path / "x.txt"
    dump.write_text(
        "Harbour Bridge Reopens After Repairs\n\n"
        "Harbour Bridge Reopens After Repairs Posted Oct 26, 2011 8: 57 AM CDT The harbour "
        "bridge reopened to traffic on Friday after six months of repairs, the city said.\n\n"
        "Engineers replaced forty corroded steel cables, officials said on Friday.\n",
        encoding="utf-8")
    left, _ = explain_path(dump)
    assert [(i.line, i.rule, i.text) for i in left] == [
        (1, "title.take_title", "Harbour Bridge Reopens After Repairs"),
        (3, "title.drop_title_repeats", "Harbour Bridge Reopens After Repairs"),
        (3, "stamps.take_run_in_stamp", "Posted Oct 26, 2011 8: 57 AM CDT")]
    assert left[2].what == ("taken as the publication date (a page's stamp run into the "
                            "text) (the start of a line)")
    assert cli.main(["check", "--explain", str(dump)]) == cli.EXIT_OK
    assert capsys.readouterr().out.splitlines()[-1] == (
        "explain: 1 line(s) left out of the body, and 2 part(s) of a line")


def test_a_dateline_taken_from_the_lede_is_explained(tmp_path: Path) -> None:
    dump = tmp_path / "x.txt"
    dump.write_text("Bridge reopens\n\nMADRID (AP) — The harbour bridge reopened to traffic on "
                    "Friday after six months of repairs, the city said.\n", encoding="utf-8")
    left, _ = explain_path(dump)
    assert [(i.rule, i.what, i.text) for i in left][-1] == (
        "byline.take_dateline", "taken as the dateline (where the report was filed) (the "
        "start of a line)", "MADRID (AP) —")
