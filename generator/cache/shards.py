"""The search index's shards in the build cache, around the pure ``search`` stage: each shard's
bundle is kept under a hash of its pages' digests, so an edit re-indexes one shard, not the
site; an unchanged shard's bundle is read from the cache only if a file of it must be written.
``digest serve`` may defer re-indexing a changed shard (``bundle_of(..., defer=True)``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from generator import codec, search
from generator.cache import store as cache


def cached_index(pages: Mapping[str, bytes], language: str, store: cache.Cache,
                 groups: Mapping[str, str] | None = None) -> cache.LazyPages:
    """Every shard's bundle under ``pagefind/<k>/`` plus ``pagefind/shards.json``; a shard
    whose pages are byte for byte those of the last build comes from the cache (only the
    last bundle of each shard is kept: together they are megabytes at 10,000 pages), and is
    read from it only when its files are asked for. ``groups`` (page path -> group name)
    keeps pages that change together in one shard. A shard's pages are compared by their
    sha256 (known beforehand for the cached pages of a ``cache.LazyPages``)."""
    return bundle_of(pages, language, store, groups)[0]


def bundle_of(pages: Mapping[str, bytes], language: str, store: cache.Cache,
              groups: Mapping[str, str] | None = None, defer: bool = False,
              on_files: cache.OnPages | None = None,
              ) -> tuple[cache.LazyPages, int]:
    """(``cached_index``'s bundle, how many shards in it are out of date). With ``defer``, a
    changed shard that has a bundle from an earlier build keeps that bundle instead of being
    indexed again (``digest serve`` shows an edit first and brings search up to date once
    the editor pauses); a shard without one is indexed all the same. ``on_files`` is handed
    the files of each shard indexed and their digests, as soon as it is (while the next ones
    are indexed)."""
    return begin(pages, language, store, groups, defer).finish(on_files)


@dataclass(frozen=True)
class Begun:
    """``bundle_of`` begun: the shards to index are being indexed (``search.Indexing``) while
    the caller goes on; ``finish`` waits for them and stores them. ``paths`` are the pages
    the shards were cut from: the bundle holds for a site whose indexed pages are these,
    unchanged (``holds_for``)."""

    pages: Mapping[str, bytes]
    language: str
    store: cache.Cache
    paths: tuple[str, ...]
    by_marker: bool  # the pages were marked for the index, not taken as every HTML page
    shards: list[dict[str, bytes]]
    slots: dict[int, str]
    inputs: dict[int, str]
    known: dict[int, Mapping[str, bytes]]  # shard -> its stored files' digests
    behind: int
    todo: list[int]
    running: search.Indexing

    def holds_for(self, added: Mapping[str, bytes]) -> bool:
        """Whether the bundle is still that of ``pages`` once ``added`` joins them: no page
        indexed is replaced, and none of ``added`` is indexed (none is marked; when no page
        was marked, every HTML page counts, so then none is HTML)."""
        if not set(added).isdisjoint(self.paths):
            return False
        html = [path for path in added if path.endswith(".html")]
        if not self.by_marker:
            return not html
        marked = _marks(added)
        return not any(marked(path) for path in html)

    def close(self) -> None:
        """Stop indexing the shards not begun; wait for those running (a failed build)."""
        self.running.close()

    def finish(self, on_files: cache.OnPages | None = None) -> tuple[cache.LazyPages, int]:
        """(the bundle, how many shards in it are out of date): see ``bundle_of``."""
        bundle = cache.LazyPages()
        made_digests: dict[str, bytes] = {}  # handed on: the writer need not hash them again
        for k, files in zip(self.todo, self.running.results(), strict=True):
            digests = {path: hashlib.sha256(data).digest() for path, data in files.items()}
            self.store.put_many({self.slots[k]: codec.dumps((self.inputs[k], digests)),
                                 files_slot(self.slots[k]): codec.dumps(files)})
            made = {f"pagefind/{k}/{path}": data for path, data in files.items()}
            shard_digests = {f"pagefind/{k}/{path}": sha for path, sha in digests.items()}
            made_digests.update(shard_digests)
            if on_files is not None:
                on_files(made, shard_digests)
            if self.store.stores:  # read again only if a file must be written: not held
                bundle.add_group(shard_digests, self._files(k))
            else:
                bundle.update(made)
        for k in self.inputs:
            if k in self.known:
                self.store.keep([files_slot(self.slots[k])])  # read only if a file must be written
                bundle.add_group({f"pagefind/{k}/{path}": digest
                                  for path, digest in self.known[k].items()}, self._files(k))
        bundle.digests.update(made_digests)
        listing = [f"{k}/" for k, shard in enumerate(self.shards) if shard]
        bundle.update({search.SHARDS_FILE: json.dumps(listing).encode()})
        return bundle, self.behind

    def _files(self, k: int) -> Callable[[], dict[str, bytes]]:
        """What reads shard ``k``'s bundle from the cache (or indexes the shard again)."""
        return _stored_files(self.store, self.slots[k], k, self.pages, list(self.shards[k]),
                             self.language)


def begin(pages: Mapping[str, bytes], language: str, store: cache.Cache,
          groups: Mapping[str, str] | None = None, defer: bool = False) -> Begun:
    """``bundle_of`` begun: which shards the cache holds is looked up here, and Pagefind set
    to work on the others in threads (``Begun.finish`` collects them)."""
    search.sweep_scratch()  # what killed builds left
    marked = _marks(pages)
    paths = tuple(search.indexed_paths(pages, marked))
    shards = search.shard_pages(dict.fromkeys(paths, b""), groups or {})
    slots = {k: f"pagefind-shard:{language}:{len(shards)}:{k}" for k in range(len(shards))}
    hits = store.get_many(slots.values())
    version = cache.code_version()
    inputs = {k: cache.sha256("pagefind", version, language,
                              *(part for path in shard for part in (path, _digest(pages, path))))
              for k, shard in enumerate(shards) if shard}  # an empty shard (new site): no bundle
    stored = {k: codec.loads(hits[slots[k]], tuple, 2) for k in inputs if slots[k] in hits}
    known = {k: digests for k, (made_from, digests) in stored.items()
             if made_from == inputs[k] or defer}
    behind = sum(1 for k in known if stored[k][0] != inputs[k])
    todo = [k for k in inputs if k not in known]
    running = search.Indexing([partial(_pages_of, pages, list(shards[k])) for k in todo],
                              language)
    return Begun(pages, language, store, paths, bool(paths) and marked(paths[0]), shards, slots,
                 inputs, known, behind, todo, running)


def files_slot(slot: str) -> str:
    """The cache entry holding the files of the shard whose digests are in ``slot``."""
    return f"{slot}:files"


def _stored_files(store: cache.Cache, slot: str, k: int, pages: Mapping[str, bytes],
                  shard: list[str], language: str) -> Callable[[], dict[str, bytes]]:
    """Reads shard ``k``'s stored bundle; indexes the shard again should the entry be gone
    (a closed or damaged cache)."""
    def load() -> dict[str, bytes]:
        data = store.get_many([files_slot(slot)]).get(files_slot(slot))
        files: dict[str, bytes] = (codec.loads(data, dict) if data is not None else
                                   search.index(_pages_of(pages, shard), language))
        return {f"pagefind/{k}/{path}": data for path, data in files.items()}
    return load


def _pages_of(pages: Mapping[str, bytes], paths: list[str]) -> dict[str, bytes]:
    """The bytes of a shard's pages; those of a ``cache.LazyPages`` read from the cache are
    not kept there (``take``)."""
    if isinstance(pages, cache.LazyPages):
        return pages.take(paths)
    return {path: pages[path] for path in paths}


def _digest(pages: Mapping[str, bytes], path: str) -> bytes:
    known = pages.digests.get(path) if isinstance(pages, cache.LazyPages) else None
    return known if known is not None else hashlib.sha256(pages[path]).digest()


def _marks(pages: Mapping[str, bytes]) -> Callable[[str], bool]:
    """Whether a page of ``pages`` is marked for the index (``search.is_searchable``), read
    only when its ``cache.LazyPages`` does not know."""
    if not isinstance(pages, cache.LazyPages):
        return lambda path: search.is_searchable(path, pages[path])
    lazy = pages
    return lambda path: path in lazy.searchable if (
        path in lazy.digests) else search.is_searchable(path, lazy[path])
