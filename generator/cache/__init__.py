"""The build cache (``content/.digest/.cache/``): what earlier builds worked out, around the
stages.

``store`` the SQLite store, its keys and the code version of cached pages; ``memo`` what each
stage keeps (parses, leads, terms, feeds, story pages, stamps, edition days); ``reach`` the
import closure of a stage, which its code version hashes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.util.lazy import exports, of

if TYPE_CHECKING:
    from generator.cache.memo import Recent, Remembered
    from generator.cache.store import Cache, LazyPages, open_for, site_key, story_key

__all__ = ["Cache", "LazyPages", "open_for", "site_key", "story_key", "Recent", "Remembered"]
__getattr__ = exports(__name__, {
    **of("generator.cache.store", "Cache", "LazyPages", "open_for", "site_key", "story_key"),
    **of("generator.cache.memo", "Recent", "Remembered"),
})
