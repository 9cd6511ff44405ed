"""Numbers with units and what they count, and dates, found in a sentence and normalised.

Equivalent forms get equal values: "12%" = "12 percent" = "12 per cent"; "400-metre" =
"400 metres" = "400 m"; "two-year" = "2 years"; "Feb 18, 2021" = "18 February 2021" = the
"Thursday" that falls on that day (weekdays resolve to the last such day on or before the
report date); "900 kilometres (550 miles)" is one quantity (the bracketed conversion is
dropped) and a distance in miles matches one in kilometres within rounding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from generator.compare.ranges import ranges

QUANTITY = "quantity"
DATE = "date"

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL)} | {
    w: 20 + 10 * i for i, w in enumerate(_TENS)} | {"dozen": 12}
SHORT_SCALES = {"k": 1e3, "m": 1e6, "bn": 1e9}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# unit word -> (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "%": ("percent", 1), "percent": ("percent", 1), "per cent": ("percent", 1),
    "percentage points": ("point", 1),
    "km": ("m", 1000), "kilometre": ("m", 1000), "kilometer": ("m", 1000),
    "m": ("m", 1), "metre": ("m", 1), "meter": ("m", 1), "cm": ("m", 0.01),
    "mile": ("m", 1609.344), "foot": ("m", 0.3048), "feet": ("m", 0.3048), "ft": ("m", 0.3048),
    "kg": ("kg", 1), "kilogram": ("kg", 1), "kilo": ("kg", 1), "tonne": ("kg", 1000),
    "ton": ("kg", 1000), "pound": ("kg", 0.4536), "lb": ("kg", 0.4536),
    "year": ("year", 1), "month": ("month", 1), "week": ("day", 7), "day": ("day", 1),
    "hour": ("hour", 1), "minute": ("hour", 1 / 60),
    "dollar": ("usd", 1), "$": ("usd", 1), "euro": ("eur", 1), "€": ("eur", 1),
    "sq km": ("m2", 1e6), "square kilometre": ("m2", 1e6), "hectare": ("m2", 1e4),
}
_UNIT_WORDS = sorted((u for u in UNITS if u not in "$€"), key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) + ("" if u == "%" else r"(?:e?s)?\b") for u in _UNIT_WORDS)
_NUMWORD_RE = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# thousands after a comma, or after a comma and a space unless a list of numbers goes on
_THOUSANDS = r"(?:,\d{3}|, \d{3}(?!,? (?:and |or )?\d))+(?!\d)"
# a decimal a tokenised dump split at its point, before a scale, a unit or a hyphen ("a 6. 1 -
# magnitude quake", "$5. 3 million", "0. 08 percent"): one number, not "6" and "1 - magnitude"
_SPLIT_DECIMAL = (r"\d{1,3}\.\s\d{1,2}(?=\s?-\s|\s?%|\s(?:percent|per cent|million|billion|"
                  r"trillion|magnitude|points?|degrees|mph|km|kg|feet|ft|metres|meters|miles)\b|"
                  r"(?:m|bn|km|kg)\b)")
_NUMBER = (rf"(?P<digits>\d{{1,3}}{_THOUSANDS}(?:\.\d+)?|{_SPLIT_DECIMAL}|\d+(?:\.\d+)?)"
           rf"|(?P<words>(?:{_NUMWORD_RE})(?:-(?:{'|'.join(_SMALL[1:10])}))?)")
QUALIFIERS = ("more than", "less than", "fewer than", "at least", "up to", "about", "around",
              "nearly", "almost", "over", "some", "roughly", "approximately", "under", "below",
              "above")
_QUALIFIER = rf"(?P<qual>{'|'.join(QUALIFIERS)})\s+"
QUANTITY_RE = re.compile(
    rf"(?:{_QUALIFIER})?(?P<cur>[$€]\s?)?(?<![\w.,-])(?:{_NUMBER})"
    rf"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b|(?P<short>bn|k)\b)?"
    rf"(?:(?P<sep>[\s-]?)(?P<unit>{_UNIT_RE}))?(?![\w-]*\d)", re.IGNORECASE)
_CONVERSION_GAP = re.compile(r"^\s*\(\s*(?:about|some|around|nearly|roughly)?\s*$")

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_RE = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
            r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE_RES = (
    re.compile(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?",
               re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+"
               rf"(?P<year>\d{{4}}))?\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH_RE}\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<weekday>{'|'.join(WEEKDAYS)})\b", re.IGNORECASE),
    re.compile(r"\b(?P<relative>today|yesterday)\b", re.IGNORECASE),
    re.compile(r"(?:\b(?:in|since|of|by|until|from|to|early|late|mid|year)\s+|-)"
               r"(?P<year>(?:1[89]|20)\d\d)\b(?![\w-]*\d)", re.IGNORECASE),
)
# Sets of lowercase strings, and for each pattern of DATE_RES (in order) the set one of which
# a match of it contains: a sentence with none of them is not searched with that pattern (each
# set is looked for once, though three patterns need the months).
HINT_SETS = (tuple(month[:3] for month in MONTHS), ("day",), ("18", "19", "20"))
DATE_HINTS = (0, 0, 0, 1, 1, 2)
# Where the number of a QUANTITY_RE match may start, and the qualifier and currency sign that
# may come right before it: ``quantity_matches`` tries QUANTITY_RE only there.
_NUMBER_START = re.compile(  # the lookahead first lets the engine skip other characters fast
    rf"(?=[\d{''.join(sorted({word[0] for word in NUMBER_WORDS}))}])(?<![\w.,-])"
    rf"(?:\d|{_NUMWORD_RE})", re.IGNORECASE)
_PREFIX = re.compile(rf"(?:{_QUALIFIER})?(?:[$€]\s?)?\Z", re.IGNORECASE)
_LONGEST = max(map(len, QUALIFIERS))  # ignoring case pairs single characters: the same length
STOPWORDS = frozenset(
    ("a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
     "with", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this",
     "these", "those", "it", "its", "their", "his", "her", "they", "he", "she", "we", "which",
     "who", "whom", "than", "then", "there", "into", "onto", "across", "over", "under", "about",
     "after", "before", "during", "while", "said", "says", "say", "told", "not", "no", "more",
     "less", "also", "including", "per", "each"))
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
# a word of two letters or more, with its apostrophes and hyphens: the words around a figure
# or a name that say what is said of it (compare_claims, compare_kinds, compare_agreed)
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]+")
# words before a weekday that put it ahead of the report day
_FUTURE = re.compile(r"\b(?:will|would|could|might|due|scheduled|expected|plans?|next|later|coming|"
                     r"until|upcoming|to be)\b")
_FUTURE_REACH = 6  # words looked back
AGED = re.compile(r"\baged\s+\Z", re.IGNORECASE)  # "the boy, aged five": an age
_RANGE_OPENS = re.compile(r"\s+to\s+\d")  # "Ten to 15 people": a range's low end


@dataclass(frozen=True, slots=True)
class Fact:
    """A number (with unit) or a date found in a sentence.

    ``key`` is comparable across reports ("69", "400 m", "2 year", "2021-02-18");
    ``counted`` holds stems of the words after the number (what it counts); ``text`` is the
    surface form as written; ``start``/``end`` are offsets in the sentence.
    """

    kind: str
    key: str
    text: str
    start: int
    end: int
    value: float = 0.0
    dimension: str = ""
    counted: tuple[str, ...] = ()
    qualifier: str = ""
    converted: bool = False  # the unit was not the dimension's base unit as written
    phrase: str = ""  # the number with the words it counts, as written: "69 Taliban fighters"


@lru_cache(maxsize=1 << 16)  # a pure function of a word: a story's words repeat by the thousand
def stem(word: str) -> str:
    """A crude, deterministic stem: lowercase, possessive and plural endings removed."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'")
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def dates(sentence: str, report_day: dt.date) -> list[Fact]:
    """Dates in a sentence, resolved to ISO keys (weekdays against the report day)."""
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    lowered = searchable(sentence)
    hinted = [may_match(lowered, hints) for hints in HINT_SETS]
    for pattern, hints in zip(DATE_RES, DATE_HINTS, strict=True):
        if not hinted[hints]:
            continue
        for match in pattern.finditer(sentence):
            span = match.span("year") if _only_year(match) else match.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            key = _date_key(match, report_day, ahead(sentence[:match.start()]))
            if key:
                taken.append(span)
                text = sentence[span[0]:span[1]]
                found.append(Fact(DATE, key, text, span[0], span[1], phrase=text))
    return sorted(found, key=lambda fact: fact.start)


