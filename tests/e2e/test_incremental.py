"""Incremental builds: a warm cache gives byte-identical output to a cold build, unchanged
pages keep their bytes and times, and an edit re-renders only what it touches."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import search
from generator.cache import memo, shards
from generator.cache import store as cache
from generator.cli import main
from generator.model import Article, Story
from generator.render import pages as render
from generator.render import workers as parallel
from tests.e2e.conftest import THEME, modules_a_build_imports, site_args, tree_hash
from tests.helpers import forget_last_build

CACHE = Path(".digest") / ".cache"


def build(root: Path) -> int:
    """A build that runs the whole pipeline, even when nothing changed: these tests are about
    its warm path (a build with nothing to do skips it: tests/e2e/test_fresh.py)."""
    forget_last_build(root)
    return main(site_args(root))


def stats(root: Path) -> dict[str, tuple[int, int]]:
    """Relative path -> (inode, mtime_ns) of every file below root."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def cold_copy(site: Path, tmp_path: Path) -> Path:
    """The same content in another folder with no cache and no output, built cold."""
    other = tmp_path / "cold"
    shutil.copytree(site / "content", other / "content",
                    ignore=shutil.ignore_patterns(".cache"))
    assert not (other / "content" / CACHE).exists()
    assert build(other) == 0
    return other


def test_warm_build_is_byte_identical_to_a_cold_build(site: Path, tmp_path: Path) -> None:
    assert build(site) == 0
    assert (site / "content" / CACHE / "build.sqlite3").is_file()
    assert build(site) == 0  # every story from the cache
    assert tree_hash(site / "output") == tree_hash(cold_copy(site, tmp_path) / "output")


def test_rebuild_without_changes_renders_nothing_and_keeps_every_file(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert build(site) == 0
    before = stats(site / "output")

    def no_rendering(*_args: object) -> None:
        raise AssertionError("a cached story was rendered again")

    monkeypatch.setattr(render, "story_pages", no_rendering)
    assert build(site) == 0
    assert stats(site / "output") == before  # same inodes, same modification times


def test_rebuild_without_changes_reads_no_stored_page_or_search_bundle(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unchanged files are checked by their stamps and their pages' stored digests."""
    assert build(site) == 0
    before = stats(site / "output")

    def unread(*_args: object) -> object:
        return lambda: pytest.fail("stored pages were read")

    monkeypatch.setattr(memo, "_stored_pages", unread)
    monkeypatch.setattr(shards, "_stored_files", unread)
    assert build(site) == 0
    assert stats(site / "output") == before


def test_one_edit_rewrites_only_the_pages_it_touches(site: Path, tmp_path: Path) -> None:
    assert build(site) == 0
    before = stats(site / "output")
    path = site / "content" / "articles" / "port-strike.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\n---\n\n", "\n---\n\nEDITED. ", 1),
                    encoding="utf-8")
    assert build(site) == 0
    after = stats(site / "output")
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    assert "articles/port-strike/index.html" in changed
    assert "articles/rover-lands/index.html" in after
    assert "articles/rover-lands/index.html" not in changed
    assert len(changed) < len(after) // 2
    assert "EDITED." in (site / "output" / "articles" / "port-strike" / "index.html").read_text(
        encoding="utf-8")
    assert tree_hash(site / "output") == tree_hash(cold_copy(site, tmp_path) / "output")


def test_parallel_rendering_gives_the_same_pages(site: Path) -> None:
    assert build(site) == 0
    from generator import build as pipeline
    from generator import config
    from generator.util.progress import Progress

    cfg = config.load(site / "content", site / "output", site_theme())
    stories = pipeline.plan(cfg, Progress()).stories
    many = [s for s in stories for _ in range(parallel.MIN_PARALLEL)]
    serial = list(parallel.render_stories(many, cfg, processes=1))
    assert list(parallel.render_stories(many, cfg, processes=2)) == serial


def test_rendering_begun_and_left_on_an_error_stops_its_workers(site: Path) -> None:
    import multiprocessing

    assert build(site) == 0
    from generator import build as pipeline
    from generator import config
    from generator.util.progress import Progress

    cfg = config.load(site / "content", site / "output", site_theme())
    stories = pipeline.plan(cfg, Progress()).stories
    many = [s for s in stories for _ in range(parallel.MIN_PARALLEL)]
    with parallel.stories_rendered(many, cfg, processes=2) as rendered:
        first = next(rendered)
    assert first == next(parallel.render_stories(many[:1], cfg, processes=1))
    with pytest.raises(KeyError), parallel.stories_rendered(many, cfg, processes=2):
        raise KeyError("a listing failed")
    assert multiprocessing.active_children() == []


