"""Bylines (``By …``) -> author; datelines (``KABUL (Reuters) -``) -> dateline and agency."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.agencies import agency_named
from generator.ingest.dates import month_number
from generator.ingest.state import PARA, RANK_DATELINE, Block, State, with_source

_BYLINE = re.compile(r"^[Bb][Yy]:?\s+(?P<name>[A-Z][\w.'’-]*(?: (?:and |AND |& )?[A-Z][\w.'’-]*)"
                     r"{0,7})(?:\s*(?:[|,–—-]|\bfor\b|\bin\b)(?P<tail>.{0,60})|\s+\S+@\S+.*)?$")
# "By The Associated Press", "BY REUTERS": an agency wrote it; the agency is the source
_AGENCY_BYLINE = re.compile(r"^[Bb][Yy]:?\s+(?P<agency>.{2,40})$")
# "By Thursday, ..." and "By The end of ..." open sentences, not bylines.
_NOT_NAME_TEXT = ("monday tuesday wednesday thursday friday saturday sunday january february march "
                  "april may june july august september october november december the a an this "
                  "that then now late early midday noon midnight")
_NOT_NAMES = frozenset(_NOT_NAME_TEXT.split())
_MAX_BYLINE_WORDS = 12
_PLACE = r"[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}(?:, [A-Z][A-Za-z.]*\.?){0,2}"
_MONTH_DAY = r"(?:,? (?P<month>[A-Z][a-z]{2,8})\.? (?P<day>\d{1,2}))?"
# "KABUL (Reuters) - ", "CAPE CANAVERAL, Fla. (AP) — ", "Kabul (Reuters)-", "PARIS, July 9 (AFP) -"
_AGENCY_DATELINE = re.compile(rf"^(?P<place>{_PLACE}){_MONTH_DAY}\s?"
                              r"\((?P<agency>[A-Z][\w&. ]{1,30})\)\s?[-—–]{1,2}\s?"
                              r"(?P<rest>[A-Z0-9“\"‘'].*)$")
# "WASHINGTON — " (capitals, no agency)
_CAPS_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{2,30}(?:, [A-Z][A-Za-z.]*\.?)?)"
                            r"\s[—–-]{1,2}\s(?P<rest>[A-Z“\"].*)$")
_TOP_BLOCKS = 3  # bylines and datelines sit at the very top of a report


def take_byline(state: State) -> State:
    """``By Jane Doe`` near the top (or just above a page's article) -> ``author``;
    ``By The Associated Press`` (or the agency's name alone on its line) -> ``source``."""
    if state.author:
        return state
    for block in (*state.lead_in, *state.blocks[:_TOP_BLOCKS]):
        name = byline_name(block.text) if block.kind == PARA else None
        agency = byline_agency(block.text) if block.kind == PARA and not name else None
        if name or agency:
            state = replace(state, author=name, lead_in=_without(state.lead_in, block),
                            blocks=_without(state.blocks, block))
            agency = agency or _tail_agency(block.text)
            return with_source(state, agency, RANK_DATELINE) if agency else state
    return state


def byline_name(text: str) -> str | None:
    """The author named by a ``By ...`` line, or None when the line is not a byline (an
    ALL-CAPS name is title-cased; an agency is not an author)."""
    found = _BYLINE.match(text)
    if (found is None or len(text.split()) > _MAX_BYLINE_WORDS or text.endswith((".", "!", "?"))
            or found.group("name").split()[0].lower() in _NOT_NAMES
            or agency_named(found.group("name"))):
        return None
    name = found.group("name")
    return _title_case(name) if name.isupper() else name


def byline_agency(text: str) -> str | None:
    """The agency a byline credits (``By The Associated Press``, ``BY REUTERS``), or the
    agency named alone on a line at the top; None otherwise."""
    found = _AGENCY_BYLINE.match(text)
    return agency_named(found.group("agency") if found else text)


def _tail_agency(text: str) -> str | None:
    """``By Jane Doe, Reuters`` -> ``Reuters``."""
    found = _BYLINE.match(text)
    tail = found.group("tail") if found else None
    return agency_named(tail) if tail else None


def _title_case(name: str) -> str:
    """``JANE O'NEIL AND JOHN SMITH`` -> ``Jane O'Neil and John Smith``."""
    return " ".join(word.lower() if word in ("AND", "&") else word.title() for word in name.split())


def _without(blocks: tuple[Block, ...], block: Block) -> tuple[Block, ...]:
    return tuple(b for b in blocks if b is not block)


def split_dateline(text: str) -> tuple[str, str | None, str] | None:
    """``(place, agency, rest of the sentence)`` when the paragraph opens with a dateline."""
    found = _AGENCY_DATELINE.match(text) or _CAPS_DATELINE.match(text)
    if not found:
        return None
    agency = found.groupdict().get("agency")
    return _place_name(found.group("place")), agency, found.group("rest")


def _place_name(place: str) -> str:
    """``KABUL`` -> ``Kabul``; ``CAPE CANAVERAL, Fla.`` -> ``Cape Canaveral, Fla.``."""
    if place.split(",")[0].isupper():
        head, *tail = place.split(",")
        return ",".join([head.title(), *tail])
    return place


def take_dateline(state: State) -> State:
    """Cut the dateline off the first paragraph, keeping its first sentence; its month and
    day (``PARIS, July 9 (AFP)``) are kept for the date."""
    if state.dateline:
        return state
    for index, block in enumerate(state.blocks[:_TOP_BLOCKS]):
        parts = split_dateline(block.text) if block.kind == PARA else None
        if parts is None:
            continue
        place, agency, rest = parts
        blocks = list(state.blocks)
        blocks[index] = replace(block, text=rest)
        state = replace(state, dateline=place, blocks=tuple(blocks),
                        dateline_day=dateline_day(block.text))
        return with_source(state, agency, RANK_DATELINE) if agency else state
    return state


def dateline_day(text: str) -> tuple[int, int] | None:
    """``(month, day)`` of a dateline that gives them (``PARIS, July 9 (AFP) -``), else None."""
    found = _AGENCY_DATELINE.match(text)
    if found is None or found.group("month") is None:
        return None
    month = month_number(found.group("month"))
    day = int(found.group("day"))
    return (month, day) if month is not None and 1 <= day <= 31 else None
