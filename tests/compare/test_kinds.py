"""What a figure is about: the class of what it counts and the event nearest it."""

from __future__ import annotations

import pytest

from generator.compare.facts import WORD, stem
from generator.compare.kinds import aspect, counted_before, head_class, nearest_aspect
from tests.compare.reports import first_quantity


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


def test_the_event_word_is_counted_in_content_words() -> None:
    """"eight people had suffered from serious injury": stopwords do not push it away."""
    assert nearest_aspect([], stems(" people had suffered from serious injury.")) == "injuries"
    assert nearest_aspect([], stems(" people waited in the cold rain for buses to come, hurt.")) == ""


def test_a_measure_is_its_own_aspect() -> None:
    assert aspect("magnitude", stems("The "), stems(" quake damaged 42 buildings.")) == (
        "magnitude")
    assert aspect("people", stems("The quake "), stems(" killed.")) == "deaths"


def test_children_are_not_any_people() -> None:
    assert head_class("children") != head_class("people")
    assert head_class("observer") == head_class("people")


def test_the_event_word_of_another_clause_is_not_the_figures() -> None:
    assert nearest_aspect(stems("A girl was killed and at least "), stems(" people were injured.")
                          ) == "injuries"
    assert nearest_aspect(stems("The quake killed "), stems(" people and injured 300.")
                          ) == "deaths"


def test_treated_people_are_injured() -> None:
    assert nearest_aspect([], stems(" others were given outpatient treatment.")) == "injuries"


@pytest.mark.parametrize(("sentence", "figure", "expected"), [
    ("The death toll rose to 58 on Tuesday.", "58", ("people", "deaths")),
    ("The number of injured stood at 40.", "40", ("people", "injuries")),
    ("The vote tally stood at 50 on Monday.", "50", None),  # a tally is no toll of people
    ("The medal tally reached 12.", "12", None),
    # an average or a total of what is counted, its modifier ("new") passed over
    ("The seven-day average of new cases stood at 132,135 on Sunday.", "132,135", ("case", "")),
    ("The total of displaced people reached 4,000.", "4,000", ("people", "displaced")),
    # what is counted as the subject of a verb of reaching
    ("Deaths rose to 58 on Tuesday.", "58", ("people", "deaths")),
    ("Confirmed infections climbed to an average of about 23,600 a day.", "about 23,600",
     ("infection", "")),
    ("Prices rose to 5 in May.", "5", ("price", "price")),  # a count, not of people
    ("The bus passed 12 stops.", "12", None),  # what it counts follows it
    ("It rose to 5 in May.", "5", None),  # no plural noun before the verb
    ("The class stood at 30.", "30", None),  # "-ss" is no plural
])
def test_a_count_named_before_its_figure(sentence: str, figure: str,
                                         expected: tuple[str, str] | None) -> None:
    assert counted_before(sentence, first_quantity(sentence, figure)) == expected
