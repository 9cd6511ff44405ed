"""Where the build cache is kept: a folder of the content folder, which a build never reads as
content (named apart from ``store`` so that ``fresh`` finds it without importing SQLite)."""

from __future__ import annotations

from pathlib import Path

CACHE_DIR = Path(".digest") / ".cache"  # inside the content folder
