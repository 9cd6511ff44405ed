"""What earlier builds worked out, kept in the build cache so a warm build can skip the work:
parsed articles by file stat (with each one's ``cache.article_digest``), each story's lead and
summary, the outlets, tags and months, the feeds, the stamps of the files written to output/,
and beside each story's cached pages their digests (``story_pages``), so a warm build neither
reads nor hashes the pages of an unchanged story.

Unlike the page entries of ``cache`` (keyed by a hash of everything they are made from), the
parse memo is keyed by a file's stat (path, size, mtime, ctime, inode): an edit changes the
ctime and mtime, so it always misses. Every key includes a hash of the code that made the value
(``version``), so changing the loader or the lead rule empties these memos, not the page cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from generator import codec, content, search
from generator.cache import store as cache
from generator.cluster import stories
from generator.compare import days as edition_days
from generator.compare.days import StoryDay
from generator.config import SiteConfig
from generator.errors import Problem, SourcePos
from generator.model import Article, Image, Story, day_of
from generator.render import pages as render
from generator.render import workers as parallel
from generator.taxonomy import Term
from generator.util.remember import Work, remember
from generator.write.stamps import Stamp

# what each memo's values are made by: the import closures of these modules (``reach``)
LOADING = ("generator.content", "generator.cache.store")  # load_articles, and the digests
CHOOSING = ("generator.cluster.stories", "generator.cache.store")  # what stories.choose_all runs
FEEDS = ("generator.render.feeds",)  # what all_feeds runs
TERMS = ("generator.render.pages",)  # what render.terms_of runs


def version(entries: tuple[str, ...]) -> str:
    """A hash of the modules ``entries`` reach, of this one (it stores the values), and of
    the library versions (``cache.source_version``)."""
    return cache.source_version(entries, ("generator.cache.memo",))


@dataclasses.dataclass(frozen=True)
class Recent:
    """What a build of a long-lived process (``digest serve``) loaded, which it returns
    (``BuildReport.recent``) for the process to hand its next build: the parses by memo key,
    with their digests, the output folder's stamps and the published stories by id
    (``preview`` renders an edited story from them). The next build then neither reads nor
    decodes them from the cache."""

    parses: Mapping[str, tuple[content.Parsed, str]] = dataclasses.field(default_factory=dict)
    stamps: Mapping[Path, Mapping[str, Stamp]] = dataclasses.field(default_factory=dict)
    stories: Mapping[str, Story] = dataclasses.field(default_factory=dict)


def load_articles(articles_dir: Path, parses: ArticleMemo
                  ) -> tuple[list[Article], list[Problem]]:
    """``content.load_articles``, reading only the files ``parses`` holds no parse of (by
    their stat, and the ``sources.yaml`` they were credited with); a file with errors is
    never stored, so it is reported every time."""
    folder = content.scan(articles_dir)
    sources = f":sources={folder.known.version}" if folder.known.version else ""
    keys = {path: parses.key(path, st) + sources for path, st in folder.stats.items()}
    found = parses.get_many(keys)
    fresh = content.read(folder, [path for path in folder.paths if path not in found])
    parses.put_many({keys[path]: done for path, (done, _) in fresh.items()
                     if done is not None and path in keys})
    return content.collect(folder, {**{path: (done, ()) for path, done in found.items()},
                                    **fresh})


class ArticleMemo:
    """Parsed articles in the build cache: (article, warnings) by the file's stat.

    Stored as plain tuples without the path (the caller has it): unpickling 10,000 articles
    with their ``Path`` objects costs more than the rest of a warm build's loading. Each
    parse is stored with its ``cache.article_digest``, which the memo hands on in
    ``digests`` for the articles it gave or stored. With ``recent``, the parses of the last
    build of this process are taken from memory first; ``loaded`` holds this build's, for the
    next."""

    def __init__(self, store: cache.Cache, recent: Recent | None = None) -> None:
        self.store, self.recent = store, recent
        self.version = version(LOADING)
        self.digests = cache.ArticleDigests()
        self.given: dict[str, tuple[content.Parsed, str]] = {}
        self.loaded: dict[str, tuple[content.Parsed, str]] = {}

    def key(self, path: Path, stat: os.stat_result) -> str:
        """The file as it is now: any write changes its mtime and ctime."""
        return (f"article:{self.version}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:"
                f"{stat.st_ino}:{stat.st_dev}:{path}")

    def get_many(self, keys: Mapping[Path, str]) -> dict[Path, content.Parsed]:
        """Stored parses of the files whose key is present."""
        in_memory = self.recent.parses if self.recent is not None else {}
        self.store.keep(keys.values())  # those in memory too: the next process needs them
        found = self.store.get_many(key for key in keys.values() if key not in in_memory)
        parses: dict[Path, content.Parsed] = {}
        for path, key in keys.items():
            hit = in_memory.get(key)
            if hit is None and key in found:
                hit = _decode(path, found[key])
            if hit is not None:
                self.digests.remember(hit[0][0], hit[1])
                self.given[key] = hit
                parses[path] = hit[0]
        return parses

    def put_many(self, items: Mapping[str, content.Parsed]) -> None:
        """Store parses by key (an article whose warnings name another file is not stored);
        ``loaded`` is left holding the parses given and stored by this build."""
        kept = {key: parsed for key, parsed in items.items()
                if all(w.pos.path == parsed[0].path for w in parsed[1])}
        self.store.put_many({key: _encode(parsed, self.digests(parsed[0]))
                             for key, parsed in kept.items()})
        self.loaded = self.given | {key: (parsed, self.digests(parsed[0]))
                                    for key, parsed in kept.items()}


_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name not in ("slug", "path"))
_IMAGES = _FIELDS.index("images")


def _encode(parsed: content.Parsed, digest: str) -> bytes:
    article, warnings = parsed
    values = [getattr(article, name) for name in _FIELDS]
    values[_IMAGES] = tuple((i.caption, i.credit) for i in article.images)
    return codec.dumps((tuple(values), tuple((w.pos.line, w.message, w.severity)
                                             for w in warnings), digest))


def _decode(path: Path, data: bytes) -> tuple[content.Parsed, str]:
    """An article's stored parse; one of another shape (a crafted cache) is ``Damaged``."""
    values, warnings, digest = codec.loads(data, tuple, 3)
    try:
        if values[_IMAGES]:
            values = (*values[:_IMAGES], tuple(Image(*image) for image in values[_IMAGES]),
                      *values[_IMAGES + 1:])
        return ((Article(path.stem, path, *values),
                 [Problem(SourcePos(path, line), message, severity)
                  for line, message, severity in warnings]), digest)
    except (TypeError, ValueError, IndexError) as exc:
        raise codec.damaged(f"a parse of {path.name} of another shape: {exc}") from None


