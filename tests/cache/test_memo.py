"""memo.py: parses, story choices and output stamps remembered between builds, and the lazy
imports that let a warm build skip scikit-learn."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator import content
from generator.cache import memo, reach
from generator.cache import store as cache
from generator.cluster import stories
from generator.config import SiteConfig
from generator.render import feeds, seo
from generator.render import pages as render
from generator.render import workers as parallel
from generator.util import forked
from generator.util.remember import make_all
from generator.write import tree as write
from tests.helpers import modules_loaded

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "---\ntitle: {title}\nsource: AP\ndate: 2024-01-02\n---\n\nThe body.\n"


def articles_dir(tmp_path: Path, count: int = 3) -> Path:
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"a{n}.md").write_text(ARTICLE.format(title=f"Title {n}"), encoding="utf-8")
    return folder


def load(folder: Path, store: cache.Cache) -> tuple[list[content.Article], list[str]]:
    articles, problems = memo.load_articles(folder, memo.ArticleMemo(store))
    return articles, [str(p) for p in problems]


def no_parsing(*_args: object) -> None:
    raise AssertionError("an unchanged file was parsed again")


def test_unchanged_articles_are_not_parsed_again(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = articles_dir(tmp_path)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = load(folder, store)
        monkeypatch.setattr(content, "parse_article", no_parsing)
        assert load(folder, store) == first
    assert [a.title for a in first[0]] == ["Title 0", "Title 1", "Title 2"]


def test_an_edited_article_is_parsed_again(tmp_path: Path) -> None:
    folder = articles_dir(tmp_path)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        load(folder, store)
        (folder / "a1.md").write_text(ARTICLE.format(title="Edit"), encoding="utf-8")
        articles, _ = load(folder, store)
    assert [a.title for a in articles] == ["Title 0", "Edit", "Title 2"]


def test_errors_are_reported_every_time_and_warnings_are_kept(tmp_path: Path) -> None:
    folder = articles_dir(tmp_path)
    (folder / "a0.md").write_text(ARTICLE.format(title="T") + "", encoding="utf-8")
    (folder / "a1.md").write_text(ARTICLE.format(title="T").replace("date: 2024-01-02",
                                                                   "date: someday"))
    (folder / "a2.md").write_text(ARTICLE.format(title="T").replace("source: AP",
                                                                   "source: AP\nsorce: x"))
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = load(folder, store)
        second = load(folder, store)
    assert first == second
    assert f"{folder / 'a1.md'}:4: date: 'someday' is not a date" in second[1][0]
    assert second[1][1].startswith(f"{folder / 'a2.md'}:4: warning: unknown field 'sorce'")


def test_a_fixed_file_is_loaded(tmp_path: Path) -> None:
    folder = articles_dir(tmp_path, 1)
    broken = ARTICLE.format(title="T").replace("source: AP\n", "")
    (folder / "a0.md").write_text(broken, encoding="utf-8")
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        assert load(folder, store)[0] == []
        (folder / "a0.md").write_text(ARTICLE.format(title="Fixed"), encoding="utf-8")
        assert [a.title for a in load(folder, store)[0]] == ["Fixed"]


def test_a_symlinked_article_is_always_read(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = articles_dir(tmp_path, 1)
    (tmp_path / "content" / "real.md").write_text(ARTICLE.format(title="Linked"))
    os.symlink(tmp_path / "content" / "real.md", folder / "link.md")
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        load(folder, store)
        calls = []
        real = content.parse_article
        monkeypatch.setattr(content, "parse_article",
                            lambda text, path: calls.append(path.name) or real(text, path))
        assert [a.title for a in load(folder, store)[0]] == ["Title 0", "Linked"]
    assert calls == ["link.md"]


def test_recent_parses_come_from_memory_and_hold_only_the_last_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``digest serve`` hands each build the last one's parses: they are not read again from
    the cache (or decoded), and a file that is gone or edited leaves no stale entry."""
    folder = articles_dir(tmp_path)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        loading = memo.ArticleMemo(store)
        first, _ = memo.load_articles(folder, loading)
        recent = memo.Recent(parses=loading.loaded)
        assert len(recent.parses) == 3
        monkeypatch.setattr(memo, "_decode", no_parsing)
        monkeypatch.setattr(content, "parse_article", no_parsing)
        again, _ = memo.load_articles(folder, memo.ArticleMemo(store, recent))
        assert again == first and all(a is b for a, b in zip(again, first, strict=True))
        monkeypatch.undo()
        (folder / "a2.md").unlink()
        (folder / "a1.md").write_text(ARTICLE.format(title="Edit"), encoding="utf-8")
        parses = memo.ArticleMemo(store, recent)
        edited, _ = memo.load_articles(folder, parses)
    assert [a.title for a in edited] == ["Title 0", "Edit"]
    assert sorted(parsed[0].title for parsed, _ in parses.loaded.values()) == ["Edit", "Title 0"]
    assert all(digest == cache.article_digest(parsed[0])
               for parsed, digest in parses.loaded.values())


