"""recluster.py: unpinned articles are placed again, pinned ones stay, files change minimally."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import manifest, recluster
from generator.cli import main

QUAKE = ("A magnitude 7.8 earthquake struck central Nepal near Pokhara on Saturday, killing "
         "more than 1,000 people and flattening villages in Gorkha district, officials said. "
         "Rescue teams from India and China reached Kathmandu as aftershocks shook the valley.")
QUAKE_2 = ("Rescuers in Nepal dug through rubble in Gorkha district after Saturday's 7.8 "
           "magnitude earthquake near Pokhara killed more than 1,000 people; teams from India "
           "and China arrived in Kathmandu while aftershocks continued.")
ELECTION = ("Voters in Chile elected a new constitutional assembly on Sunday, with independent "
            "candidates winning most of the 155 seats and the governing coalition trailing "
            "badly in Santiago, according to official results from the electoral service.")


def article(content: Path, slug: str, title: str, body: str, story: str, raw: str | None,
            entries: dict[str, manifest.Entry]) -> Path:
    text = (f"---\ntitle: {title}\nsource: Wire\ndate: 2015-04-25\nstory: {story}\n"
            + (f"raw: {raw}\n" if raw else "") + f"---\n\n{body}\n")
    path = content / "articles" / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    if raw:
        entries[raw] = manifest.Entry(raw_sha256="0" * 64, slug=slug,
                                      article_sha256=manifest.sha256(text.encode()), story=story)
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    entries: dict[str, manifest.Entry] = {}
    article(root, "quake-a", "Earthquake kills 1,000 in Nepal", QUAKE, "old-a", "inbox/a.txt",
            entries)
    article(root, "quake-b", "Nepal rescuers dig after quake", QUAKE_2, "old-b", "inbox/b.txt",
            entries)
    article(root, "chile", "Chile elects constitutional assembly", ELECTION, "old-a",
            "inbox/c.txt", entries)
    manifest.save(root, entries)
    return root


def test_unpinned_articles_regroup_and_keep_an_old_id(content: Path) -> None:
    moves = {m.slug: (m.old, m.new) for m in recluster.plan(content)}
    assert moves["quake-b"] == ("old-b", "old-a")
    assert "quake-a" not in moves
    assert moves["chile"][0] == "old-a" and moves["chile"][1] not in ("old-a", "old-b")


def test_pinned_story_is_never_changed(content: Path) -> None:
    quake_b = content / "articles" / "quake-b.md"
    quake_b.write_text(quake_b.read_text(encoding="utf-8").replace("story: old-b",
                                                                   "story: editor-choice"),
                       encoding="utf-8")
    moves = {m.slug: m.new for m in recluster.plan(content)}
    assert "quake-b" not in moves


def test_apply_rewrites_only_the_story_line_and_the_record(content: Path, tmp_path: Path) -> None:
    path = content / "articles" / "quake-b.md"
    before = path.read_text(encoding="utf-8")
    moves = recluster.plan(content)
    recluster.apply(content, tmp_path / "output", moves)
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("story: old-b", "story: old-a")
    record = {e.slug: e for e in manifest.load(content).values()}
    assert record["quake-b"].story == "old-a"
    assert record["quake-b"].article_sha256 == manifest.sha256(after.encode())
    assert recluster.plan(content) == []  # a second run moves nothing


def test_cli_dry_run_changes_nothing(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {p: p.read_bytes() for p in (content / "articles").iterdir()}
    assert main(["recluster", "--content", str(content), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "quake-b: old-b -> old-a" in out and "would move 2 article(s)" in out
    assert {p: p.read_bytes() for p in (content / "articles").iterdir()} == files


def test_with_story_touches_front_matter_only() -> None:
    text = "---\ntitle: A\nstory: x\n---\n\nstory: not front matter\n"
    assert recluster.with_story(text, "y") == "---\ntitle: A\nstory: y\n---\n\nstory: not front matter\n"
    assert recluster.with_story("---\ntitle: A\n---\nBody\n", "y") == "---\ntitle: A\nstory: y\n---\nBody\n"
