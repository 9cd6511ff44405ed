"""content.py: article and story-note files -> validated data, every problem with file:line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator import content
from generator.errors import ContentError
from generator.model import Image
from generator.util import files, forked

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "content"
BAD = sorted(p.stem for p in (FIXTURES / "bad").glob("*.md"))


def errors_of(path: Path) -> list[str]:
    """The errors an article file is refused with, as ``path:line: message``."""
    with pytest.raises(ContentError) as info:
        content.parse_article(files.read_checked(path, path.parent)[0], path)
    return [str(p) for p in info.value.problems]


def test_good_article_has_every_field() -> None:
    path = FIXTURES / "good" / "plain.md"
    article, warnings = content.parse_article(files.read_checked(path, path.parent)[0], path)
    assert warnings == []
    assert article.slug == "plain"
    assert article.title == "Rover lands: the first pictures"
    assert (article.subtitle, article.source, article.publisher) == (
        "A standfirst", "AP", "Example Post")
    assert article.date == dt.date(2021, 2, 18) and article.date_inferred is True
    assert (article.dateline, article.author) == ("Pasadena", "Jane Doe")
    assert article.images == (Image("The rover on the surface", "NASA/JPL-Caltech via AP"),
                              Image("A caption with no credit", None))
    assert article.tags == ("Mars", "NASA")
    assert article.story == "2021-02-18-rover-lands"
    assert article.raw == "inbox/rover.txt"
    assert article.body.startswith("The rover landed on Thursday.")
    assert article.body.endswith("It will drive *later*.")
    assert article.body_line == 19


def test_datetime_dates_are_kept_with_their_time() -> None:
    path = FIXTURES / "good" / "datetime.md"
    article, _ = content.parse_article(files.read_checked(path, path.parent)[0], path)
    assert article.date == dt.datetime(2021, 7, 8, 14, 30, tzinfo=dt.UTC)
    assert article.day == dt.date(2021, 7, 8)


@pytest.mark.parametrize("name", BAD)
def test_bad_article_reports_exact_path_line_and_fix(name: str, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "bad" / f"{name}.md", tmp_path / f"{name}.md")
    expected = (FIXTURES / "bad" / f"{name}.expected").read_text(encoding="utf-8").strip()
    articles, problems = content.load_articles(tmp_path)
    assert articles == []
    assert [str(p) for p in problems] == [f"{tmp_path}/{expected}"]


def test_all_problems_in_all_files_are_collected(tmp_path: Path) -> None:
    for name in ("missing_title", "bad_date", "bad_bool"):
        shutil.copy(FIXTURES / "bad" / f"{name}.md", tmp_path / f"{name}.md")
    shutil.copy(FIXTURES / "good" / "plain.md", tmp_path / "plain.md")
    articles, problems = content.load_articles(tmp_path)
    assert [a.slug for a in articles] == ["plain"]
    assert len(problems) == 3


def test_one_file_with_several_errors_lists_them_all(tmp_path: Path) -> None:
    path = tmp_path / "many.md"
    path.write_text("---\ntitle: A\ndate: soon\ndate_inferred: 3\n---\nBody\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        content.parse_article(files.read_checked(path, path.parent)[0], path)
    lines = [str(p) for p in info.value.problems]
    assert lines[0] == (f"{path}:1: missing required field 'source'; "
                        "add 'source: ...' to the front matter")
    assert any(line.startswith(f"{path}:3: date: 'soon' is not a date") for line in lines)
    assert any(line.startswith(f"{path}:4: date_inferred:") for line in lines)


def test_unknown_field_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "typo.md"
    path.write_text("---\ntitle: A\nsource: B\ndate: 2021-01-01\nsubtitel: C\n---\nBody\n",
                    encoding="utf-8")
    article, warnings = content.parse_article(files.read_checked(path, path.parent)[0], path)
    assert article.subtitle is None
    assert [str(w) for w in warnings] == [
        f"{path}:5: warning: unknown field 'subtitel' (did you mean \"subtitle\"?); it is ignored"]


def test_crlf_files_load_like_lf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes(b"---\r\ntitle: A\r\nsource: B\r\ndate: 2021-01-01\r\n---\r\nLine\r\n")
    article, _ = content.parse_article(files.read_checked(path, path.parent)[0], path)
    assert article.title == "A" and article.body == "Line"


def test_story_notes_headline_summary_merge(tmp_path: Path) -> None:
    (tmp_path / "s1.md").write_text("---\nheadline: Better\nsummary: Short.\nmerge: [s2]\n---\n"
                                    "Editor *notes*.\n", encoding="utf-8")
    notes, problems = content.load_story_notes(tmp_path)
    assert problems == []
    note = notes["s1"]
    assert (note.headline, note.summary, note.merge, note.body) == (
        "Better", "Short.", ("s2",), "Editor *notes*.")


def test_story_notes_reject_bad_fields(tmp_path: Path) -> None:
    path = tmp_path / "s1.md"
    path.write_text("---\nheadlin: X\nmerge: {a: b}\n---\n", encoding="utf-8")
    _, problems = content.load_story_notes(tmp_path)
    assert [str(p) for p in problems] == [
        f"{path}:2: warning: unknown field 'headlin' (did you mean \"headline\"?); it is ignored",
        f"{path}:3: merge: must be a list of names, e.g. [Afghanistan, Iran]"]


def test_files_read_in_forked_children_load_as_when_read_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many files are read and parsed in forked children: the same articles, warnings and
    errors, in the same order, as one process reading them all."""
    for name in ("missing_title", "bad_date", "bad_bool"):
        shutil.copy(FIXTURES / "bad" / f"{name}.md", tmp_path / f"{name}.md")
    for name in ("plain", "datetime"):
        shutil.copy(FIXTURES / "good" / f"{name}.md", tmp_path / f"{name}.md")
    (tmp_path / "typo.md").write_text("---\ntitle: A\nsource: B\ndate: 2021-01-01\nsubtitel: C\n"
                                      "---\nBody\n", encoding="utf-8")
    here = content.load_articles(tmp_path)
    assert len(here[0]) == 3 and len(here[1]) == 4  # three errors and a warning
    monkeypatch.setattr(content, "MIN_FORKED", 2)
    monkeypatch.setattr(forked, "workers", lambda: 2)
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    parse, parsed_here = content.parse_article, []

    def counted(text: str, path: Path) -> object:
        parsed_here.append(path.name)  # only calls in this process are seen
        return parse(text, path)

    monkeypatch.setattr(content, "parse_article", counted)
    assert content.load_articles(tmp_path) == here
    assert parsed_here == ["bad_bool.md", "bad_date.md", "datetime.md"]  # the other half: a child


