"""Pairs of one-sentence reports written from what is and is not a dispute (the issue's
list of what is no conflict, and the ways wire copy tells ages, ranges, increments, rates
and distances), not from labelled stories: ``fixtures/compare/dispute_pairs.txt``. A
failure names the case's line there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.compare.reports import disputes_of

PAIRS = Path(__file__).resolve().parent.parent / "fixtures" / "compare" / "dispute_pairs.txt"


@dataclass(frozen=True)
class Pair:
    """One case: its title, the line it starts on, the two reports, whether they dispute."""

    title: str
    line: int
    first: str
    second: str
    dispute: bool


def pairs(path: Path = PAIRS) -> list[Pair]:
    """The cases of the file (its first lines, "# ...", say how it is written)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Pair] = []
    for k, line in enumerate(lines):
        if line.startswith("## "):
            first, second, arrow, verdict = lines[k + 1:k + 5]
            assert arrow == "->" and verdict in ("dispute", "none"), f"{path.name}:{k + 1}"
            found.append(Pair(line[3:], k + 1, first, second, verdict == "dispute"))
    return found


@pytest.mark.parametrize("pair", pairs(), ids=lambda p: f"line {p.line}")
def test_pair(pair: Pair) -> None:
    got = disputes_of(pair.first, pair.second)
    assert bool(got) == pair.dispute, f"{PAIRS.name}:{pair.line}: {pair.title}: {got}"


def test_the_file_has_both_kinds() -> None:
    found = pairs()
    assert len(found) >= 60 and any(p.dispute for p in found) and not all(
        p.dispute for p in found)
