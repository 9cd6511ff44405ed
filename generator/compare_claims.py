"""Claims: a figure with what it counts and what is said of it ("58 people were killed",
"missed nine games"), taken from the whole of each report, and the disputes between them.

Two claims of two reports dispute when they count the same thing (the same first counted
word: "people", "games") in the same words around it (a word of the sentence near the figure
in common besides that one: "killed", "missed"), give values that cannot both be right
(different beyond rounding, and bounds that do not fit), and neither report gives the other's
value for that thing anywhere. A figure that is a time of day, a year, a score ("17-14"), part
of a whole ("five of the 25") or an increment ("another 2,000") is no claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.compare_align import ALIGNED
from generator.compare_facts import (
    DATE,
    QUANTITY,
    STOPWORDS,
    Fact,
    compatible_bounds,
    same_value,
    stem,
)
from generator.compare_items import Analysis, Dispute
from generator.compare_names import same_name

WINDOW = 6  # words on each side of a figure that say what is said of it
SHARED = 2  # words around two figures in common: the same subject and what is said of it
SIMILAR = 0.3  # the cosine of two sentences that tell one figure (compare_align.UNMATCHED)
MOST_VALUES = 3  # a "dispute" of more values is figures of several things
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]+")
_TIME_AFTER = re.compile(r"\s*(?::\s*\d|[ap]\.?\s?m\b\.?)", re.IGNORECASE)
_TIME_BEFORE = re.compile(r"\d\s*:\s*$")
_SCORE = re.compile(r"\d\s*[-–]\s*$|^\s*[-–]\s*\d")
_PART = re.compile(r"^\s*(?:of|out of)\s+(?:the|its|their|those|these)?\s*\d", re.IGNORECASE)
_WHOLE = re.compile(r"\d\s+(?:of|out of)\s+(?:the\s+)?$", re.IGNORECASE)  # the 39 of "29 of 39"
# "12 minutes, 31 seconds remaining": a moment of a game, not an amount
_CLOCK = re.compile(r"^\s*(?:minutes?|mins?)\b[\s,]*(?:and\s+)?\d"
                    r"|^\s*seconds?\s+(?:remaining|left)", re.IGNORECASE)
_PRONOUN = re.compile(r"^\s*(?:he|she|it|they|his|her|its|their)\b", re.IGNORECASE)
_INCREMENT = re.compile(r"(?:another|additional|extra|further|more)\s+$", re.IGNORECASE)
NOT_HEADS = frozenset(("total", "more", "other", "new", "additional", "straight",
                       "consecutive", "further", "extra", "previous", "last", "first", "next"))
NOT_CONTEXT = STOPWORDS | frozenset(("year", "years", "month", "day", "time", "week"))


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure of one report with the thing it counts and the words around it."""

    report: int
    row: int
    fact: Fact
    head: str  # the first word it counts ("games" of "10 total games": see HEADS)
    context: frozenset[str]
    subject: str | None  # the name the figure is about (the last one before it), if any


def claims(analysis: Analysis, report: int) -> list[Claim]:
    """The claims of one report, in order."""
    found: list[Claim] = []
    last: str | None = None  # the last name of the report so far, for "He had 70 yards"
    for row, sentence_facts in enumerate(analysis.facts[report]):
        sentence = analysis.sentences[report][row].text
        names = analysis.names[report][row]
        for fact in sentence_facts:
            if fact.kind == QUANTITY and not is_claim(sentence, fact):
                continue
            head = DATE if fact.kind == DATE else _head(fact)
            before = [n.key for n in names if n.end <= fact.start]
            subject = before[-1] if before else (last if _PRONOUN.match(sentence) else None)
            found.append(Claim(report, row, fact, head, _context(sentence, fact, head),
                               subject))
        last = names[-1].key if names else last
    return found


def _head(fact: Fact) -> str:
    """The first counted word that names a thing: not a word that only says which or how
    many of them ("total", "more", "straight", "consecutive")."""
    return next((word for word in fact.counted if word not in NOT_HEADS),
                fact.dimension or (fact.counted[0] if fact.counted else ""))


def is_claim(sentence: str, fact: Fact) -> bool:
    """Whether a figure says how many or how much of something (see the module's text)."""
    before, after = sentence[:fact.start], sentence[fact.end:]
    if _TIME_AFTER.match(after) or _TIME_BEFORE.search(before):
        return False
    if _SCORE.search(before) or _SCORE.search(after):
        return False
    if _PART.match(after) or _WHOLE.search(before) or _INCREMENT.search(before):
        return False
    if _CLOCK.match(after) or re.search(r"\d\s*(?:minutes?|mins?)[\s,]*(?:and\s+)?$", before):
        return False
    if not fact.dimension and re.fullmatch(r"(?:1[89]|20)\d\d", fact.text.strip()):
        return False  # a year ("2,000" is not one)
    return bool(fact.counted or fact.dimension)


def _context(sentence: str, fact: Fact, head: str) -> frozenset[str]:
    """Stems of the content words within ``WINDOW`` words of the figure, but its head."""
    before = _WORD.findall(sentence[:fact.start])[-WINDOW:]
    after = _WORD.findall(sentence[fact.end:])[:WINDOW]
    stems = (stem(w) for w in before + after if w.lower() not in NOT_CONTEXT)
    return frozenset(s for s in stems if s != head)


