"""inbox.py: which raw files still need an article, slugs, and never overwriting an article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import content
from generator.errors import ContentError
from generator.ingest import inbox, manifest
from generator.model import Image, Report
from generator.util import files
from tests.helpers import article


def test_pending_files_skip_ingested_hidden_and_unknown_types(tmp_path: Path) -> None:
    box = tmp_path / "inbox"
    box.mkdir()
    for name in ("a.txt", "b.html", "c.html.gz", "d.md", ".hidden.txt", "e.pdf", "f.TXT"):
        (box / name).write_text("x", encoding="utf-8")
    done = article("a", raw="inbox/a.txt")
    names = [p.name for p in inbox.pending_files(tmp_path, [done]).pending]
    assert names == ["b.html", "c.html.gz", "d.md", "f.TXT"]


def test_no_inbox_folder_means_nothing_pending(tmp_path: Path) -> None:
    assert inbox.pending_files(tmp_path, []) == inbox.Waiting(pending=(), deleted=())


def test_an_ingested_file_whose_article_was_deleted_is_not_pending(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "articles").mkdir()
    for name in ("deleted", "marked", "renamed", "unnamed", "new"):
        (tmp_path / "inbox" / f"{name}.txt").write_text("x", encoding="utf-8")
    (tmp_path / "articles" / "unnamed.md").write_text("x", encoding="utf-8")

    def entry(slug: str, removed: bool = False) -> manifest.Entry:
        return manifest.Entry("1", slug, "2", "s", removed)

    entries = {"inbox/deleted.txt": entry("deleted"), "inbox/marked.txt": entry("marked", True),
               "inbox/renamed.txt": entry("renamed"), "inbox/unnamed.txt": entry("unnamed")}
    renamed = article("renamed-by-editor", raw="inbox/renamed.txt")
    waiting = inbox.pending_files(tmp_path, [renamed], entries)
    # unnamed.md still exists (its raw: was edited away): cleaned again, as before
    assert [p.name for p in waiting.pending] == ["new.txt", "unnamed.txt"]
    assert waiting.deleted == ("inbox/deleted.txt",)  # marked.txt was said already


def test_new_slug_is_readable_bounded_and_unique() -> None:
    taken = {"taliban-captures-border-crossing"}
    assert inbox.new_slug("Taliban captures border crossing", "x", taken) == (
        "taliban-captures-border-crossing-2")
    long_slug = inbox.new_slug("word " * 40, "x", set())
    assert len(long_slug) <= 80 and not long_slug.endswith("-")
    assert inbox.new_slug("???", "000_raw-file", set()) == "000-raw-file"


def test_a_slug_cut_short_ends_at_a_word_that_ends_a_phrase() -> None:
    assert inbox.new_slug("Perseverance rover touches down safely on Mars after seven-minute "
                          "descent into Jezero crater to look for signs of ancient life", "x",
                          set()) == ("perseverance-rover-touches-down-safely-on-mars-after-"
                                     "seven-minute-descent")  # not ...-descent-into
    assert inbox.new_slug("Dock workers strike at the port of Felixstowe over pay for the second "
                          "time this year as talks fail", "x", set()) == (
        "dock-workers-strike-at-the-port-of-felixstowe-over-pay-for-the-second-time")
    assert inbox.new_slug("to " * 40, "x", set()) == "-".join(["to"] * 27)  # never emptied
    # as before: inner stop words, the seed's slug, a whole title that ends on one
    assert inbox.new_slug("China says it plans to send astronauts to the moon by 2030 and build "
                          "a research base there", "x", set()) == (
        "china-says-it-plans-to-send-astronauts-to-the-moon-by-2030-and-build-a-research")
    assert inbox.new_slug("Taliban captures key Afghan border crossing with Iran, officials say",
                          "x", set()) == (
        "taliban-captures-key-afghan-border-crossing-with-iran-officials-say")
    assert inbox.new_slug("What the rover is looking for", "x",
                          set()) == "what-the-rover-is-looking-for"


def test_article_meta_round_trips_through_the_loader(tmp_path: Path) -> None:
    report = Report(title="Title: with colon", body="Body *literal* \\*.", source="Reuters",
                    subtitle="Std", publisher="Al Jazeera", dateline="Kabul", author="A B",
                    images=(Image("Cap", "Parwiz/Reuters"), Image("No credit")),
                    tags=("Iran", "Taliban"))
    meta = inbox.article_meta(report, dt.date(2021, 7, 8), True, "2021-07-08-x", "inbox/r.txt")
    assert list(meta) == ["title", "subtitle", "source", "publisher", "date", "date_inferred",
                          "dateline", "author", "images", "tags", "story", "raw"]
    path = tmp_path / "slug.md"
    path.write_text(inbox.render_article(meta, report.body), encoding="utf-8")
    loaded, warnings = content.parse_article(files.read_checked(path, path.parent)[0], path)
    assert warnings == []
    assert (loaded.title, loaded.subtitle, loaded.source, loaded.publisher) == (
        "Title: with colon", "Std", "Reuters", "Al Jazeera")
    assert loaded.date == dt.date(2021, 7, 8) and loaded.date_inferred
    assert loaded.images == report.images and loaded.tags == report.tags
    assert (loaded.story, loaded.raw, loaded.body) == ("2021-07-08-x", "inbox/r.txt", report.body)


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("editor's text", encoding="utf-8")
    with pytest.raises(ContentError, match="appeared during the build"):
        inbox.write_new(tmp_path, [("a", "build text")])
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "editor's text"