def searchable(sentence: str) -> str | None:
    """The sentence lowercased for ``may_match``, or None when it is not ASCII (case-insensitive
    matching of other text also pairs letters such as "ſ" with "s")."""
    return sentence.lower() if sentence.isascii() else None


def may_match(lowered: str | None, hints: tuple[str, ...]) -> bool:
    """False when a case-insensitive pattern that needs one of ``hints`` cannot match the
    sentence: it is ASCII (``lowered`` is ``searchable(sentence)``) and has none of them."""
    return lowered is None or any(map(lowered.__contains__, hints))


def _only_year(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    return bool(groups.get("year")) and not groups.get("month") and not groups.get("day")


def ahead(before: str) -> bool:
    """The words just before a weekday say it is still to come ("will resume Monday", "due
    in court next Tuesday", "later Sunday")."""
    return bool(_FUTURE.search(" ".join(before.lower().split()[-_FUTURE_REACH:])))


def _date_key(match: re.Match[str], report_day: dt.date, ahead: bool = False) -> str | None:
    # casefold, not lower: the patterns ignore case as Unicode does ("ſunday" is "sunday")
    groups = {name: value.casefold() for name, value in match.groupdict().items() if value}
    if groups.get("weekday"):
        back = (report_day.weekday() - WEEKDAYS.index(groups["weekday"])) % 7
        if ahead:
            return (report_day + dt.timedelta(days=(7 - back) % 7)).isoformat()
        return (report_day - dt.timedelta(days=back)).isoformat()
    if groups.get("relative"):
        back = 1 if groups["relative"] == "yesterday" else 0
        return (report_day - dt.timedelta(days=back)).isoformat()
    year = int(groups["year"]) if groups.get("year") else None
    if not groups.get("month"):
        return str(year) if year else None
    month = next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(groups["month"][:3]))
    if not groups.get("day"):
        return f"{year:04d}-{month:02d}" if year else None
    day = int(groups["day"])
    if year:
        found = _day(year, month, day)
        return found.isoformat() if found else None
    # no year: the year that puts the day nearest the report ("Dec. 30" in a January report)
    near = [d for y in (report_day.year - 1, report_day.year, report_day.year + 1)
            if (d := _day(y, month, day))]
    return min(near, key=lambda d: abs((d - report_day).days)).isoformat() if near else None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def quantities(sentence: str, skip: list[tuple[int, int]]) -> list[Fact]:
    """Numbers in a sentence with unit and counted words, outside the ``skip`` spans."""
    found: list[Fact] = []
    for match in quantity_matches(sentence):
        start, end = match.start("digits") if match.group("digits") else match.start(
            "words"), match.end()
        if any(s < end and start < e for s, e in skip) or sentence[end:end + 1].isalpha():
            continue  # inside a date, or "1990s", "3rd"
        fact = _quantity(sentence, match)
        if fact is None:
            continue
        previous = found[-1] if found else None
        if (previous and previous.dimension and previous.dimension == fact.dimension
                and _CONVERSION_GAP.match(sentence[previous.end:fact.start])):
            continue  # "900 kilometres (550 miles)": the same distance again
        found.append(fact)
    return ranges(sentence, found)


