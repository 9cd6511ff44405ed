"""Title and outlet: ``… - AP News``, ``… | BBC``, ``… Reuters``; the standfirst as subtitle."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.agencies import AGENCY_ALTERNATIVES
from generator.ingest.byline import split_dateline
from generator.ingest.dates import find_dates, is_date_line, mentions_day
from generator.ingest.stamps import stamp_end
from generator.ingest.state import (
    CAPTION,
    PARA,
    RANK_TITLE,
    Block,
    State,
    with_note,
    with_source,
)
from generator.slugs import stop_words_end

_SEPARATOR = re.compile(r"\s+(?:[|–—·•»:]{1,2}|-{1,2})\s+")
# a hyphened word a tokenised dump spaced out at the title's end ("… Hit - And - Run", "Face -
# To - Face"): a small word alone between two hyphens is no title before an outlet ("Hit -
# Run" stays ambiguous)
_HYPHENED = re.compile(r"\s-\s(?i:and|or|to|of|the|in|on|for|by|a|n)\s-\s[\w'’]+$")
_AGENCY_SUFFIX = re.compile(rf"\s+(?P<outlet>{AGENCY_ALTERNATIVES})$")
_MAX_OUTLET_WORDS = 5
_MIN_TITLE_WORDS = 3
_MAX_SUBTITLE_WORDS = 60
_MAX_SUMMARY_WORDS = 30  # a standfirst told from the lede by the lede's dating of the news
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_REPORTED = re.compile(r"(?i)\b(?:said|says|told|according to)\b")
_MAX_TITLE_WORDS = 20  # a line below a date line that is a headline, not the lede
_MAX_TITLE_SENTENCE_WORDS = 25  # a lede's first sentence short enough to stand as the title
_CUT_TITLE_WORDS = 12  # else its first words
_STAMP_GAP = " |•·–—-"  # what may part a date line from the line it opens


def split_outlet(line: str) -> tuple[str, str | None]:
    """``"Title - Outlet"`` -> ``("Title", "Outlet")``; ``("Title", None)`` when none is named."""
    parts = _SEPARATOR.split(line)
    if len(parts) > 1 and _is_outlet(parts[-1]) and not _HYPHENED.search(line):
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
    if "," in text or re.match(r"\d+(?:[\s:,]|$)", text):
        return False  # "Colts beat Chiefs 20 - 13", "… - Run, Driver Charged": the headline's
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in {"of", "the", "and", "&"}
               for w in words)


def take_title(state: State) -> State:
    """The first line is the title; an outlet appended to it becomes the source. A first
    line that is only a date ("Saturday, August 24, 2013") is the publication date, and the
    title is below it (``_title_below_date``)."""
    if state.title or not state.blocks:
        return state if state.title else with_note(state, "no title found")
    first, rest = state.blocks[0], state.blocks[1:]
    if first.kind == PARA and rest and rest[0].kind == PARA and is_date_line(first.text):
        return _title_below_date(state, first, rest)
    return _titled(state, first.text, rest)


def _titled(state: State, line: str, rest: tuple[Block, ...]) -> State:
    """``line`` is the title (an outlet appended to it the source); ``rest`` the blocks."""
    title, outlet = split_outlet(line)
    state = replace(state, title=title, blocks=rest)
    return with_source(state, outlet, RANK_TITLE) if outlet else state


def _title_below_date(state: State, stamp: Block, rest: tuple[Block, ...]) -> State:
    """A dump that opens with its date line: the date is the publication date; the next
    line is the title when it is shaped like one (``_MAX_TITLE_WORDS``, one sentence),
    else (the headline run into the lede, as some dumps give it) the lede stays whole in
    the body and its first sentence, or its first words, stand as the title. The date
    line repeated at the start of the next one is dropped with it."""
    date = next(find_dates(stamp.text))[0]
    below = rest[0]
    if below.text.startswith(stamp.text):
        below = replace(below, text=below.text[len(stamp.text):].lstrip(_STAMP_GAP))
    state = replace(state, date=date, date_inferred=False)
    if not below.text:
        return take_title(replace(state, blocks=rest[1:]))
    if (len(below.text.split()) <= _MAX_TITLE_WORDS
            and len(_SENTENCE_END.findall(below.text)) <= 1 and not below.text.endswith(":")):
        return _titled(state, below.text, rest[1:])
    return replace(state, title=_opening_words(below.text), blocks=(below, *rest[1:]))


def _opening_words(text: str) -> str:
    """A title made from a lede: its first sentence when short enough, else its first
    words and an ellipsis."""
    end = _SENTENCE_END.search(text)
    sentence = text[:end.start() + 1] if end else text
    if len(sentence.split()) <= _MAX_TITLE_SENTENCE_WORDS:
        return sentence.rstrip(".").strip()
    words = text.split()[:_CUT_TITLE_WORDS]
    words = words[:max(1, stop_words_end(words))]  # "… Killed By Police", not "… In the…"
    return " ".join(words).rstrip(",;:") + "…"


def drop_title_repeats(state: State) -> State:
    """A full page repeats the headline above the article; drop lines that equal the title,
    unless nothing of the report would be left (a one-sentence brief whose headline is that
    sentence keeps it as its text), and the headline run into the first paragraph
    (``_run_in``)."""
    key = _key(state.title)
    kept = tuple(b for b in state.blocks if not key or _key(split_outlet(b.text)[0]) != key)
    if not any(b.kind == PARA for b in kept):
        kept = state.blocks  # a brief of one sentence, its headline: the sentence is the text
    first = next((k for k, b in enumerate(kept) if b.kind == PARA), None)
    if first is not None and state.title and (rest := _run_in(state.title, kept[first].text)):
        kept = (*kept[:first], replace(kept[first], text=rest), *kept[first + 1:])
    return replace(state, blocks=kept, lead_in=tuple(b for b in state.lead_in
                                                      if _key(b.text) != key))


_RUN_ON = re.compile(r"\s+(?:[|–—-]\s+)?(?=[A-Z“\"‘'(\d])")
_SPACES = re.compile(r"\s+")


def _run_in(title: str, text: str) -> str | None:
    """The paragraph after the headline it opens with, when the dump ran the two together
    ("Tara Reid Finally Checks Into Rehab It's been a long time coming, …"): the title
    ends with no stop of its own (a title that is a sentence may be the lede's first) and
    the paragraph goes on with a new capitalised word."""
    if (len(title.split()) < _MIN_TITLE_WORDS or title.rstrip()[-1:] in ".!?…\"”'’"
            or not text.startswith(title)):
        return None
    gap = _RUN_ON.match(text, len(title))
    if gap is None and stamp_end(text[len(title):].lstrip()):  # "… Driver on September 14, …"
        gap = _SPACES.match(text, len(title))
    return text[gap.end():] if gap and len(text) > gap.end() else None


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
