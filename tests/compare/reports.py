"""What the comparison tests share: a sentence's figure, and the disputes between two
one-paragraph reports."""

from __future__ import annotations

import datetime as dt

from generator.compare import comparison as compare
from generator.compare.facts import Fact, facts
from tests.helpers import article, story

DAY = dt.date(2021, 7, 8)


def first_quantity(sentence: str, number: str) -> Fact:
    """The first quantity of ``sentence`` whose text holds ``number``."""
    return next(f for f in facts(sentence, DAY) if f.kind == "quantity" and number in f.text)


def disputes_of(first: str, second: str, *, days: tuple[dt.date, dt.date] = (DAY, DAY)
                ) -> list[tuple[frozenset[str], str]]:
    """(values shown, relation) of each dispute between two one-paragraph reports."""
    result = compare.compare(story("s", article("a", body=first, source="AP", date=days[0]),
                                   article("b", body=second, source="Reuters", date=days[1])))
    return [(frozenset(m.text for m in d.sides), d.relation) for d in result.disputed]


def abouts_of(first: str, second: str) -> list[str]:
    """What each dispute between two one-paragraph reports says it is about."""
    result = compare.compare(story("s", article("a", body=first, source="AP"),
                                   article("b", body=second, source="Reuters")))
    return [d.about for d in result.disputed]