def test_a_broken_cache_only_costs_a_cold_build(site: Path, tmp_path: Path) -> None:
    assert build(site) == 0
    database = site / "content" / CACHE / "build.sqlite3"
    for extra in database.parent.glob("build.sqlite3-*"):
        os.unlink(extra)
    database.write_bytes(b"not a database")
    assert build(site) == 0
    assert tree_hash(site / "output") == tree_hash(cold_copy(site, tmp_path) / "output")


def test_seed_site_with_search_index_is_the_same_cold_and_warm(seed_site: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    args = ["build", "--content", str(seed_site / "content"), "--output",
            str(seed_site / "output"), "--theme", str(site_theme()), "--quiet"]
    assert main(args) == 0
    assert any(p.startswith("pagefind/") for p in tree_hash(seed_site / "output"))
    assert main(args) == 0
    other = tmp_path / "cold"
    shutil.copytree(seed_site / "content", other / "content",
                    ignore=shutil.ignore_patterns(".cache"))
    assert main(["build", "--content", str(other / "content"), "--output", str(other / "output"),
                 "--theme", str(site_theme()), "--quiet"]) == 0
    assert tree_hash(seed_site / "output") == tree_hash(other / "output")


def site_theme() -> Path:
    return Path(__file__).resolve().parents[2] / "themes" / "default"


def test_cache_keys_change_with_the_data() -> None:
    assert cache.sha256("a", "bc") != cache.sha256("ab", "c")
    assert cache.sha256("a") == cache.sha256(b"a")


def test_one_edit_is_written_in_place_and_matches_a_cold_build(site: Path,
                                                                tmp_path: Path) -> None:
    assert build(site) == 0
    folder = (site / "output").stat().st_ino
    path = site / "content" / "articles" / "rover-lands.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build(site) == 0
    assert (site / "output").stat().st_ino == folder  # updated in place, not swapped
    assert tree_hash(site / "output") == tree_hash(cold_copy(site, tmp_path) / "output")
    assert sorted(p.name for p in site.iterdir()) == [".digest.lock", "content", "output"]


def test_a_removed_article_leaves_no_page_behind(site: Path, tmp_path: Path) -> None:
    assert build(site) == 0
    (site / "content" / "articles" / "rover-first-pictures.md").unlink()
    assert build(site) == 0
    assert not (site / "output" / "articles" / "rover-first-pictures").exists()
    assert tree_hash(site / "output") == tree_hash(cold_copy(site, tmp_path) / "output")


def test_an_error_in_an_edited_article_is_reported_and_output_kept(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(site) == 0  # every article is now in the parse memo
    before = stats(site / "output")
    path = site / "content" / "articles" / "port-strike.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("\ndate:", "\ndate: someday\nold_date:", 1), encoding="utf-8")
    capsys.readouterr()
    assert build(site) == 1
    line = next(n for n, text in enumerate(good.split("\n"), 1) if text.startswith("date:"))
    assert f"{path}:{line}: date: 'someday' is not a date" in capsys.readouterr().err
    assert stats(site / "output") == before
    path.write_text(good, encoding="utf-8")
    assert build(site) == 0
    assert stats(site / "output") == before  # back as it was: nothing rewritten


@pytest.mark.parametrize("scanner", ["child", "thread", "child that dies"])
def test_output_changed_behind_the_builds_back_is_repaired(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scanner: str) -> None:
    """Whoever scans output/ (a child forked as the build starts, or a thread when forking
    is unsafe; the build itself when the child dies), every change made by hand is seen."""
    from generator.util import forked
    from generator.write import stamps
    from generator.write import tree as write

    assert build(site) == 0
    expected = tree_hash(site / "output")
    page = site / "output" / "articles" / "rover-lands" / "index.html"
    page.write_bytes(b"vandalised")
    (site / "output" / "extra.html").write_bytes(b"not from the build")
    monkeypatch.setattr(forked, "can_fork", lambda: scanner != "thread")  # pytest's threads
    scanned_by = tmp_path / "scanned-by"
    real_scan = stamps.scan

    def scan(output_dir: Path, last: dict[str, stamps.Stamp]) -> stamps.OnDisk:
        if scanner == "child that dies" and os.getpid() != here:
            os._exit(1)
        scanned_by.write_text(str(os.getpid()))
        return real_scan(output_dir, last)

    here = os.getpid()
    monkeypatch.setattr(write, "scan", scan)
    assert build(site) == 0
    assert tree_hash(site / "output") == expected
    assert (int(scanned_by.read_text()) != here) == (scanner == "child")


def test_a_warm_rebuild_in_a_new_process_imports_neither_the_clusterer_nor_jinja2(
        site: Path) -> None:
    assert build(site) == 0
    forget_last_build(site)  # the pipeline's warm path, not the check before it
    assert modules_a_build_imports(site, ("sklearn", "scipy", "trafilatura", "jinja2")) == "0 []"


def test_the_scan_made_meanwhile_leaves_no_thread_behind() -> None:
    """A build that may not fork reads output/ in a thread while Pagefind runs; the thread
    ends with it."""
    import threading
    import time

    from generator.write import session

    before = threading.active_count()
    assert session.meanwhile(lambda: "b").result() == "b"
    deadline = time.monotonic() + 10
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() == before


def test_build_and_serve_collect_reference_cycles_less_often(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import cli

    thresholds: list[tuple[int, ...]] = []
    monkeypatch.setattr(cli.gc, "set_threshold", lambda *t: thresholds.append(t))
    monkeypatch.setattr(cli, "run_build", lambda _args: 0)
    assert main(["build"]) == 0
    assert len(thresholds) == 1 and thresholds[0][0] >= cli.GC_YOUNG
    monkeypatch.setattr(cli, "run_check", lambda _args: 0)
    assert main(["check"]) == 0 and len(thresholds) == 1  # short commands keep the default


def test_builds_handed_the_last_ones_memory_match_a_cold_build(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``digest serve``'s rebuilds (``memo.Recent``): parses and output stamps come from the
    last build in memory, not from the cache, and the output is the cold build's."""
    from generator import build as pipeline
    from generator import config

    cfg = config.load(site / "content", site / "output", THEME)
    recent = pipeline.build(cfg).recent
    assert recent.parses and recent.stamps[cfg.output_dir] and recent.stories
    article = site / "content" / "articles" / "port-strike.md"
    article.write_text(article.read_text("utf-8").replace("Dock workers", "Dockers"), "utf-8")

    def not_from_the_cache(*_args: object) -> None:
        raise AssertionError("read from the cache, not from memory")

    with monkeypatch.context() as patched:
        patched.setattr(memo, "load_stamps", not_from_the_cache)
        patched.setattr(memo, "_decode", not_from_the_cache)
        pipeline.build(cfg, recent=recent)
    assert "Dockers" in (site / "output" / "articles" / "port-strike" / "index.html").read_text()
    assert tree_hash(site / "output") == tree_hash(cold_copy(site, tmp_path) / "output")


def test_the_cache_stops_growing_and_keeps_what_the_next_build_needs(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a sweep after every build (``SWEEP_GROWTH`` 1), edits do not pile up entries, and
    what was swept was not needed: a no-change build renders and indexes nothing, and an
    output file removed by hand comes back from the entries kept for lazy reading."""
    import sqlite3

    monkeypatch.setattr(cache, "SWEEP_GROWTH", 1.0)
    monkeypatch.setattr(search, "SHARD_PAGES", 1)  # an edit re-indexes its story's pages only
    monkeypatch.setattr(search, "index", lambda pages, language: {"pages.txt": b"".join(
        pages[path] for path in sorted(pages))})
    path = site / "content" / "articles" / "port-strike.md"
    counts = []
    for n in range(4):
        path.write_text(path.read_text("utf-8").replace("\n---\n\n", f"\n---\n\nEdit {n}. ", 1),
                        encoding="utf-8")
        assert build(site) == 0
        with sqlite3.connect(site / "content" / CACHE / "build.sqlite3") as db:
            counts.append(db.execute("SELECT count(*) FROM blobs").fetchone()[0])
    assert counts[1] == counts[2] == counts[3], counts

    def no_rendering(*_args: object) -> None:
        raise AssertionError("a story was rendered again")

    with monkeypatch.context() as patched:
        patched.setattr(render, "story_pages", no_rendering)
        patched.setattr(search, "index", no_rendering)
        assert build(site) == 0
        removed = [site / "output" / "articles" / "rover-lands" / "index.html",
                   *sorted((site / "output" / "pagefind").glob("*/pages.txt"))]
        assert len(removed) >= 3  # an article page and each search shard's bundle (2 stories)
        for file in removed:
            file.unlink()
        assert build(site) == 0
    assert all(file.is_file() for file in removed)
    assert tree_hash(site / "output") == tree_hash(cold_copy(site, tmp_path) / "output")


def test_parses_a_build_took_from_memory_survive_its_sweep(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``digest serve`` takes unchanged parses from memory, without asking the cache for them:
    they are still marked used, so a later ``digest build`` does not parse every file again."""
    from generator import build as pipeline
    from generator import config, content

    monkeypatch.setattr(cache, "SWEEP_GROWTH", 1.0)
    cfg = config.load(site / "content", site / "output", THEME)
    recent = pipeline.build(cfg).recent
    article = site / "content" / "articles" / "port-strike.md"
    article.write_text(article.read_text("utf-8").replace("Dock workers", "Dockers"), "utf-8")
    pipeline.build(cfg, recent=recent)  # stores the edit's entries, then sweeps

    def no_parsing(*_args: object) -> None:
        raise AssertionError("a file was parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(content, "parse_article", no_parsing)
        assert build(site) == 0


def test_a_first_build_writes_its_pages_while_it_indexes_them(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    staged: list[int] = []

    def index(pages: dict[str, bytes], language: str) -> dict[str, bytes]:
        staged.append(len(list(site.glob(".output.new-*/articles/*/index.html"))))
        return {"pagefind-entry.json": b"{}"}

    monkeypatch.setattr(search, "index", index)
    assert build(site) == 0
    articles = len(list((site / "content" / "articles").glob("*.md")))
    assert staged and staged[0] == articles  # written before the index was begun
    assert (site / "output" / "pagefind" / "0" / "pagefind-entry.json").read_bytes() == b"{}"
    assert [p.name for p in site.iterdir() if p.name.startswith(".output")] == []


def test_a_first_build_that_fails_leaves_no_output_and_no_staging(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.errors import DigestError

    def failing(pages: dict[str, bytes], language: str) -> dict[str, bytes]:
        raise DigestError("search index: Pagefind failed (exit 1: out of memory)")

    monkeypatch.setattr(search, "index", failing)
    assert build(site) != 0
    assert sorted(p.name for p in site.iterdir()) == [".digest.lock", "content"]


def test_a_build_hashes_each_story_once(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key of a story's pages and those of the editions it is in whole (the same story
    object) come from one hash of its data, whether the build is cold, warm or edited."""
    hashed: list[Story] = []
    data = cache.story_data

    def counted(story: Story, digest_of: Callable[[Article], str] | None = None) -> str:
        hashed.append(story)  # held: no id is reused
        return data(story, digest_of)

    monkeypatch.setattr(cache, "story_data", counted)
    path = site / "content" / "articles" / "rover-lands.md"
    for edit in ("", "\nOne more line.\n"):
        path.write_text(path.read_text(encoding="utf-8") + edit, encoding="utf-8")
        del hashed[:]
        assert build(site) == 0
        longest = {s.id: max(len(t.articles) for t in hashed if t.id == s.id) for s in hashed}
        whole = Counter(s.id for s in hashed if len(s.articles) == longest[s.id])
        assert whole and set(whole.values()) == {1}  # each story's whole data: hashed once
        assert len({id(s) for s in hashed}) == len(hashed)  # and each as it stood, once


def test_an_edit_begins_the_search_index_before_it_makes_the_listings(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its few stories render in this process: nothing runs beside the listings, so they
    are made while Pagefind indexes the edited story's shard."""
    assert build(site) == 0
    events: list[str] = []
    begin, listings = shards.begin, memo.listings

    def begun(*args: Any, **kwargs: Any) -> shards.Begun:
        events.append("search begun")
        return begin(*args, **kwargs)

    def listed(*args: Any, **kwargs: Any) -> memo.Remembered:
        events.append("listings")
        return listings(*args, **kwargs)

    monkeypatch.setattr(shards, "begin", begun)
    monkeypatch.setattr(memo, "listings", listed)
    path = site / "content" / "articles" / "rover-lands.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build(site) == 0
    assert events == ["search begun", "listings"]
