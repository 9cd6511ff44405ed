"""The search index in shards: the split, the shard list, and re-indexing only what changed
(Pagefind itself is replaced by a recorder here; tests/e2e and the browser tests run it)."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from generator import search
from generator.cache import shards
from generator.cache import store as cache
from generator.errors import DigestError
from generator.util import forked
from tests.helpers import modules_loaded


def page(n: int, text: str = "") -> bytes:
    return f"<html><body><article data-pagefind-body>Report {n} {text}</article></body></html>".encode()


def site(count: int) -> dict[str, bytes]:
    pages = {f"articles/a{n}/index.html": page(n) for n in range(count)}
    return pages | {"index.html": b"<html><body>home</body></html>", "feed.xml": b"<rss/>"}


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The page sets handed to Pagefind, one per call."""
    calls: list[set[str]] = []

    def fake(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
        calls.append(set(pages))
        return {"pagefind.js": b"js", "index/x.pf_index": b"".join(
            path.encode() + pages[path] for path in sorted(pages))}

    monkeypatch.setattr(search, "index", fake)
    return calls


SHARD = search.SHARD_PAGES


def test_pages_split_into_a_power_of_two_of_shards_by_path() -> None:
    assert len(search.shard_pages({f"p{n}.html": b"" for n in range(SHARD)})) == 1
    shards = search.shard_pages({f"p{n}.html": b"" for n in range(SHARD + 1)})
    assert len(shards) == 2 and sum(map(len, shards)) == SHARD + 1
    assert min(map(len, shards)) > SHARD * 0.4  # a hash split: about even
    assert len(search.shard_pages({f"p{n}.html": b"" for n in range(SHARD * 4 + 100)})) == 8
    assert search.shard_pages({}) == [{}]


def test_a_page_stays_in_its_shard_when_others_are_added() -> None:
    before = search.shard_pages({f"p{n}.html": b"" for n in range(SHARD * 3 // 2)})
    after = search.shard_pages({f"p{n}.html": b"" for n in range(SHARD * 19 // 10)})
    assert all(set(old) <= set(new) for old, new in zip(before, after, strict=True))


def test_only_marked_pages_are_indexed(indexed: list[set[str]], tmp_path: Path) -> None:
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        bundle = shards.cached_index(site(3), "en", store)
    assert indexed == [{f"articles/a{n}/index.html" for n in range(3)}]
    assert json.loads(bundle[search.SHARDS_FILE]) == ["0/"]
    assert bundle["pagefind/0/pagefind.js"] == b"js"


def test_an_edit_reindexes_only_its_shard(indexed: list[set[str]], tmp_path: Path) -> None:
    pages = site(SHARD * 5 // 2)  # 4 shards
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = shards.cached_index(pages, "en", store)
        assert len(indexed) == 4
        assert json.loads(first[search.SHARDS_FILE]) == ["0/", "1/", "2/", "3/"]
        assert shards.cached_index(pages, "en", store) == first and len(indexed) == 4
        edited = "articles/a7/index.html"
        pages[edited] = page(7, "edited")
        again = shards.cached_index(pages, "en", store)
    assert len(indexed) == 5 and edited in indexed[4]
    assert SHARD * 0.4 < len(indexed[4]) <= SHARD
    changed = {path for path in again if again[path] != first.get(path)}
    shard = next(iter(changed)).split("/")[1]
    assert changed and all(path.startswith(f"pagefind/{shard}/") for path in changed)


def test_deferred_search_keeps_the_last_bundle_of_a_changed_shard(indexed: list[set[str]],
                                                                 tmp_path: Path) -> None:
    """``digest serve`` shows an edit before re-indexing: the changed shard keeps its last
    bundle and is counted as behind; the next build without ``defer`` indexes it."""
    pages = site(SHARD * 3 // 2)  # 2 shards
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = dict(shards.cached_index(pages, "en", store))
        pages["articles/a7/index.html"] = page(7, "edited")
        deferred, behind = shards.bundle_of(pages, "en", store, defer=True)
        assert (behind, len(indexed)) == (1, 2) and dict(deferred) == first
        caught_up, behind = shards.bundle_of(pages, "en", store)
        assert (behind, len(indexed)) == (0, 3) and "articles/a7/index.html" in indexed[2]
        assert dict(caught_up) != first
        new_count = site(SHARD * 5 // 2)  # 4 shards: none has a bundle yet, all are indexed
        _, behind = shards.bundle_of(new_count, "en", store, defer=True)
    assert (behind, len(indexed)) == (0, 7)


def test_without_a_cache_every_shard_is_indexed_each_time(indexed: list[set[str]]) -> None:
    shards.cached_index(site(SHARD * 6 // 5), "en", cache.Cache(None))  # 2 shards
    shards.cached_index(site(SHARD * 6 // 5), "en", cache.Cache(None))
    assert len(indexed) == 4


def test_a_site_with_nothing_to_search_lists_no_shard(indexed: list[set[str]],
                                                      tmp_path: Path) -> None:
    bundle = shards.cached_index({"index.html": b"<html></html>"} | site(0), "en",
                                 cache.Cache(None))
    assert json.loads(bundle[search.SHARDS_FILE]) == ["0/"]  # unmarked pages: all HTML
    bundle = shards.cached_index({"feed.xml": b"<rss/>"}, "en", cache.Cache(None))
    assert bundle == {search.SHARDS_FILE: b"[]"} and len(indexed) == 1


def test_pagefind_bundle_without_its_ready_made_uis(tmp_path: Path) -> None:
    """The real Pagefind program: a complete bundle, the unused UI files left out."""
    bundle = search.index({"a/index.html": page(1, "Herat crossing")}, "en")
    assert {"pagefind.js", "pagefind-entry.json"} <= set(bundle)
    assert any(path.startswith("fragment/") for path in bundle)
    assert not set(bundle) & search.UI_FILES


def test_pagefind_failure_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind")
    with pytest.raises(DigestError, match="search index: Pagefind failed .*pagefind\\[bin\\]"):
        search.index({"a/index.html": page(1)}, "en")


def test_pages_of_one_group_share_a_shard() -> None:
    html = {f"articles/a{n}/index.html": b"" for n in range(SHARD * 3)}
    groups = {path: f"story{n // 3}" for n, path in enumerate(sorted(html))}
    shards = search.shard_pages(html, groups)
    assert len(shards) == 4
    where = {path: k for k, shard in enumerate(shards) for path in shard}
    for story in {f"story{n}" for n in range(SHARD)}:
        assert len({where[p] for p, g in groups.items() if g == story}) == 1


def test_a_shard_just_indexed_is_not_held_once_stored(indexed: list[set[str]],
                                                      tmp_path: Path) -> None:
    """The bundles of a cold build's shards are read back from the cache if a file must be
    written again, not held (they are 175 MB at 50,000 articles); without a cache that
    stores, they are held."""
    pages = site(SHARD * 3 // 2)  # 2 shards
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = shards.cached_index(pages, "en", store)
        assert not first.is_loaded("pagefind/0/pagefind.js")
        assert first["pagefind/1/pagefind.js"] == b"js" and len(indexed) == 2  # not again
    kept = shards.cached_index(pages, "en", cache.Cache(None))
    assert kept.is_loaded("pagefind/0/pagefind.js") and dict(kept) == dict(first)


def test_unchanged_shards_are_read_neither_in_nor_out(indexed: list[set[str]],
                                                      tmp_path: Path) -> None:
    """With the pages' digests known (a warm build's cached pages), an unchanged shard reads
    no page, and its bundle is read from the cache only when a file of it is asked for."""
    import hashlib

    pages = site(SHARD * 3 // 2)  # 2 shards
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = dict(shards.cached_index(pages, "en", store))
        lazy = cache.LazyPages({path: data for path, data in pages.items()
                                if not path.startswith("articles/")})
        stored = {path: data for path, data in pages.items() if path.startswith("articles/")}
        lazy.add_group({path: hashlib.sha256(data).digest() for path, data in stored.items()},
                       lambda: pytest.fail("a page of an unchanged shard was read"))
        lazy.searchable.update(stored)
        again = shards.cached_index(lazy, "en", store)
        assert len(indexed) == 2 and set(again) == set(first)
        assert not again.is_loaded("pagefind/0/pagefind.js")
        assert dict(again) == first
        late = shards.cached_index(pages, "en", store)
    assert dict(late) == first and len(indexed) == 4  # read after the cache closed: indexed


def test_shards_are_indexed_side_by_side_and_come_back_in_order(
        monkeypatch: pytest.MonkeyPatch) -> None:
    threads: set[int] = set()
    both_running = threading.Barrier(2, timeout=10)  # fails unless two run at once

    def fake(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
        threads.add(threading.get_ident())
        both_running.wait()
        return {"which": b"".join(pages[path] for path in sorted(pages))}

    monkeypatch.setattr(search, "index", fake)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    shards = [{f"p{k}.html": f"{k}".encode()} for k in range(4)]
    assert list(search.Indexing(shards, "en").results()) == [{"which": f"{k}".encode()} for k in range(4)]
    assert len(threads) == 2


def test_shards_not_begun_are_dropped_when_the_caller_stops(
        monkeypatch: pytest.MonkeyPatch) -> None:
    begun: list[int] = []

    def slow(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
        begun.append(len(begun))
        time.sleep(0.2)
        return {}

    monkeypatch.setattr(search, "index", slow)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    shards = [{f"p{k}.html": b""} for k in range(8)]
    indexed = search.Indexing(shards, "en").results()
    next(indexed)
    indexed.close()  # what a failure writing the first shard's files does to it
    assert len(begun) <= 4  # the two running, and at most the two begun as they ended


class Files(dict[str, bytes]):
    """A bundle that can be watched with a weak reference."""


def test_a_bundle_handed_on_is_not_kept_by_the_indexing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Dozens of shards' bundles (175 MB at 50,000 articles) must not pile up in memory."""
    monkeypatch.setattr(search, "index", lambda pages, language: Files(x=b"bundle"))
    monkeypatch.setattr(forked, "cores", lambda: 2)
    running = search.Indexing([{f"p{k}.html": b""} for k in range(4)], "en")
    watched = [weakref.ref(files) for files in running.results()]
    gc.collect()
    assert len(watched) == 4 and all(ref() is None for ref in watched)


def test_pagefind_works_in_memory_when_the_system_has_a_memory_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    expected = "/dev/shm" if Path("/dev/shm").is_dir() else None
    assert search.scratch_folder() in (expected, None)
    monkeypatch.setattr(search, "Path", lambda _: tmp_path / "missing")
    assert search.scratch_folder() is None  # no such folder: the default temporary folder


def test_a_shard_indexed_now_comes_with_the_digests_of_its_files(indexed: list[set[str]],
                                                                 tmp_path: Path) -> None:
    """The writer compares files by sha256: those of the files Pagefind just made are known
    (they were hashed to store the shard), so it need not hash them again."""
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        bundle = shards.cached_index(site(3), "en", store)
    made = [path for path in bundle if path.startswith("pagefind/0/")]
    assert made and all(bundle.digests[path] == hashlib.sha256(bundle[path]).digest()
                        for path in made)


def test_a_pagefind_that_hangs_is_stopped_with_a_clear_error(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hang = tmp_path / "pagefind"
    hang.write_text("#!/bin/sh\nexec sleep 600\n")
    hang.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(hang))
    monkeypatch.setattr(search, "TIMEOUT_BASE", 0.5)
    started = time.monotonic()
    with pytest.raises(DigestError, match="Pagefind did not finish 1 pages in 1 s; it was stopped"):
        search.index({"a/index.html": page(1)}, "en")
    assert time.monotonic() - started < 60  # stopped, not waited on for an hour
    assert search.timeout_for(search.SHARD_PAGES) < 600  # a real shard's limit fits its job


def test_scratch_folders_of_dead_builds_are_swept_and_no_others(tmp_path: Path) -> None:
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    left = tmp_path / f"{search.SCRATCH_PREFIX}{dead}-abc"
    (left / "site").mkdir(parents=True)
    (left / "site" / "page.html").write_text("x")
    live = tmp_path / f"{search.SCRATCH_PREFIX}{os.getpid()}-def"
    live.mkdir()
    other = tmp_path / f"other-{dead}-x"
    other.mkdir()
    assert search.sweep_scratch(str(tmp_path)) == [left]
    assert not left.exists() and live.is_dir() and other.is_dir()


def test_pagefind_works_in_a_folder_named_by_the_build(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    seen: list[str] = []
    real = search.tempfile.TemporaryDirectory

    def spy(**kwargs: str) -> object:
        seen.append(kwargs["prefix"])
        return real(**{**kwargs, "dir": str(tmp_path)})

    monkeypatch.setattr(search.tempfile, "TemporaryDirectory", spy)
    search.index({"a/index.html": page(1)}, "en")
    assert seen == [f"{search.SCRATCH_PREFIX}{os.getpid()}-"]


def test_an_index_begun_over_the_story_pages_holds_unless_pages_to_index_join(
        indexed: list[set[str]]) -> None:
    """The build starts Pagefind on the story and article pages before it makes the editions,
    and keeps that bundle only if the editions add nothing it would have indexed."""
    begun = shards.begin(site(3), "en", cache.Cache(None))
    try:
        assert begun.holds_for({"editions/d/index.html": b"<html>unmarked</html>",
                                "editions/d/email.txt": b"text"})
        assert not begun.holds_for({"editions/d/index.html": page(9)})  # a theme marks them
        assert not begun.holds_for({"articles/a1/index.html": page(1, "again")})  # replaced
    finally:
        begun.close()
    unmarked = shards.begin({"a.html": b"<html>a</html>"}, "en", cache.Cache(None))
    unmarked.close()
    assert not unmarked.holds_for({"b.html": b"<html>b</html>"})  # then every page counts
    assert unmarked.holds_for({"feed.json": b"{}"})


def test_pagefind_runs_while_the_caller_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    running, go_on = threading.Event(), threading.Event()

    def fake(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
        running.set()
        assert go_on.wait(10)
        return {"pagefind.js": b"js"}

    monkeypatch.setattr(search, "index", fake)
    begun = shards.begin(site(3), "en", cache.Cache(None))
    assert running.wait(10)  # before anyone asked for the bundle
    go_on.set()
    bundle, behind = begun.finish()
    assert bundle["pagefind/0/pagefind.js"] == b"js" and behind == 0


def test_the_shards_begun_at_once_are_written_out_by_the_caller(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread writing a shard's files while the build renders would wait for the
    interpreter's lock between every two: the caller writes those begun at once."""
    go_on = threading.Event()
    handed: list[Mapping[str, bytes]] = []

    def fake(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
        handed.append(pages)
        assert go_on.wait(10)
        return {}

    monkeypatch.setattr(search, "index", fake)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    shards = [{f"a{k}/index.html": page(k)} for k in range(3)]
    running = search.Indexing(shards, "en")
    staged = [pages for pages in running.staged]
    assert [dict(pages) for pages in staged] == shards[:2]
    assert all((pages.root / "site" / f"a{k}/index.html").read_bytes() == page(k)
               for k, pages in enumerate(staged))  # on disk before a thread ran
    go_on.set()
    assert list(running.results()) == [{}, {}, {}]
    assert all(isinstance(pages, search.Staged) for pages in handed)  # the third one too
    assert not any(pages.root.exists() for pages in running.staged)  # removed once done


def test_shards_given_as_readers_are_read_one_ahead_of_those_running(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build of 50,000 articles indexes dozens of shards: each is read (from the
    build cache) only as a thread is about to be free for it, never all at once."""
    read: list[int] = []
    done: list[int] = []

    def reader(k: int) -> Callable[[], Mapping[str, bytes]]:
        return lambda: read.append(k) or {f"a{k}/index.html": page(k)}

    def fake(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
        assert len(read) - len(done) <= 3  # the two running and the one waiting
        done.append(len(done))
        return {"from": next(iter(pages)).encode()}

    monkeypatch.setattr(search, "index", fake)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    running = search.Indexing([reader(k) for k in range(6)], "en")
    assert read == [0, 1]  # those begun at once: read by the caller, before it goes on
    assert isinstance(running.staged[0], search.Staged) and not hasattr(running.staged[0], "pages")
    assert running.staged[0]["a0/index.html"] == page(0)  # read back from its folder
    results = running.results()
    assert next(results) == {"from": b"a0/index.html"} and read == [0, 1, 2]
    assert list(results) == [{"from": f"a{k}/index.html".encode()} for k in range(1, 6)]
    assert read == list(range(6))


def test_pagefind_is_found_where_its_own_service_finds_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pagefind.service import get_executable

    assert search.executable() == get_executable()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/elsewhere/pagefind")
    assert search.executable() == get_executable() == Path("/elsewhere/pagefind")


def test_finding_pagefind_imports_no_asyncio() -> None:
    """The thread that starts Pagefind on an edited story's shard would wait for it."""
    loaded = modules_loaded("from generator import search\nsearch.executable()")
    assert "pagefind_bin" in loaded and "asyncio" not in loaded
