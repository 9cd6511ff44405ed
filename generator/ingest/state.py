"""The typed state the cleaning rules pass along: blocks of text plus what was found so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.model import Date, Image

# Block kinds: a paragraph of prose, a subheading, a photo caption (moved to images at the end).
PARA = "para"
HEADING = "heading"
CAPTION = "caption"
BARRIER = "barrier"  # a section header that ends an article ("Related articles", "Comments")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-sized piece of the raw text, with the 1-based line it starts on."""

    text: str
    line: int
    kind: str = PARA
    credit: str | None = None  # for captions: the photo credit, if any


@dataclass(frozen=True, slots=True)
class State:
    """Everything a rule may read or change; rules return a new State (never mutate)."""

    blocks: tuple[Block, ...]
    title: str = ""
    source: str | None = None
    source_rank: int = 0  # how strong the evidence for ``source`` is (see ``with_source``)
    subtitle: str | None = None
    publisher: str | None = None
    date: Date | None = None
    date_inferred: bool = False
    dateline: str | None = None
    dateline_day: tuple[int, int] | None = None  # (month, day) a dateline gave: PARIS, July 9
    author: str | None = None
    images: tuple[Image, ...] = ()
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    lead_in: tuple[Block, ...] = ()  # blocks just above the main text of a full page
    full_page: bool = False  # True when menus and footers surrounded the article
    extracted: bool = False  # True when the blocks are already the main text (HTML input)
    input_lines: int = 0  # non-empty lines in the raw input, for the "dropped" note


Rule = Callable[[State], State]

# Evidence ranks for the source: a dateline agency < the outlet in the title < an end credit.
RANK_DATELINE = 1
RANK_TITLE = 2
RANK_SITE = 2
RANK_CREDIT = 3


def with_source(state: State, source: str, rank: int) -> State:
    """The state with ``source`` set, unless stronger evidence already named one."""
    if state.source is not None and state.source_rank >= rank:
        return state
    return replace(state, source=source, source_rank=rank)


def with_note(state: State, note: str) -> State:
    """The state with one more note for the editor (no duplicates)."""
    return state if note in state.notes else replace(state, notes=(*state.notes, note))


def paragraphs(state: State) -> list[int]:
    """Indexes of the prose paragraph blocks."""
    return [i for i, b in enumerate(state.blocks) if b.kind == PARA]
