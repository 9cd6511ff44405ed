"""Markdown or HTML-ish text -> plain words, for the clusterer (pure, no heavy imports:
choosing a story's lead needs only this, not scipy)."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|<[^>]{1,200}>|https?://\S+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = "*_`#>|\\"  # Markdown marks, each read as a space


def plain(text: str) -> str:
    """Markdown or HTML-ish text -> plain words (links keep their text, markup goes)."""
    return " ".join(plain_words(text))


def plain_words(text: str) -> list[str]:
    """``plain(text).split()``, without joining the words only to split them again."""
    if "[" in text or "<" in text or "http" in text:  # the regexes are slow; most text has none
        text = _MARKUP.sub(" ", _LINK.sub(r"\1", text))
    for mark in _MARKS:  # str.replace per mark: str.translate is 50x slower on non-ASCII text
        if mark in text:
            text = text.replace(mark, " ")
    return text.split()


def clip(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, cut back to a word boundary."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0]
