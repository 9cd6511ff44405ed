"""What an edition shows of a story on each day (``edition_days.story_days``): worked out where
the story is rendered and compared, stored beside its pages, and read by the editions.

The fixture site is the editions' one (tests/fixtures/editions/site): a story that grows over
three days (Reuters on 1 May, AP on 2 May, BBC on 3 May) and a story held out of editions."""

from __future__ import annotations

import shutil
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import build, codec, config, editions, search
from generator.cache import memo
from generator.cache import store as cache
from generator.compare import align as compare_align
from generator.compare import comparison as compare
from generator.compare import days as edition_days
from generator.model import Article, Story, StoryNotes
from generator.render import edition_build, edition_pages
from generator.render import pages as render
from generator.util.progress import Progress
from tests.unit.test_editions import FIXTURE, THEME, article, story
from tests.unit.test_editions import build as build_site


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 Nov 2023: 2099 is the future
    monkeypatch.setattr(search, "index", lambda pages, language: {})
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    return tmp_path


def site_stories(site: Path) -> tuple[list[Story], config.SiteConfig]:
    cfg = config.load(site / "content", site / "output", THEME)
    return list(build.plan(cfg, Progress()).stories), cfg


def grown_story(site: Path) -> tuple[Story, config.SiteConfig]:
    found, cfg = site_stories(site)
    (grown,) = [s for s in found if len({a.day for a in s.articles}) > 1]
    return grown, cfg


def items_of(slugs: Collection[str], what: str) -> tuple[tuple[str, tuple[object, ...]], ...]:
    return tuple((slug, (SimpleNamespace(details=(f"{what} {slug}",)),)) for slug in sorted(slugs))


def recording(asked: list[tuple[list[str], list[str]]]) -> edition_days.UniqueOf:
    def unique_of(cut: Story, slugs: Collection[str]) -> Sequence[tuple[str, Sequence[object]]]:
        asked.append(([a.slug for a in cut.articles], sorted(slugs)))
        return items_of(slugs, "then")
    return unique_of


def test_earlier_days_compare_the_story_as_it_stood_and_the_last_day_is_the_whole_story(
        ) -> None:
    grown = story("grown", article("a", 1), article("b", 1, source="AP", hour=11),
                  article("c", 2, source="BBC"), article("d", 3, source="AFP"))
    asked: list[tuple[list[str], list[str]]] = []
    days = edition_days.story_days(grown, items_of("abcd", "whole"), recording(asked))
    assert asked == [(["a", "b"], ["a", "b"]), (["a", "b", "c"], ["c"])]  # not day 3
    assert list(days) == ["2023-05-01", "2023-05-02", "2023-05-03"]
    assert days["2023-05-01"].adds == {"b": "Adds: then b (1 point no earlier report makes)."}
    assert days["2023-05-02"].adds == {"c": "Adds: then c (1 point no earlier report makes)."}
    assert days["2023-05-03"].adds == {"d": "Adds: whole d (1 point no earlier report makes)."}


def test_a_story_told_on_one_day_is_compared_once_and_one_held_out_not_at_all() -> None:
    asked: list[tuple[list[str], list[str]]] = []
    one_day = story("one", article("a", 1), article("b", 1, source="AP", hour=11))
    days = edition_days.story_days(one_day, items_of("ab", "whole"), recording(asked))
    assert asked == [] and {day: d.adds for day, d in days.items()} == {
        "2023-05-01": {"b": "Adds: whole b (1 point no earlier report makes)."}}
    held = story("held", article("a", 1), article("b", 2),
                 notes=StoryNotes(story_id="held", path=Path("held.md"), editions=False))
    assert edition_days.story_days(held, items_of("ab", "whole"), recording(asked)) == {}
    assert asked == []


def test_the_days_give_each_edition_what_it_works_out_alone(site: Path) -> None:
    grown, _ = grown_story(site)
    days = edition_days.whole_story_days(grown)
    entries = [(item, edition.day) for edition in editions.editions([grown])
               for item in edition.stories]
    assert len(entries) == 3
    for item, day in entries:
        assert edition_pages.entry_of(item, days[day.isoformat()]) == edition_pages.entry_of(item)
    assert days["2023-05-02"].adds and days["2023-05-03"].adds  # something to show


