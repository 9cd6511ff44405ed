"""story_view.py: what each later report adds, as the story page and the editions show it."""

from __future__ import annotations

from dataclasses import dataclass

from generator import story_view
from tests.helpers import article, story


@dataclass(frozen=True)
class Item:  # a comparison's "only in one report" item, as ``additions`` reads it
    kind: str
    details: tuple[str, ...]
    sentence: str = ""


def test_a_figure_told_twice_by_a_report_is_added_once_in_its_widest_wording() -> None:
    """"killing four people" in one sentence and "At least four people died" in another:
    one fact added, told as the wider of the two."""
    told = story("s", article("a"), article("b"))
    added = story_view.additions(told, [("b", [
        Item("detail", ("four people",)),
        Item("sentence", ("At least four people", "1,000 residents")),
        Item("detail", ("people",))])])  # no word of a wider fact stands alone either
    assert added["b"].facts == ("At least four people", "1,000 residents")
    assert added["b"].sentences == 3 and added["b"].more == 0


def test_facts_that_only_share_words_are_both_added() -> None:
    told = story("s", article("a"), article("b"))
    added = story_view.additions(told, [("b", [Item("detail", ("40 ships", "140 ships"))])])
    assert added["b"].facts == ("40 ships", "140 ships")  # "40 ships" is no word of "140 ships"


def test_marked_escapes_the_sentence_and_marks_each_phrase_once() -> None:
    marked = story_view.marked("5 <b> cars & 5 cars, 12 buses", ("5 cars", "12 buses", "vans"))
    assert str(marked) == "5 &lt;b&gt; cars &amp; <mark>5 cars</mark>, <mark>12 buses</mark>"
    # a phrase inside one marked already is looked for further on, never marked twice over
    assert str(story_view.marked("140 ships and 40 ships", ("140 ships", "40 ships"))) == (
        "<mark>140 ships</mark> and <mark>40 ships</mark>")
    # a value is marked where it stands as a number of its own, not inside another
    assert str(story_view.marked("Of 17 hurt, 7 died.", ("7",))) == "Of 17 hurt, <mark>7</mark> died."
    assert str(story_view.marked("In 1997 a flood", ("7",))) == "In 199<mark>7</mark> a flood"


def test_a_detail_of_figures_and_dates_alone_is_counted_not_named() -> None:
    """"$500", "July 26", "three times" or "20 feet away" tell a reader nothing out of their
    sentence: the report's points are counted, and only details that say what they count
    are named."""
    told = story("s", article("a"), article("b"), article("c"))
    added = story_view.additions(told, [
        ("b", [Item("detail", ("$500", "nine alleged rules violations", "July 26")),
               Item("detail", ("three times", "a $60,000 fine", "20 feet away"))]),
        ("c", [Item("detail", ("Feb. 6, 1995", "about 30 days"))])])
    assert added["b"].facts == ("nine alleged rules violations", "a $60,000 fine")
    assert added["b"].more == 0 and added["b"].sentences == 2
    assert added["c"].facts == () and added["c"].sentences == 1  # "Adds: 1 point ..."


def test_a_detail_is_told_with_what_its_sentence_says_was_done_to_it() -> None:
    """"At least 50 people were hospitalised": the teaser says "At least 50 people
    hospitalised"; not when the detail sits inside another phrase ("the decision to walk
    away from the $8 billion project was confirmed": the decision was)."""
    told = story("s", article("a"), article("b"))
    added = story_view.additions(told, [("b", [
        Item("detail", ("At least 50 people",),
             "At least 50 people were hospitalised, officials said."),
        Item("detail", ("10 civilians",), "The Pentagon erred after 10 civilians were killed."),
        Item("detail", ("$8 billion project",),
             "The decision to walk away from the $8 billion project was confirmed."),
        Item("detail", ("300 others",), "And 300 others were given outpatient treatment.")])])
    assert added["b"].facts == ("At least 50 people hospitalised", "10 civilians killed",
                                "$8 billion project", "300 others")
