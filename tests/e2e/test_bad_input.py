"""Every kind of bad input gives one clear line naming the file (and line) and the fix, never
a traceback; errors exit 1 and leave output/ alone, warnings do not fail."""

from __future__ import annotations

import gzip
import os
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.util import files
from tests.e2e.conftest import site_args, tree_hash

Setup = Callable[[Path], list[str]]  # writes the bad input, returns the expected lines


def article(content: Path, name: str, meta: str, body: str = "Body.\n") -> Path:
    path = content / "articles" / name
    path.write_text(f"---\n{meta}---\n\n{body}", encoding="utf-8")
    return path


def malformed_yaml(c: Path) -> list[str]:
    p = article(c, "bad.md", "title: A\nsource: B\ndate: 2021-01-01\ntags: [a, b\n")
    return [f"{p}:5: invalid YAML in front matter: did not find expected ',' or ']' "
            "while parsing a flow sequence; close the '[' opened on this line with ']'"]


def unclosed_quote_on_line_2(c: Path) -> list[str]:
    """The parser finds an unclosed quote at the end of the front matter; the fix is on line 2."""
    p = article(c, "bad.md", 'title: "Rover lands in Jezero crater\nsubtitle: First pictures\n'
                "source: AP\ndate: 2021-02-18\ndateline: Pasadena\nauthor: Jane Doe\n"
                "tags: [Mars, NASA]\nraw: inbox/rover.txt\n")
    return [f"{p}:2: invalid YAML in front matter: found unexpected end of stream (line 9) "
            "while scanning a quoted scalar; close the quote opened on this line"]


def yaml_error_deeper(c: Path) -> list[str]:
    p = article(c, "bad.md", "title: Rover lands\nsource: AP\ndate: 2021-02-18\n"
                "dateline: Pasadena\nauthor: Jane Doe\nsubtitle: NASA says: pictures soon\n"
                "tags: [Mars, NASA]\n")
    q = c / "stories" / "2021-02-18-rover-lands.md"
    q.parent.mkdir()
    q.write_text("---\nheadline: Rover lands\nsummary: 'The first pictures\n---\n",
                 encoding="utf-8")
    return [f"{p}:7: invalid YAML in front matter: mapping values are not allowed in this "
            "context; quote values that contain ': ' or start with a special character",
            f"{q}:3: invalid YAML in front matter: found unexpected end of stream while "
            "scanning a quoted scalar; close the quote opened on this line"]


def wrong_type(c: Path) -> list[str]:
    p = article(c, "bad.md", "title: [a, b]\nsource: B\ndate: 2021-01-01\ndraft: yes please\n")
    return [f"{p}:2: title: must be a single line of text",
            f"{p}:5: draft: must be true or false"]


def missing_field(c: Path) -> list[str]:
    p = article(c, "bad.md", "title: A\ndate: 2021-01-01\n")
    return [f"{p}:1: missing required field 'source'; add 'source: ...' to the front matter"]


def invalid_date(c: Path) -> list[str]:
    p = article(c, "bad.md", "title: A\nsource: B\ndate: 2021-02-30\n")
    q = article(c, "bad2.md", "title: A\nsource: B\ndate: next week\n")
    return [f"{p}:4: invalid value in front matter (day is out of range for month); write "
            "dates as YYYY-MM-DD, or quote the value",
            f"{q}:4: date: 'next week' is not a date; write it as YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM:SS+00:00"]


def duplicate_slug(c: Path) -> list[str]:
    p = article(c, "Port-Strike.md", "title: A\nsource: B\ndate: 2021-01-01\n")
    return [f"{c / 'articles' / 'port-strike.md'}:1: duplicate slug: {p.name} has the same name "
            "up to letter case or accents, and the slug is the article's URL; rename one of "
            "the files"]


def same_name_in_two_unicode_forms(c: Path) -> list[str]:
    """café.md written by macOS (NFD) and by Linux (NFC): one URL for two files (#22 row 19)."""
    composed = article(c, "caf\u00e9.md", "title: A\nsource: B\ndate: 2021-01-01\n")
    decomposed = article(c, "cafe\u0301.md", "title: A\nsource: B\ndate: 2021-01-01\n")
    first, second = sorted((composed, decomposed), key=lambda p: p.name)
    return [f"{second}:1: duplicate slug: {first.name} has the same name up to letter case or "
            "accents, and the slug is the article's URL; rename one of the files"]


