"""The search index: Pagefind, run over the rendered pages, its bundle added to the site.

Only the story and article pages (marked ``data-pagefind-body`` by the theme) are indexed.
Pagefind runs as a service binary from the ``pagefind[bin]`` package; nothing is fetched.
The pages are handed over as one folder (Pagefind indexes a folder in parallel, while adding
pages one by one costs a round trip each), and the bundle is cached under a hash of the pages.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from generator import cache
from generator.errors import DigestError


def index(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    """Pagefind's bundle (``pagefind/...``) for the HTML pages, as {site path: bytes}."""
    try:
        return asyncio.run(_index(indexed_pages(pages), language))
    except (OSError, RuntimeError, AssertionError) as exc:
        raise DigestError(f"search index: Pagefind failed ({exc}); reinstall with "
                          "'pip install pagefind[bin]'") from None


def cached_index(pages: Mapping[str, bytes], language: str,
                 store: cache.Cache) -> dict[str, bytes]:
    """``index``, taken from the cache when the indexed pages are byte for byte the same as
    in the last build (only that one bundle is kept: each is megabytes at 10,000 pages)."""
    inputs = cache.sha256("pagefind", cache.code_version(), language,
                          *(part for path, data in indexed_pages(pages).items()
                            for part in (path, data)))
    slot = f"pagefind-last:{language}"
    hit = store.get_many([slot]).get(slot)
    if hit is not None:
        last_inputs, bundle = cache.loads(hit)
        if last_inputs == inputs:
            return dict(bundle)
    bundle = index(pages, language)
    store.put_many({slot: cache.dumps((inputs, bundle))})
    return bundle


def indexed_pages(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """The pages Pagefind reads: with any page marked ``data-pagefind-body`` only the marked
    ones (it ignores the rest), else every HTML page."""
    html = {path: data for path, data in sorted(pages.items()) if path.endswith(".html")}
    marked = {path: data for path, data in html.items() if b"data-pagefind-body" in data}
    return marked or html


async def _index(html: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory(prefix="digest-pagefind-") as tmp:
        site, bundle = Path(tmp) / "site", Path(tmp) / "pagefind"
        for path, data in html.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        config = IndexConfig(force_language=language, output_path=str(bundle))
        async with PagefindIndex(config=config) as search_index:
            if html:
                await search_index.add_directory(str(site))
        return {f"pagefind/{p.relative_to(bundle).as_posix()}": p.read_bytes()
                for p in sorted(bundle.rglob("*")) if p.is_file()}
