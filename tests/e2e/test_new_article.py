"""``digest new``: the build writes the story it gives a hand-written article into it once (one
added line), so its URL stays put; ``digest recluster`` may still move it; an editor's save
during the build is never overwritten; an article with no text is a warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator import intake
from generator.cli import main
from tests.e2e.conftest import site_args

TITLE = "Rover drives its first metres on Mars"
SLUG = "rover-drives-its-first-metres-on-mars"
REPORT = "The rover drove its first metres on Mars on Saturday.\n"


def new(root: Path, body: str = REPORT) -> Path:
    """``digest new`` as an editor runs it, then the report written below the front matter."""
    assert main(["new", "--title", TITLE, "--source", "Desk", "--date", "2021-02-20",
                 "--content", str(root / "content")]) == 0
    path = root / "content" / "articles" / f"{SLUG}.md"
    path.write_text(path.read_text("utf-8") + body, encoding="utf-8")
    return path


def story_of(root: Path, slug: str) -> str:
    data = json.loads((root / "output" / "stories.json").read_text("utf-8"))
    return next(s["id"] for s in data["stories"] for r in s["reports"] if r["slug"] == slug)


def test_build_writes_the_story_it_gives_a_new_article_once(site: Path) -> None:
    path = new(site)
    before = path.read_bytes()
    assert main(site_args(site, "check")) == 0
    assert path.read_bytes() == before  # check writes nothing
    assert main(site_args(site)) == 0
    story = story_of(site, SLUG)
    after = path.read_bytes()
    line = f"story: {story}\n".encode()
    assert after == before.replace(b"\n---\n", b"\n" + line + b"---\n", 1)  # one line added
    assert main(site_args(site)) == 0
    assert story_of(site, SLUG) == story and path.read_bytes() == after
    assert (site / "output" / "stories" / story / "index.html").is_file()


def test_recluster_can_still_move_the_story_the_build_wrote(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new(site)
    assert main(site_args(site)) == 0
    story = story_of(site, SLUG)
    assert story != "2021-03-01-port-strike"  # (the rover report may join the rover story)
    text = path.read_text("utf-8")  # the editor makes it a report on the port strike
    path.write_text(text.replace(TITLE, "Dock workers strike at the port over pay")
                    .replace("2021-02-20\n", "2021-03-01\n")
                    .replace(REPORT, "Dock workers walked out on Monday over pay at the port.\n"),
                    encoding="utf-8")
    capsys.readouterr()
    assert main(["recluster", "--content", str(site / "content"),
                 "--output", str(site / "output")]) == 0
    assert f"{SLUG}: {story} -> 2021-03-01-port-strike" in capsys.readouterr().out
    assert main(site_args(site)) == 0
    assert story_of(site, SLUG) == "2021-03-01-port-strike"


def test_an_editor_s_save_during_the_build_is_kept(site: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = new(site)
    saved = path.read_text("utf-8") + "A line the editor saved while the build ran.\n"
    real = intake.record_new

    def editor_saves(content_dir: Path, *args: Any) -> None:
        path.write_text(saved, encoding="utf-8")  # after the build read it, before it writes
        real(content_dir, *args)

    monkeypatch.setattr(intake, "record_new", editor_saves)
    assert main(site_args(site)) == 0
    assert path.read_text("utf-8") == saved
    monkeypatch.undo()
    assert main(site_args(site)) == 0  # the next build writes the story
    assert path.read_text("utf-8") == saved.replace(
        "\n---\n", f"\nstory: {story_of(site, SLUG)}\n---\n", 1)


def test_article_with_no_text_is_a_warning(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new(site, body="")
    capsys.readouterr()
    assert main(site_args(site)) == 0
    assert (f"{path}:6: warning: the article has no text below its front matter; write the "
            "report below the closing '---'") in capsys.readouterr().err.splitlines()