def quantity_matches(sentence: str) -> Iterator[re.Match[str]]:
    """``QUANTITY_RE.finditer(sentence)``, about five times faster: the pattern has no fixed
    start, so ``finditer`` tries it at every character. Every match holds a number
    (``_NUMBER_START``) and starts at the earliest qualifier or currency sign that runs up to
    it (``_PREFIX``); whether it matches does not depend on that prefix, so one try per
    number is enough."""
    end = 0
    for number in _NUMBER_START.finditer(sentence):
        if number.start() < end:
            continue  # inside the last match
        start = _PREFIX.search(sentence, _reach(sentence, end, number.start()), number.start())
        match = QUANTITY_RE.match(sentence, start.start() if start else number.start())
        if match is not None:
            end = match.end()
            yield match


def _reach(sentence: str, low: int, number: int) -> int:
    """How far back from ``number`` (not before ``low``) a ``_PREFIX`` ending there can start:
    a qualifier is at most ``_LONGEST`` characters, then its spaces, then a currency sign
    (and one space) before the number."""
    back = number
    if back - 1 >= low and sentence[back - 1] in "$€":
        back -= 1
    elif back - 2 >= low and sentence[back - 2] in "$€" and sentence[back - 1].isspace():
        back -= 2
    while back > low and sentence[back - 1].isspace():
        back -= 1
    return max(low, back - _LONGEST)


def _quantity(sentence: str, match: re.Match[str]) -> Fact | None:
    number = match.group("digits") or match.group("words")
    value = _number_value(number)
    if match.group("scale"):
        value *= SCALES[match.group("scale").lower()]
    unit_text = (match.group("unit") or "").lower()
    if match.group("short") or (match.group("cur") and unit_text == "m" and not match["sep"]):
        value *= SHORT_SCALES[(match.group("short") or unit_text).lower()]  # "$2bn", "$35m"
        unit_text = ""
    unit = _unit_name(unit_text) if unit_text else ("$" if match.group("cur") else "")
    if match.group("cur"):
        unit = match.group("cur").strip()
    dimension, factor = UNITS.get(unit, ("", 1.0))
    # "a 7.3-magnitude tremor", "a 12-point lead": the words after the hyphen are counted
    hyphen = int(bool(match.group("digits") and not unit)
                 and sentence[match.end():match.end() + 1] == "-")
    counted, counted_end = _counted(sentence[match.end() + hyphen:])
    counted_end += hyphen
    if (match.group("words") and not dimension and not counted
            and not AGED.search(sentence, 0, match.start())
            and not _RANGE_OPENS.match(sentence, match.end())):
        return None  # "one of the", "two said": no thing counted, too vague to compare
    start = match.start("qual") if match.group("qual") else match.start()
    base = value * factor
    key = f"{_fmt(base)} {dimension}".strip()
    phrase = sentence[start:match.end() + counted_end].strip()
    return Fact(QUANTITY, key, match.group().strip(), start, match.end(), base, dimension,
                counted, (match.group("qual") or "").lower(), factor != 1.0, phrase)