def file_name_that_is_no_url(c: Path) -> list[str]:
    """An article named '...md' had the slug '..': its page replaced the home page (row 9)."""
    dots = article(c, "...md", "title: A\nsource: B\ndate: 2021-01-01\n")
    query = article(c, "a?b.md", "title: A\nsource: B\ndate: 2021-01-01\n")
    note = c / "stories" / "a b.md"
    note.parent.mkdir()
    note.write_text("---\nheadline: X\n---\n", encoding="utf-8")
    why = ("cannot be the article's URL (its slug): rename it to letters and digits joined by "
           "'-' and '.md', at most 200 bytes")
    return [f"{dots}:1: the file name '...md' {why}", f"{query}:1: the file name 'a?b.md' {why}",
            f"{note}:1: the file name 'a b.md' is not a story id: name the note after its "
            "story, '<story-id>.md'"]


def story_ids_that_break_urls(c: Path) -> list[str]:
    """A 300-character id was 'File name too long'; '?', '#', '%2e%2e' and tabs broke links
    (rows 11, 13)."""
    why = ("is not a story id (it names a folder and a URL); use letters and digits joined by "
           "'-', at most 200 bytes")
    lines = []
    written = {"x" * 300: "x" * 300, "a?b": "a?b", "'a#b'": "a#b", "'%2e%2e'": "%2e%2e",
               '"a\\tb"': "a\tb"}  # as in the file (YAML) -> the id it reads as
    for n, (yaml_text, story) in enumerate(written.items()):
        p = article(c, f"bad{n}.md", f"title: A\nsource: B\ndate: 2021-01-01\nstory: {yaml_text}\n")
        shown = repr(story[:60] + ("..." if len(story) > 60 else ""))
        lines.append(f"{p}:5: story: {shown} {why}")
    return lines


def story_ids_differing_in_case(c: Path) -> list[str]:
    """'Port-Strike' and 'port-strike' are two stories in one folder on macOS (row 19)."""
    meta = "title: A\nsource: B\ndate: 2021-01-01\nstory: {}\n"
    article(c, "one.md", meta.format("2021-01-01-port-strike"))
    article(c, "two.md", meta.format("2021-01-01-port-strike"))
    odd = article(c, "three.md", meta.format("2021-01-01-Port-Strike"))
    return [f"{odd}:1: story '2021-01-01-Port-Strike' differs from '2021-01-01-port-strike' "
            "only in letter case or accents: they would be two stories with one URL; write "
            "'story: 2021-01-01-port-strike'"]


def unknown_merge(c: Path) -> list[str]:
    (c / "stories").mkdir()
    p = c / "stories" / "2021-02-18-rover-lands.md"
    p.write_text("---\nmerge: [2099-01-01-no-such-story]\n---\n", encoding="utf-8")
    return [f"{p}:2: merge: no story '2099-01-01-no-such-story'; use an id from "
            "output/stories.json or remove it"]


def broken_article_and_unknown_merge(c: Path) -> list[str]:
    """A merge is checked in the same run as the articles, not once they are fixed."""
    expected = wrong_type(c) + unknown_merge(c)
    q = c / "stories" / "2021-03-01-port-strike.md"  # a note naming a story an article has
    q.write_text("---\nmerge: [2021-02-18-rover-lands]\n---\n", encoding="utf-8")
    return expected


def too_big(c: Path) -> list[str]:
    """Limits a build meets in seconds (#22 row 10): a report's text 60 KB, an article 128 KB,
    a saved page 5 MB."""
    p = c / "inbox" / "huge.txt"
    p.write_bytes(b"word " * 14_000)
    q = article(c, "huge.md", "title: A\nsource: B\ndate: 2021-01-01\n", "x" * 140_000)
    r = c / "inbox" / "huge.html"
    r.write_bytes(b"<p>word</p>" * 500_000)
    why = "keep only the report's text in the file"
    return [f"{q}: refused: 136.8 KB is over the 128 KB limit; {why}",
            f"{r}: refused: 5.2 MB is over the 5 MB limit; {why}",
            f"{p}: refused: 68.4 KB is over the 60 KB limit; {why}"]


