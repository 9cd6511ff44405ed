"""A page's stamp run into the first paragraph: "Posted Oct 26, 2011 8: 57 AM CDT An 18-year-old
gang member has confessed …", as a dump of a page gives its date line and the lede on one line.

The stamp is taken off the paragraph (it is the page's, not a sentence of the report) and its
date, if the report has none yet, is the publication date. A stamp is a run, from the
paragraph's start, of dates, clock times, time zones and the words that label them ("Posted",
"Last updated at", "First Published:"), holding a full date (in capitals or not), a label or
a time with its zone, and followed by a new capitalised sentence; a sentence that opens with
its own date ("On Sunday, July 4, 2021, Taliban fighters …": a comma goes on with it; "July 4,
2021 was …": no capital) or time ("10:30 p.m. Police arrived …") keeps it, and a year alone
is no stamp ("2020 Tokyo Olympics …").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from generator.ingest.agencies import AGENCY_ALTERNATIVES
from generator.ingest.dates import find_dates
from generator.ingest.state import PARA, State

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_ZONE = (r"(?:gmt|utc|bst|cet|cest|ist|ict|akdt|akst|hst|[ecmp][sd]?t|et|pt|ct|mt|uk)(?![a-z])"
         r"|\(gmt[+-]\d{1,2}\s?:\s?\d{2}\)|hrs\b")
_LABEL = (r"(?:(?:first|last|originally)\s+)?(?:published|posted|updated|modified|edited|"
          r"released|created|release)(?:\s+(?:on|at|time))?\b|story\s+created\b|"
          r"edited\s+time\b|published\s+time\b")
_CLOCK = (r"\d{1,2}\s?[:.]\s?\d{2}(?:\s?:\s?\d{2})?(?:\s?(?:[ap]\.\s?m\.?|[ap]m\b|[ap](?![a-z])))?"
          r"|\d{1,2}\s?(?:[ap]\.\s?m\.|[ap]m\b)")
_NUMERIC_DATE = r"\d{1,4}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}(?!\d)"
_TOKEN = re.compile(
    rf"\s*(?:{_LABEL}|(?-i:on)(?=\s+(?:\d|{_MONTH}|{_WEEKDAY})\b)|(?-i:at|AT)(?=\s+\d)|"
    rf"(?-i:{AGENCY_ALTERNATIVES})(?=\s+(?:{_MONTH}|{_WEEKDAY})\W*\d)|"  # "Reuters Sep 18, 2013"
    rf"{_NUMERIC_DATE}|{_CLOCK}|"
    rf"{_WEEKDAY}(?=[\s,.]|$)|{_MONTH}(?=[\s,.\d]|$)|{_ZONE}|\d{{1,4}}(?:st|nd|rd|th)?\b|"
    r"[|/–—:,.-])", re.IGNORECASE)
_HELD = re.compile(rf"(?i){_NUMERIC_DATE}|\b{_LABEL}")  # a stamp's own, with a full date
_CLOCK_ZONE = re.compile(rf"(?i)(?:{_CLOCK})\s*(?:{_ZONE})")  # "4: 33 AM EST": a stamp's
_BARE_CLOCK = re.compile(rf"(?i){_CLOCK}")
_NEXT = re.compile(r"\s*[A-Z“\"‘']")


def stamp_end(text: str, bare_time: bool = False) -> int:
    """Where a stamp opening ``text`` ends (0: none; see the module's text). ``bare_time``:
    a time of day alone is a stamp too (in a speaker's description, never a part of it)."""
    at = 0
    while (token := _TOKEN.match(text, at)) is not None and token.end() > at:
        at = token.end()
    stamp = text[:at]
    if (not stamp.strip() or stamp.rstrip().endswith(",") or _NEXT.match(text, at) is None
            or (_HELD.search(stamp) is None
                and (_BARE_CLOCK if bare_time else _CLOCK_ZONE).search(stamp) is None
                and _date_in(stamp) is None)):
        return 0  # a bare time opens a sentence of its own: "10:30 p.m. Police arrived …"
    return at


def take_run_in_stamp(state: State) -> State:
    """Take a stamp off the start of the first paragraph; its date is the publication date
    when the report has none yet."""
    first = next((k for k, b in enumerate(state.blocks) if b.kind == PARA), None)
    if first is None:
        return state
    block = state.blocks[first]
    end = stamp_end(block.text)
    if not end:
        return state
    blocks = (*state.blocks[:first], replace(block, text=block.text[end:].lstrip()),
              *state.blocks[first + 1:])
    state = replace(state, blocks=blocks)
    found = _date_in(block.text[:end])
    if state.date is None and found is not None:
        state = replace(state, date=found, date_inferred=False)
    return state


def _date_in(stamp: str) -> dt.date | None:
    """The first full date of a stamp, written in capitals or not ("MAY 3, 2013")."""
    found = next(find_dates(stamp), None) or next(find_dates(stamp.title()), None)
    return found[0] if found else None