def test_story_note_yaml_error_is_reported_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "2021-02-18-rover-lands.md"
    path.write_text("---\nheadline: \"Rover lands\nsummary: The first pictures.\n"
                    "merge: [2021-02-19-rover-pictures]\n---\nNotes.\n", encoding="utf-8")
    _, problems = content.load_story_notes(tmp_path)
    assert [str(p) for p in problems] == [
        f"{path}:2: invalid YAML in front matter: found unexpected end of stream (line 4) while "
        "scanning a quoted scalar; close the quote opened on this line"]


def test_field_lines_count_newlines_only_as_an_editor_does(tmp_path: Path) -> None:
    """U+2028 (pasted from a web page) ends a line for Python's splitlines and for YAML, not in
    the file: a quoted title may hold one."""
    path = tmp_path / "pasted.md"
    path.write_text("---\ntitle: \"Rover lands\u2028in Jezero crater\"\nsource: AP\ndate: soon\n"
                    "subtitel: x\n---\nBody\n", encoding="utf-8")
    assert errors_of(path) == [
        f"{path}:4: date: 'soon' is not a date; write it as YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM:SS+00:00"]
    path.write_text("---\ntitle: \"Rover lands\u2028in Jezero crater\"\nsource: AP\n"
                    "date: 2021-02-18\nsubtitel: x\n---\nBody\n", encoding="utf-8")
    _, warnings = content.parse_article(files.read_checked(path, path.parent)[0], path)
    assert [str(w) for w in warnings] == [
        f"{path}:5: warning: unknown field 'subtitel' (did you mean \"subtitle\"?); it is ignored"]


@pytest.mark.parametrize("below", ["", "\n", "\n\n   \n\t\n", "  "])
def test_an_article_with_no_text_below_its_front_matter_is_a_warning(
        below: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text(f"---\ntitle: A\nsource: B\ndate: 2021-01-01\n---\n{below}", encoding="utf-8")
    _, warnings = content.parse_article(files.read_checked(path, path.parent)[0], path)
    assert [str(w) for w in warnings] == [  # line 5 closes the front matter
        f"{path}:6: warning: the article has no text below its front matter; write the report "
        "below the closing '---'"]
    path.write_text("---\ntitle: A\nsource: B\ndate: 2021-01-01\n---\n\n\nText.\n", "utf-8")
    assert content.parse_article(files.read_checked(path, path.parent)[0], path)[1] == []


def test_story_note_with_a_control_character_is_refused_on_its_line(tmp_path: Path) -> None:
    """A note's summary and body reach the story page and its feed entry (#22 row 1)."""
    path = tmp_path / "2021-02-18-rover-lands.md"
    path.write_text("---\nheadline: Rover lands\nsummary: The first pictures.\n---\n\n"
                    "Editor notes.\n\nMore \x1b[0m notes.\n", encoding="utf-8")
    notes, problems = content.load_story_notes(tmp_path)
    assert notes == {}
    assert [str(p) for p in problems] == [
        f"{path}:8: character U+001B (a control character) is not allowed; delete it"]


@pytest.mark.parametrize(("value", "shown"), [
    ("[" + ", ".join(["abc"] * 10_000) + "]", "['abc', 'abc', 'abc', 'abc', 'abc', 'abc', ...]"),
    ("x" * 10_000, repr("x" * 60 + "...")),
    ("{a: {b: {c: [1, 2]}}}", "{'a': {'b': {...}}}"),
])
def test_a_value_in_a_message_is_cut_short(value: str, shown: str, tmp_path: Path) -> None:
    """The whole value went into the message: an alias bomb's repr took a minute, then
    MemoryError (#22 row 4)."""
    path = tmp_path / "long.md"
    path.write_text(f"---\ntitle: A\nsource: B\ndate: {value}\n---\nBody\n", encoding="utf-8")
    assert errors_of(path) == [
        f"{path}:4: date: {shown} is not a date; write it as YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM:SS+00:00"]


def test_front_matter_keys_twice_in_a_nested_mapping_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "images.md"
    path.write_text("---\ntitle: A\nsource: B\ndate: 2021-01-01\nimages:\n  - caption: One\n"
                    "    credit: AP\n    caption: Two\n---\nBody\n", encoding="utf-8")
    assert errors_of(path) == [
        f"{path}:8: duplicate field 'caption' (also on line 6): keep one"]
