"""Vote tallies that reports give differently for one vote: "The 220-to-190 party-line vote"
/ "The vote was 222-190".

A tally is two counts joined by a dash or "to" ("50-49", "69 to 30", "220-to-190") in a
sentence that tells of a vote ("voted", "passed", "approved", "vote", "tally"), and not of a
game ("score", "points", "lead", "won"); not a range ("from 10 to 15", "between", "15-20
years": a plural noun or a unit right after it) and not a figure of a larger one ("$1.2-1.5
million"). Two tallies are of one vote when they count about the same voters (totals within
``SAME_BODY``: a House vote of 410 members is not a Senate vote of 100), no two chambers
are named ("Senate" / "House"; not a committee the vote creates) and either each is the
only tally of that size its report gives or their sentences correspond. They dispute when
they differ, unless the other report gives that tally too, for any vote (a procedural vote
and the final one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.compare.align import ALIGNED
from generator.compare.items import Analysis, Dispute, across_reports, one_per_values

SAME_BODY = 0.05  # totals of two tallies of one body differ by at most this share
SAME_VOTE = 0.1  # the sides of two tallies of one vote differ by at most this share of it
_TALLY = re.compile(r"(?<![\d,.$£€/-])(?P<ayes>\d{1,3})\s?(?:-to-|[-–—]|\s?to\s)\s?"
                    r"(?P<noes>\d{1,3})(?![\d,.%/]\d|[\d%/-])")
_VOTE = re.compile(r"\b(?:vote[sd]?|voting|passed|approved|confirmed|rejected|tally|margin)\b",
                   re.IGNORECASE)
_GAME = re.compile(r"\b(?:score[sd]?|points?|lead|led|won|win|wins|beat|defeat(?:ed)?|inning|"
                   r"quarter|half|goals?|game|match|set)\b", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\b(?:from|between|of|aged?|ages)\s+$", re.IGNORECASE)
# the words a tally may run into ("a 50-49 vote", "voted 60-48 largely along party lines",
# "passed 65-35 in the Senate"); any other word makes it a range of what it counts ("15-20
# years", "10 to 15 people", "40-50 percent")
_AFTER = frozenset(("vote", "votes", "margin", "decision", "ruling", "tally", "party-line",
                    "bipartisan", "majority", "split", "along", "in", "on", "at", "with", "to",
                    "after", "before", "and", "but", "as", "for", "against", "largely",
                    "mostly", "mainly", "earlier", "later", "late", "early", "was",
                    "is", "that", "which", "when", "while", "last", "this", "the", "a", "an"))
_NEXT_WORD = re.compile(r"\s*([a-z][\w-]*)")
# the chambers that vote (not a committee or a court a sentence may name as what the vote
# made or is about)
_BODIES = re.compile(r"\b(?:Senate|House|Assembly|Parliament|Commons|Lords|Bundestag|Duma)\b")
_NEAR = 60  # characters either side of a tally where its vote is told


@dataclass(frozen=True, slots=True)
class Tally:
    """A vote tally one sentence gives."""

    report: int
    row: int
    text: str  # as written: "220-to-190"
    ayes: int
    noes: int
    bodies: frozenset[str]  # the bodies its sentence names

    @property
    def key(self) -> str:
        return f"{self.ayes}-{self.noes}"


def tally_disputes(analysis: Analysis) -> list[Dispute]:
    """Disputes of the tally of one vote between every pair of reports, in report order."""
    tallies = [[t for row, s in enumerate(report) for t in _tallies(s.text, r, row)]
               for r, report in enumerate(analysis.sentences)]
    return one_per_values([
        Dispute("quantity", "vote tally", (analysis.mention(a.report, a.row, a.text, a.key),
                                           analysis.mention(b.report, b.row, b.text, b.key)))
        for a, b, mine, theirs in across_reports(tallies)
        if a.key != b.key and not _told(a, theirs) and not _told(b, mine)
        and _one_vote(analysis, a, b, mine, theirs)])


def _tallies(text: str, report: int, row: int) -> list[Tally]:
    """The vote tallies of a sentence (see the module's text)."""
    found = []
    for match in _TALLY.finditer(text):
        near = text[max(0, match.start() - _NEAR):match.end() + _NEAR]
        ayes, noes = int(match["ayes"]), int(match["noes"])
        if (not _VOTE.search(near) or _GAME.search(near) or ayes + noes < 3
                or _RANGE_BEFORE.search(text, 0, match.start())
                or _runs_into_noun(text, match.end())):
            continue
        bodies = frozenset(b.lower() for b in _BODIES.findall(text))
        found.append(Tally(report, row, match[0].strip(), ayes, noes, bodies))
    return found


def _runs_into_noun(text: str, end: int) -> bool:
    """The tally runs into a word that makes it a range of a count ("10 to 15 people")."""
    word = _NEXT_WORD.match(text, end)
    return word is not None and word[1] not in _AFTER


def _told(tally: Tally, others: list[Tally]) -> bool:
    """The other report gives this tally too (either way round), of any vote."""
    return any({tally.ayes, tally.noes} == {o.ayes, o.noes} for o in others)


def _one_vote(analysis: Analysis, a: Tally, b: Tally, mine: list[Tally],
              theirs: list[Tally]) -> bool:
    """The two tallies count one vote: about the same voters, no two bodies named, and
    each its report's only tally of that size, or sentences that correspond."""
    if not _same_size(a, b) or not _close(a, b) or (a.bodies and b.bodies
                                                     and not a.bodies & b.bodies):
        return False
    sole = (sum(_same_size(a, t) for t in mine) == 1
            and sum(_same_size(b, t) for t in theirs) == 1)
    cosine = float(analysis.space.matrices[(a.report, b.report)][a.row, b.row])
    return sole or cosine >= ALIGNED


def _close(a: Tally, b: Tally) -> bool:
    """Each side of one tally within ``SAME_VOTE`` of the other's, more against more: a
    report that misgives a vote is off by a few votes ("220-to-190" / "222-190"); "69-30"
    and "50-49" in one story are two votes (a bill and a budget framework)."""
    total = max(a.ayes + a.noes, b.ayes + b.noes)
    (low_a, high_a), (low_b, high_b) = sorted((a.ayes, a.noes)), sorted((b.ayes, b.noes))
    return abs(high_a - high_b) <= SAME_VOTE * total and abs(low_a - low_b) <= SAME_VOTE * total


def _same_size(a: Tally, b: Tally) -> bool:
    total_a, total_b = a.ayes + a.noes, b.ayes + b.noes
    return abs(total_a - total_b) <= SAME_BODY * max(total_a, total_b)


__all__ = ["Tally", "tally_disputes"]
