"""The parts of ``cache.fresh`` (whether a build has anything to do) on their own; the whole of
it, through ``digest build``, is tests/e2e/test_fresh.py."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from generator.cache import fresh
from generator.config import SiteConfig
from generator.util import clock
from generator.write.stamps import Stamp

UTC = dt.UTC


def test_folders_above_the_files_are_every_level_once() -> None:
    assert fresh._folders(["a/b/c/x.html", "a/y.html", "z.html", "a/b/c/w.html", "d/e/f"]) == [
        "a", "a/b", "a/b/c", "d", "d/e"]
    assert fresh._folders(["index.html"]) == []


@pytest.mark.parametrize(("now", "holds"), [
    (dt.datetime(2024, 1, 1, tzinfo=UTC), True),  # the newest article's own moment
    (dt.datetime(2024, 1, 4, 23, 59, tzinfo=UTC), True),
    (dt.datetime(2024, 1, 5, tzinfo=UTC), False),  # the held article's date has come
    (dt.datetime(2023, 12, 31, 23, 59, tzinfo=UTC), False),  # the clock went back before it
])
def test_a_last_build_holds_until_an_article_changes_sides_of_the_clock(
        now: dt.datetime, holds: bool) -> None:
    last = fresh.Last(1, 1, 1, 1, (), shown_through="2024-01-01T00:00:00+00:00",
                      next_release="2024-01-05T00:00:00+00:00")
    assert last.holds_at(now) is holds


def test_a_last_build_with_no_dates_holds_at_any_time() -> None:
    assert fresh.Last(0, 0, 0, 0, ()).holds_at(dt.datetime(1990, 1, 1, tzinfo=UTC))


def test_the_inputs_leave_out_the_cache_the_lock_and_bytecode(tmp_path: Path) -> None:
    content, theme = tmp_path / "content", tmp_path / "theme"
    for folder in (content / ".digest" / ".cache", content / "articles", theme / "__pycache__"):
        folder.mkdir(parents=True)
    (content / "articles" / "a.md").write_text("text")
    cfg = SiteConfig(content_dir=content, output_dir=tmp_path / "output", theme_dir=theme)
    before = fresh.inputs(cfg)
    (content / ".digest" / ".cache" / "build.sqlite3").write_text("x")
    (content / ".digest" / "build.lock").write_text("123")
    (theme / "__pycache__" / "x.pyc").write_text("x")
    (content / "empty folder").mkdir()
    assert fresh.inputs(cfg) == before
    (content / ".digest" / "manifest.json").write_text("{}")
    assert fresh.inputs(cfg) != before


def test_a_file_kept_to_the_whole_second_is_in_doubt_for_two_seconds(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    article = tmp_path / "articles" / "a.md"
    article.write_text("text")
    cfg = SiteConfig(content_dir=tmp_path, output_dir=tmp_path / "output", theme_dir=tmp_path)
    whole = (time.time_ns() // 1_000_000_000 - 1) * 1_000_000_000  # a second ago
    os.utime(article, ns=(whole, whole))
    assert fresh.inputs(cfg) != fresh.inputs(cfg)
    os.utime(article, ns=(whole - 3_000_000_000,) * 2)
    assert fresh.inputs(cfg) == fresh.inputs(cfg)
    os.utime(article, ns=(whole + 1,) * 2)  # a file system that keeps nanoseconds
    assert fresh.inputs(cfg) == fresh.inputs(cfg)


def test_a_symlinked_file_counts_by_its_target_and_a_symlinked_folder_is_in_doubt(
        tmp_path: Path) -> None:
    content, elsewhere = tmp_path / "content", tmp_path / "elsewhere"
    content.mkdir()
    elsewhere.mkdir()
    (elsewhere / "base.html").write_text("one")
    (content / "base.html").symlink_to(elsewhere / "base.html")
    cfg = SiteConfig(content_dir=content, output_dir=tmp_path / "output", theme_dir=content)
    before = fresh.inputs(cfg)
    assert fresh.inputs(cfg) == before
    (elsewhere / "base.html").write_text("two, longer")
    assert fresh.inputs(cfg) != before
    (content / "static").symlink_to(elsewhere)
    assert fresh.inputs(cfg) != fresh.inputs(cfg)


def test_the_outputs_digest_sees_a_file_changed_added_or_gone(tmp_path: Path) -> None:
    out = tmp_path / "output"
    (out / "a" / "b").mkdir(parents=True)
    for rel in ("index.html", "a/b/index.html"):
        (out / rel).write_text("page")
    stamps = {rel: Stamp(b"", st.st_size, st.st_mtime_ns, st.st_ino)
              for rel in ("index.html", "a/b/index.html") for st in [(out / rel).stat()]}
    os.utime(out / "a", ns=(1, 1))  # an earlier tick than the stray file's below
    folders, files_, done = fresh.stamped(out, stamps)
    assert (folders, files_) == (["a", "a/b"], ["a/b/index.html", "index.html"])
    assert done is not None and fresh.outputs(out, folders, files_) == done
    (out / "a" / "stray.html").write_text("x")  # the folder's time moves
    assert fresh.outputs(out, folders, files_) not in (done, None)
    os.remove(out / "a" / "b" / "index.html")
    assert fresh.outputs(out, folders, files_) is None


def test_the_clock_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625702400")
    assert clock.today() == dt.date(2021, 7, 8)
    assert clock.now() == dt.datetime(2021, 7, 8, tzinfo=UTC)