def pages_too_big_to_clean(c: Path) -> list[str]:
    """A saved page under 5 MB that the cleaner cannot take in seconds (trafilatura's time grows
    faster than the elements: 80,000 paragraphs took 25 s), that unpacks to gigabytes, or whose
    text makes an article over the limit (row 10)."""
    bomb = c / "inbox" / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>word</p>" * 600_000))
    many = c / "inbox" / "many.html"
    many.write_text("<p>word</p>" * 20_001, encoding="utf-8")
    wordy = c / "inbox" / "wordy.html"
    wordy.write_text("".join(f"<p>Paragraph {n} says [this] and *that*, at length.</p>"
                             for n in range(4_000)), encoding="utf-8")
    text = "save the article's own text as a .txt file instead"
    return [f"{bomb}: refused: over the 5 MB limit once uncompressed; save only the article's "
            "page", f"{many}: refused: the page has 20,002 HTML elements, over the 20,000 the "
            f"cleaner takes in seconds; {text}",
            f"{wordy}: refused: its article would be 214.8 KB, over the 128 KB limit of an "
            "article; keep only the report's text in the file"]


def control_characters(c: Path) -> list[str]:
    """ESC in an article's body, or written '\\e' in a quoted field, reached the feeds, where
    lxml raised on it at every build (row 1): refused on its line, the file left as it is."""
    body = article(c, "esc-body.md", "title: A\nsource: B\ndate: 2021-01-01\n",
                   "The rover \x1b[1mlanded\x1b[0m.\n")
    escaped = article(c, "esc-field.md", 'title: "Rover \\e lands"\nsource: B\n'
                      "date: 2021-01-01\n")
    note = c / "stories" / "2021-02-18-rover-lands.md"
    note.parent.mkdir()
    note.write_text("---\nheadline: Rover lands\nsummary: It \x07landed.\n---\n", "utf-8")
    return [f"{body}:7: character U+001B (a control character) is not allowed; delete it (the "
            "file has 2 such characters)",
            f"{escaped}:2: title: character U+001B (a control character) is not allowed; "
            "delete the '\\' escape that writes it",
            f"{note}:3: character U+0007 (a control character) is not allowed; delete it"]


