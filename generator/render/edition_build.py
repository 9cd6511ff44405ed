"""Daily editions in a build: every edition's page and newsletter, the index and its feeds.

An edition's files are remembered in the build cache by everything they show (the stories as
they stood that day, the intro, the neighbouring editions, the code, theme and settings), so a
warm build makes only the editions whose stories changed, and reads none of the others: their
files' digests are enough for the writer (``cache.LazyPages``), as for story pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path

from generator import codec, edition_content, editions
from generator.cache import store as cache
from generator.compare.days import StoryDay
from generator.config import SiteConfig
from generator.editions import Edition, Intro
from generator.errors import Problem
from generator.model import Article, Story
from generator.render import edition_feeds, edition_pages
from generator.render import pages as render

__all__ = ["Intro", "load_intros", "intro_notes", "one_edition", "site_pages"]

EDITIONS = ("generator.render.edition_build",)  # what makes the edition files (its import closure)


def load_intros(content_dir: Path) -> tuple[dict[dt.date, Intro], list[Problem]]:
    """The editors' intros, ``content/editions/YYYY-MM-DD.md``, and their problems."""
    return edition_content.load_intros(content_dir / "editions")


def intro_notes(stories: Sequence[Story], intros: Mapping[dt.date, Intro]) -> list[Problem]:
    """A note for each intro whose day has no edition."""
    return edition_content.intro_notes(editions.editions(stories, intros), dict(intros))


def intro_renderer() -> Callable[[str], str]:
    """Markdown -> HTML for intros: CommonMark with raw HTML off, as on every page."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).render


# story id -> its ``edition_days.story_days``, of the stories asked for (``memo.EditionDays``)
DaysOf = Callable[[Iterable[Story]], Mapping[str, Mapping[str, StoryDay]]]


def site_pages(stories: Sequence[Story], intros: Mapping[dt.date, Intro], cfg: SiteConfig,
               store: cache.Cache | None = None, site_key: str = "",
               digest_of: Callable[[Article], str] | None = None,
               days_of: DaysOf | None = None) -> cache.LazyPages:
    """Every edition's files and the index with its feeds; those whose key is in ``store``
    are read from it only if the writer needs them. ``days_of`` gives what the editions show
    of their stories that takes a comparison (worked out here without it)."""
    found = editions.editions(stories, intros)
    page = render.DeferredRenderer(lambda: render.page_renderer(cfg))
    near = edition_pages.neighbours(found)
    prefix = cache.sha256("edition", site_key, cache.source_version(EDITIONS))
    keys = {e.day: edition_key(prefix, e, near[e.day], digest_of) for e in found}
    infos = store.get_many(info_key(key) for key in keys.values()) if store else {}
    made = [e for e in found if info_key(keys[e.day]) not in infos or store is None]
    shown = {item.story.id for edition in made for item in edition.stories}  # as they stood
    days = days_of(s for s in stories if s.id in shown) if days_of and shown else {}
    md = intro_renderer() if made else None
    pages = cache.LazyPages()
    fresh: dict[str, bytes] = {}
    for edition in found:
        key = keys[edition.day]
        info = infos.get(info_key(key))
        if info is not None and store is not None:
            store.keep([key])
            again = partial(edition_files, page, edition, cfg, near=near[edition.day])
            pages.add_group(codec.loads(info, dict), stored(store, key, again))
            continue
        files = edition_files(page, edition, cfg, md, near[edition.day], days)
        pages.update(files)
        fresh[key] = codec.dumps(files)
        fresh[info_key(key)] = codec.dumps(digests_of(files))
    titles = {e.day: edition_pages.edition_title(e) for e in found}
    pages.update(index_files(page, found, titles, cfg, store, prefix))
    if store is not None:
        store.put_many(fresh)
    return pages


def edition_files(page: render.PageMaker, edition: Edition, cfg: SiteConfig,
                  md: Callable[[str], str] | None = None,
                  near: tuple[dt.date | None, dt.date | None] = (None, None),
                  days: Mapping[str, Mapping[str, StoryDay]] | None = None,
                  ) -> dict[str, bytes]:
    """One edition's page, email HTML and email text (``days``: see ``view_of``)."""
    md = md or intro_renderer()
    intro_html = md(edition.intro.body) if edition.intro and edition.intro.body else ""
    view = edition_pages.view_of(edition, intro_html, *near, days=days)
    return edition_pages.edition_files(page, view, cfg)


def one_edition(stories: Sequence[Story], intros: Mapping[dt.date, Intro], cfg: SiteConfig,
                day: dt.date | None) -> tuple[Edition | None, dict[str, bytes]]:
    """The edition of ``day`` (the newest when None) and its files; None when there is none."""
    found = editions.editions(stories, intros)
    chosen = next((e for e in found if day is None or e.day == day), None)
    if chosen is None:
        return None, {}
    page = render.DeferredRenderer(lambda: render.page_renderer(cfg))
    near = edition_pages.neighbours(found)[chosen.day]
    return chosen, edition_files(page, chosen, cfg, near=near)


def edition_key(prefix: str, edition: Edition, near: tuple[dt.date | None, dt.date | None],
                digest_of: Callable[[Article], str] | None) -> str:
    """Everything an edition's files show: its day and neighbours, the intro, each story
    as it stood that day (``cache.story_key``: its reports, headline, summary and notes)."""
    intro = edition.intro
    about = (edition.day, near, intro and (intro.path.name, intro.title, intro.body))
    return cache.sha256(prefix, repr(about), *(
        cache.story_key("", item.story, digest_of) for item in edition.stories))


def index_files(page: render.PageMaker, found: Sequence[Edition],
                titles: Mapping[dt.date, str], cfg: SiteConfig, store: cache.Cache | None,
                prefix: str) -> dict[str, bytes]:
    """``edition_feeds.index_files``, remembered by what the index and feeds show."""
    about = [(e.day, titles[e.day], e.intro and e.intro.body,
              [(item.story.id, item.story.headline, item.is_new,
                [(a.source, a.date) for a in item.new]) for item in e.stories]) for e in found]
    key = cache.sha256(prefix, "index", repr(about))
    hit = store.get_many([key]).get(key) if store is not None else None
    if hit is not None:
        made: dict[str, bytes] = codec.loads(hit, dict)
        return made
    made = edition_feeds.index_files(page, found, titles, cfg)
    if store is not None:
        store.put_many({key: codec.dumps(made)})
    return made


def info_key(key: str) -> str:
    """The cache entry holding the digests of an edition's files."""
    return f"edition-info:{key}"


def digests_of(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """The sha256 of each file."""
    return {path: hashlib.sha256(data).digest() for path, data in pages.items()}


def stored(store: cache.Cache, key: str, again: Callable[[], dict[str, bytes]]
           ) -> Callable[[], Mapping[str, bytes]]:
    """Reads an edition's stored files; makes them ``again`` should the entry be gone."""
    def load() -> Mapping[str, bytes]:
        data = store.get_many([key]).get(key)
        if data is None:
            return again()
        files: Mapping[str, bytes] = codec.loads(data, dict)
        return files
    return load
