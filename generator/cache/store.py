"""The build cache: rendered pages and search bundles keyed by a hash of everything they are
made from, so an unchanged story is never parsed into HTML, compared or templated twice.

Content-addressed: a key is the sha256 of the inputs (the code, the theme, the site settings and
the data), so a stale entry can never be hit; entries a build did not use are swept once they
pile up (``Cache.sweep``: an entry swept too soon only costs rendering it again). Lives in
``content/.digest/.cache/`` (git-ignored, not watched by ``digest serve``) as one SQLite file,
which makes concurrent readers and a crashed writer safe. Deleting it only costs a cold build.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import Generic, TypeVar

from generator.cache import reach
from generator.cache.folder import CACHE_DIR as CACHE_DIR
from generator.codec import crc_ok, sealed
from generator.config import SiteConfig
from generator.model import Article, Story

T = TypeVar("T")

# what turns a Story into pages and a search bundle: the workers (parallel) render, search indexes
# (its shards kept by shards), memo stores the pages beside their digests; the import closure of
# these is the code version
RENDERING = ("generator.cache.store", "generator.cache.shards", "generator.render.pages",
             "generator.render.workers", "generator.search")
_BATCH = 500  # SQLite's limit on query parameters is well above this
SWEEP_GROWTH = 1.5  # sweep once the entries in use outgrow the last sweep's by this factor
FORMAT = 2  # PRAGMA user_version of the file: 2 = msgpack values with a CRC-32 (1 was pickle)


class Cache:
    """A key -> bytes store in one SQLite file; ``None`` path means a cache that keeps nothing,
    ``read_only`` one that is only read (and not made when it is missing).

    Every key asked for or stored is noted as used (``keep`` notes the keys of entries a
    build may read later, lazily); ``sweep`` then removes the entries the build did not use,
    once the bytes in use have grown ``SWEEP_GROWTH`` times past what the last sweep left,
    so the cache does not grow with every edit."""

    def __init__(self, path: Path | None, read_only: bool = False) -> None:
        self._db: sqlite3.Connection | None = None
        self._used: set[str] = set()
        self.read_only = read_only
        self.damaged = 0  # entries (or the whole file) found damaged and left out
        if path is None or (read_only and not path.is_file()):
            return
        if read_only:
            try:
                self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            except sqlite3.Error:
                self._db = None
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS blobs (key TEXT PRIMARY KEY, "
                             "value BLOB NOT NULL)")
            self._upgrade(self._db)
        except sqlite3.DatabaseError:  # not a database: made anew (only costs a cold build)
            self.damaged = 1
            self._db = self._made_anew(path)
        except (OSError, sqlite3.Error):
            self._db = None  # an unwritable cache only makes the build slower

    @staticmethod
    def _upgrade(db: sqlite3.Connection) -> None:
        """Empty a cache of another format (the entries of an older release)."""
        if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
            with db:
                db.execute("DELETE FROM blobs")
                db.execute(f"PRAGMA user_version = {FORMAT}")

    @staticmethod
    def _made_anew(path: Path) -> sqlite3.Connection | None:
        """The cache file (and its journal) removed and made again, or None if that fails."""
        try:
            for stale in (path, *path.parent.glob(f"{path.name}-*")):
                stale.unlink(missing_ok=True)
            db = sqlite3.connect(path, timeout=30)
            db.execute("CREATE TABLE blobs (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            db.execute(f"PRAGMA user_version = {FORMAT}")
            return db
        except (OSError, sqlite3.Error):
            return None

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored value of each key that is present."""
        found: dict[str, bytes] = {}
        if self._db is None:
            return found
        wanted = list(dict.fromkeys(keys))
        self._used.update(wanted)
        try:
            for start in range(0, len(wanted), _BATCH):
                batch = wanted[start:start + _BATCH]
                marks = ",".join("?" * len(batch))
                found.update(self._db.execute(
                    f"SELECT key, value FROM blobs WHERE key IN ({marks})", batch))
        except sqlite3.Error:
            self.damaged += 1
            return {}
        return self._checked(found)

    def _checked(self, found: dict[str, bytes]) -> dict[str, bytes]:
        """The values whose CRC-32 (their first four bytes) matches, without it; the others
        are damaged (a torn write, a bad disk, an edit by hand) and count as missing."""
        checked = {}
        for key, value in found.items():
            if crc_ok(value):
                checked[key] = value[:-4]
            else:
                self.damaged += 1
        return checked

    def put_many(self, items: Mapping[str, bytes]) -> None:
        """Store every (key, value); an error leaves the cache as it was."""
        if self._db is None or self.read_only or not items:
            return
        self._used.update(items)
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?)",
                                     ((key, sealed(value)) for key, value in items.items()))
        except sqlite3.Error:
            pass

    def keep(self, keys: Iterable[str]) -> None:
        """Note keys as used without reading them (entries read later only if needed)."""
        if self._db is not None:
            self._used.update(keys)

    @property
    def stores(self) -> bool:
        """Whether what is put is kept: a cache with a file, not read only (a put that fails
        all the same only costs making it again when it is read)."""
        return self._db is not None and not self.read_only

    def sweep(self, growth: float | None = None) -> int:
        """Remove the entries not used since this cache was opened, if the bytes in use have
        grown ``growth`` times past what the last sweep left (checked from SQLite's page
        counts: cheap); returns how many were removed. Freed pages are reused by later
        entries, so the file stops growing (it does not shrink). Call it after a build that
        succeeded: a failed build must not cost the last good one its entries."""
        if self._db is None or self.read_only:
            return 0
        growth = SWEEP_GROWTH if growth is None else growth
        try:
            db = self._db
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER)")
            row = db.execute("SELECT value FROM meta WHERE name = 'swept_bytes'").fetchone()
            if row is not None and self._bytes_in_use() <= growth * row[0]:
                return 0
            with db:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM used")
                db.executemany("INSERT OR IGNORE INTO used VALUES (?)",
                               ((key,) for key in self._used))
                removed = db.execute("DELETE FROM blobs WHERE key NOT IN (SELECT key FROM used)"
                                     ).rowcount
                db.execute("DELETE FROM used")
            with db:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('swept_bytes', ?)",
                           (self._bytes_in_use(),))
            return int(removed)
        except sqlite3.Error:
            return 0

    def _bytes_in_use(self) -> int:
        assert self._db is not None
        pages, free, size = (self._db.execute(f"PRAGMA {name}").fetchone()[0]
                             for name in ("page_count", "freelist_count", "page_size"))
        return int((pages - free) * size)

    def close(self) -> None:
        """Release the database file."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_for(content_dir: Path, read_only: bool = False) -> Cache:
    """The cache of a content folder: ``content/.digest/.cache/build.sqlite3``."""
    return Cache(content_dir / CACHE_DIR / "build.sqlite3", read_only)


def template_folder(content_dir: Path) -> Path | None:
    """Where Jinja2 keeps compiled templates: ``templates-<code version>`` beside the cache
    file (Jinja2 checks each template's source; the version covers the environment's settings
    and Jinja2's release). Folders of other versions are removed when a new one is made;
    None when the folder cannot be made (then templates are compiled every time)."""
    folder = content_dir / CACHE_DIR / f"templates-{code_version()[:16]}"
    if folder.is_dir():
        return folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for old in folder.parent.glob("templates-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def sha256(*parts: bytes | str) -> str:
    """Hex sha256 of the parts, each length-prefixed so no two part lists collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def code_version() -> str:
    """A hash of the modules that turn a Story into pages (the import closure of
    ``RENDERING``, with ``memo.py`` that stores them) and the versions of the libraries.
    Loading, cleaning and clustering are not in it: what they produce is in the key itself (the
    Story), so editing them does not empty the cache."""
    return source_version(RENDERING, ("generator.cache.memo",))


@functools.cache  # the code of a running process is fixed: read it once (8 calls a build)
def source_version(entries: tuple[str, ...], alone: tuple[str, ...] = ()) -> str:
    """A hash of the source of the package's modules that ``entries`` reach (``reach``), of
    the modules ``alone`` without theirs, and of the installed versions of the package and of
    every library it declares (``reach.library_versions``)."""
    paths = sorted({*reach.reached(entries), *filter(None, map(reach.module_file, alone))})
    named = (part for p in paths
             for part in (p.relative_to(reach.PACKAGE).as_posix(), p.read_bytes()))
    return sha256(*named, *reach.library_versions())


def site_key(cfg: SiteConfig) -> str:
    """What every page depends on besides its own data: code, theme files, site settings
    (not where the folders are: the same site built from elsewhere hits the same entries)."""
    theme = sorted(p for p in cfg.theme_dir.rglob("*") if p.is_file())
    settings = replace(cfg, content_dir=Path(), output_dir=Path(), theme_dir=Path())
    return sha256(code_version(), repr(settings),
                  *(part for p in theme for part in (p.relative_to(cfg.theme_dir).as_posix(),
                                                     p.read_bytes())))


_ARTICLE_FIELDS = tuple(f.name for f in fields(Article) if f.name not in ("path", "body"))


def story_key(site: str, story: Story,
              digest_of: Callable[[Article], str] | None = None) -> str:
    """Key of a story's pages: its whole data (``story_data``) on the site ``site``."""
    return StoryData(digest_of).key(site, story)


def story_data(story: Story, digest_of: Callable[[Article], str] | None = None) -> str:
    """A hash of a story's whole data (its reports' text and fields, its notes), with file
    paths cut to file names: pages show slugs, never paths. ``digest_of`` is
    ``article_digest`` or a memo of it (an ``ArticleDigests``)."""
    digest_of = digest_of or article_digest
    notes = story.notes
    about = (story.id, story.headline, story.summary, story.tags,
             story.lead.slug if story.lead in story.articles else digest_of(story.lead),
             notes and (notes.story_id, notes.path.name, notes.headline, notes.summary,
                        notes.body, notes.merge))
    return sha256("story", repr(about), *(digest_of(a) for a in story.articles))


def reports_key(ordered: Iterable[Article], digest_of: Callable[[Article], str]) -> str:
    """A hash of the whole data of a story's reports, in order: all that its lead and
    summary (``stories.lead_and_summary``) are made from."""
    return sha256(*(digest_of(article) for article in ordered))


class ByObject(Generic[T]):
    """A hash of an object remembered per object (by identity: these objects are frozen,
    and the same object comes back from every stage of one build)."""

    def __init__(self, make: Callable[[T], str]) -> None:
        self._make = make
        self._known: dict[int, tuple[T, str]] = {}

    def remember(self, thing: T, digest: str) -> None:
        """Record the hash of ``thing`` (which must be what ``make`` gives for it)."""
        self._known[id(thing)] = (thing, digest)

    def __call__(self, thing: T) -> str:
        hit = self._known.get(id(thing))
        if hit is not None and hit[0] is thing:  # the same object, not a reused id
            return hit[1]
        digest = self._make(thing)
        self.remember(thing, digest)
        return digest


class StoryData(ByObject[Story]):
    """``story_data`` remembered per story object: a build hashes each story once, for the
    key of its pages and for the editions it is in whole (``editions.story_on`` hands the
    same object when no later report joined it)."""

    def __init__(self, digest_of: Callable[[Article], str] | None = None) -> None:
        super().__init__(functools.partial(story_data, digest_of=digest_of))

    def key(self, site: str, story: Story) -> str:
        """``story_key``: the key of the story's pages on the site whose key is ``site``."""
        return sha256("story", site, self(story))


def article_digest(article: Article) -> str:
    """A hash of an article's whole data, its file name but not its folder."""
    return sha256(repr(tuple(getattr(article, name) for name in _ARTICLE_FIELDS)),
                  article.path.name, article.body)


class ArticleDigests(ByObject[Article]):
    """``article_digest`` remembered per article object; the loader hands in the digests it
    stored with its parses (``remember``), so a warm build does not hash every report."""

    def __init__(self) -> None:
        super().__init__(article_digest)


# Handed pages as they are made, with the sha256 of those already hashed (a first build
# writes them then: ``write.Staging.add``).
OnPages = Callable[[Mapping[str, bytes], Mapping[str, bytes]], None]


class LazyPages(Mapping[str, bytes]):
    """Site pages by path whose bytes are read (from the build cache) only when asked for,
    with the sha256 of the pages that have a known one (``digests``), so a warm build can
    check unchanged files against their stamps without loading or hashing them, and the
    paths Pagefind reads (``searchable``), for the same reason."""

    def __init__(self, pages: Mapping[str, bytes] | None = None) -> None:
        self._pages: dict[str, bytes] = dict(pages or {})
        self._group_of: dict[str, int] = {}  # path -> index into _loaders
        self._loaders: list[Callable[[], Mapping[str, bytes]]] = []
        self._loaded: dict[int, Mapping[str, bytes]] = {}
        self.digests: dict[str, bytes] = {}
        self.searchable: set[str] = set()

    def add_group(self, digests: Mapping[str, bytes],
                  load: Callable[[], Mapping[str, bytes]]) -> None:
        """Pages whose bytes ``load()`` gives (all at once), with their sha256 digests."""
        group = len(self._loaders)
        self._loaders.append(load)
        for path in digests:
            self._pages.pop(path, None)
            self._group_of[path] = group
        self.digests.update(digests)

    def update(self, pages: Mapping[str, bytes]) -> None:
        """Add pages (a ``LazyPages`` keeps its lazy groups, digests and searchable paths)."""
        if not isinstance(pages, LazyPages):
            for path in pages:
                self._group_of.pop(path, None)
                self.digests.pop(path, None)
                self.searchable.discard(path)
            self._pages.update(pages)
            return
        offset = len(self._loaders)
        self._loaders += pages._loaders
        self._loaded.update((offset + k, v) for k, v in pages._loaded.items())
        self.update(pages._pages)
        self._group_of.update((path, offset + k) for path, k in pages._group_of.items())
        self.digests.update(pages.digests)
        self.searchable |= pages.searchable

    def take(self, paths: Iterable[str]) -> dict[str, bytes]:
        """The bytes of ``paths``, each lazy group read once and not kept: a shard of the site
        read for the search index must not leave the whole site in memory."""
        taken: dict[str, bytes] = {}
        read: dict[int, Mapping[str, bytes]] = {}
        for path in paths:
            if path in self._pages:
                taken[path] = self._pages[path]
                continue
            group = self._group_of[path]
            held = self._loaded.get(group) or read.get(group)
            if held is None:
                held = read[group] = self._loaders[group]()
            taken[path] = held[path]
        return taken

    def is_loaded(self, path: str) -> bool:
        """True when the bytes of ``path`` are in memory."""
        return path in self._pages or self._group_of.get(path, -1) in self._loaded

    def __getitem__(self, path: str) -> bytes:
        if path in self._pages:
            return self._pages[path]
        group = self._group_of[path]
        if group not in self._loaded:
            self._loaded[group] = self._loaders[group]()
        return self._loaded[group][path]

    def __contains__(self, path: object) -> bool:
        return path in self._pages or path in self._group_of

    def __iter__(self) -> Iterator[str]:
        yield from self._pages
        yield from self._group_of

    def __len__(self) -> int:
        return len(self._pages) + len(self._group_of)
