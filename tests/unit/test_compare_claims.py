"""Claims: which figures say how many of something, and which pairs of them dispute."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import compare
from generator.compare_claims import is_claim, rounded
from generator.compare_facts import facts
from tests.helpers import article, story

DAY = dt.date(2021, 7, 8)


def first_quantity(sentence: str, number: str):  # type: ignore[no-untyped-def]
    return next(f for f in facts(sentence, DAY) if f.kind == "quantity" and number in f.text)


def claimed(sentence: str) -> list[str]:
    """The figures of a sentence that are claims."""
    return [f.text for f in facts(sentence, DAY) if f.kind == "quantity"
            and is_claim(sentence, f)]


@pytest.mark.parametrize(("sentence", "number", "claim"), [
    ("At least 58 people were killed in the blast.", "58", True),
    ("The well is 40 metres deep.", "40", True),
    ("The fight was stopped at 2:56 of the sixth round.", "2", False),  # a time
    ("Kickoff is at 3:30 p.m. on Sunday.", "3", False),
    ("He completed 29 of 39 passes.", "29", False),  # a part of a whole
    ("He completed 29 of 39 passes.", "39", False),  # and the whole
    ("Another 2,000 people fled on Monday.", "2,000", False),  # an increment
    ("He scored with 12 minutes, 31 seconds remaining.", "31", False),  # a game clock
])
def test_a_claim_is_a_figure_of_something(sentence: str, number: str, claim: bool) -> None:
    assert is_claim(sentence, first_quantity(sentence, number)) is claim


def test_scores_and_years_are_no_claims() -> None:
    assert claimed("Brees led a 17-14 win over Atlanta.") == []
    assert claimed("The dam, finished 1987, held.") == []
    assert claimed("The 1987 dam held, and 2,000 homes were saved.") == ["2,000"]


def test_a_figure_and_its_rounding_do_not_dispute() -> None:
    one = first_quantity("Prices rose 5.9% in May.", "5.9")
    other = first_quantity("Prices rose 6% in May.", "6")
    assert rounded(one, other) and rounded(other, one)
    assert not rounded(first_quantity("Prices rose 5% in May.", "5"), one)


def disputed(first: str, second: str) -> set[frozenset[str]]:
    result = compare.compare(story("s", article("a", body=first, source="AP"),
                                   article("b", body=second, source="Reuters")))
    return {frozenset(m.value for m in d.sides) for d in result.disputed}


def test_the_same_figure_told_two_ways_disputes() -> None:
    assert disputed("Floods killed 15 people in the valley on Sunday, officials said.",
                    "Floods killed 12 people in the valley on Sunday, officials said.") == {
        frozenset({"15", "12"})}


def test_figures_of_two_people_or_a_part_and_a_whole_do_not_dispute() -> None:
    stats = ("The Saints said running back Pierre Thomas finished with 269 yards rushing and "
             "two touchdowns this season.")
    other = ("The Saints said running back Reggie Bush finished with 716 yards rushing and "
             "five touchdowns this season.")
    assert disputed(stats, other) == set()
    assert disputed("Five of the 25 people injured were children, the hospital said.",
                    "The hospital said 25 people were injured, many of them children.") == set()