ALIAS_BOMB = "".join(["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
                     + [f"{b}: &{b} [{', '.join(['*' + a] * 10)}]\n"
                        for a, b in zip("abcdefghij", "bcdefghijk", strict=True)]
                     + ["date: *k\n"])  # 10**11 lols: some 600 bytes repr() made gigabytes of


def yaml_alias_bomb(c: Path) -> list[str]:
    """A billion laughs as 'date:' took 36-59 s, then MemoryError (row 4)."""
    assert 500 < len(ALIAS_BOMB) < 650
    p = article(c, "bomb.md", "title: A\nsource: B\n" + ALIAS_BOMB)
    return [f"{p}:4: YAML aliases ('&'/'*') are not allowed in front matter; write the value out"]


def duplicate_fields(c: Path) -> list[str]:
    """PyYAML kept the last of two 'title:' lines without a word (row 19)."""
    p = article(c, "twice.md", "title: Rover lands\nsource: AP\ndate: 2021-02-18\n"
                "dateline: Pasadena\nauthor: Jane Doe\ntitle: Rover lands on Mars\n")
    q = c / "stories" / "2021-02-18-rover-lands.md"
    q.parent.mkdir()
    q.write_text("---\nheadline: A\nsummary: B\nheadline: C\n---\n", encoding="utf-8")
    return [f"{p}:7: duplicate field 'title' (also on line 2): keep one",
            f"{q}:4: duplicate field 'headline' (also on line 2): keep one"]


def symlink_outside(c: Path) -> list[str]:
    outside = c.parent / "secret.txt"
    outside.write_text("---\ntitle: A\nsource: B\ndate: 2021-01-01\n---\nx\n", encoding="utf-8")
    p = c / "articles" / "linked.md"
    q = c / "inbox" / "linked.txt"
    p.symlink_to(outside)
    q.symlink_to(outside)
    return [f"{p}: refused: a symlink to {outside.resolve()}, outside the content folder {c}; "
            "copy the file in instead",
            f"{q}: refused: a symlink to {outside.resolve()}, outside the content folder {c}; "
            "copy the file in instead"]


def symlink_loop(c: Path) -> list[str]:
    """Two links to each other in articles/: a RuntimeError traceback (#22 row 12)."""
    first, second = c / "articles" / "loop-a.md", c / "articles" / "loop-b.md"
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    why = "refused: a loop of symlinks that leads to no file; replace the link with the file itself"
    return [f"{first}: {why}", f"{second}: {why}"]


def raw_out_of_the_content_folder(c: Path) -> list[str]:
    """'digest reingest' read what raw: named, wherever it was (#22: nothing read outside)."""
    p = article(c, "bad.md", "title: A\nsource: B\ndate: 2021-01-01\nraw: ../../etc/passwd\n")
    return [f"{p}:5: raw: '../../etc/passwd' is not a file of the inbox; write it as "
            "'inbox/<file name>', as the build does, or remove the field"]


ERRORS: dict[str, Setup] = {
    "malformed_yaml": malformed_yaml, "unclosed_quote_on_line_2": unclosed_quote_on_line_2,
    "yaml_error_deeper": yaml_error_deeper, "wrong_type": wrong_type,
    "missing_field": missing_field,
    "invalid_date": invalid_date, "duplicate_slug": duplicate_slug,
    "unknown_merge": unknown_merge, "too_big": too_big, "symlink_outside": symlink_outside,
    "broken_article_and_unknown_merge": broken_article_and_unknown_merge,
    "same_name_in_two_unicode_forms": same_name_in_two_unicode_forms,
    "file_name_that_is_no_url": file_name_that_is_no_url,
    "story_ids_that_break_urls": story_ids_that_break_urls,
    "story_ids_differing_in_case": story_ids_differing_in_case,
    "pages_too_big_to_clean": pages_too_big_to_clean, "control_characters": control_characters,
    "yaml_alias_bomb": yaml_alias_bomb, "duplicate_fields": duplicate_fields,
    "symlink_loop": symlink_loop, "raw_out_of_the_content_folder": raw_out_of_the_content_folder,
}


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": warning: " not in line
            and ": note: " not in line and not line.startswith(("check:", "build failed"))]


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_exits_1_with_exact_lines_and_output_unchanged(
        name: str, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(site_args(site)) == 0
    before = tree_hash(site / "output")
    articles_before = tree_hash(site / "content" / "articles")
    expected = ERRORS[name](site / "content")
    for command in ("check", "build"):
        capsys.readouterr()
        assert main(site_args(site, command)) == 1, command
        err = capsys.readouterr().err
        assert "Traceback" not in err
        got = error_lines(err)
        assert len(got) == len(expected), (command, got)
        for line, want in zip(got, expected, strict=True):
            assert line.startswith(want), (command, line)
    assert tree_hash(site / "output") == before
    assert {k: v for k, v in tree_hash(site / "content" / "articles").items()
            if k in articles_before} == articles_before


def test_alias_bomb_is_refused_in_well_under_10_s(site: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Row 4 is about time: the message once took 36-59 s, then MemoryError."""
    expected = yaml_alias_bomb(site / "content")
    started = time.perf_counter()
    assert main(site_args(site)) == 1
    assert time.perf_counter() - started < 10
    assert error_lines(capsys.readouterr().err) == expected


def test_control_characters_in_an_inbox_file_are_removed_with_a_note(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ESC in a scraped report was written into its article, and lxml raised on it in the
    feeds at that build and every later one (row 1): the cleaner drops it and says so."""
    raw = site / "content" / "inbox" / "harbour.txt"
    raw.write_bytes(b"Harbour strike ends\n\nBy Jane Doe\n\nDock workers at the harbour "
                    b"returned to work on \x1b[1mMonday\x1b[0m after the strike ended, the "
                    b"union said in a statement on Monday morning.\x07\n")
    for _ in range(2):  # the article written, then read back by the next build
        assert main(site_args(site)) == 0
        err = capsys.readouterr().err
        assert "Traceback" not in err
    assert main(site_args(site, "build")) == 0
    written = site / "content" / "articles" / "harbour-strike-ends.md"
    text = written.read_text(encoding="utf-8")
    assert "returned to work on Monday after" in text and not files.NOT_TEXT.search(text)
    for feed in ("feed.xml", "atom.xml"):
        ET.fromstring((site / "output" / feed).read_bytes())


def test_a_report_of_the_largest_size_builds_and_its_article_loads_within_10_s(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """4.9 MB of '[' was escaped into a 9.3 MB article that every later build refused (row 10):
    a report's text at its limit makes an article under the article's limit."""
    raw = site / "content" / "inbox" / "brackets.txt"
    head = b"Brackets everywhere\n\n"
    raw.write_bytes(head + b"[" * (files.REPORT_TEXT_BYTES - len(head)))
    started = time.perf_counter()
    assert main(site_args(site)) == 0  # cleaned, written, and built
    assert main(site_args(site)) == 0  # read back from content/articles/
    assert time.perf_counter() - started < 10
    assert "refused" not in capsys.readouterr().err
    made = site / "content" / "articles" / "brackets-everywhere.md"
    assert files.REPORT_TEXT_BYTES * 2 <= made.stat().st_size <= files.ARTICLE_BYTES


def test_unknown_field_is_a_warning_with_a_suggestion(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = article(site / "content", "typo.md", "title: A\nsource: B\ndate: 2021-01-01\n"
                "subtitel: C\n")
    assert main(site_args(site)) == 0
    assert (f"{p}:5: warning: unknown field 'subtitel' (did you mean \"subtitle\"?); it is "
            "ignored") in capsys.readouterr().err.splitlines()


def test_windows_1252_article_is_read_with_a_warning(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = site / "content" / "articles" / "cafe.md"
    p.write_bytes("---\ntitle: Café “opens”\nsource: B\ndate: 2021-01-01\n---\n\nCrème.\n"
                  .encode("cp1252"))
    assert main(site_args(site)) == 0
    assert (f"{p}:2: warning: not UTF-8: read as Windows-1252; check accented letters and "
            "quotes, then save the file as UTF-8") in capsys.readouterr().err.splitlines()
    page = (site / "output" / "articles" / "cafe" / "index.html").read_text("utf-8")
    assert "Café “opens”" in page and "Crème." in page


def test_utf16_article_is_an_error_not_a_guess(site: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    p = site / "content" / "articles" / "wide.md"
    p.write_bytes("---\ntitle: A\n---\n".encode("utf-16"))
    assert main(site_args(site, "check")) == 1
    assert f"{p}:1: not UTF-8 text; save the file as UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "data", "why"), [
    ("empty.txt", b"  \n\n", "the file is empty; paste the report's text into it or delete it"),
    ("image.txt", bytes(range(256)) * 4, "a binary file, not text; save the report as .txt, "
                                         ".html or .md"),
])
def test_empty_or_binary_inbox_file_is_skipped_with_a_warning(
        name: str, data: bytes, why: str, site: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = site / "content" / "inbox" / name
    path.write_bytes(data)
    assert main(site_args(site)) == 0
    assert f"{path}: warning: skipped: {why}" in capsys.readouterr().err.splitlines()
    assert len(list((site / "content" / "articles").glob("*.md"))) == 3


def test_check_lists_problems_and_uncertain_cleaning_and_writes_nothing(
        site_with_inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with_inbox
    content = site / "content"
    p = article(content, "guess.md", "title: A\nsource: Unknown\ndate: 2021-01-01\n"
                "date_inferred: true\n")
    before = tree_hash(content)
    assert main(site_args(site, "check")) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert (f"{p}:5: note: the date was inferred, not stated; check it, then remove "
            "'date_inferred: true'") in lines
    assert f"{p}:3: note: no source was found; set 'source:' to the outlet" in lines
    harbour = content / "inbox" / "001_harbour.txt"
    assert any(line.startswith(f"{harbour}: note: ") for line in lines)
    assert captured.out.startswith("check: 0 error(s), 0 warning(s), ")
    assert tree_hash(content) == before and not (site / "output").exists()


def test_check_exit_1_lists_every_error_in_every_file(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing_field(site / "content")
    article(site / "content", "b.md", "title: [x]\nsource: B\ndate: 2021-01-01\n")
    assert main(site_args(site, "check")) == 1
    captured = capsys.readouterr()
    assert len(error_lines(captured.err)) == 2
    assert captured.out.startswith("check: 2 error(s)")


def test_unreadable_manifest_is_an_error_naming_it(site: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    record = site / "content" / ".digest" / "ingested.json"
    record.parent.mkdir()
    record.write_text("{not json", encoding="utf-8")
    assert main(site_args(site, "check")) == 1
    assert capsys.readouterr().err.startswith(f"{record}: the ingest record is damaged (")


def test_no_traceback_for_a_missing_content_folder(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("check", "build"):
        assert main([command, "--content", str(tmp_path / "nope")]) == 2
        assert "content folder not found" in capsys.readouterr().err
    assert os.listdir(tmp_path) == []