def conflict(a: Claim, b: Claim) -> bool:
    """Two claims of two reports about one thing with values that cannot both be right."""
    fa, fb = a.fact, b.fact
    if a.head != b.head or fa.dimension != fb.dimension or len(a.context & b.context) < SHARED:
        return False
    if fa.kind == DATE:  # a day against a day written the same way: a weekday against a
        return (fa.key != fb.key and len(fa.key) == len(fb.key)  # weekday, a date a date
                and _form(fa.text) == _form(fb.text))
    if a.subject and b.subject and not same_name(a.subject, b.subject):
        return False  # two players' yards, two cities' tolls
    return not same_value(fa, fb) and not compatible_bounds(fa, fb) and not rounded(fa, fb)


def rounded(a: Fact, b: Fact) -> bool:
    """One value is the other rounded to fewer digits ("5.9%" / "6%", "1,210" / "1,200")."""
    if a.value == 0 or b.value == 0:
        return False
    coarse, fine = sorted((a, b), key=lambda f: _precision(f.key))
    step = 10.0 ** -_precision(coarse.key) if _precision(coarse.key) > 0 else _step(coarse.value)
    return abs(coarse.value - fine.value) <= step / 2


def _precision(key: str) -> int:
    """Digits after the decimal point of a fact's key."""
    number = key.split()[0]
    return len(number.split(".", 1)[1]) if "." in number else 0


def _step(value: float) -> float:
    """The rounding step of a whole number: its trailing zeros (1,200: 100; 6: 1)."""
    whole, step = int(abs(value)), 1.0
    while whole and whole % 10 == 0:
        whole //= 10
        step *= 10
    return step


def _form(text: str) -> str:
    """How a date is written: a weekday, a relative day, or with digits."""
    lowered = text.lower()
    return ("digits" if any(c.isdigit() for c in lowered) else
            "relative" if lowered in ("today", "yesterday") else "weekday")


def _similar(analysis: Analysis, a: Claim, b: Claim) -> bool:
    """The two claims' sentences say much the same (their cosine in the story's space), so
    the figures are the same figure told twice, not two of a report full of figures; dates,
    which many sentences hold, need sentences that correspond."""
    floor = ALIGNED if a.fact.kind == DATE else SIMILAR
    return bool(analysis.space.matrices[(a.report, b.report)][a.row, b.row] >= floor)


def _states(report_claims: Sequence[Claim], claim: Claim) -> bool:
    """The report gives this claim's value for its thing somewhere."""
    if claim.fact.kind == DATE:
        return any(c.head == DATE and c.fact.key == claim.fact.key for c in report_claims)
    return any(c.head == claim.head and same_value(c.fact, claim.fact) for c in report_claims)


def claim_disputes(analysis: Analysis) -> list[Dispute]:
    """Disputes between claims of every pair of reports, one per thing disputed (its sides:
    the first report giving each value). Only claims of one head are compared (``by_head``):
    a story of 20 reports holds thousands of figures."""
    heads = [by_head(claims(analysis, r)) for r in range(len(analysis.articles))]
    groups: list[list[Claim]] = []
    for i, first in enumerate(heads):
        for j in range(i + 1, len(heads)):
            second = heads[j]
            for head in sorted(first.keys() & second.keys()):
                for a in first[head]:
                    for b in second[head]:
                        if (conflict(a, b) and _similar(analysis, a, b)
                                and not _states(second[head], a)
                                and not _states(first[head], b)):
                            _join(groups, a, b)
    made = [_dispute(analysis, group) for group in groups]
    return [d for d in made if d is not None and len(d.sides) <= MOST_VALUES]


def by_head(report_claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    """A report's claims by the thing they count, in order."""
    grouped: dict[str, list[Claim]] = {}
    for claim in report_claims:
        grouped.setdefault(claim.head, []).append(claim)
    return grouped


def _join(groups: list[list[Claim]], a: Claim, b: Claim) -> None:
    """Add a conflicting pair to the group of its thing (one with the same head and words
    in common), or start one."""
    for group in groups:
        if group[0].head == a.head and group[0].context & (a.context | b.context):
            group.extend(c for c in (a, b) if c not in group)
            return
    groups.append([a, b])


def _dispute(analysis: Analysis, group: Sequence[Claim]) -> Dispute | None:
    """A group's dispute: one side per value, in report order (None: one value only)."""
    sides: list[Claim] = []
    for claim in sorted(group, key=lambda c: (c.report, c.row, c.fact.start)):
        if not any(claim.fact.key == side.fact.key if claim.fact.kind == DATE
                   else same_value(claim.fact, side.fact) for side in sides):
            sides.append(claim)
    if len(sides) < 2:
        return None
    first = sides[0]
    about = (" ".join(sorted(first.context & sides[1].context)) if first.fact.kind == DATE
             else " ".join(first.fact.counted) or first.head)
    return Dispute(first.fact.kind, about, tuple(
        analysis.mention(c.report, c.row, c.fact.text, c.fact.key) for c in sides))


__all__ = ["Claim", "claim_disputes", "claims", "conflict", "is_claim"]
