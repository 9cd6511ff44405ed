"""Boxes a page puts under its article: ``About Brigit Katz`` with the writer's bio, ``Sobre
Carlos Nadalim``, ``Über Moritz Bachmann``, ``About Example Corp`` with the publisher's."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.state import PARA, State

# "About <Name>" in a few languages: up to five capitalised words, nothing else on the line
_ABOUT = re.compile(r"(?:About|Sobre|Über|Uber|À propos de|A propos de|Acerca de|Om)"
                    r"(?P<name>(?: [A-ZÀ-Þ][\w.'’&-]*){1,5})")
BOX_PARAGRAPHS = 3  # an about box is a short bio, at the end of the main run


def about_name(text: str) -> str | None:
    """The name an ``About <Name>`` header is about, or None for any other line."""
    found = _ABOUT.fullmatch(text.strip(" :"))
    return found["name"].strip() if found else None


def drop_about_box(state: State) -> State:
    """In a full page, an ``About <Name>`` header near the end of the article whose few
    paragraphs after it name that person or company (a bio) is a box, not the article."""
    if not state.full_page:
        return state
    blocks = state.blocks
    for index in range(len(blocks) - 1, max(-1, len(blocks) - 2 - BOX_PARAGRAPHS), -1):
        name = about_name(blocks[index].text) if blocks[index].kind == PARA else None
        if name is None:
            continue
        box = blocks[index + 1:]
        surname = name.split()[-1]
        if box and any(surname in b.text for b in box):
            return replace(state, blocks=blocks[:index])
        return state
    return state
