"""Input kinds (.txt, .html, .html.gz, .md) and bad input: always a ContentError with a fix."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import shutil
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.ingest import article_bytes, clean_html, clean_path, inbox
from generator.ingest.escape import plain_text
from generator.model import Image
from generator.util import files

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
BAD = FIXTURES / "bad"
INPUTS = FIXTURES / "inputs"


def problem_of(path: Path) -> str:
    """The single problem clean_path reports for a bad file, as ``path:line: message``."""
    with pytest.raises(ContentError) as caught:
        clean_path(path)
    problems = caught.value.problems
    assert len(problems) >= 1
    return str(problems[0])


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt"])
def test_empty_file(name: str) -> None:
    assert problem_of(BAD / name) == (f"{BAD / name}: the file is empty; paste the report's "
                                      "text into it or delete it")


def test_binary_file() -> None:
    assert "binary file, not text" in problem_of(BAD / "binary.txt")


def test_cp1252_file_is_read_with_a_note() -> None:
    report = clean_path(BAD / "cp1252.txt")
    assert report.title == "Café owners reopen"
    assert "café’s owners" in report.body
    assert report.notes[0].startswith("not UTF-8: read as Windows-1252")


def test_md_with_broken_yaml_names_the_line() -> None:
    message = problem_of(BAD / "broken_yaml.md")
    assert message.startswith(f"{BAD / 'broken_yaml.md'}:5: invalid YAML in front matter")


def test_md_missing_required_field() -> None:
    assert problem_of(BAD / "missing_source.md") == (
        f"{BAD / 'missing_source.md'}:1: missing required field 'source'; "
        "add 'source: ...' to the front matter")


def test_md_bad_date_names_the_line() -> None:
    assert problem_of(BAD / "bad_date.md").startswith(f"{BAD / 'bad_date.md'}:4: date: ")


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    assert "unknown file type" in problem_of(path)


def test_broken_gzip(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(b"not gzip at all")
    assert "not a valid gzip file" in problem_of(path)


def test_md_is_taken_as_is() -> None:
    report = clean_path(INPUTS / "report.md")
    assert (report.title, report.source, report.date) == ("Talks resume in Doha", "Reuters",
                                                          dt.date(2021, 7, 9))
    assert report.images == (Image("Delegates arrive for the talks", "REUTERS/Jane Doe"),)
    assert report.tags == ("Afghanistan", "Qatar")
    assert report.body == ("Negotiators met again on *Friday*.\n\n## Next steps\n\n"
                           "Kept verbatim, Markdown and all.")


def _check_page(report_title: str, body: str) -> None:
    assert report_title == "Harbour bridge reopens after repairs"
    paragraphs = plain_text(body).split("\n\n")
    assert paragraphs[0].startswith("The harbour bridge reopened")
    assert "What comes next" in paragraphs and "## What comes next" in body
    assert "*priority* lanes" in plain_text(body)
    assert "All rights reserved" not in body and "Home" not in body


def test_html_page() -> None:
    report = clean_path(INPUTS / "page.html")
    _check_page(report.title, report.body)
    assert (report.source, report.publisher, report.author) == ("Example Gazette",
                                                                "Example Gazette", "Sam Writer")
    assert (report.date, report.date_inferred) == (dt.date(2020, 3, 3), False)


def test_gzipped_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.htm.gz"
    path.write_bytes(gzip.compress((INPUTS / "page.html").read_bytes()))
    report = clean_path(path)
    _check_page(report.title, report.body)


def test_html_string() -> None:
    report = clean_html((INPUTS / "page.html").read_text(encoding="utf-8"))
    _check_page(report.title, report.body)


def test_clean_path_never_raises_other_errors(tmp_path: Path) -> None:
    for source in [*BAD.iterdir()]:
        target = tmp_path / source.name
        shutil.copy(source, target)
        with contextlib.suppress(ContentError):
            clean_path(target)


def test_a_gzip_bomb_is_refused_once_unpacked_past_the_limit(tmp_path: Path) -> None:
    """A few KB of gzip unpacked whole into memory; now only up to a saved page's limit."""
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>word</p>" * 2_000_000))  # 22 MB from 43 KB
    assert problem_of(path) == (f"{path}: refused: over the 5 MB limit once uncompressed; "
                                "save only the article's page")


def test_a_page_with_more_elements_than_the_cleaner_takes_in_seconds_is_refused(
        tmp_path: Path) -> None:
    """80,000 paragraphs took trafilatura 25 s (its time grows faster than their count)."""
    path = tmp_path / "many.html"
    path.write_text("<p>word</p>" * 80_000, encoding="utf-8")
    assert problem_of(path) == (
        f"{path}: refused: the page has 80,001 HTML elements, over the 20,000 the cleaner takes "
        "in seconds; save the article's own text as a .txt file instead")
    path.write_text("<p>" + "word " * 300_000 + "</p>", encoding="utf-8")
    assert problem_of(path) == (
        f"{path}: refused: the page has 1.4 MB of text, over the 1 MB the cleaner takes in "
        "seconds; save the article's own text as a .txt file instead")


@pytest.mark.parametrize("unit", ["[", "*", "<", "[a](", "#\n", "1.\n", "- [\n", "A\n\n",
                                  "Short heading\n\nA paragraph of some eight words or more [.\n\n"])
def test_a_report_at_the_text_limit_makes_an_article_under_the_article_limit(
        unit: str, tmp_path: Path) -> None:
    """Escaping at most doubles a report's text: 4.9 MB of '[' made a 9.3 MB article, which
    every later build refused as over the limit (#22 row 10)."""
    path = tmp_path / "big.txt"
    head = "Title of the report\n\n"
    text = head + unit * ((files.REPORT_TEXT_BYTES - len(head)) // len(unit))
    path.write_text(text, encoding="utf-8")
    assert files.REPORT_TEXT_BYTES - len(unit) < path.stat().st_size <= files.REPORT_TEXT_BYTES
    report = clean_path(path)
    meta = inbox.article_meta(report, dt.date(2021, 7, 8), True, "s" * 200, "inbox/" + "x" * 250)
    written = len(inbox.render_article(meta, report.body).encode("utf-8"))
    assert written <= article_bytes(report) <= files.ARTICLE_BYTES


def test_html_figures_give_captions_and_credits() -> None:
    """trafilatura drops <figcaption>: the page's own figures give the images; a sidebar's
    figure and a teaser link's are not the article's."""
    page = Path(__file__).parent.parent / "fixtures" / "ingest" / "full_page" / "figures_page.html"
    report = clean_path(page)
    assert report.images == (
        Image("Workers repair the cables of the harbour bridge in February", "Jane Doe/Reuters"),
        Image("The mayor cuts the ribbon at the reopening ceremony.", "REUTERS/John Smith"))
    assert "Engineers replaced the worn cables" in report.body
    assert "Workers repair" not in report.body


def test_md_report_keeps_its_url_and_refuses_one_not_on_the_web(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    head = "---\ntitle: Port reopens\nsource: AP\ndate: 2023-03-05\n"
    path.write_text(head + "url: https://apnews.com/article/port\n---\nThe port reopened.\n",
                    encoding="utf-8")
    assert clean_path(path).url == "https://apnews.com/article/port"
    path.write_text(head + "url: file:///etc/passwd\n---\nThe port reopened.\n",
                    encoding="utf-8")
    assert problem_of(path).startswith(f"{path}:5: url: ")
