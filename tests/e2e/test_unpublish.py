"""Unpublishing: a deleted ingested article stays deleted (said once), ``digest reingest``
brings it back, a renamed one is not deleted, and deleting its inbox file too drops nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from tests.e2e.conftest import site_args

RAW = "inbox/001_harbour.txt"


def record(root: Path) -> dict[str, dict[str, object]]:
    path = root / "content" / ".digest" / "ingested.json"
    ingested: dict[str, dict[str, object]] = json.loads(path.read_text("utf-8"))["ingested"]
    return ingested


def ingested(root: Path) -> tuple[str, str, Path]:
    """Build the site with its inbox report; its slug, story and article file."""
    assert main(site_args(root)) == 0
    entry = record(root)[RAW]
    slug, story = str(entry["slug"]), str(entry["story"])
    return slug, story, root / "content" / "articles" / f"{slug}.md"


def build_err(root: Path, capsys: pytest.CaptureFixture[str], command: str = "build") -> str:
    capsys.readouterr()
    assert main(site_args(root, command)) == 0
    return capsys.readouterr().err


def published(root: Path) -> dict[str, str]:
    """slug -> story id of every report on the site."""
    data = json.loads((root / "output" / "stories.json").read_text("utf-8"))
    return {r["slug"]: s["id"] for s in data["stories"] for r in s["reports"]}


def test_deleted_article_stays_unpublished_said_once_and_reingest_restores_it(
        site_with_inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with_inbox
    slug, story, article = ingested(site)
    article.unlink()
    note = (f"{site / 'content' / RAW}: note: its article articles/{slug}.md was deleted; it "
            f"stays unpublished: run 'digest reingest {slug}' to bring it back (said once)")
    assert note in build_err(site, capsys, "check").splitlines()  # as the next build will say
    assert "removed" not in record(site)[RAW]  # check writes nothing
    assert build_err(site, capsys).splitlines().count(note) == 1
    assert not article.exists() and slug not in published(site)
    assert record(site)[RAW]["removed"] is True
    assert note not in build_err(site, capsys)  # said once: the record remembers it
    assert note not in build_err(site, capsys, "check")
    assert not article.exists() and slug not in published(site)
    assert len(list((site / "content" / "articles").glob("*.md"))) == 3
    capsys.readouterr()
    assert main(["reingest", slug, "--content", str(site / "content")]) == 0
    assert capsys.readouterr().out == (f"restored {article} from its inbox file; run 'digest "
                                       "build' to publish it\n")
    assert article.is_file() and f"raw: {RAW}\n" in article.read_text("utf-8")
    assert "removed" not in record(site)[RAW]
    assert main(site_args(site)) == 0
    assert published(site)[slug] == story  # back at its old URL, in its old story


def test_renamed_article_is_not_deleted_a_deleted_one_is(
        site_with_inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with_inbox
    (site / "content" / "inbox" / "002_bridge.txt").write_text(
        "Bridge reopens after repairs\n\nBy Sam Lee\n\nLEEDS, March 4 (Reuters) - The old "
        "bridge over the river reopened on Thursday after a year of repairs, the council said."
        "\n", encoding="utf-8")
    slug, _, article = ingested(site)
    bridge = str(record(site)["inbox/002_bridge.txt"]["slug"])
    renamed = article.with_name("harbour-reopens.md")
    assert renamed != article
    article.rename(renamed)
    (site / "content" / "articles" / f"{bridge}.md").unlink()
    notes = [line for line in build_err(site, capsys).splitlines() if "was deleted" in line]
    assert notes == [f"{site / 'content' / 'inbox' / '002_bridge.txt'}: note: its article "
                     f"articles/{bridge}.md was deleted; it stays unpublished: run 'digest "
                     f"reingest {bridge}' to bring it back (said once)"]
    assert sorted(p.name for p in (site / "content" / "articles").glob("*.md")) == [
        "harbour-reopens.md", "port-strike.md", "rover-first-pictures.md", "rover-lands.md"]
    assert "harbour-reopens" in published(site) and slug not in published(site)
    assert "removed" not in record(site)[RAW]
    assert record(site)["inbox/002_bridge.txt"]["removed"] is True


def test_deleting_the_inbox_file_too_drops_nothing_and_says_nothing(
        site_with_inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with_inbox
    slug, _, article = ingested(site)
    before = record(site)
    raw = site / "content" / RAW
    text = raw.read_bytes()
    article.unlink()
    raw.unlink()
    assert "was deleted" not in build_err(site, capsys)
    assert record(site) == before
    raw.write_bytes(text)  # restored from version control: still unpublished, said once
    assert build_err(site, capsys).count(f"its article articles/{slug}.md was deleted") == 1
    assert not article.exists()


def test_a_new_report_does_not_take_the_slug_of_a_deleted_article(
        site_with_inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with_inbox
    slug, _, article = ingested(site)
    text = (site / "content" / RAW).read_text("utf-8")
    article.unlink()
    assert main(site_args(site)) == 0
    # the same headline again, from another outlet: it must not take the deleted one's URL
    (site / "content" / "inbox" / "003_again.txt").write_text(text.replace("Reuters", "AP"),
                                                               encoding="utf-8")
    assert main(site_args(site)) == 0
    again = str(record(site)["inbox/003_again.txt"]["slug"])
    assert again != slug and not article.exists()
    capsys.readouterr()
    assert main(["reingest", slug, "--content", str(site / "content")]) == 0
    assert capsys.readouterr().out == (f"restored {article} from its inbox file; run 'digest "
                                       "build' to publish it\n")
    assert article.is_file() and f"raw: {RAW}\n" in article.read_text("utf-8")
