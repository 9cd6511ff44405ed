"""Broken and hostile site settings (#22 rows 1, 4, 5, 6, 12): content/site.yaml and
content/about.md give one line naming the file and line and the fix, exit 1, no traceback,
for `digest check` and `digest build` alike; nothing is read or written outside the folders."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import search
from generator.cli import main
from tests.e2e.conftest import WORKFLOW, site_args, tree_hash
from tests.e2e.test_bad_input import error_lines as problem_lines

Setup = Callable[[Path], list[str]]  # writes the bad settings, returns the expected lines
LIMIT_S = 10.0
FIX_QUOTE = "close the quote opened on this line"


def settings(content: Path, text: str) -> Path:
    path = content / "site.yaml"
    path.write_text(f"title: Workflow Digest\nbase_url: https://digest.example/\n{text}",
                    encoding="utf-8")
    return path


def language_that_is_a_path(c: Path) -> list[str]:
    """Pagefind named its files after it: they were written outside --output (row 5)."""
    p = settings(c, 'language: "../../../../../../elsewhere/p"\n')
    return [f"{p}:3: language: '../../../../../../elsewhere/p' is not a language tag; write "
            "one such as 'en' or 'en-GB'"]


def base_url_without_a_host(c: Path) -> list[str]:
    p = settings(c, "")
    p.write_text('title: Workflow Digest\nbase_url: "https:///news/"\n', encoding="utf-8")
    return [f"{p}:2: base_url: 'https:///news/' is not an http(s) address with a host; write "
            "one such as 'https://example.org/'"]


def about_linked_to_the_password_file(c: Path) -> list[str]:
    """It was published at /about/ (row 6)."""
    about = c / "about.md"
    about.symlink_to("/etc/passwd")
    return [f"{about}: refused: a symlink to {Path('/etc/passwd').resolve()}, outside the "
            f"content folder {c}; copy the file in instead"]


def site_yaml_linked_from_outside(c: Path) -> list[str]:
    outside = c.parent / "elsewhere.yaml"
    outside.write_text("title: Someone else's settings\n", encoding="utf-8")
    (c / "site.yaml").unlink()
    (c / "site.yaml").symlink_to(outside)
    return [f"{c / 'site.yaml'}: refused: a symlink to {outside.resolve()}, outside the content "
            f"folder {c}; copy the file in instead"]


def settings_not_utf8(c: Path) -> list[str]:
    """A UnicodeDecodeError traceback (row 12)."""
    p = c / "site.yaml"
    p.write_bytes("title: Workflow Digest\n".encode("utf-16"))
    about = c / "about.md"
    about.write_bytes(b"# About\n\nWe read \x81\x8d\x00 the news.\n")
    return [f"{p}:1: not UTF-8 text; save the file as UTF-8",
            f"{about}:3: not UTF-8 text; save the file as UTF-8"]


def values_that_are_no_text(c: Path) -> list[str]:
    """An impossible date and a 5,000-digit number were ValueError tracebacks (row 12)."""
    p = settings(c, f"description: 2021-02-30\nauthor: {'9' * 5000}\n")
    return [f"{p}:3: description: must be text; quote it",
            f"{p}:4: author: must be text; quote it"]


def title_twice(c: Path) -> list[str]:
    p = settings(c, "title: Another Digest\n")
    return [f"{p}:3: title: given twice (first on line 1); keep one of them"]


def unclosed_quote(c: Path) -> list[str]:
    p = c / "site.yaml"
    p.write_text('title: "Workflow Digest\nbase_url: https://digest.example/\n',
                 encoding="utf-8")
    return [f"{p}:1: invalid YAML in site.yaml: found unexpected end of stream (line 3) while "
            f"scanning a quoted scalar; {FIX_QUOTE}"]


def control_characters(c: Path) -> list[str]:
    """lxml refused an ESC in the feeds: a traceback on every build (row 1)."""
    p = settings(c, 'description: "Today\\e[31m in red"\n')
    about = c / "about.md"
    about.write_text("# About\n\nWe read \x1b[31mthe news\x1b[0m.\n", encoding="utf-8")
    return [f"{p}:3: description: character U+001B (a control character) is not allowed; "
            "delete the '\\' escape that writes it",
            f"{about}:3: character U+001B (a control character) is not allowed; delete it "
            "(the file has 2 such characters)"]


def alias_bomb(c: Path) -> list[str]:
    """Nine levels of nine aliases (332 bytes): the message must not be made from the value."""
    levels = ['&a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"&{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    p = settings(c, "author: [" + ", ".join(levels) + "]\n")
    return [f"{p}:3: author: must be text; quote it"]


def failure(site: Path, command: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The error lines of ``digest COMMAND`` on the site, which must exit 1 in time with no
    traceback (settings fail before `check` counts its errors: that line is left out)."""
    capsys.readouterr()
    started = time.perf_counter()
    assert main(site_args(site, command)) == 1, command
    assert time.perf_counter() - started < LIMIT_S, command
    err = capsys.readouterr().err
    assert "Traceback" not in err, command
    return [line for line in problem_lines(err) if not line.startswith("check failed")]


ERRORS: dict[str, Setup] = {setup.__name__: setup for setup in (
    language_that_is_a_path, base_url_without_a_host, about_linked_to_the_password_file,
    site_yaml_linked_from_outside, settings_not_utf8, values_that_are_no_text, title_twice,
    unclosed_quote, control_characters, alias_bomb)}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_settings_exit_1_with_exact_lines_and_output_unchanged(
        name: str, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(site_args(site)) == 0
    before = tree_hash(site / "output")
    expected = ERRORS[name](site / "content")
    assert failure(site, "check", capsys) == expected
    assert failure(site, "build", capsys) == expected
    assert tree_hash(site / "output") == before


@pytest.fixture
def indexed_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The workflow site with the real Pagefind, which works in a folder inside tmp_path (six
    levels down, as deep as the language climbs), so that what it writes is seen."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("CI", raising=False)
    scratch = tmp_path.joinpath("scratch", *"123456")
    scratch.mkdir(parents=True)
    monkeypatch.setattr(search, "scratch_folder", lambda: str(scratch))
    root = tmp_path / "site"
    shutil.copytree(WORKFLOW / "content", root / "content")
    (root / "content" / "inbox").mkdir()
    return root


def test_a_language_that_is_a_path_writes_nothing_outside_the_output(
        indexed_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Row 5, with the real Pagefind: '../' in language put its index files outside."""
    assert main(site_args(indexed_site)) == 0
    assert (indexed_site / "output" / "pagefind" / "0" / "pagefind-entry.json").is_file()

    def outside_output() -> dict[str, str]:
        return {k: v for k, v in tree_hash(tmp_path).items() if not k.startswith("site/output/")}

    expected = language_that_is_a_path(indexed_site / "content")
    before, output_before = outside_output(), tree_hash(indexed_site / "output")
    assert failure(indexed_site, "build", capsys) == expected
    assert outside_output() == before
    assert tree_hash(indexed_site / "output") == output_before
