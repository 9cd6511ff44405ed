"""End credits: ``Source: Reuters``, ``Source: Al Jazeera and news agencies``."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.state import PARA, RANK_CREDIT, State, with_source

_CREDIT = re.compile(r"^\(?(?:Source|Sources|Credit|Via)\s?:\s?(?P<who>[^.!?]{2,80})\)?\.?$",
                     re.IGNORECASE)
_AGENCIES_WORDS = re.compile(r"(?i)^(news )?(wire )?(agencies|agency|wires|services)$")
_TAIL_BLOCKS = 3
_MAX_NAME_WORDS = 6


def parse_credit(text: str) -> tuple[str, str | None] | None:
    """``(source, publisher)`` from an end credit line, or None when it is not one."""
    found = _CREDIT.match(text)
    if not found:
        return None
    names = [n.strip() for n in re.split(r",|\band\b|&|/", found.group("who")) if n.strip()]
    named = [n for n in names if not _AGENCIES_WORDS.match(n)]
    if not named or any(len(n.split()) > _MAX_NAME_WORDS or not n[0].isupper() for n in named):
        return None
    # "X and news agencies": X wrote the report from agency copy, so X is also the publisher.
    publisher = named[0] if len(named) < len(names) else None
    return named[0], publisher


def take_end_credits(state: State) -> State:
    """A credit among the last paragraphs -> ``source`` (and ``publisher``), out of the body."""
    blocks = state.blocks
    for index in range(len(blocks) - 1, max(-1, len(blocks) - 1 - _TAIL_BLOCKS), -1):
        credit = parse_credit(blocks[index].text) if blocks[index].kind == PARA else None
        if credit is None:
            continue
        source, publisher = credit
        state = replace(state, blocks=blocks[:index] + blocks[index + 1:])
        if publisher and not state.publisher:
            state = replace(state, publisher=publisher)
        return with_source(state, source, RANK_CREDIT)
    return state
