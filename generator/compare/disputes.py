"""Disputed facts and spelling variants of a story's reports.

Disputes of substance (quantities and dates) come from the claims of whole reports
(``compare_claims``). Spelling variants of one name ("Lindqvist" / "Lindquist": neither
spelling used by the other report) come from sentences that correspond (cosine >=
``UNMATCHED``, each the other's best match). Two different names in the same slot of such
sentences are two entities, not a dispute: on real news they were 20 times of 20.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.compare.align import UNMATCHED, aligned_pairs
from generator.compare.clocks import clock_disputes
from generator.compare.conflicts import claim_disputes
from generator.compare.hometowns import hometowns
from generator.compare.items import Analysis, Dispute
from generator.compare.names import Name, same_name, spelling_variant, word_forms
from generator.compare.tallies import tally_disputes


def disputes(analysis: Analysis) -> tuple[list[Dispute], list[Dispute]]:
    """(disputes of substance, spelling variants) across every pair of reports."""
    found: dict[tuple[str, frozenset[tuple[str, str]]], Dispute] = {
        (d.kind, frozenset((m.slug, m.value) for m in d.sides)): d
        for d in (claim_disputes(analysis) + clock_disputes(analysis) + hometowns(analysis)
                  + tally_disputes(analysis))}
    variants: dict[frozenset[str], Dispute] = {}
    count = len(analysis.articles)
    for i in range(count):
        for j in range(i + 1, count):
            for row, col, _score in aligned_pairs(analysis.space.matrices, i, j, UNMATCHED):
                for variant in _variants(analysis, i, row, j, col):
                    if not _known_variant(variant, variants.values()):
                        variants[frozenset(m.value for m in variant.sides)] = variant
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


def _variants(analysis: Analysis, i: int, row: int, j: int, col: int) -> list[Dispute]:
    """Names of the two sentences that no other report uses and that are spellings of one
    name ("Lindqvist" / "Lindquist")."""
    only_a = [n for n in analysis.names[i][row] if not _named_in(analysis, j, n)]
    if not only_a:
        return []
    only_b = [n for n in analysis.names[j][col] if not _named_in(analysis, i, n)]
    return [Dispute("variant", "spelling", (analysis.mention(i, row, a.text, a.key),
                                            analysis.mention(j, col, b.text, b.key)), "spelling")
            for a in only_a for b in only_b
            if spelling_variant(a.key, b.key) and not word_forms(a.text, b.text)]


def _named_in(analysis: Analysis, report: int, name: Name) -> bool:
    keys = analysis.name_keys[report]
    return name.key in keys or any(same_name(name.key, key) for key in keys)


