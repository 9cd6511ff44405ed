"""news-digest: a static site generator for a curated news digest."""

from __future__ import annotations

__version__ = "0.1.0"