def test_the_parse_memo_follows_the_loading_code(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A parse is keyed by the loading code's version: what an edit of a loading module
    changes (test_code_version) makes every article be parsed again."""
    path = tmp_path / "a.md"
    path.write_text("x")
    with cache.Cache(None) as store:
        before = memo.ArticleMemo(store).key(path, path.stat())
        assert before == memo.ArticleMemo(store).key(path, path.stat())
        monkeypatch.setattr(memo, "version", lambda entries: f"edited {entries}")
        assert memo.ArticleMemo(store).key(path, path.stat()) != before


@pytest.mark.parametrize(("code", "entries"), [
    ("import generator.content", memo.LOADING),
    ("import generator.cluster.stories, generator.cluster.pipeline", memo.CHOOSING),
    ("import generator.render.feeds", memo.FEEDS),
    ("import generator.taxonomy", memo.TERMS),
])
def test_memo_versions_cover_the_code_they_remember(code: str,
                                                    entries: tuple[str, ...]) -> None:
    covered = set(reach.reached(entries))
    for module in modules_loaded(code):
        if module.startswith("generator."):
            assert reach.module_file(module) in covered, module


def test_the_build_and_the_command_line_do_not_import_the_clusterer() -> None:
    loaded = modules_loaded("import generator.cli, generator.build")
    for heavy in ("sklearn", "scipy", "trafilatura", "generator.cluster.pipeline", "generator.compare.comparison",
                  "feedgen", "lxml"):
        assert heavy not in loaded


def story_reports(body: str = "The body.") -> tuple[content.Article, ...]:
    folder = Path("/nowhere")
    return tuple(content.parse_article(ARTICLE.format(title=f"T{n}").replace("The body.", body
                                                                              + f" {n}" * n),
                                       folder / f"a{n}.md")[0] for n in range(3))


def test_story_choices_are_remembered_until_a_report_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = story_reports()
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        choices = memo.ChoiceMemo(store)
        expected = stories.lead_and_summary(reports)
        assert choices([reports]) == [expected]
        choices.save()
        monkeypatch.setattr(stories, "lead_and_summary", no_parsing)
        assert memo.ChoiceMemo(store)([reports]) == [expected]
        with pytest.raises(AssertionError):
            memo.ChoiceMemo(store)([reports, story_reports("Another body.")])


def test_leads_chosen_in_forked_children_are_the_leads_chosen_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    groups = [story_reports(f"Body {n}. " + "More words here. " * n) for n in range(6)]
    serial = [stories.lead_and_summary(group) for group in groups]
    assert len(set(serial)) == len(groups)
    monkeypatch.setattr(forked, "workers", lambda: 2)
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    choose, here = stories.lead_and_summary, []

    def counted(ordered: tuple[content.Article, ...], parser: object = None) -> stories.Choice:
        here.append(1)  # only calls in this process are seen
        return choose(ordered, parser)  # type: ignore[arg-type]

    monkeypatch.setattr(stories, "lead_and_summary", counted)
    assert stories.choose_all(groups) == serial
    assert len(here) == len(groups)  # fewer than MIN_FORKED stories: all chosen here
    here.clear()
    monkeypatch.setattr(stories, "MIN_FORKED", 4)
    assert stories.choose_all(groups) == serial
    assert len(here) == 3  # this process chose half the leads, a child the other half


def test_a_memo_works_out_only_the_stories_it_does_not_know(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    known, new = story_reports(), story_reports("Another body.")
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = memo.ChoiceMemo(store)
        first([known])
        first.save()
        asked: list[int] = []
        choose_all = stories.choose_all

        def counted(groups: list[tuple[content.Article, ...]]) -> list[stories.Choice]:
            asked.append(len(groups))
            return choose_all(groups)

        monkeypatch.setattr(stories, "choose_all", counted)
        assert memo.ChoiceMemo(store)([new, known, new]) == [
            stories.lead_and_summary(new), stories.lead_and_summary(known),
            stories.lead_and_summary(new)]
        assert asked == [1]


def test_only_the_last_builds_choices_are_kept(tmp_path: Path) -> None:
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = memo.ChoiceMemo(store)
        first([story_reports(), story_reports("Other.")])
        first.save()
        second = memo.ChoiceMemo(store)
        second([story_reports()])
        second.save()
        assert len(memo.ChoiceMemo(store).known) == 1


def test_stamps_round_trip_per_output_folder(tmp_path: Path) -> None:
    stamps = write.replace_tree({"index.html": b"x"}, tmp_path / "output")
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        memo.save_stamps(store, tmp_path / "output", stamps)
        assert memo.load_stamps(store, tmp_path / "output") == stamps
        assert memo.load_stamps(store, tmp_path / "elsewhere") == {}


def test_a_read_only_cache_is_read_and_never_written(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with cache.Cache(path, read_only=True) as store:
        store.put_many({"a": b"1"})
    assert not path.exists()
    with cache.Cache(path) as store:
        store.put_many({"a": b"1"})
    before = path.read_bytes()
    with cache.Cache(path, read_only=True) as store:
        assert store.get_many(["a"]) == {"a": b"1"}
        store.put_many({"b": b"2"})
    assert path.read_bytes() == before


def test_content_errors_name_the_file_even_with_a_memo(tmp_path: Path) -> None:
    folder = articles_dir(tmp_path, 1)
    (folder / "a0.md").write_text("---\ntitle: [\n---\n")
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        _, problems = load(folder, store)
    assert problems and problems[0].startswith(f"{folder / 'a0.md'}:")


def small_site(tmp_path: Path) -> tuple[list[stories.Story], SiteConfig, dict[str, str]]:
    articles = [content.parse_article(ARTICLE.format(title=f"T{n}").replace(
        "source: AP", f"source: AP\ntags: [Tag{n % 2}]"), tmp_path / f"a{n}.md")[0]
        for n in range(4)]
    site_stories, _ = stories.group(articles, {})
    cfg = SiteConfig(content_dir=tmp_path, output_dir=tmp_path / "out",
                     theme_dir=REPO / "themes" / "default")
    return site_stories, cfg, {s.id: cache.story_key("site", s) for s in site_stories}


def test_feeds_are_remembered_until_their_stories_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_stories, cfg, keys = small_site(tmp_path)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = memo.feeds(store, "site", keys)(feeds.feed_work(site_stories, cfg))
        assert first == feeds.all_feeds(site_stories, cfg)
        assert "tags/tag0/feed.xml" in first
        monkeypatch.setattr(feeds, "story_feed", no_parsing)
        monkeypatch.setattr(feeds, "json_feed", no_parsing)
        assert memo.feeds(store, "site", keys)(feeds.feed_work(site_stories, cfg)) == first
        changed = {**keys, site_stories[0].id: "edited"}
        with pytest.raises(AssertionError):
            memo.feeds(store, "site", changed)(feeds.feed_work(site_stories, cfg))


def test_the_story_index_is_remembered_with_the_listings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_stories, cfg, keys = small_site(tmp_path)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = listings(store, "site", keys, site_stories, cfg)
        assert first == make_all(render.site_work(site_stories, cfg))
        monkeypatch.setattr(render, "stories_json", no_parsing)
        again = listings(store, "site", keys, site_stories, cfg)
        assert again["stories.json"] == first["stories.json"]
        with pytest.raises(AssertionError):
            listings(store, "other site", keys, site_stories, cfg)


def test_an_edited_story_re_encodes_only_its_entry_of_the_story_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_stories, cfg, keys = small_site(tmp_path)
    encoded: list[str] = []
    encode = render.story_json_entry
    monkeypatch.setattr(render, "story_json_entry",
                        lambda story, cfg: encoded.append(story.id) or encode(story, cfg))
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        listings(store, "site", keys, site_stories, cfg)
        assert sorted(encoded) == sorted(s.id for s in site_stories)
        edited = replace(site_stories[0], headline="Edited")
        shown = [edited, *site_stories[1:]]
        changed = {**keys, edited.id: "edited"}
        pages = listings(store, "site", changed, shown, cfg)
    assert encoded[len(site_stories):] == [edited.id]
    assert pages["stories.json"] == render.site(shown, cfg)["stories.json"]


def listings(store: cache.Cache, site: str, keys: dict[str, str], shown: list[stories.Story],
             cfg: SiteConfig) -> dict[str, bytes]:
    """The site's listings and index files as a build makes them, through the cache."""
    return memo.listings(store, site, keys)(render.site_work(shown, cfg))


def test_the_parse_memo_hands_on_the_digests_it_stored(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = articles_dir(tmp_path)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        load(folder, store)
        parses = memo.ArticleMemo(store)
        articles, _ = memo.load_articles(folder, parses)
        monkeypatch.setattr(cache, "article_digest", no_parsing)  # not hashed again
        digests = [parses.digests(a) for a in articles]
    monkeypatch.undo()
    assert digests == [cache.article_digest(a) for a in articles]


def test_cached_story_pages_are_read_only_when_asked_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_stories, cfg, keys = small_site(tmp_path)
    rendered = {path: data for s in site_stories
                for path, data in render.story_renderer(cfg)(s).items()}
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = memo.story_pages(site_stories, keys, cfg, store)
        assert dict(first) == rendered
        monkeypatch.setattr(render, "story_pages", no_parsing)
        again = memo.story_pages(site_stories, keys, cfg, store)
        assert set(again) == set(rendered) and again.digests == first.digests
        assert again.searchable == {p for p in rendered if p.endswith("index.html")}
        assert not any(again.is_loaded(path) for path in again)
        assert dict(again) == rendered
        monkeypatch.undo()
        late = memo.story_pages(site_stories, keys, cfg, store)
    assert dict(late) == rendered  # read after the cache closed: rendered again


def test_pages_rendered_and_stored_are_not_held_in_memory(tmp_path: Path) -> None:
    """A cold build of 50,000 articles must not hold its whole site: a story's pages, once
    stored, are read back from the cache when asked for; a cache that keeps nothing keeps
    them in memory instead (reading them would render them again)."""
    site_stories, cfg, keys = small_site(tmp_path)
    rendered = {path: data for s in site_stories
                for path, data in render.story_renderer(cfg)(s).items()}
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = memo.story_pages(site_stories, keys, cfg, store)
        assert not any(first.is_loaded(path) for path in rendered)
        assert first.digests == memo.pages_info(rendered)[0] and dict(first) == rendered
    kept = memo.story_pages(site_stories, keys, cfg, cache.Cache(None))
    assert all(kept.is_loaded(path) for path in rendered) and dict(kept) == rendered


def test_listings_are_made_while_the_workers_render_the_stories(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_stories, cfg, keys = small_site(tmp_path)
    events: list[str] = []
    begin = parallel.stories_rendered

    @contextlib.contextmanager
    def noted(*args: Any, **kwargs: Any) -> Iterator[Any]:
        with begin(*args, **kwargs) as rendered:
            events.append("stories begun")
            yield rendered
        events.append("stories done")

    def listings() -> dict[str, bytes]:
        events.append("listings")
        return {"index.html": b"<p>listing</p>"}

    monkeypatch.setattr(parallel, "stories_rendered", noted)
    # story_pages takes them to render apart; stories_rendered (told how many processes)
    # renders them here all the same, which is quicker
    monkeypatch.setattr(parallel, "apart", lambda count, processes=None: processes is None)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        pages = memo.story_pages(site_stories, keys, cfg, store, alongside=listings)
    assert events == ["stories begun", "listings", "stories done"]
    assert pages["index.html"] == b"<p>listing</p>"
    assert {p for p in pages if p != "index.html"} == {
        p for s in site_stories for p in render.story_page_paths(s)}


def test_listings_are_left_to_the_caller_when_the_stories_render_here(
        tmp_path: Path) -> None:
    """With nothing rendering beside it, the build makes them once it has begun the search
    index (``build.made_meanwhile``)."""
    site_stories, cfg, keys = small_site(tmp_path)
    made: list[str] = []

    def listings() -> dict[str, bytes]:
        made.append("listings")
        return {"index.html": b"<p>listing</p>"}

    listed = memo.Alongside(listings)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        pages = memo.story_pages(site_stories, keys, cfg, store, alongside=listed)
    assert not made and "index.html" not in pages
    assert listed.rest() == {"index.html": b"<p>listing</p>"} and made == ["listings"]
    assert listed.rest() == {} and listed() == {"index.html": b"<p>listing</p>"}
    assert made == ["listings"]


def test_story_page_paths_are_the_paths_of_the_story_pages(tmp_path: Path) -> None:
    site_stories, cfg, _ = small_site(tmp_path)
    one = render.story_renderer(cfg)
    for story in site_stories:
        assert render.story_page_paths(story) == list(one(story))


def test_terms_are_remembered_until_an_outlet_tag_or_date_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_stories, _, _ = small_site(tmp_path)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = memo.terms(store, site_stories)
        assert first == render.terms_of(site_stories)
        monkeypatch.setattr(render, "terms_of", no_parsing)
        again = memo.terms(store, site_stories)
        assert again == first
        by_id = {s.id: s for s in site_stories}  # the stories themselves, not copies
        assert all(s is by_id[s.id] for kind in again for term in kind for s in term.stories)
        retagged = [replace(site_stories[0], tags=("Other",)), *site_stories[1:]]
        with pytest.raises(AssertionError):
            memo.terms(store, retagged)


def test_the_sitemap_is_made_again_only_when_a_page_or_a_date_in_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It shows each story's and report's page and date: an edited report leaves it as it
    was (the listings showing the story are made again)."""
    site_stories, cfg, keys = small_site(tmp_path)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = listings(store, "site", keys, site_stories, cfg)
        monkeypatch.setattr(seo, "sitemap", no_parsing)
        edited = {**keys, site_stories[0].id: "edited"}  # its data, not its pages or dates
        assert listings(store, "site", edited, site_stories, cfg) == first
        lead = site_stories[0].articles[0]
        redated = replace(lead, date=dt.date(2024, 1, 3))
        moved = [replace(site_stories[0], articles=(redated, *site_stories[0].articles[1:]),
                         lead=redated), *site_stories[1:]]
        with pytest.raises(AssertionError):
            listings(store, "site", edited, moved, cfg)


def test_a_site_whose_pages_are_all_remembered_loads_no_template(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_stories, cfg, keys = small_site(tmp_path)
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        first = listings(store, "site", keys, site_stories, cfg)
        monkeypatch.setattr(render, "page_renderer", no_parsing)
        monkeypatch.setattr(seo, "sitemap", no_parsing)
        again = listings(store, "site", keys, site_stories, cfg)
        assert again == first
        retagged = [replace(site_stories[0], tags=("Other",)), *site_stories[1:]]
        with pytest.raises(AssertionError):  # its terms page is made again
            listings(store, "site", keys, retagged, cfg)
    monkeypatch.undo()
    assert first == {path: data for path, data in render.site(site_stories, cfg).items()
                     if not path.startswith(("stories/", "articles/"))}
