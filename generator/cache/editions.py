"""Daily editions in the build cache, around ``render.edition_build``: an edition's files are
remembered by everything they show (the stories as they stood that day, the intro, the
neighbouring editions, the code, theme and settings), so a warm build makes only the editions
whose stories changed, and reads none of the others: their files' digests are enough for the
writer (``cache.LazyPages``), as for story pages."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial

from generator import codec, editions
from generator.cache import store as cache
from generator.compare.days import StoryDay
from generator.config import SiteConfig
from generator.editions import Edition, Intro
from generator.model import Article, Story
from generator.render import edition_build, edition_feeds, edition_pages
from generator.render import pages as render
from generator.util.remember import remember

# story id -> its ``edition_days.story_days``, of the stories asked for (``memo.EditionDays``)
DaysOf = Callable[[Iterable[Story]], Mapping[str, Mapping[str, StoryDay]]]
# what makes the edition files (their import closures)
EDITIONS = ("generator.render.edition_build", "generator.cache.editions")


def site_pages(stories: Sequence[Story], intros: Mapping[dt.date, Intro], cfg: SiteConfig,
               store: cache.Cache, site_key: str,
               digest_of: Callable[[Article], str] | None = None,
               days_of: DaysOf | None = None) -> cache.LazyPages:
    """``edition_build.site_pages``, with the files of each edition whose key is in ``store``
    read from it only if the writer needs them. ``days_of`` gives what the editions show
    of their stories that takes a comparison (worked out here without it)."""
    found = editions.editions(stories, intros)
    page = render.DeferredRenderer(lambda: render.page_renderer(cfg))
    near = edition_pages.neighbours(found)
    prefix = cache.sha256("edition", site_key, cache.source_version(EDITIONS))
    keys = {e.day: edition_key(prefix, e, near[e.day], digest_of) for e in found}
    infos = store.get_many(info_key(key) for key in keys.values())
    made = [e for e in found if info_key(keys[e.day]) not in infos]
    shown = {item.story.id for edition in made for item in edition.stories}  # as they stood
    days = days_of(s for s in stories if s.id in shown) if days_of and shown else {}
    md = edition_build.intro_renderer() if made else None
    pages = cache.LazyPages()
    fresh: dict[str, bytes] = {}
    for edition in found:
        key = keys[edition.day]
        info = infos.get(info_key(key))
        if info is not None:
            store.keep([key])
            again = partial(edition_build.edition_files, page, edition, cfg,
                            near=near[edition.day])
            pages.add_group(codec.loads(info, dict), stored(store, key, again))
            continue
        files = edition_build.edition_files(page, edition, cfg, md, near[edition.day], days)
        pages.update(files)
        fresh[key] = codec.dumps(files)
        fresh[info_key(key)] = codec.dumps(digests_of(files))
    titles = edition_build.titles_of(found)
    pages.update(index_files(page, found, titles, cfg, store, prefix))
    store.put_many(fresh)
    return pages


def edition_key(prefix: str, edition: Edition, near: tuple[dt.date | None, dt.date | None],
                digest_of: Callable[[Article], str] | None) -> str:
    """Everything an edition's files show: its day and neighbours, the intro, each story
    as it stood that day (``cache.story_key``: its reports, headline, summary and notes)."""
    intro = edition.intro
    about = (edition.day, near, intro and (intro.path.name, intro.title, intro.body))
    return cache.sha256(prefix, repr(about), *(
        cache.story_key("", item.story, digest_of) for item in edition.stories))


def index_files(page: render.PageMaker, found: Sequence[Edition],
                titles: Mapping[dt.date, str], cfg: SiteConfig, store: cache.Cache,
                prefix: str) -> dict[str, bytes]:
    """``edition_feeds.index_files``, remembered by what the index and feeds show."""
    about = [(e.day, titles[e.day], e.intro and e.intro.body,
              [(item.story.id, item.story.headline, item.is_new,
                [(a.source, a.date) for a in item.new]) for item in e.stories]) for e in found]
    stored = remember(store, {"index": cache.sha256(prefix, "index", repr(about))},
                      lambda _: codec.dumps(edition_feeds.index_files(page, found, titles, cfg)))
    made: dict[str, bytes] = codec.loads(stored["index"], dict)
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
