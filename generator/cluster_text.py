"""Markdown or HTML-ish text -> plain words, for the clusterer (pure, no heavy imports:
choosing a story's lead needs only this, not scipy)."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|<[^>]{1,200}>|https?://\S+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = str.maketrans({c: " " for c in "*_`#>|\\"})


def plain(text: str) -> str:
    """Markdown or HTML-ish text -> plain words (links keep their text, markup goes)."""
    if "[" in text or "<" in text or "http" in text:  # the regexes are slow; most text has none
        text = _MARKUP.sub(" ", _LINK.sub(r"\1", text))
    return " ".join(text.translate(_MARKS).split())


def clip(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, cut back to a word boundary."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0]
