"""Plain text kept literal in Markdown: backslash-escape what CommonMark would interpret."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Inline syntax anywhere in a line: emphasis, code, links, HTML, escapes, strikethrough;
# "_" only at a word edge (CommonMark ignores it inside words: snake_case stays as it is).
_INLINE = re.compile(r"([\\`*\[\]<>~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;))")
# Block syntax at the start of a line: headings, quotes, lists, rules, fences, setext underlines.
_LINE_START = re.compile(r"^([#>+=\-])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def escape_markdown(text: str) -> str:
    """Escape one line of plain text so CommonMark renders exactly these characters."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def plain_text(markdown: str) -> str:
    """The visible text of rendered Markdown, one block per paragraph or heading."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    return "\n\n".join(_inline_text(t) for t in tokens if t.type == "inline")


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