class ChoiceMemo:
    """``stories.ChooseAll`` remembered: a story's lead and summary by its reports' data.

    Load with ``load``, pass as the chooser, then ``save``: one cache entry holds the choices
    of the last build's stories (choices of stories that no longer exist are dropped). The
    stories not remembered are worked out by ``stories.choose_all``."""

    def __init__(self, store: cache.Cache,
                 digest_of: Callable[[Article], str] = cache.article_digest) -> None:
        self.store, self.digest_of = store, digest_of
        self.slot = "choices:" + version(CHOOSING)
        hit = store.get_many([self.slot]).get(self.slot)
        self.known: dict[str, tuple[str, str]] = (codec.loads(hit, dict) if hit is not None
                                                  else {})
        self.used: dict[str, tuple[str, str]] = {}

    def __call__(self, groups: Sequence[Sequence[Article]]) -> list[stories.Choice]:
        keys = [cache.reports_key(ordered, self.digest_of) for ordered in groups]
        missing = {key: ordered for key, ordered in zip(keys, groups, strict=True)
                   if key not in self.known}
        worked = dict(zip(missing, stories.choose_all(list(missing.values())), strict=True))
        choices = [self.known.get(key) or worked[key] for key in keys]
        self.used.update(zip(keys, choices, strict=True))
        return choices

    def save(self) -> None:
        """Store the choices of this build's stories, if any differ from what was stored."""
        if self.used != self.known:
            self.store.put_many({self.slot: codec.dumps(self.used)})


def terms(store: cache.Cache, stories: Sequence[Story]) -> render.Terms:
    """``render.terms_of(stories)``, remembered (one cache entry, the last build's) by all it
    reads of each story: its id, outlets, tags and first day, in order."""
    about = repr([(s.id, s.sources, s.tags, day_of(s.first_published)) for s in stories])
    slot = "terms:" + version(TERMS)
    key = cache.sha256(about)
    hit = store.get_many([slot]).get(slot)
    if hit is not None:
        stored_key, rows = codec.loads(hit, tuple, 2)
        if stored_key == key:
            by_id = {story.id: story for story in stories}
            sources, tags, months = ([Term(kind, term_key, name, tuple(by_id[i] for i in ids))
                                      for kind, term_key, name, ids in kind_rows]
                                     for kind_rows in rows)
            return sources, tags, months
    made = render.terms_of(stories)
    rows = [[(t.kind, t.key, t.name, [s.id for s in t.stories]) for t in kind_terms]
            for kind_terms in made]
    store.put_many({slot: codec.dumps((key, rows))})
    return made


