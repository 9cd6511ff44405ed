"""Disputed facts: corresponding sentences that give the same quantity, date or name
differently. Precision over recall, so a dispute needs all of:

- the two sentences correspond (cosine >= ``ALIGNED``, each the other's best match);
- quantities: same dimension, different value (after unit conversion, outside rounding and
  compatible bounds like "more than"), about the same thing (shared counted word, or the only
  quantity of that dimension in both sentences), and neither value appears in the other
  report for that thing;
- dates: one date of the same precision in each sentence, absent from the other sentence;
- names: neither name appears in the other report, and the name fills the same slot (the two
  words before or after it are the same). Names that differ only by spelling are variants
  (kind "variant"), found in sentences that correspond more loosely (>= ``UNMATCHED``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.compare_align import ALIGNED, UNMATCHED, aligned_pairs
from generator.compare_claims import claim_disputes
from generator.compare_facts import DATE, QUANTITY, Fact, compatible_bounds, same_value
from generator.compare_items import Analysis, Dispute
from generator.compare_names import Name, same_name, spelling_variant


def disputes(analysis: Analysis) -> tuple[list[Dispute], list[Dispute]]:
    """(disputes of substance, spelling variants) across every pair of reports: quantities
    from the claims of whole reports (``compare_claims``), dates and variants from
    corresponding sentences."""
    found: dict[tuple[str, frozenset[tuple[str, str]]], Dispute] = {
        (d.kind, frozenset((m.slug, m.value) for m in d.sides)): d
        for d in claim_disputes(analysis)}
    variants: dict[frozenset[str], Dispute] = {}
    count = len(analysis.articles)
    for i in range(count):
        for j in range(i + 1, count):
            for row, col, score in aligned_pairs(analysis.space.matrices, i, j, UNMATCHED):
                strong = score >= ALIGNED
                for dispute in _pair_disputes(analysis, i, row, j, col, strong):
                    key = frozenset((m.slug, m.value) for m in dispute.sides)
                    if dispute.kind == "variant":
                        if not _known_variant(dispute, variants.values()):
                            variants[frozenset(m.value for m in dispute.sides)] = dispute
                    else:
                        found.setdefault((dispute.kind, key), dispute)
    return list(found.values()), list(variants.values())


def _known_variant(dispute: Dispute, known: Iterable[Dispute]) -> bool:
    """The same pair of spellings as a variant already found ("Lindqvist" within "Petra
    Lindqvist"), in either order."""
    a, b = (m.value for m in dispute.sides)
    for other in known:
        x, y = (m.value for m in other.sides)
        if (same_name(a, x) and same_name(b, y)) or (same_name(a, y) and same_name(b, x)):
            return True
    return False


def _pair_disputes(analysis: Analysis, i: int, row: int, j: int, col: int,
                   strong: bool) -> list[Dispute]:
    result: list[Dispute] = []
    return result + [d for d in _name_disputes(analysis, i, row, j, col, strong)
                     if d.kind == "variant"]  # two names in one slot are two entities


def _quantity_disputes(analysis: Analysis, i: int, row: int, j: int, col: int
                       ) -> list[Dispute]:
    facts_a = [f for f in analysis.facts[i][row] if f.kind == QUANTITY]
    facts_b = [f for f in analysis.facts[j][col] if f.kind == QUANTITY]
    result: list[Dispute] = []
    for a in facts_a:
        for b in facts_b:
            if a.dimension != b.dimension or same_value(a, b) or compatible_bounds(a, b):
                continue
            if not _same_thing(a, b, facts_a, facts_b):
                continue
            if _stated_in(analysis, j, a) or _stated_in(analysis, i, b):
                continue
            about = " ".join(a.counted or b.counted) or a.dimension or "number"
            result.append(Dispute(QUANTITY, about, (
                analysis.mention(i, row, a.text, a.key), analysis.mention(j, col, b.text, b.key))))
    return result


def _same_thing(a: Fact, b: Fact, facts_a: list[Fact], facts_b: list[Fact]) -> bool:
    """Two quantities are about the same thing: a counted word in common, or, for a measure
    with a unit, each is the only quantity of its dimension in its sentence."""
    if set(a.counted) & set(b.counted):
        return True
    if not a.dimension or (a.counted and b.counted):
        return False
    return (sum(f.dimension == a.dimension for f in facts_a) == 1
            and sum(f.dimension == b.dimension for f in facts_b) == 1)


def _stated_in(analysis: Analysis, report: int, fact: Fact) -> bool:
    """The report states this value for this thing somewhere (so it does not contradict)."""
    for sentence_facts in analysis.facts[report]:
        for other in sentence_facts:
            if other.kind == QUANTITY and same_value(fact, other) and (
                    not fact.counted or not other.counted
                    or set(fact.counted) & set(other.counted)):
                return True
    return False


def _date_disputes(analysis: Analysis, i: int, row: int, j: int, col: int) -> list[Dispute]:
    dates_a = [f for f in analysis.facts[i][row] if f.kind == DATE]
    dates_b = [f for f in analysis.facts[j][col] if f.kind == DATE]
    if len(dates_a) != 1 or len(dates_b) != 1:
        return []
    a, b = dates_a[0], dates_b[0]
    if a.key == b.key or len(a.key) != len(b.key):
        return []
    return [Dispute(DATE, "date", (analysis.mention(i, row, a.text, a.key),
                                   analysis.mention(j, col, b.text, b.key)))]


def _name_disputes(analysis: Analysis, i: int, row: int, j: int, col: int,
                   strong: bool) -> list[Dispute]:
    only_a = [n for n in analysis.names[i][row] if not _named_in(analysis, j, n)]
    only_b = [n for n in analysis.names[j][col] if not _named_in(analysis, i, n)]
    sentence_a = analysis.sentences[i][row].text
    sentence_b = analysis.sentences[j][col].text
    result: list[Dispute] = []
    for a in only_a:
        for b in only_b:
            if spelling_variant(a.key, b.key):
                kind = "variant"
            elif strong and _same_slot(sentence_a, a, sentence_b, b):
                kind = "name"
            else:
                continue
            about = "spelling" if kind == "variant" else _slot_label(sentence_a, a)
            result.append(Dispute(kind, about, (
                analysis.mention(i, row, a.text, a.key), analysis.mention(j, col, b.text, b.key))))
    return result


def _named_in(analysis: Analysis, report: int, name: Name) -> bool:
    keys = analysis.name_keys[report]
    return name.key in keys or any(same_name(name.key, key) for key in keys)


def _context(sentence: str, name: Name) -> tuple[tuple[str, ...], tuple[str, ...]]:
    before = re.findall(r"[a-z][\w’'-]*", sentence[:name.start].lower())[-2:]
    after = re.findall(r"[a-z][\w’'-]*", sentence[name.end:].lower())[:2]
    return tuple(before), tuple(after)


def _same_slot(sentence_a: str, a: Name, sentence_b: str, b: Name) -> bool:
    """Both names sit between the same words (two before, or two after): "spokesman X said"."""
    before_a, after_a = _context(sentence_a, a)
    before_b, after_b = _context(sentence_b, b)
    if (len(a.key.split()) > 1) != (len(b.key.split()) > 1):
        return False
    return (len(before_a) == 2 and before_a == before_b) or (
        len(after_a) == 2 and after_a == after_b)


def _slot_label(sentence: str, name: Name) -> str:
    before, after = _context(sentence, name)
    return " ".join(before) or " ".join(after) or "name"
