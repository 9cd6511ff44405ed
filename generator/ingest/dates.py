"""Dates: an explicit publication line near the top, else inferred from captions and text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from generator.ingest.state import PARA, State, with_note

NO_DATE = "no date found"  # the note on a report whose text gives no date
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}\b"),  # July 8, 2021
    re.compile(rf"\b{_DAY} {_MONTH},? {_YEAR}\b"),  # 8 July 2021
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),  # 2021-07-08
    # 08.07.2021 (or "08. 07. 2021" as a tokenised dump writes it): day first, as everywhere
    # dots are written; "08/07/2021" is left alone (8 July or August 7?)
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<gap> ?)(?P<month>\d{1,2})\.(?P=gap)"
               r"(?P<year>(?:19|20)\d{2})(?![\d.]\d)"),  # the same gap: not "rose 2.5. 2012 …"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_MENTION = re.compile(r"(?i)\b(?:on|since|late|early|last)\s(?P<day>" +
                              "|".join(_WEEKDAYS) + r")\b")
_DAY_WORDS = re.compile(r"(?i)\b(?:" + "|".join(_WEEKDAYS) + r"|today|yesterday|tonight|"
                        r"this (?:morning|afternoon|evening|week)|last (?:night|week))\b")
_WEEKDAY_NAMES = "|".join(_WEEKDAYS)
# "the authority said on Wednesday", "on Wednesday, officials said": the day it was reported
_REPORTED_ON = re.compile(
    rf"(?i)\b(?:said|says|announced|told|reported|confirmed|stated|added)\b[^.;]{{0,40}}?\bon "
    rf"(?P<day>{_WEEKDAY_NAMES})\b|\bon (?P<day2>{_WEEKDAY_NAMES})\b,?[^.;]{{0,40}}?\b(?:said|"
    r"says|announced|told|reported|confirmed|stated)\b")
_LEAD_BLOCKS = 3
_MAX_DATE_LINE_WORDS = 14  # "Updated 1:39 am EST, Wednesday, November 20, 2019"
_TOP_BLOCKS = 4
_WEEKDAY_WINDOW = 3  # a weekday in the lead is at most this many days from the anchor date


def find_dates(text: str) -> Iterator[tuple[dt.date, re.Match[str]]]:
    """Every full calendar date written in ``text``, with its match."""
    for pattern in _DATE_PATTERNS:
        for found in pattern.finditer(text):
            month = found.group("month")
            number = int(month) if month.isdigit() else month_number(month)
            try:
                yield dt.date(int(found.group("year")), number or 0, int(found.group("day"))), found
            except ValueError:
                continue


def month_number(name: str) -> int | None:
    """``Jul``, ``July``, ``Sept.`` -> 7, 7, 9; None for a word that is no month."""
    word = name.lower().rstrip(".")
    found = [i for i, m in enumerate(_MONTHS, start=1) if m.startswith(word[:3])]
    return found[0] if found and len(word) >= 3 and (_MONTHS[found[0] - 1].startswith(word)
                                                     or word == "sept") else None


def mentions_day(text: str) -> bool:
    """True when ``text`` says on what day something happened (a weekday, ``yesterday``, a
    date): ledes do, standfirsts and headlines seldom."""
    return _DAY_WORDS.search(text) is not None or next(find_dates(text), None) is not None


def is_date_line(text: str) -> bool:
    """A short line that is mostly a date: ``Published July 8, 2021 10:02 GMT``, ``By Ann
    Lee, July 8, 2021``; not a short sentence that holds one ("Trump's attack on January 3,
    2020, killed the...": a lowercase word that is no stamp's)."""
    found = next(find_dates(text), None)
    if len(text.split()) > _MAX_DATE_LINE_WORDS or found is None:
        return False
    rest = text[:found[1].start()] + " " + text[found[1].end():]
    return all(word.lower() in _STAMP_WORDS or word[0].isupper()
               for word in re.findall(r"[A-Za-z]+", rest))


# the words a date line holds besides its date and names ("Updated 1:39 am EST, Wednesday")
# the time zones a page's stamp gives its time in
ZONES = frozenset("gmt utc est edt cst cdt mst mdt pst pdt bst cet cest ist et pt".split())
_STAMP_WORDS = frozenset(
    "published updated posted last first modified on at by date time am pm a m p and of the "
    "this article was".split() + list(_WEEKDAYS)) | ZONES


def take_publication_date(state: State) -> State:
    """A date line above the article or at its top is the explicit publication date."""
    if state.date is not None:
        return state
    for block in (*state.lead_in, *state.blocks[:_TOP_BLOCKS]):
        if block.kind == PARA and is_date_line(block.text):
            date = next(find_dates(block.text))[0]
            return replace(state, date=date, date_inferred=False,
                           blocks=tuple(b for b in state.blocks if b is not block),
                           lead_in=tuple(b for b in state.lead_in if b is not block))
    return state


def infer_date(state: State) -> State:
    """No publication date: the day the news was reported. A dateline's month and day first
    (its year from the dates written in the report), else the weekday the report says it was
    told on (``the authority said on Wednesday``) taken nearest to a photo's date or the
    latest date of the news in the text (a page's stamp, ``_stamped``, or a date with its
    weekday), else a photo's date, else that latest date set by the first weekday of the lead
    (the event's); a page's stamp, though, is the day itself. A date inside a sentence alone
    dates nothing."""
    if state.date is not None:
        return state
    caption_dates = [d for image in state.images for d, _ in find_dates(image.caption)]
    stamps: list[dt.date] = []
    text_dates: list[dt.date] = []
    for block in state.blocks:
        for date, found in find_dates(block.text):
            if _stamped(block.text, found):
                stamps.append(date)
                text_dates.append(date)
            # a dateline gives the month and day: then any date written gives the year
            elif state.dateline_day is not None or _with_weekday(block.text, date, found):
                text_dates.append(date)
    anchors = caption_dates or text_dates
    if not anchors:
        return with_note(state, NO_DATE)
    # a page's stamp says when it was posted: no weekday of the event moves it
    date = (max(stamps) if stamps and state.dateline_day is None
            else _reporting_day(max(anchors), state, bool(caption_dates)))
    state = replace(state, date=date, date_inferred=True)
    return with_note(state, "date inferred from text")


# a page's stamp around a date: "Posted Oct 26, 2011 8: 57 AM CDT", "Updated: March 3, 2013",
# "12: 52 p. m. EDT May 2, 2013", "7 July 2012 Last updated at 22: 46", "April 12, 2013 | 4: 00am"
_STAMP_BEFORE = re.compile(r"(?i)\b(?:published|updated|posted|released|last modified|"
                           r"first published|created)\b\W{0,3}(?:on\W+)?(?:\w+,?\s)?$")
# (a time zone in capitals; not "at 10:30 p.m. on April 8, 2012" nor "April 8, 2012, at 3
# a.m.": the time and day of an event)
_CLOCK_BEFORE = re.compile(r"(?i)\d{1,2}\s?[:.]\s?\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?-i:[A-Z]{2,4})?"
                           r"\s*[,|–—-]?\s*$")
_CLOCK_AFTER = re.compile(r"(?i)\s*(?:[,|@–—-]\s*)?\d{1,2}(?:\s?[:.]\s?\d{2}(?!\d)|"
                          r"\s?[ap]\.?\s?m\b)")
_STAMP_AFTER = re.compile(r"(?i)\s*[,|–—-]?\s*(?:last\s+)?(?:updated|modified|posted)\b")
# a date run in between a headline and the text, as a page's dump gives it ("... Betty Ford
# Center May 03, 2013 After skipping out"): a capitalised word right after it, no comma; not
# a date that names an event ("the Jan. 6, 2021 Capitol attack") or bounds a time
_RUN_IN_AFTER = re.compile(r"\s*(?:[|–—-]\s*)?[A-Z]")
_NOT_RUN_IN = re.compile(r"(?i)\b(?:the|a|an|of|since|until|till|through|before|after|between|"
                         r"and|or|by|from|as|its|their|his|her)\s+$")
_WEEKDAY_BEFORE = re.compile(r"(?i)\b(?P<day>" + _WEEKDAY_NAMES + r")\b(?:\s+(?:morning|afternoon|"
                             r"evening|night))?,?\s*$")


# A date written in the text tells when the report was made only as a page's stamp (after
# "Posted", with its time of day, or run in between the headline and the text: ``_stamped``)
# or with its own weekday ("on Sunday, October 3, 2021": ``_with_weekday``): a date inside a
# sentence is as often a past event's ("the Sept. 11, 2001 attacks", "the quakes of Oct. 10,
# 2002") or a deadline to come ("through Jan. 31, 2022"). On the AllSides leads, 28 of 33
# dates inferred from any date were a month or more off.


def _with_weekday(text: str, date: dt.date, found: re.Match[str]) -> bool:
    """The date is written after its own weekday ("on Sunday, October 3, 2021")."""
    weekday = _WEEKDAY_BEFORE.search(text[max(0, found.start() - 30):found.start()])
    return weekday is not None and _WEEKDAYS.index(weekday["day"].lower()) == date.weekday()


def _stamped(text: str, found: re.Match[str]) -> bool:
    """The date is a page's stamp: after "Posted" or "Updated", with its time of day, or run
    in between the headline and the text."""
    before = text[max(0, found.start() - 30):found.start()]
    return bool(_STAMP_BEFORE.search(before) or _CLOCK_BEFORE.search(before)
                or _CLOCK_AFTER.match(text, found.end()) or _STAMP_AFTER.match(text, found.end())
                or (_RUN_IN_AFTER.match(text, found.end()) and not _NOT_RUN_IN.search(before)))


def _reporting_day(anchor: dt.date, state: State, from_caption: bool) -> dt.date:
    if state.dateline_day is not None:
        dated = _nearest_year(anchor, *state.dateline_day)
        if dated is not None:
            return dated
    lead = " ".join(b.text for b in state.blocks[:_LEAD_BLOCKS] if b.kind == PARA)
    reported = _REPORTED_ON.search(lead)
    if reported:
        return _nearest_weekday(anchor, reported.group("day") or reported.group("day2"))
    found = _WEEKDAY_MENTION.search(lead) if not from_caption else None
    return _nearest_weekday(anchor, found.group("day")) if found else anchor


def _nearest_year(anchor: dt.date, month: int, day: int) -> dt.date | None:
    """``month``/``day`` in the year that puts it nearest to ``anchor``."""
    dates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(dates, key=lambda d: abs(d - anchor)) if dates else None


def _nearest_weekday(anchor: dt.date, name: str) -> dt.date:
    """The day named ``name`` nearest to the anchor date (at most a few days after it)."""
    weekday = _WEEKDAYS.index(name.lower())
    shift = (weekday - anchor.weekday() + 7) % 7
    shift = shift - 7 if shift > _WEEKDAY_WINDOW else shift
    return anchor + dt.timedelta(days=shift)
