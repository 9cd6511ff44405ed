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
from generator.cluster import stories as stories_of
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
               days_of: DaysOf | None = None,
               data_of: Callable[[Story], str] | None = None) -> cache.LazyPages:
    """``edition_build.site_pages``, with the files of each edition whose key is in ``store``
    read from it only if the writer needs them. ``days_of`` gives what the editions show
    of their stories that takes a comparison (worked out here without it); ``data_of`` is
    ``cache.story_data`` or a memo of it (a ``cache.StoryData``, which the story pages'
    keys were made with)."""
    found = editions.editions(stories, intros)
    page = render.DeferredRenderer(lambda: render.page_renderer(cfg))
    near = edition_pages.neighbours(found)
    version = cache.source_version(EDITIONS)
    prefix = cache.sha256("edition", site_key, version)
    data_of = data_of or cache.StoryData(digest_of)
    keys = {e.day: edition_key(prefix, e, near[e.day], data_of) for e in found}
    infos = store.get_many(info_key(key) for key in keys.values())
    made = [e for e in found if info_key(keys[e.day]) not in infos]
    shown = {item.story.id for edition in made for item in edition.stories}  # as they stood
    days = days_of(s for s in stories if s.id in shown) if days_of and shown else {}
    md = edition_build.intro_renderer() if made else None
    choose = stood_choices(store, version, found, made, digest_of or cache.article_digest)
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
        files = edition_build.edition_files(page, edition, cfg, md, near[edition.day], days,
                                            choose)
        pages.update(files)
        fresh[key] = codec.dumps(files)
        fresh[info_key(key)] = codec.dumps(digests_of(files))
    titles = edition_build.titles_of(found)
    pages.update(index_files(page, found, titles, cfg, store, prefix))
    store.put_many(fresh)
    return pages


def edition_key(prefix: str, edition: Edition, near: tuple[dt.date | None, dt.date | None],
                data_of: Callable[[Story], str]) -> str:
    """Everything an edition's files show: its day and neighbours, the intro, each story
    as it stood that day (``data_of``, ``cache.story_data``: its reports, headline, summary
    and notes)."""
    intro = edition.intro
    about = (edition.day, near, intro and (intro.path.name, intro.title, intro.body))
    return cache.sha256(prefix, repr(about), *(data_of(item.story) for item in edition.stories))


def stood_choices(store: cache.Cache, version: str, found: Sequence[Edition],
                  made: Sequence[Edition], digest_of: Callable[[Article], str]
                  ) -> edition_pages.Chooser:
    """``stories.lead_and_summary`` for the stories the editions ``made`` show as they
    stood (cut to their earlier reports: ``edition_pages.as_it_stood``), remembered by
    their reports' data (``cache.reports_key``) in one entry per edition day (``stood_key``),
    those not remembered worked out together (``stories.choose_all``); the entries of the
    editions ``found`` but not made are kept for the builds that make them. ``version``: of
    the code (the theme and settings do not change a choice)."""
    store.keep(stood_key(version, e.day) for e in found)
    slots = {e.day: stood_key(version, e.day) for e in made}
    hits = store.get_many(slots.values())
    stored = {day: _choices(hits[slot]) for day, slot in slots.items() if slot in hits}
    known = {key: choice for choices in stored.values() for key, choice in choices.items()}
    wanted = {e.day: {cache.reports_key(item.story.articles, digest_of): item.story.articles
                      for item in e.stories if not item.complete} for e in made}
    missing = {key: ordered for shown in wanted.values() for key, ordered in shown.items()
               if key not in known}
    known.update(zip(missing, stories_of.choose_all(list(missing.values())), strict=True))
    store.put_many({slots[day]: codec.dumps({key: known[key] for key in shown})
                    for day, shown in wanted.items() if shown.keys() != stored.get(day, {}).keys()})

    def choose(ordered: Sequence[Article]) -> tuple[str, str]:
        hit = known.get(cache.reports_key(ordered, digest_of))
        return hit if hit is not None else stories_of.lead_and_summary(ordered)
    return choose


def stood_key(version: str, day: dt.date) -> str:
    """The cache entry of the choices ``stood_choices`` remembers for one edition day."""
    return f"edition-stood:{version}:{day.isoformat()}"


def _choices(data: bytes) -> dict[str, tuple[str, str]]:
    """Stored choices, those of another shape (a crafted cache) left out."""
    return {key: choice for key, choice in codec.loads(data, dict).items()
            if isinstance(key, str) and isinstance(choice, tuple) and len(choice) == 2
            and all(isinstance(part, str) for part in choice)}


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
