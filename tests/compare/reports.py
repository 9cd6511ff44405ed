"""What the comparison tests share: a sentence's figure, and the disputes between two
one-paragraph reports."""

from __future__ import annotations

import datetime as dt

from generator.compare import comparison as compare
from generator.compare.facts import Fact, facts
from generator.compare.items import Dispute
from tests.helpers import article, story

DAY = dt.date(2021, 7, 8)


def first_quantity(sentence: str, number: str) -> Fact:
    """The first quantity of ``sentence`` whose text holds ``number``."""
    return next(f for f in facts(sentence, DAY) if f.kind == "quantity" and number in f.text)


def _disputed(first: str, second: str, days: tuple[dt.date, dt.date]
              ) -> tuple[Dispute, ...]:
    """The disputes the comparison finds between two one-paragraph reports."""
    return compare.compare(story("s", article("a", body=first, source="AP", date=days[0]),
                                 article("b", body=second, source="Reuters", date=days[1]))
                           ).disputed


def disputes_of(first: str, second: str, *, days: tuple[dt.date, dt.date] = (DAY, DAY)
                ) -> list[tuple[frozenset[str], str]]:
    """(values shown, relation) of each dispute between two one-paragraph reports."""
    return [(frozenset(m.text for m in d.sides), d.relation)
            for d in _disputed(first, second, days)]


def abouts_of(first: str, second: str) -> list[str]:
    """What each dispute between two one-paragraph reports says it is about."""
    return [d.about for d in _disputed(first, second, (DAY, DAY))]
