"""Subheadings: a short title-like line between paragraphs becomes a ``## `` heading."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.state import HEADING, PARA, Block, State

_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 90
_NO_FINAL = tuple(".,;!?…\"”’'")
_QUOTES = "“\"'‘«"
_MIN_FOLLOWING_WORDS = 8
_WORD = re.compile(r"\w+")


def looks_like_heading(text: str) -> bool:
    """Short, no final punctuation, capitalised, not a quotation."""
    words = text.split()
    return (0 < len(words) <= _MAX_HEADING_WORDS and len(text) <= _MAX_HEADING_CHARS
            and not text.endswith(_NO_FINAL) and text[0] not in _QUOTES
            and (text[0].isupper() or text[0].isdigit()) and _WORD.search(text) is not None)


def is_paragraph(block: Block) -> bool:
    """A prose paragraph long enough to sit under a heading."""
    return block.kind == PARA and len(block.text.split()) >= _MIN_FOLLOWING_WORDS


def mark_headings(state: State) -> State:
    """Mark heading lines: preceded by a paragraph (or heading) and followed by a paragraph."""
    blocks = list(state.blocks)
    for i in range(1, len(blocks) - 1):
        block = blocks[i]
        if (block.kind == PARA and looks_like_heading(block.text)
                and blocks[i - 1].kind in (PARA, HEADING) and is_paragraph(blocks[i + 1])):
            blocks[i] = replace(block, kind=HEADING)
    return replace(state, blocks=tuple(blocks))


def drop_stray_short_lines(state: State) -> State:
    """In a full page, short non-sentence lines that did not become headings are page furniture."""
    if not state.full_page:
        return state
    kept = tuple(b for b in state.blocks if b.kind != PARA or not looks_like_heading(b.text))
    return replace(state, blocks=kept)
