"""The search index: Pagefind, run over the rendered pages, its bundle added to the site.

Only the story and article pages (marked ``data-pagefind-body`` by the theme) are indexed.
Pagefind runs as a service binary from the ``pagefind[bin]`` package; nothing is fetched.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from generator.errors import DigestError


def index(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    """Pagefind's bundle (``pagefind/...``) for the HTML pages, as {site path: bytes}."""
    html = {path: data.decode("utf-8") for path, data in sorted(pages.items())
            if path.endswith(".html")}
    try:
        return asyncio.run(_index(html, language))
    except (OSError, RuntimeError, AssertionError) as exc:
        raise DigestError(f"search index: Pagefind failed ({exc}); reinstall with "
                          "'pip install pagefind[bin]'") from None


async def _index(html: Mapping[str, str], language: str) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory(prefix="digest-pagefind-") as tmp:
        bundle = Path(tmp) / "pagefind"
        config = IndexConfig(force_language=language, output_path=str(bundle))
        async with PagefindIndex(config=config) as search_index:
            for path, text in html.items():
                await search_index.add_html_file(content=text, source_path=path)
        return {f"pagefind/{p.relative_to(bundle).as_posix()}": p.read_bytes()
                for p in sorted(bundle.rglob("*")) if p.is_file()}
