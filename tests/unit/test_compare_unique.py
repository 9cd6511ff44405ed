"""What only one report says: facts no other report gives in any wording, never debris."""

from __future__ import annotations

from generator import compare
from generator.compare_unique import reworded
from tests.helpers import article, story

SHARED = "The dam on the Red River burst on Sunday, flooding 40 villages, officials said."


def only_in_first(*extra: str, other: str = SHARED) -> list[str]:
    """The sentences listed as only in the first of two reports, whose body is SHARED
    followed by ``extra`` paragraphs."""
    first = "\n\n".join((SHARED, *extra))
    result = compare.compare(story("s", article("a", body=first, source="AP"),
                                   article("b", body=other, source="Reuters")))
    return [u.sentence for u in dict(result.unique)["a"]]


def test_a_fact_no_other_report_gives_is_listed() -> None:
    fact = "Engineers from Norway arrived on Monday with 12 pumps to drain the fields."
    assert only_in_first(fact) == [fact]


def test_captions_headings_and_debris_are_not_listed() -> None:
    assert only_in_first("Rescue boats near Hanoi on Monday. (AP Photo/Tran Van Minh)",
                         "What we know about the flooding in Vietnam",
                         "Please try again later if the video does not play.",
                         "Sign up for our newsletter to get the news you need every morning.",
                         "Image: Reuters/Getty Images 2021") == []


def test_a_fact_without_names_or_figures_is_listed_too() -> None:
    fact = "Aid groups asked for more blankets and warm clothes for the families."
    assert only_in_first(fact) == [fact]


def test_a_fact_told_in_other_words_elsewhere_is_not_listed() -> None:
    """Its words are spread over two sentences of the other report: neither is close to it."""
    other = (SHARED + "\n\nTwelve pumps arrived on Monday, with crews from Oslo."
             "\n\nThey had been brought by Norwegian army engineers, officials said.")
    assert only_in_first("The Norwegian engineers brought 12 pumps on Monday.",
                         other=other) == []


def test_at_most_a_handful_the_richest_first() -> None:
    facts = [f"Team {n} from Oslo brought {n} pumps and {n + 10} boats on Monday to the site."
             for n in range(1, 8)]
    plain = "Volunteers from Hanoi handed out water and blankets to many families there."
    listed = only_in_first(plain, *facts)
    assert len(listed) == 5 and plain not in listed


def test_reworded_when_most_content_words_are_elsewhere() -> None:
    elsewhere = {"norwegian", "engineer", "pump", "monday", "brought"}
    assert reworded("The Norwegian engineers brought 12 pumps on Monday.", elsewhere)
    assert not reworded("Dutch divers found 12 wells near the school.", elsewhere)
