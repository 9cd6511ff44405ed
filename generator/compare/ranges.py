"""The two ends of a range of figures ("between 10 and 15 people", "10 to 15 people") read
as the bounds they are: at least the first, up to the second, so that 12 fits them and 20
does not (``compare_facts.relation``). "from 10 to 15" is a change, and "3-1" or "220-212" a
score or a vote, not a range."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.compare.facts import Fact

_RANGE_AND = re.compile(r"\s+and\s+\Z")
_RANGE_TO = re.compile(r"\s+to\s+\Z")
_BETWEEN = re.compile(r"\bbetween\s+\Z", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+\Z", re.IGNORECASE)
REACH = 12  # characters looked back for "between" or "from" before a range's first end


def ranges(sentence: str, found: list[Fact]) -> list[Fact]:
    """``found`` (the quantities of ``sentence``, in order) with the ends of each range
    given the qualifiers of its bounds ("at least", "up to")."""
    out = list(found)
    for k, (low, high) in enumerate(pairwise(found)):
        if (low.qualifier or high.qualifier or not low.value < high.value
                or (low.dimension and low.dimension != high.dimension)):
            continue
        gap = sentence[low.end:high.start]
        back = max(0, low.start - REACH)
        if (_RANGE_AND.match(gap) and _BETWEEN.search(sentence, back, low.start)) or (
                _RANGE_TO.match(gap) and not _FROM.search(sentence, back, low.start)):
            out[k] = replace(low, qualifier="at least")
            out[k + 1] = replace(high, qualifier="up to")
    return out
