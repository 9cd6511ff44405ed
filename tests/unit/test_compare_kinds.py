"""What a figure is about: the class of what it counts and the event nearest it."""

from __future__ import annotations

import pytest

from generator.compare_facts import WORD, stem
from generator.compare_kinds import head_class, nearest_aspect


def stems(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(text)]


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("The quake killed ", " people and injured 300.", "deaths"),
    ("The quake killed five people and injured ", ".", "injuries"),  # the nearer word
    ("", " people were detained overnight.", "arrests"),
    ("The death toll rose to ", ".", "deaths"),
    ("The river rose ", " metres overnight.", ""),  # no event word: no aspect
])
def test_the_event_nearest_the_figure(before: str, after: str, expected: str) -> None:
    assert nearest_aspect(stems(before), stems(after)) == expected


def test_kinds_of_people_are_people() -> None:
    assert head_class("protester") == head_class("people") == head_class("person") == "people"
    assert head_class("home") == head_class("building")
    assert head_class("bank") == "bank"
