"""Ids on headings (``<h2 id="the-title">``), so a reader can link to a part of a report.

The ids are those of mdit-py-plugins' ``anchors_plugin`` (GitHub's slugs, ``-1``, ``-2`` ...
for repeats, explicit ids kept and never taken), with the repeats counted: the plugin tries
``x-1``, ``x-2`` ... from the start for every repeat of ``x``, so 20,000 headings of one title
took 58 s there; a count of the suffixes tried per slug makes it linear and changes no id.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors.index import slugify


def heading_anchors(md: MarkdownIt, min_level: int = 2, max_level: int = 4,
                    slug: Callable[[str], str] = slugify) -> None:
    """A markdown-it-py plugin: an ``id`` on every heading from ``min_level`` to ``max_level``."""
    levels = range(min_level, max_level + 1)

    def anchor(state: StateCore) -> None:
        taken = UniqueSlugs({str(token.attrGet("id")) for token in state.tokens
                             if token.type == "heading_open" and token.attrGet("id")})
        for index, token in enumerate(state.tokens):
            if token.type != "heading_open" or int(token.tag[1]) not in levels:
                continue
            if token.attrGet("id"):
                continue
            children = state.tokens[index + 1].children or []
            title = "".join(child.content for child in children
                            if child.type in ("text", "code_inline"))
            token.attrSet("id", taken.add(slug(title)))

    md.core.ruler.push("heading_anchors", anchor)


class UniqueSlugs:
    """The ids of one document: ``add`` gives a slug, or its first free ``slug-N``."""

    def __init__(self, reserved: set[str]) -> None:
        self.taken = set(reserved)
        self.tried: dict[str, int] = {}  # slug -> the last N found taken, for its next repeat

    def add(self, slug: str) -> str:
        """``slug`` when free, else ``slug-N`` for the least N >= 1 that is free (the set only
        grows, so the suffixes tried for an earlier repeat are still taken)."""
        unique, n = slug, self.tried.get(slug, 0)
        if n or unique in self.taken:
            n += 1
            unique = f"{slug}-{n}"
            while unique in self.taken:
                n += 1
                unique = f"{slug}-{n}"
            self.tried[slug] = n
        self.taken.add(unique)
        return unique


__all__ = ["UniqueSlugs", "heading_anchors"]
