"""Title and outlet: ``… - AP News``, ``… | BBC``, ``… Reuters``; the standfirst as subtitle."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.agencies import AGENCY_ALTERNATIVES
from generator.ingest.byline import split_dateline
from generator.ingest.dates import mentions_day
from generator.ingest.state import (
    CAPTION,
    PARA,
    RANK_TITLE,
    Block,
    State,
    with_note,
    with_source,
)

_SEPARATOR = re.compile(r"\s+(?:[|–—·•»:]{1,2}|-{1,2})\s+")
_AGENCY_SUFFIX = re.compile(rf"\s+(?P<outlet>{AGENCY_ALTERNATIVES})$")
_MAX_OUTLET_WORDS = 5
_MIN_TITLE_WORDS = 3
_MAX_SUBTITLE_WORDS = 60
_MAX_SUMMARY_WORDS = 30  # a standfirst told from the lede by the lede's dating of the news
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_REPORTED = re.compile(r"(?i)\b(?:said|says|told|according to)\b")


def split_outlet(line: str) -> tuple[str, str | None]:
    """``"Title - Outlet"`` -> ``("Title", "Outlet")``; ``("Title", None)`` when none is named."""
    parts = _SEPARATOR.split(line)
    if len(parts) > 1 and _is_outlet(parts[-1]):
        title = " - ".join(parts[:-1]).strip()
        if len(title.split()) >= _MIN_TITLE_WORDS:
            return title, parts[-1].strip()
    suffix = _AGENCY_SUFFIX.search(line)
    if suffix and len(line[: suffix.start()].split()) >= _MIN_TITLE_WORDS:
        return line[: suffix.start()].strip(), suffix.group("outlet")
    return line, None


def _is_outlet(text: str) -> bool:
    """Outlet names are short and capitalised (or a domain like ``nytimes.com``)."""
    words = text.split()
    if re.fullmatch(r"[\w.-]+\.[a-z]{2,6}", text):
        return True
    if not 0 < len(words) <= _MAX_OUTLET_WORDS or text.endswith(("?", "!", ".")):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in {"of", "the", "and", "&"}
               for w in words)


def take_title(state: State) -> State:
    """The first line is the title; an outlet appended to it becomes the source."""
    if state.title or not state.blocks:
        return state if state.title else with_note(state, "no title found")
    first, rest = state.blocks[0], state.blocks[1:]
    title, outlet = split_outlet(first.text)
    state = replace(state, title=title, blocks=rest)
    return with_source(state, outlet, RANK_TITLE) if outlet else state


def drop_title_repeats(state: State) -> State:
    """A full page repeats the headline above the article; drop lines that equal the title."""
    key = _key(state.title)
    kept = tuple(b for b in state.blocks if not key or _key(split_outlet(b.text)[0]) != key)
    return replace(state, blocks=kept, lead_in=tuple(b for b in state.lead_in
                                                      if _key(b.text) != key))


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def take_subtitle(state: State) -> State:
    """A standfirst: the first paragraph, when what follows shows it is not the lede: the lead
    photo's caption (after a paragraph that does not say on what day: a lede would), a
    dateline (which opens the lede), or a lede that says when while the short first
    paragraph does not."""
    blocks = state.blocks
    if state.subtitle or len(blocks) < 2 or not is_standfirst_shaped(blocks[0]):
        return state
    first, second = blocks[0], blocks[1]
    after_caption = (second.kind == CAPTION and len(blocks) > 2 and blocks[2].kind == PARA
                     and not mentions_day(first.text))
    if after_caption or (second.kind == PARA and _opens_the_report(first.text, second.text,
                                                                   state.full_page)):
        return replace(state, subtitle=first.text, blocks=blocks[1:])
    return state


def is_standfirst_shaped(block: Block) -> bool:
    """A paragraph short enough for a standfirst (one sentence), not a quotation."""
    return (block.kind == PARA and len(block.text.split()) <= _MAX_SUBTITLE_WORDS
            and len(_SENTENCE_END.findall(block.text)) <= 1 and block.text[0] not in "“\"'‘«")


def _opens_the_report(first: str, second: str, full_page: bool) -> bool:
    """``second`` is the lede: it opens with a dateline, or (in wire copy: a page's short
    one-line ledes look alike) it dates the news while the shorter ``first`` (one sentence,
    no reported speech) does not."""
    if split_dateline(second) is not None:
        return True
    words = len(first.split())
    return (not full_page and words <= _MAX_SUMMARY_WORDS and len(second.split()) > words
            and _REPORTED.search(first) is None
            and not mentions_day(first) and mentions_day(second))
