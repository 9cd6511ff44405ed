"""What earlier builds worked out, kept in the build cache so a warm build can skip the work:
parsed articles by file stat, each story's lead and summary, the feeds, and the stamps of the
files written to output/.

Unlike the page entries of ``cache`` (keyed by a hash of everything they are made from), the
parse memo is keyed by a file's stat (path, size, mtime, ctime, inode): an edit changes the
ctime and mtime, so it always misses. Every key includes a hash of the code that made the value
(``version``), so changing the loader or the lead rule empties these memos, not the page cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator import cache, content, stories
from generator.errors import Problem, SourcePos
from generator.model import Article, Image, Story
from generator.write import Stamp

LOADING = ("memo.py", "content.py", "frontmatter.py", "files.py", "model.py", "config.py",
           "errors.py")  # content.py's imports, and theirs
CHOOSING = ("memo.py", "stories.py", "cluster*.py", "sentences.py", "model.py",
            "errors.py")  # what stories.lead_and_summary runs
FEEDS = ("memo.py", "feeds.py", "taxonomy.py", "model.py", "config.py",
         "errors.py")  # what all_feeds runs
_LIBRARIES = ("pyyaml", "markdown-it-py", "feedgen", "lxml")


def version(patterns: Sequence[str]) -> str:
    """A hash of the source of the modules matching ``patterns`` and the versions of the
    libraries that parse and write."""
    return cache.source_version(patterns, _LIBRARIES)


class ArticleMemo:
    """``content.ParseMemo`` in the build cache: (article, warnings) by the file's stat.

    Stored as plain tuples without the path (the caller has it): unpickling 10,000 articles
    with their ``Path`` objects costs more than the rest of a warm build's loading."""

    def __init__(self, store: cache.Cache) -> None:
        self.store = store
        self.version = version(LOADING)

    def key(self, path: Path, stat: os.stat_result) -> str:
        """The file as it is now: any write changes its mtime and ctime."""
        return (f"article:{self.version}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:"
                f"{stat.st_ino}:{stat.st_dev}:{path}")

    def get_many(self, keys: Mapping[Path, str]) -> dict[Path, content.Parsed]:
        """Stored parses of the files whose key is present."""
        found = self.store.get_many(keys.values())
        return {path: _decode(path, found[key]) for path, key in keys.items() if key in found}

    def put_many(self, items: Mapping[str, content.Parsed]) -> None:
        """Store parses by key (an article whose warnings name another file is not stored)."""
        self.store.put_many({key: _encode(parsed) for key, parsed in items.items()
                             if all(w.pos.path == parsed[0].path for w in parsed[1])})


_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name not in ("slug", "path"))


def _encode(parsed: content.Parsed) -> bytes:
    article, warnings = parsed
    values = [getattr(article, name) for name in _FIELDS]
    values[_FIELDS.index("images")] = tuple((i.caption, i.credit) for i in article.images)
    return cache.dumps((tuple(values), tuple((w.pos.line, w.message, w.severity)
                                             for w in warnings)))


def _decode(path: Path, data: bytes) -> content.Parsed:
    values, warnings = cache.loads(data)
    fields = dict(zip(_FIELDS, values, strict=True))
    fields["images"] = tuple(Image(*image) for image in fields["images"])
    return (Article(slug=path.stem, path=path, **fields),
            [Problem(SourcePos(path, line), message, severity)
             for line, message, severity in warnings])


class ChoiceMemo:
    """``stories.Chooser`` remembered: a story's lead and summary by its reports' data.

    Load with ``load``, pass as the chooser, then ``save``: one cache entry holds the choices
    of the last build's stories (choices of stories that no longer exist are dropped)."""

    def __init__(self, store: cache.Cache) -> None:
        self.store = store
        self.slot = "choices:" + version(CHOOSING)
        hit = store.get_many([self.slot]).get(self.slot)
        self.known: dict[str, tuple[str, str]] = cache.loads(hit) if hit is not None else {}
        self.used: dict[str, tuple[str, str]] = {}

    def __call__(self, ordered: Sequence[Article]) -> tuple[str, str]:
        digest = hashlib.sha256()
        for article in ordered:  # what the lead rule and the summary read
            for part in (article.slug, repr(article.date), article.title,
                         repr(article.subtitle), article.body):
                data = part.encode()
                digest.update(len(data).to_bytes(8, "big") + data)
        key = digest.hexdigest()
        choice = self.known.get(key) or stories.lead_and_summary(ordered)
        self.used[key] = choice
        return choice

    def save(self) -> None:
        """Store the choices of this build's stories, if any differ from what was stored."""
        if self.used != self.known:
            self.store.put_many({self.slot: cache.dumps(self.used)})


class FeedMemo:
    """``feeds.FeedMemo`` in the build cache: a feed by the site and its stories' keys."""

    def __init__(self, store: cache.Cache, site_key: str, story_keys: Mapping[str, str]) -> None:
        self.store, self.story_keys = store, story_keys
        self.prefix = cache.sha256("feed", site_key, version(FEEDS))

    def key(self, path: str, title: str, stories: Sequence[Story]) -> str:
        """Everything the feed shows: its path and title, its stories' whole data."""
        return cache.sha256(self.prefix, path, title, *(self.story_keys[s.id] for s in stories))

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        """Stored feeds by key."""
        return self.store.get_many(keys)

    def put_many(self, items: Mapping[str, bytes]) -> None:
        """Store feeds by key."""
        self.store.put_many(items)


def stamps_slot(output_dir: Path) -> str:
    """The cache entry holding the stamps of one output folder."""
    return f"stamps:{output_dir.resolve()}"


def load_stamps(store: cache.Cache, output_dir: Path) -> dict[str, Stamp]:
    """The stamps the last build saved for ``output_dir`` (empty if none)."""
    slot = stamps_slot(output_dir)
    hit = store.get_many([slot]).get(slot)
    rows: dict[str, tuple[Any, ...]] = cache.loads(hit) if hit is not None else {}
    return {rel: Stamp(*row) for rel, row in rows.items()}


def save_stamps(store: cache.Cache, output_dir: Path, stamps: Mapping[str, Stamp]) -> None:
    """Store the stamps of what was just written (plain tuples: quick to load)."""
    rows = {rel: (s.sha256, s.size, s.mtime_ns, s.inode) for rel, s in stamps.items()}
    store.put_many({stamps_slot(output_dir): cache.dumps(rows)})
