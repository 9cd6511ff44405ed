"""The ingest stage: raw inbox file -> cleaned Report (text hygiene, junk removal, metadata,
Markdown body), with the inbox that runs it over ``inbox/`` and the record of what it made
(``manifest``).

``clean_path`` dispatches on the file name; ``clean_text`` and ``clean_html`` take a string
(``generator.ingest.clean``). The rules themselves are listed, in order, in
``generator.ingest.pipeline``. Importing the package loads none of them: the cleaner's
modules (and trafilatura) load when one of these names is first used, so a build with nothing
to clean, which imports ``ingest.inbox`` and ``ingest.manifest``, does not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.errors import ContentError
    from generator.ingest.clean import article_bytes, clean_html, clean_path, clean_text

__all__ = ["ContentError", "article_bytes", "clean_html", "clean_path", "clean_text"]
_FROM = {"ContentError": "generator.errors", "article_bytes": "generator.ingest.clean",
         "clean_html": "generator.ingest.clean", "clean_path": "generator.ingest.clean",
         "clean_text": "generator.ingest.clean"}


def __getattr__(name: str) -> Any:
    """The public names, imported on first use (PEP 562)."""
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_FROM[name]), name)
