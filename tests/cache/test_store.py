"""The build cache: a key -> bytes store that never fails a build, and keys that follow data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.cache import store as cache
from generator.config import SiteConfig
from generator.model import Article, Story

THEME = Path(__file__).resolve().parents[2] / "themes" / "default"


def story(body: str = "Body.", folder: str = "/a") -> Story:
    article = Article(slug="one", path=Path(folder) / "one.md", title="One", source="AP",
                      date=dt.date(2024, 1, 2), body=body)
    return Story(id="2024-01-02-one", headline="One", summary="S", articles=(article,),
                 lead=article)


def test_store_round_trip_and_missing_keys(tmp_path: Path) -> None:
    with cache.Cache(tmp_path / "c" / "db.sqlite3") as store:
        store.put_many({"a": b"1", "b": b"2"})
        assert store.get_many(["a", "b", "c"]) == {"a": b"1", "b": b"2"}
    with cache.Cache(tmp_path / "c" / "db.sqlite3") as store:  # persisted
        assert store.get_many(["b"]) == {"b": b"2"}


def test_many_keys_are_fetched_in_batches(tmp_path: Path) -> None:
    items = {f"k{i}": str(i).encode() for i in range(1_234)}
    with cache.Cache(tmp_path / "db.sqlite3") as store:
        store.put_many(items)
        assert store.get_many(items) == items


def test_an_unusable_cache_keeps_nothing_and_raises_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with cache.Cache(blocker / "db.sqlite3") as store:
        store.put_many({"a": b"1"})
        assert store.get_many(["a"]) == {}
    with cache.Cache(None) as store:
        assert store.get_many(["a"]) == {}


def test_story_key_follows_the_data_not_the_folder() -> None:
    site = "site"
    assert cache.story_key(site, story()) == cache.story_key(site, story(folder="/elsewhere"))
    assert cache.story_key(site, story()) != cache.story_key(site, story(body="Other."))
    assert cache.story_key(site, story()) != cache.story_key("other site", story())


def test_site_key_follows_settings_not_folders(tmp_path: Path) -> None:
    cfg = SiteConfig(content_dir=tmp_path / "c", output_dir=tmp_path / "o", theme_dir=THEME)
    moved = replace(cfg, content_dir=tmp_path / "x", output_dir=tmp_path / "y")
    assert cache.site_key(cfg) == cache.site_key(moved)
    assert cache.site_key(cfg) != cache.site_key(replace(cfg, title="Another title"))


def test_story_key_is_the_same_with_remembered_digests() -> None:
    digests = cache.ArticleDigests()
    one = story()
    assert cache.story_key("site", one, digests) == cache.story_key("site", one)
    digests.remember(one.articles[0], "remembered")  # the memo's word is taken as given
    assert cache.story_key("site", one, digests) != cache.story_key("site", one)
    other = story(body="Other.")  # another object: hashed, not looked up
    assert digests(other.articles[0]) == cache.article_digest(other.articles[0])


def test_lazy_pages_load_a_group_only_when_one_of_its_pages_is_read() -> None:
    loads: list[str] = []

    def loader(name: str, pages: dict[str, bytes]) -> Callable[[], dict[str, bytes]]:
        return lambda: loads.append(name) or pages

    pages = cache.LazyPages({"index.html": b"home"})
    pages.add_group({"a/1.html": b"d1", "a/2.html": b"d2"},
                    loader("a", {"a/1.html": b"one", "a/2.html": b"two"}))
    other = cache.LazyPages()
    other.add_group({"b.html": b"db"}, loader("b", {"b.html": b"bee"}))
    other.searchable.add("b.html")
    pages.update(other)
    assert sorted(pages) == ["a/1.html", "a/2.html", "b.html", "index.html"]
    assert len(pages) == 4 and "b.html" in pages and "c.html" not in pages
    assert pages.digests == {"a/1.html": b"d1", "a/2.html": b"d2", "b.html": b"db"}
    assert pages.searchable == {"b.html"} and loads == []
    assert pages["a/2.html"] == b"two" and pages["a/1.html"] == b"one" and loads == ["a"]
    assert not pages.is_loaded("b.html") and pages["b.html"] == b"bee" and loads == ["a", "b"]
    pages.update({"a/1.html": b"new"})  # an eager page replaces a lazy one, and its digest
    assert pages["a/1.html"] == b"new" and "a/1.html" not in pages.digests and len(pages) == 4


def test_pages_taken_read_each_group_once_and_keep_none() -> None:
    loads: list[str] = []
    pages = cache.LazyPages({"index.html": b"home"})
    pages.add_group({"a/1.html": b"", "a/2.html": b""},
                    lambda: loads.append("a") or {"a/1.html": b"one", "a/2.html": b"two"})
    taken = pages.take(["a/2.html", "index.html", "a/1.html"])
    assert taken == {"a/2.html": b"two", "index.html": b"home", "a/1.html": b"one"}
    assert loads == ["a"] and not pages.is_loaded("a/1.html")  # read once, not kept
    assert pages["a/1.html"] == b"one" and pages.take(["a/2.html"]) == {"a/2.html": b"two"}
    assert loads == ["a", "a"]  # a group read and kept by a lookup is taken from memory


def test_only_a_cache_with_a_writable_file_stores(tmp_path: Path) -> None:
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        assert store.stores
    assert not cache.Cache(None).stores
    assert not cache.Cache(tmp_path / "c.sqlite3", read_only=True).stores


def test_sweep_removes_what_was_not_used_once_it_piles_up(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with cache.Cache(path) as store:
        store.put_many({"a": b"1" * 1000, "b": b"2" * 1000, "lazy": b"3" * 1000})
    with cache.Cache(path) as store:  # a build that reads a, keeps lazy, stores d
        store.get_many(["a", "missing"])
        store.keep(["lazy"])
        store.put_many({"d": b"4" * 1000})
        assert store.sweep() == 1  # no sweep before: the first one always runs
    with cache.Cache(path) as store:
        assert set(store.get_many(["a", "b", "lazy", "d"])) == {"a", "lazy", "d"}
        assert store.sweep() == 0  # nothing grew: unused entries stay until they pile up
    with cache.Cache(path) as store:
        store.put_many({f"new{n}": bytes(4000) for n in range(100)})  # the cache grows
        assert store.sweep() == 3  # a, lazy and d were not used by this one
        assert len(store.get_many(f"new{n}" for n in range(100))) == 100


def test_sweep_never_runs_on_a_read_only_or_missing_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with cache.Cache(path) as store:
        store.put_many({"a": b"1"})
    with cache.Cache(path, read_only=True) as store:
        assert store.sweep(growth=0) == 0
    with cache.Cache(path) as store:
        assert store.get_many(["a"]) == {"a": b"1"}
    assert cache.Cache(None).sweep(growth=0) == 0