def _number_value(number: str) -> float:
    if number[0].isdigit():
        return float(number.replace(",", "").replace(" ", ""))
    parts = number.lower().split("-")
    return float(sum(NUMBER_WORDS.get(p, 0) for p in parts))


def _unit_name(unit_text: str) -> str:
    for unit in _UNIT_WORDS:
        if unit_text == unit or re.fullmatch(re.escape(unit) + r"e?s", unit_text):
            return unit
    return unit_text


def _counted(after: str) -> tuple[tuple[str, ...], int]:
    """Stems of up to three words right after a number, stopping at punctuation, stopwords
    or another number, and the offset in ``after`` where they end."""
    words: list[str] = []
    end = 0
    for token in re.finditer(r"\s*([^\s]+)", after):
        raw = token.group(1)
        word = _WORD.match(raw)
        if (word is None or word.group().lower() in STOPWORDS
                or word.group().lower() in NUMBER_WORDS):
            break  # "47% six months later": another figure
        words.append(stem(word.group()))
        end = token.start(1) + word.end()
        if len(words) == 3 or word.end() < len(raw):
            break
    return tuple(words), end


def _fmt(value: float) -> str:
    return f"{value:.6g}" if value != int(value) else str(int(value))


def same_value(a: Fact, b: Fact) -> bool:
    """Equal quantities: same dimension, equal value (within rounding if a unit was converted)."""
    if a.dimension != b.dimension:
        return False
    if a.converted != b.converted or (a.converted and a.key != b.key):
        return abs(a.value - b.value) <= 0.035 * max(abs(a.value), abs(b.value))
    return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))


LOWER = frozenset(("more than", "at least", "over", "above"))
UPPER = frozenset(("less than", "fewer than", "up to", "under", "below"))
JUST_UNDER = frozenset(("nearly", "almost"))  # close below the figure
NEAR = frozenset(("about", "around", "some", "roughly", "approximately"))
CLOSE = 0.1  # how far, of the figure, "about" and "nearly" reach
_DECIMALS = re.compile(r"\d[\d,]*\.(\d+)")


def fits(bound: Fact, figure: Fact) -> bool:
    """The figure is one the bound allows: "more than 100" allows 120, "nearly 90%" allows
    88%, "about 130" allows 125; a figure written with decimals is precise, so "some 88.41%"
    reaches no further than its last digit."""
    reach = CLOSE * bound.value
    decimals = _DECIMALS.search(bound.text) if bound.qualifier in NEAR else None
    if decimals:  # half its last digit, times the scale and unit it is written in
        written = float(decimals[0].replace(",", ""))
        reach = 10.0 ** -len(decimals[1]) / 2 * bound.value / written if written else reach
    low, high = bound.value - reach, bound.value + reach
    if bound.qualifier in LOWER:
        return figure.value >= bound.value or (figure.qualifier in NEAR | JUST_UNDER
                                               and figure.value >= low)
    if bound.qualifier in UPPER:
        return figure.value <= bound.value
    if bound.qualifier in JUST_UNDER:
        return low <= figure.value <= bound.value or (figure.qualifier in NEAR
                                                      and low <= figure.value <= high)
    if bound.qualifier in NEAR:
        return low <= figure.value <= high
    return False


def relation(a: Fact, b: Fact) -> str | None:
    """How two different values of one thing stand: None when both can be right (a bound
    that fits a figure), "figures_differ" for bounds that differ ("at least 5" / "at least
    7"), else "conflict"."""
    if {a.qualifier, b.qualifier} <= LOWER or {a.qualifier, b.qualifier} <= UPPER:
        return "figures_differ"
    if fits(a, b) or fits(b, a):
        return None
    return "conflict"


def facts(sentence: str, report_day: dt.date) -> list[Fact]:
    """Dates and quantities of a sentence, in order of appearance."""
    found_dates = dates(sentence, report_day)
    found = found_dates + quantities(sentence, [(f.start, f.end) for f in found_dates])
    return sorted(found, key=lambda fact: fact.start)