class Remembered:
    """Runs a stage's ``Work`` (``util.remember``) through the build cache: each file by a
    key of its name, the site (``prefix``) and its stories' keys (their whole data); what the
    store holds is taken, the rest made and stored. ``listings`` and ``feeds`` make one."""

    def __init__(self, store: cache.Cache, prefix: str, story_keys: Mapping[str, str]) -> None:
        self.store, self.prefix, self.story_keys = store, prefix, story_keys

    def __call__(self, work: Mapping[str, Work]) -> dict[str, bytes]:
        named = {path: self.key(one) for path, one in work.items() if one.about is not None}
        found = remember(self.store, named, lambda path: work[path].make(self(work[path].parts)))
        return {path: found[path] if path in found else one.make(self(one.parts))
                for path, one in work.items()}

    def key(self, one: Work) -> str:
        """The key of one file: what it shows (its stories' keys, hex digests, in one part:
        a listing may show thousands)."""
        return cache.sha256(self.prefix, one.about or "",
                            " ".join([self.story_keys[s] for s in one.stories]))


def listings(store: cache.Cache, site_key: str, story_keys: Mapping[str, str]) -> Remembered:
    """The site's listings and index files (``render.site_work``) in the cache."""
    return Remembered(store, cache.sha256("listing", site_key), story_keys)


def feeds(store: cache.Cache, site_key: str, story_keys: Mapping[str, str]) -> Remembered:
    """The feeds (``feeds.feed_work``) in the cache, under the version of their code."""
    return Remembered(store, cache.sha256("feed", site_key, version(FEEDS)), story_keys)


def stamps_slot(output_dir: Path) -> str:
    """The cache entry holding the stamps of one output folder."""
    return f"stamps:{output_dir.resolve()}"


def load_stamps(store: cache.Cache, output_dir: Path) -> dict[str, Stamp]:
    """The stamps the last build saved for ``output_dir`` (empty if none)."""
    slot = stamps_slot(output_dir)
    hit = store.get_many([slot]).get(slot)
    rows: dict[str, tuple[Any, ...]] = codec.loads(hit, dict) if hit is not None else {}
    return {rel: Stamp(*row) for rel, row in rows.items()}


def save_stamps(store: cache.Cache, output_dir: Path, stamps: Mapping[str, Stamp]) -> None:
    """Store the stamps of what was just written (plain tuples: quick to load)."""
    rows = {rel: (s.sha256, s.size, s.mtime_ns, s.inode) for rel, s in stamps.items()}
    store.put_many({stamps_slot(output_dir): codec.dumps(rows)})


class Alongside:
    """Pages made beside the stories' rendering (the listings): by ``story_pages`` while its
    workers render, else (the stories rendered in this process, one after the other) by the
    caller, with ``rest``, once it has begun what it would rather overlap (the search index)."""

    def __init__(self, make: Callable[[], Mapping[str, bytes]]) -> None:
        self.make = make
        self.made: Mapping[str, bytes] | None = None

    def __call__(self) -> Mapping[str, bytes]:
        if self.made is None:
            self.made = self.make()
        return self.made

    def rest(self) -> Mapping[str, bytes]:
        """The pages, made now, if ``story_pages`` did not make them (else none)."""
        return {} if self.made is not None else self()


def story_pages(stories: Sequence[Story], keys: Mapping[str, str], cfg: SiteConfig,
                store: cache.Cache, alongside: Callable[[], Mapping[str, bytes]] | None = None,
                on_pages: cache.OnPages | None = None, days: EditionDays | None = None,
                ) -> cache.LazyPages:
    """Every story's pages: from the cache when its key (``cache.story_key``: its data, the
    code, theme and settings) is there, else rendered (in parallel) and stored. A cached
    story's pages are read only when asked for: a warm build knows their digests and which
    ones are searchable from a small entry beside them (``pages_info``). The pages
    ``alongside()`` makes (the listings) are made here while workers render, and added; when
    the stories render in this process there is nothing to overlap: they are not made here
    (``Alongside.rest`` makes them).
    ``on_pages`` is handed the pages made here and rendered as they come, with the digests
    known of them (a first build writes them then); not those of the stories whose pages
    are cached. The edition days of the stories rendered are stored beside their pages and
    handed to ``days``."""
    infos = store.get_many(info_key(key) for key in keys.values())
    pages = cache.LazyPages()
    missing = []
    for story in stories:
        info = infos.get(info_key(keys[story.id]))
        if info is None:
            missing.append(story)
            continue
        digests, searchable = codec.loads(info, tuple, 2)
        store.keep([keys[story.id], days_key(keys[story.id])])  # read only if needed
        pages.add_group(digests, _stored_pages(store, keys[story.id], story, cfg))
        pages.searchable.update(searchable)
    found = store.get_many(keys[story.id] for story in missing)  # stored before infos were
    stored = [(story.id, render.RenderedStory(codec.loads(found[keys[story.id]], dict), {}))
              for story in missing if keys[story.id] in found]
    store.keep(days_key(keys[story_id]) for story_id, _ in stored)
    fresh: dict[str, bytes] = {}
    held: dict[str, Mapping[str, bytes]] = {}  # story id -> digests of its pages in memory
    by_id = {story.id: story for story in missing}
    to_render = [s for s in missing if keys[s.id] not in found]
    with parallel.stories_rendered(to_render, cfg) as rendered:
        made_here = (alongside() if alongside is not None and parallel.apart(len(to_render))
                     else {})
        if on_pages is not None:
            on_pages(made_here, {})
        for story_id, made in chain(stored, rendered):
            digests, searchable = pages_info(made.pages)
            if on_pages is not None:
                on_pages(made.pages, digests)
            pages.update(made.pages)
            pages.digests.update(digests)
            pages.searchable.update(searchable)
            held[story_id] = digests
            if keys[story_id] not in found:
                fresh.update(_entries(keys[story_id], made))
                if days is not None:
                    days.known[story_id] = made.days
            fresh[info_key(keys[story_id])] = codec.dumps((digests, searchable))
            if len(fresh) >= 512:  # store as we go: an interrupted cold build keeps its work
                _stored_so_far(pages, held, fresh, store, keys, by_id, cfg)
    _stored_so_far(pages, held, fresh, store, keys, by_id, cfg)
    pages.update(made_here)
    return pages


