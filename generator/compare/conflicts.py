"""Disputes between the claims of a story's reports (claims: ``compare_claims``).

Two claims of two reports dispute when they count the same kind of thing (the same class
of counted word, no two different kinds of event: ``compare_kinds``), give values that
cannot both be right (different beyond rounding, bounds that do not fit: ``relation``),
there is enough ``evidence`` that they are about the same thing (words around them in
common, the same kind of event, the same name, sentences that say the same, and each report
giving that one value only for what they count), and neither report gives the other's value
for that thing anywhere. What is told as still to come does not dispute what was, figures
told of two occasions or of two things (``one_occasion``, ``two_days``: two days, two
places, a part of the time and the whole, nothing said of them in common) do not dispute,
and values ``MOST_RATIO`` times apart count different things. A dispute says how its values
stand: "conflict", "figures_differ" (bounds that differ, a toll that rose from an earlier
report to a later one) or "correction" (a report says an earlier figure was wrong).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import partial
from itertools import pairwise

from generator.compare.about import about
from generator.compare.align import ALIGNED
from generator.compare.claims import Claim, claims
from generator.compare.facts import (
    CLOSE,
    DATE,
    JUST_UNDER,
    LOWER,
    QUANTITY,
    UPPER,
    Fact,
    relation,
    same_value,
)
from generator.compare.items import Analysis, Dispute
from generator.compare.kinds import OF_PEOPLE, head_class
from generator.compare.names import same_name
from generator.model import day_of

SHARED = 2  # words around two figures in common: the same subject and what is said of it
SIMILAR = 0.3  # the cosine of two sentences that tell one figure (compare_align.UNMATCHED)
MOST_VALUES = 4  # a "dispute" of more values is figures of several things
EVIDENCE = 4  # of ``evidence``: enough to show two figures as a dispute
MOST_RATIO = 10  # values further apart than this count different things ("$9" / "$281m")
SOLE = 2  # of evidence: each report gives one value only for what the two claims count
ROUNDED_FROM = 1000  # a whole number this large may be rounded to its trailing zeros
# a report that says an earlier figure was wrong: "earlier reports had put the well at 40m"
_CORRECTION = re.compile(r"\b(?:earlier reports?|initially|originally|had (?:earlier |first )?"
                         r"(?:put|said|reported|given)|revised|corrected|previously reported"
                         r"|not \d[\d,.]* as)\b", re.IGNORECASE)
_WRITTEN = re.compile(r"(\d[\d, ]*\d|\d)(\.\d+)?")  # a number as written: "2, 116", "1.2"
# the words between two figures of a change: "from 88% to 47%", "to 58 from 40", "from 88%
# in March to 47%" (a few words, one of them "to" or "from")
_TO = re.compile(r"[\s,]*(?:[\w’'.-]+[\s,]+){0,2}(?:to|from|until|through)\s+(?:[\w’'.-]+\s+)?",
                 re.IGNORECASE)
TOLLS = OF_PEOPLE | {"damage"}  # the kinds of event a running toll counts


def conflict(a: Claim, b: Claim) -> bool:
    """Two claims of two reports about one thing with values that differ: they cannot both
    be right, or they are bounds that differ (``relation``)."""
    fa, fb = a.fact, b.fact
    size = bool(a.sized & b.sized)  # the size of one thing, whoever acts on it and when
    if (a.ahead != b.ahead and not size) or (fa.kind == QUANTITY and not _near(fa, fb)):
        return False  # what will be against what was; figures of two sizes of things
    if fa.key == fb.key:
        return False  # one value
    if not same_kind(a, b) or a.written == b.written:
        return False  # "Sunday" twice is no dispute, whatever day each report's date makes it
    if a.subject and b.subject and not same_name(a.subject, b.subject) and not size:
        return False  # two players' yards, two cities' tolls
    if a.place and b.place and not same_name(a.place, b.place):
        return False  # "10 seasons in West Germany", "19 seasons with the 76ers"
    if fa.kind == QUANTITY and not one_occasion(a, b):
        return False  # "returned it 35 yards" / "threw for 329 yards", "in Kabul" / "in Herat"
    if _increment(fa) != _increment(fb):
        return False  # "50 new cases" / "a total of 500 cases": what was added, and the whole
    weekday = fa.kind == DATE and _form(fa.text) == "weekday"
    if (a.stats or b.stats or weekday) and not (a.named and b.named):
        return False  # a list of figures, or a weekday, of no one named: whose are they?
    if fa.kind == DATE:  # a day against a day written the same way: a weekday against a
        return (fa.key != fb.key and len(fa.key) == len(fb.key)  # weekday, a date a date
                and _form(fa.text) == _form(fb.text))
    return (not same_value(fa, fb) and relation(fa, fb) is not None
            and not rounded(fa, fb))


def one_occasion(a: Claim, b: Claim) -> bool:
    """Two figures told of one thing on one occasion: something said of them in common
    (the kind of event, or a word of their clauses: not "returned it 35 yards" / "threw
    for 329 yards"), no two places ("in Kabul" / "in Herat"), no shares of two wholes
    ("52% of voters" / "41% of Republicans", "the city's" / "the region's", "unemployment" /
    "inflation", "from Tokyo" / "off the coast"), the same part of the time or of the whole
    ("during the run" and the game, "since October" and ever: ``Claim.period``; not asked
    of the size of one thing, ``Claim.sized``), and not a figure the text is cut off after
    ("with $1 trillion in...": of what?)."""
    if not (a.aspect and a.aspect == b.aspect or not a.said or not b.said or a.said & b.said):
        return False
    if (a.places or b.places) and not any(same_name(x, y) for x in a.places for y in b.places):
        return False
    if min(len(a.places), len(b.places)) == 1 and max(len(a.places), len(b.places)) > 1:
        return False  # "in Indonesia, Sri Lanka, India": a total over several, and one's part
    if any(x and y and x.isdisjoint(y) for x, y in ((a.base, b.base), (a.owner, b.owner),
                                                     (a.level, b.level))):
        return False
    if a.sized & b.sized:  # the size of one thing: when it is told of does not change it
        return "cut" not in a.period | b.period
    return a.period == b.period and "cut" not in a.period


def two_days(analysis: Analysis, a: Claim, b: Claim, days: Sequence[frozenset[str]]) -> bool:
    """Two figures told of two different days ("on Monday" / "on Wednesday"): two
    occasions, unless their sentences say the same and neither report names the other's
    day (then the day is disputed too); or one told of a day and one of none, which its
    report tells of another day ("the 7.6 quake struck on Sunday 135 km away" / "the quake
    struck 75 km west", of an aftershock its report never puts on a Sunday), unless their
    sentences say the same. ``days``: the days each report names."""
    if (not (a.days or b.days) or not a.days.isdisjoint(b.days) or a.sized & b.sized
            or a.running or b.running):
        return False  # one day; the size of one thing, or a toll as it stood: any day's
    cosine = float(analysis.space.matrices[(a.report, b.report)][a.row, b.row])
    if not (a.days and b.days):  # one of no day: of another, unless its report names that day
        dated, other = (a, b) if a.days else (b, a)
        return cosine < ALIGNED and dated.days.isdisjoint(days[other.report])
    return cosine < ALIGNED or bool(a.days & days[b.report] or b.days & days[a.report])


def same_kind(a: Claim, b: Claim) -> bool:
    """Two claims count the same class of thing in the same unit, told of no two different
    kinds of event ("killed" / "injured")."""
    return (head_class(a.head) == head_class(b.head) and a.fact.dimension == b.fact.dimension
            and not (a.aspect and b.aspect and a.aspect != b.aspect))


def same_thing(a: Claim, b: Claim) -> bool:
    """Two claims count the same kind of thing in the same words: the same class of counted
    word, both told as done or both as to come, and either the same aspect or ``SHARED``
    words around them in common."""
    return a.ahead == b.ahead and told_alike(a, b)


def told_alike(a: Claim, b: Claim) -> bool:
    """Two claims count the same class of thing, told of the same aspect or with ``SHARED``
    words around them in common."""
    return same_kind(a, b) and (bool(a.aspect and a.aspect == b.aspect)
                                or len(a.context & b.context) >= SHARED)


def evidence(analysis: Analysis, a: Claim, b: Claim) -> int:
    """How surely two claims of one kind are about the same thing: words around them in
    common (up to three), the same kind of event (two), the same name they are of (one),
    and how much their sentences say the same (two when they correspond, one when similar)."""
    cosine = float(analysis.space.matrices[(a.report, b.report)][a.row, b.row])
    if a.fact.kind == DATE:  # many sentences hold a day: only the same words in corresponding
        return EVIDENCE if len(a.context & b.context) >= SHARED and cosine >= ALIGNED else 0
    return (min(len(a.context & b.context), 3) + 2 * bool(a.aspect and a.aspect == b.aspect)
            + 2 * bool(a.sized & b.sized)
            + bool(a.subject and b.subject) + 2 * (cosine >= ALIGNED) + (cosine >= SIMILAR))


def rounded(a: Fact, b: Fact) -> bool:
    """One value is the other rounded to fewer digits ("5.9%" / "6%", "1,210" / "1,200"),
    by no more than "about" reaches (``CLOSE``: "$1 trillion" is no rounding of "$1.2
    trillion"), and not said to be a bound ("almost 90%" is not 93.87% rounded)."""
    if a.value == 0 or b.value == 0:
        return False
    coarse = max((a, b), key=_rounding)
    if coarse.qualifier in LOWER | UPPER | JUST_UNDER:
        return False
    apart = abs(a.value - b.value)
    return apart <= _rounding(coarse) / 2 and apart <= CLOSE * max(abs(a.value), abs(b.value))


def _rounding(fact: Fact) -> float:
    """The step a value is written to: its last decimal, or for a whole number its
    trailing zeros (``_step``), times the scale and unit it is written in ("$1 trillion":
    a trillion; "1.2 trillion": a tenth of one)."""
    number = _WRITTEN.search(fact.text)
    if number is None:
        return _step(fact.value)  # a number word: "two"
    written = float(number[1].replace(",", "").replace(" ", "") + (number[2] or ""))
    factor = fact.value / written if written else 1.0
    return (10.0 ** -len(number[2][1:]) if number[2] else _step(written)) * factor


def _step(value: float) -> float:
    """The rounding step of a whole number: its trailing zeros from ``ROUNDED_FROM`` up
    (1,200: 100; 6: 1); a smaller count is exact ("missed 10 games" is not nine rounded)."""
    whole, step = int(abs(value)), 1.0
    if whole < ROUNDED_FROM:
        return step
    while whole and whole % 10 == 0:
        whole //= 10
        step *= 10
    return step


INCREMENTS = frozenset(("new", "additional", "more", "further", "fresh", "extra"))


def _increment(fact: Fact) -> bool:
    """A figure of what was added to a count ("50 new cases", "3,000 more troops")."""
    return bool(fact.counted) and fact.counted[0] in INCREMENTS


def _form(text: str) -> str:
    """How a date is written: a weekday, a relative day, or with digits."""
    lowered = text.lower()
    return ("digits" if any(c.isdigit() for c in lowered) else
            "relative" if lowered in ("today", "yesterday") else "weekday")


def _states(report_claims: Sequence[Claim], claim: Claim, texts: Sequence[str]) -> bool:
    """The report gives this claim's value for its thing somewhere, as one figure or as the
    sum of two of one sentence (its parts), or a sentence of it tells a change across it
    ("falling from 88% to 47%": 50% on the way; ``texts``: the report's sentences)."""
    if claim.fact.kind == DATE:
        return any(c.head == DATE and c.fact.key == claim.fact.key for c in report_claims)
    alike = [c for c in report_claims if told_alike(c, claim)]
    if any(same_value(c.fact, claim.fact) for c in alike) or _summed(alike, claim.fact):
        return True
    value = claim.fact.value
    below = [c for c in alike if c.fact.value < value]
    return any(_change(texts[c.row], low, c) for c in alike if c.fact.value > value
               for low in below if low.row == c.row)


def _change(sentence: str, one: Claim, other: Claim) -> bool:
    """Two figures of a sentence told as a change from one to the other ("from 88% to 47%",
    "rose to 58 from 40"), not two things ("a 6.1 quake since the 7.6 and 7.5 quakes")."""
    first, second = sorted((one.fact, other.fact), key=lambda f: f.start)
    return _TO.fullmatch(sentence, first.end, second.start) is not None


def _summed(alike: Sequence[Claim], fact: Fact) -> bool:
    """Two figures of one sentence add up to the value ("five soldiers and three civilians"
    of "eight people", "$281m in cash and $53m in stock" of "$334m"): its parts."""
    rows: dict[int, list[float]] = {}
    for c in alike:
        rows.setdefault(c.row, []).append(c.fact.value)
    return any(abs(x + y - fact.value) <= 1e-9 * max(1.0, fact.value)
               for values in rows.values() for k, x in enumerate(values) for y in values[k + 1:])


def claim_disputes(analysis: Analysis) -> list[Dispute]:
    """Disputes between claims of every pair of reports, one per thing disputed (its sides:
    the first report giving each value). Only claims of one head are compared (``by_head``):
    a story of 20 reports holds thousands of figures."""
    heads = [by_head(claims(analysis, r)) for r in range(len(analysis.articles))]
    sole = [_sole(report) for report in heads]
    days = [frozenset(c.fact.key for c in report.get(DATE, ())) for report in heads]
    texts = [[s.text for s in report] for report in analysis.sentences]
    groups: list[list[Claim]] = []
    for i, first in enumerate(heads):
        for j in range(i + 1, len(heads)):
            second = heads[j]
            for head in sorted(first.keys() & second.keys()):
                for a in first[head]:
                    for b in second[head]:
                        if (conflict(a, b) and evidence(analysis, a, b)
                                + SOLE * (_thing(a) == _thing(b)
                                          and sole[i].get(_thing(a)) == a.fact.key
                                          and sole[j].get(_thing(b)) == b.fact.key)
                                >= EVIDENCE
                                and not two_days(analysis, a, b, days)
                                and not (head == DATE and _figures_differ(analysis, a, b))
                                and not _states(second[head], a, texts[j])
                                and not _states(first[head], b, texts[i])
                                and _nearest(analysis, second[head], a, b)
                                and _nearest(analysis, first[head], b, a)):
                            _join(groups, a, b, heads)
    made = [d for d in map(partial(_dispute, analysis), groups)
            if d is not None and len(d.sides) <= MOST_VALUES]
    return [d for k, d in enumerate(made) if not any(
        _values(d) <= _values(other) and (len(_values(d)) < len(_values(other)) or n < k)
        for n, other in enumerate(made) if n != k)]  # the same values told again: one item


def _nearest(analysis: Analysis, claims_of_b: Sequence[Claim], a: Claim, b: Claim) -> bool:
    """No other figure of ``b``'s sentence that ``a`` would dispute as surely is nearer
    ``a``'s value than ``b``'s: "$35m in two rounds of funding and also $9.3m in funding
    from the government" against "$60 million in funding" is one dispute ($35m); the
    $9.3m is a part."""
    if a.fact.kind != QUANTITY or a.fact.value <= 0 or b.fact.value <= 0:
        return True

    def far(c: Claim) -> float:
        return abs(math.log(c.fact.value / a.fact.value))
    return not any(c.row == b.row and c is not b and c.fact.value > 0 and far(c) < far(b)
                   and conflict(a, c)
                   and evidence(analysis, *sorted((a, c), key=lambda x: x.report)) >= EVIDENCE
                   for c in claims_of_b)


def _figures_differ(analysis: Analysis, a: Claim, b: Claim) -> bool:
    """Two dates of two years whose sentences also give different figures of one measure
    ("won 52% in 2018" / "won 55% in 2020"): two occasions, each with its figure, not a
    year disputed (within one year, "killed 15 on Sunday" / "12 on Monday" may well be one
    event told two ways)."""
    if a.fact.key[:4] == b.fact.key[:4]:
        return False
    mine = [f for f in analysis.facts[a.report][a.row] if f.kind == QUANTITY]
    theirs = [f for f in analysis.facts[b.report][b.row] if f.kind == QUANTITY]
    return any(x.dimension == y.dimension and (x.dimension or set(x.counted) & set(y.counted))
               and not same_value(x, y) for x in mine for y in theirs)


def _values(dispute: Dispute) -> frozenset[str]:
    return frozenset(m.value for m in dispute.sides)


def _thing(claim: Claim) -> tuple[str, str, str]:
    """What a claim counts, told of what: its class, unit and kind of event."""
    return head_class(claim.head), claim.fact.dimension, claim.aspect


def _sole(report: dict[str, list[Claim]]) -> dict[tuple[str, str, str], str]:
    """The value (its key) a report gives as the main one of each thing (``_thing``): the
    largest it gives ("two quakes, measuring 7.6 and 7.4": the main quake's 7.6; a toll and
    its parts: the toll)."""
    largest: dict[tuple[str, str, str], Claim] = {}
    for claim in (c for group in report.values() for c in group):
        known = largest.get(_thing(claim))
        if known is None or claim.fact.value > known.fact.value:
            largest[_thing(claim)] = claim
    return {thing: claim.fact.key for thing, claim in largest.items()}


def by_head(report_claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    """A report's claims by the thing they count, in order."""
    grouped: dict[str, list[Claim]] = {}
    for claim in report_claims:
        grouped.setdefault(head_class(claim.head), []).append(claim)
    return grouped


def _join(groups: list[list[Claim]], a: Claim, b: Claim,
          heads: Sequence[dict[str, list[Claim]]]) -> None:
    """Add a conflicting pair to the group of its thing (one whose every claim is the same
    thing as both, of a ``_near`` value: a chain of look-alikes makes no group), or start
    one. A report that gives a group's value besides its own tells two things ("two quakes,
    measuring 7.6 and 7.4"): its pair is not of that group (``heads``: each report's claims
    by ``by_head``)."""
    for group in groups:
        if all(c in (a, b) or (same_thing(c, a) and same_thing(c, b)
                               and _near(c.fact, a.fact) and _near(c.fact, b.fact)
                               and not _another(heads, a, c) and not _another(heads, b, c))
               for c in group):
            group.extend(c for c in (a, b) if c not in group)
            return
    groups.append([a, b])


def _another(heads: Sequence[dict[str, list[Claim]]], claim: Claim, member: Claim) -> bool:
    """The report of ``claim`` gives ``member``'s value too, for the same thing."""
    if same_value(claim.fact, member.fact):
        return False
    return any(same_thing(c, member) and same_value(c.fact, member.fact)
               for c in heads[claim.report].get(head_class(member.head), ()))


def _near(a: Fact, b: Fact) -> bool:
    """Values close enough to be one thing's: no more than ``MOST_RATIO`` times apart."""
    return max(a.value, b.value) <= MOST_RATIO * min(a.value, b.value)


def _dispute(analysis: Analysis, group: Sequence[Claim]) -> Dispute | None:
    """A group's dispute: one side per value, in report order (None: one value only)."""
    sides: list[Claim] = []
    for claim in sorted(group, key=lambda c: (c.report, c.row, c.fact.start)):
        if not any(claim.written == side.written or (
                claim.fact.key == side.fact.key if claim.fact.kind == DATE
                else same_value(claim.fact, side.fact)) for side in sides):
            sides.append(claim)
    if len(sides) < 2:
        return None
    first = sides[0]
    label = (" ".join(sorted(first.context & sides[1].context)) if first.fact.kind == DATE
             else about(first, analysis.sentences[first.report][first.row].text))
    return Dispute(first.fact.kind, label, tuple(
        analysis.mention(c.report, c.row, c.fact.text, c.fact.key) for c in sides),
        _relation(analysis, sides))


def _relation(analysis: Analysis, sides: Sequence[Claim]) -> str:
    """"correction" when a report says an earlier figure was wrong; "figures_differ" for
    bounds that differ, or a toll that rose from an earlier report to a later one; else
    "conflict"."""
    if any(_CORRECTION.search(analysis.sentences[c.report][c.row].text) for c in sides):
        return "correction"
    pairs = [(a, b) for k, a in enumerate(sides) for b in sides[k + 1:]]
    if all(a.fact.kind == QUANTITY and relation(a.fact, b.fact) == "figures_differ"
           for a, b in pairs):
        return "figures_differ"
    days = [day_of(analysis.articles[c.report].date) for c in sides]
    rising = all(a.aspect in TOLLS and a.fact.value < b.fact.value and da < db
                 for (a, da), (b, db) in pairwise(zip(sides, days, strict=True)))
    return "figures_differ" if rising else "conflict"


__all__ = ["claim_disputes", "conflict", "evidence", "one_occasion", "rounded", "same_thing",
           "two_days"]
