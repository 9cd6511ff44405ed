"""Times of day that reports give differently for one moment: "pulled over around 1:30
a.m." / "stopped him at about 1:00 am", "set off from the vigil about 8 p.m." / "around 8:30
p.m.".

A time is a clock time with "a.m." or "p.m." (as wire copy writes it, and as scraped text
splits it: "1: 30 a. m."). Two times are of one moment when their sentences correspond
(cosine ``ALIGNED`` or more) or share ``SHARED`` content words, and neither sentence names a
day the other does not. They dispute when they are ``LEAST`` to ``MOST`` minutes apart (closer
is one time told loosely; further is two moments: an arrest and a release), but not a whole
number of hours (a kickoff at "3:30 p.m." and "1:30 p.m." is one time in two time zones,
as reports written in two places give it); a bound ("before
2 a.m.", "by 6 a.m.", "after midnight") fits any later or earlier time and disputes nothing,
and neither does a time that the other report gives too, for anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.compare.align import ALIGNED
from generator.compare.facts import STOPWORDS, WEEKDAYS, stem
from generator.compare.items import Analysis, Dispute, across_reports, one_per_values
from generator.compare.unique import stamped

LEAST, MOST = 30, 180  # minutes apart of two times of one moment that dispute
SHARED = 3  # content words of two sentences in common that tell one moment
_TIME = re.compile(
    r"(?P<before>\b(?:just|shortly|soon|right|about|around|approximately|roughly|nearly|"
    r"almost|some|before|after|by|until|till|at)\s+(?:(?:after|before)\s+)?)?"
    r"\b(?P<hour>1[0-2]|0?[1-9])(?:\s?:\s?(?P<minute>[0-5]\d))?\s?(?P<half>[ap])\.?\s?m\b\.?",
    re.IGNORECASE)
_HALF_DAY = re.compile(r"\d\s?[ap]\.?\s?m\b", re.IGNORECASE)  # what every ``_TIME`` holds
_ZONE = re.compile(r"\s*\(?(?:[ECMP][SD]?T|GMT|UTC|BST|CET|IST|AEST|AEDT)\b")
_BOUND = re.compile(r"^(?:before|after|by|until|till)\s+$", re.IGNORECASE)
_CONTENT = re.compile(r"[A-Za-z][A-Za-z’'-]{2,}|\d+")
_DAYS = frozenset(d.lower() for d in WEEKDAYS)


@dataclass(frozen=True, slots=True)
class Clock:
    """A time of day one sentence gives."""

    report: int
    row: int
    text: str  # as written, with its "about"
    minutes: int  # after midnight


def clock_disputes(analysis: Analysis) -> list[Dispute]:
    """Disputes of the time of one moment between every pair of reports, in report order."""
    clocks = [[c for row, s in enumerate(report) for c in _clocks(s.text, r, row)]
              for r, report in enumerate(analysis.sentences)]
    return one_per_values([
        Dispute("date", "time of day", (
            analysis.mention(a.report, a.row, a.text, str(a.minutes)),
            analysis.mention(b.report, b.row, b.text, str(b.minutes))))
        for a, b, mine, theirs in across_reports(clocks)
        if LEAST <= (apart := abs(a.minutes - b.minutes)) <= MOST
        and apart % 60  # whole hours apart: two time zones
        and not _told(a, theirs) and not _told(b, mine) and _one_moment(analysis, a, b)])


def _clocks(text: str, report: int, row: int) -> list[Clock]:
    """The times of day of a sentence that are no bounds, nor a page's stamp ("Updated 4:08
    PM ET", "Sep 27, 2013 5:50 PM": a time with its zone, or in a sentence with a stamp)."""
    if not _HALF_DAY.search(text) or stamped(text):
        return []
    found = []
    for match in _TIME.finditer(text):
        if _BOUND.match(match["before"] or "") or _ZONE.match(text, match.end()):
            continue
        hour = int(match["hour"]) % 12 + (12 if match["half"].lower() == "p" else 0)
        found.append(Clock(report, row, match[0].strip(), hour * 60 + int(match["minute"] or 0)))
    return found


def _told(clock: Clock, others: list[Clock]) -> bool:
    """The other report gives this time too (within ``LEAST`` minutes), of anything."""
    return any(abs(clock.minutes - other.minutes) < LEAST for other in others)


def _one_moment(analysis: Analysis, a: Clock, b: Clock) -> bool:
    """The two sentences tell one moment: they correspond, or share ``SHARED`` content
    words, and name no two different days."""
    first, second = (analysis.sentences[c.report][c.row].text for c in (a, b))
    days = [{w for w in re.findall(r"[a-z]+", t.lower()) if w in _DAYS} for t in (first, second)]
    if days[0] and days[1] and not days[0] & days[1]:
        return False
    cosine = float(analysis.space.matrices[(a.report, b.report)][a.row, b.row])
    return cosine >= ALIGNED or len(_content(first) & _content(second)) >= SHARED


def _content(text: str) -> set[str]:
    """The stems of a sentence's content words and numbers, its times left out."""
    plain = _TIME.sub(" ", text)
    return {stem(w.lower()) for w in _CONTENT.findall(plain) if w.lower() not in STOPWORDS}


__all__ = ["Clock", "clock_disputes"]