def _stored_so_far(pages: cache.LazyPages, held: dict[str, Mapping[str, bytes]],
                   fresh: dict[str, bytes], store: cache.Cache, keys: Mapping[str, str],
                   by_id: Mapping[str, Story], cfg: SiteConfig) -> None:
    """Store ``fresh`` (then emptied); the pages of the stories ``held`` (then emptied) are
    from then on read from the cache when asked for, as a cached story's are: a cold build
    of 50,000 articles does not hold its whole site in memory. A cache that keeps nothing
    leaves them in memory."""
    store.put_many(fresh)
    fresh.clear()
    if store.stores:
        for story_id, digests in held.items():
            pages.add_group(digests, _stored_pages(store, keys[story_id], by_id[story_id], cfg))
    held.clear()


def _entries(story_key: str, made: render.RenderedStory) -> dict[str, bytes]:
    """The cache entries of a story just rendered: its pages, and its edition days."""
    return {story_key: codec.dumps(made.pages),
            days_key(story_key): codec.dumps({day: item.as_data()
                                              for day, item in made.days.items()})}


def days_key(story_key: str) -> str:
    """The cache entry of a story's edition days (``render.RenderedStory.days``)."""
    return f"edition-days:{story_key}"


class EditionDays:
    """Stories' edition days (``render.RenderedStory.days``) by story id, for the editions a
    build makes: those of the stories it rendered, else the ones stored beside a story's
    pages, else worked out again (``edition_days.whole_story_days``)."""

    def __init__(self, store: cache.Cache, keys: Mapping[str, str]) -> None:
        self.store, self.keys = store, keys
        self.known: dict[str, Mapping[str, StoryDay]] = {}

    def __call__(self, wanted: Iterable[Story]) -> dict[str, Mapping[str, StoryDay]]:
        """The edition days of each story of ``wanted``."""
        wanted = list(wanted)
        missing = [story for story in wanted if story.id not in self.known]
        found = self.store.get_many(days_key(self.keys[story.id]) for story in missing)
        for story in missing:
            hit = found.get(days_key(self.keys[story.id]))
            self.known[story.id] = (_decode_days(hit) if hit is not None
                                    else edition_days.whole_story_days(story))
        return {story.id: self.known[story.id] for story in wanted}


def _decode_days(data: bytes) -> dict[str, StoryDay]:
    """A story's stored edition days; of another shape (a crafted cache), ``Damaged``."""
    try:
        return {day: StoryDay.from_data(item) for day, item in codec.loads(data, dict).items()}
    except (TypeError, ValueError) as exc:
        raise codec.damaged(f"edition days of another shape: {exc}") from None


def info_key(story_key: str) -> str:
    """The cache entry of a story's ``pages_info``."""
    return f"pages-info:{story_key}"


def pages_info(pages: Mapping[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
    """The sha256 of each page, and the pages the search index reads."""
    return ({path: hashlib.sha256(data).digest() for path, data in pages.items()},
            [path for path, data in pages.items() if search.is_searchable(path, data)])


def _stored_pages(store: cache.Cache, key: str, story: Story,
                  cfg: SiteConfig) -> Callable[[], Mapping[str, bytes]]:
    """Reads a story's stored pages; renders them again should the entry be gone."""
    def load() -> Mapping[str, bytes]:
        data = store.get_many([key]).get(key)
        if data is None:
            return render.story_renderer(cfg)(story)
        pages: Mapping[str, bytes] = codec.loads(data, dict)
        return pages
    return load
