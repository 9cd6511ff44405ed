"""The search index: Pagefind, run over the rendered pages, its bundles added to the site.

Only the story and article pages (marked ``data-pagefind-body`` by the theme) are indexed.
Pagefind is the binary of the ``pagefind[bin]`` package; nothing is fetched.

The pages are split into shards by a hash of their story (a story page and its reports' pages
change together) or else their path, about ``SHARD_PAGES`` pages each (``pagefind/0/``,
``pagefind/1/`` ...; ``pagefind/shards.json`` lists them). The search page
loads the first and merges the others in the browser (Pagefind's multisite search; a random
split keeps the word statistics of every shard alike, so the ranking holds). Each shard's
bundle is cached under a hash of its pages, so an edit re-indexes one shard, not the site,
and Pagefind's memory is bounded by the shard size. A shard is handed over as one folder
(Pagefind indexes a folder in parallel, while adding pages one by one costs a round trip each).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from generator import cache
from generator.errors import DigestError

SHARD_PAGES = 1000  # pages per shard, about: an edit re-indexes this many
SHARDS_FILE = "pagefind/shards.json"
UI_FILES = frozenset((  # Pagefind's ready-made search UIs, unused: the theme has its own
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"))


def index(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    """Pagefind's bundle for the HTML pages, as {path inside the bundle folder: bytes}; the
    UI layers Pagefind adds (``UI_FILES``) are left out: the theme has its own search page.

    Pagefind runs as its command-line program (``python -m pagefind``), which exits only once
    every file is written. (Its Python service API stops the service right after asking it
    to write, which can cut the last file short.)"""
    with tempfile.TemporaryDirectory(prefix="digest-pagefind-") as tmp:
        site, bundle = Path(tmp) / "site", Path(tmp) / "pagefind"
        for path, data in pages.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        site.mkdir(exist_ok=True)
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path",
                   str(bundle), "--force-language", language, "--silent"]
        try:
            done = subprocess.run(command, capture_output=True, check=False, timeout=3600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DigestError(f"search index: Pagefind failed ({exc}); reinstall with "
                              "'pip install pagefind[bin]'") from None
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip()[-500:]
            raise DigestError(f"search index: Pagefind failed (exit {done.returncode}: {said})")
        return {p.relative_to(bundle).as_posix(): p.read_bytes()
                for p in sorted(bundle.rglob("*")) if p.is_file() and p.name not in UI_FILES}


def cached_index(pages: Mapping[str, bytes], language: str, store: cache.Cache,
                 groups: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Every shard's bundle under ``pagefind/<k>/`` plus ``pagefind/shards.json``; a shard
    whose pages are byte for byte those of the last build comes from the cache (only the
    last bundle of each shard is kept: together they are megabytes at 10,000 pages).
    ``groups`` (page path -> group name) keeps pages that change together in one shard."""
    shards = shard_pages(indexed_pages(pages), groups or {})
    slots = {k: f"pagefind:{language}:{len(shards)}:{k}" for k in range(len(shards))}
    hits = store.get_many(list(slots.values()))
    bundle: dict[str, bytes] = {}
    fresh: dict[str, bytes] = {}
    version = cache.code_version()
    for k, shard in enumerate(shards):
        if not shard:  # nothing to search (a new site): no bundle
            continue
        inputs = cache.sha256("pagefind", version, language,
                              *(part for path, data in shard.items() for part in (path, data)))
        hit = cache.loads(hits[slots[k]]) if slots[k] in hits else None
        files = hit[1] if hit is not None and hit[0] == inputs else None
        if files is None:
            files = index(shard, language)
            fresh[slots[k]] = cache.dumps((inputs, files))
        bundle.update((f"pagefind/{k}/{path}", data) for path, data in files.items())
    if fresh:
        store.put_many(fresh)
    listing = [f"{k}/" for k, shard in enumerate(shards) if shard]
    bundle[SHARDS_FILE] = json.dumps(listing).encode()
    return bundle


def shard_pages(html: Mapping[str, bytes],
                groups: Mapping[str, str] | None = None) -> list[dict[str, bytes]]:
    """The pages split into a power of two of shards (at least one, each about
    ``SHARD_PAGES`` pages) by a hash of their group (``groups``; a page without one is its
    own): pages of a group share a shard, and a page stays in its shard while the site grows,
    until the count doubles."""
    count = 1
    while count * SHARD_PAGES < len(html):
        count *= 2
    shards: list[dict[str, bytes]] = [{} for _ in range(count)]
    for path, data in sorted(html.items()):
        key = (groups or {}).get(path, path)
        digest = hashlib.sha256(key.encode("utf-8")).digest()
        shards[int.from_bytes(digest[:4], "big") % count][path] = data
    return shards


def indexed_pages(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """The pages Pagefind reads: with any page marked ``data-pagefind-body`` only the marked
    ones (it ignores the rest), else every HTML page."""
    html = {path: data for path, data in sorted(pages.items()) if path.endswith(".html")}
    marked = {path: data for path, data in html.items() if b"data-pagefind-body" in data}
    return marked or html