def test_rendering_a_story_gives_its_days_from_the_sentences_it_found(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    grown, cfg = grown_story(site)
    expected = edition_days.whole_story_days(grown)
    make = render.story_maker(cfg)

    def no_parsing(*_args: object) -> None:
        raise AssertionError("a report was parsed again for its edition days")

    monkeypatch.setattr(compare_align, "paragraphs", no_parsing)
    monkeypatch.setattr(compare, "paragraph_parser", no_parsing)
    made = make(grown)
    assert made.days == expected
    monkeypatch.setattr(edition_days, "story_days", no_comparing)  # a preview needs none
    assert made.pages == render.story_renderer(cfg)(grown)


def no_comparing(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a story was compared again for the editions")


def test_a_build_s_editions_compare_nothing_rendering_did_not(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = compare.unique_of

    def only_where_rendered(story: Story, slugs: Collection[str],
                            found: object = None) -> object:
        if found is None:  # not the paragraphs rendering recorded: the editions on their own
            no_comparing()
        return alone(story, slugs, found)  # type: ignore[arg-type]

    monkeypatch.setattr(compare, "unique_of", only_where_rendered)
    assert build_site(site) == 0
    assert "Adds: 40 corroded steel cables" in " ".join(
        (site / "output" / "editions" / "2023-05-03" / "email.txt").read_text("utf-8").split())


def test_stored_days_are_read_kept_by_a_warm_build_and_made_again_when_gone(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found, cfg = site_stories(site)
    keys = {s.id: cache.story_key("site", s) for s in found}
    expected = {s.id: edition_days.whole_story_days(s) for s in found}
    with cache.Cache(site / "c.sqlite3") as store:
        days = memo.EditionDays(store, keys)
        memo.story_pages(found, keys, cfg, store, days=days)
        assert days(found) == expected
    with cache.Cache(site / "c.sqlite3") as store:  # a warm build: every story cached
        memo.story_pages(found, keys, cfg, store)
        assert store.sweep(growth=0.0) >= 0  # keeps what this build used and kept
    with cache.Cache(site / "c.sqlite3") as store, monkeypatch.context() as patched:
        for name in ("compare", "unique_of"):
            patched.setattr(compare, name, no_comparing)
        assert memo.EditionDays(store, keys)(found) == expected  # read, not compared
        store.put_many({memo.days_key(keys[found[0].id]): codec.dumps({"2023-05-01": 3})})
        with pytest.raises(codec.Damaged):
            memo.EditionDays(store, keys)(found[:1])
    with cache.Cache(None) as empty:
        assert memo.EditionDays(empty, keys)(found) == expected  # worked out again


def test_editions_made_from_given_days_are_those_made_alone(site: Path) -> None:
    from generator.cache import editions
    from generator.render import edition_build

    found, cfg = site_stories(site)
    days = {s.id: edition_days.whole_story_days(s) for s in found}
    asked: list[list[Story]] = []

    def days_of(wanted: Iterable[Story]) -> dict[str, dict[str, edition_days.StoryDay]]:
        asked.append(list(wanted))
        return {s.id: days[s.id] for s in asked[-1]}

    with cache.Cache(None) as store:
        given = editions.site_pages(found, {}, cfg, store, "site", days_of=days_of)
    assert dict(given) == edition_build.site_pages(found, {}, cfg)
    shown = [s for s in found if s.notes is None or s.notes.editions]
    assert asked == [shown]  # once, for the whole stories (not as they stood on a day)


def test_the_editions_index_is_remembered_until_what_it_shows_changes(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cache import editions
    from generator.render import edition_feeds

    found, cfg = site_stories(site)
    with cache.Cache(site / "c.sqlite3") as store:
        first = dict(editions.site_pages(found, {}, cfg, store, "site"))
        monkeypatch.setattr(edition_feeds, "index_files", _not_again)
        again = dict(editions.site_pages(found, {}, cfg, store, "site"))
        assert again == first and "editions/index.html" in again
        retitled = [replace(found[0], headline="Another headline"), *found[1:]]
        with pytest.raises(AssertionError, match="made again"):
            editions.site_pages(retitled, {}, cfg, store, "site")


def _not_again(*_args: object) -> dict[str, bytes]:
    raise AssertionError("made again")


def test_leads_as_the_stories_stood_are_remembered_for_editions_made_again(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edition made again (here: under another site key) takes the lead and summary of
    each story as it stood that day from the cache, not from the clusterer's rule."""
    from generator.cache import editions as edition_cache
    from generator.cluster import stories

    found, cfg = site_stories(site)
    asked: list[list[str]] = []
    rule = stories.lead_and_summary

    def noted(ordered: Sequence[Article], parser: None = None) -> tuple[str, str]:
        asked.append([a.slug for a in ordered])
        return rule(ordered, parser)

    monkeypatch.setattr(stories, "lead_and_summary", noted)
    with cache.Cache(site / "c.sqlite3") as store:
        first = dict(edition_cache.site_pages(found, {}, cfg, store, "site"))
        assert len(asked) == 2  # the grown story on its first two days
        assert first == edition_build.site_pages(found, {}, cfg)
        del asked[:]
        assert dict(edition_cache.site_pages(found, {}, cfg, store, "another site")) == first
        assert not asked
    with cache.Cache(None) as store:  # nothing remembered: worked out again, the same
        assert dict(edition_cache.site_pages(found, {}, cfg, store, "site")) == first
        assert len(asked) == 2


def test_stored_leads_of_another_shape_are_worked_out_again(site: Path) -> None:
    from generator.cache import editions as edition_cache

    found, cfg = site_stories(site)
    with cache.Cache(site / "c.sqlite3") as store:
        first = dict(edition_cache.site_pages(found, {}, cfg, store, "site"))
        version = cache.source_version(edition_cache.EDITIONS)
        slots = [edition_cache.stood_key(version, e.day) for e in editions.editions(found)]
        assert len(store.get_many(slots)) == 2  # the days the grown story had more to come
        store.put_many({slot: codec.dumps({"k": [1, 2, 3], 4: "x"}) for slot in slots})
        assert dict(edition_cache.site_pages(found, {}, cfg, store, "another site")) == first
