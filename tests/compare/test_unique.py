"""What only one report says: facts no other report gives in any wording, never debris."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.compare import comparison as compare
from generator.compare.facts import dates, quantities
from generator.compare.items import UniqueItem
from generator.compare.unique import reworded, shown
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


def test_half_its_words_elsewhere_and_a_sentence_near_it_is_told_elsewhere() -> None:
    """Four of its eight words are in the other report, and one sentence there is near it
    (but not close enough to be its counterpart): two weak signs of one fact told twice."""
    other = (SHARED + "\n\nPumps and boats arrived from Norway by army truck on Monday."
             "\n\nEngineers worked on the farms all night long.")
    assert only_in_first("Norwegian engineers brought twelve pumps and two boats to the farms.",
                         other=other) == []


def test_nearly_half_its_words_elsewhere_and_a_sentence_near_it_is_told_elsewhere() -> None:
    """Five of its eleven content words are in the other report (under half), and sentences
    there are near it: a retelling that swapped a few words, not a fact of its own."""
    other = (SHARED + "\n\nPumps and boats arrived from Norway by army truck on Monday."
             "\n\nEngineers worked on the farms all night long.")
    assert only_in_first("Norwegian army engineers brought twelve pumps and two boats to the "
                         "farms of the flooded capital.", other=other) == []


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


def items_of_first(*extra: str, other: str = SHARED, day: dt.date = dt.date(2021, 7, 8)
                   ) -> list[UniqueItem]:
    """Every item listed as only in the first of two reports (SHARED and ``extra``)."""
    first = "\n\n".join((SHARED, *extra))
    result = compare.compare(story("s", article("a", body=first, source="AP"),
                                   article("b", body=other, source="Reuters", date=day)))
    return list(dict(result.unique)["a"])


def details_of_first(sentence: str, other: str) -> list[str]:
    """The details listed for ``sentence``, a sentence the other report also tells."""
    return [d for item in items_of_first(sentence, other=SHARED + "\n\n" + other)
            if item.sentence == sentence for d in item.details]


def test_names_are_no_details() -> None:
    """The other report tells the same sentence without the name: nothing to list."""
    assert details_of_first("Rescuers led by Colonel Tran Hung reached 40 villages on Monday.",
                            "Rescuers reached 40 villages on Monday.") == []


def test_a_figure_only_one_report_gives_is_a_detail() -> None:
    assert details_of_first("Rescuers reached 40 villages on Monday with 12 boats.",
                            "Rescuers reached 40 villages on Monday with boats.") == ["12 boats"]


def test_a_weekday_alone_is_no_detail_but_a_date_is() -> None:
    assert details_of_first("Rescuers reached the 40 villages on Monday, officials said.",
                            "Rescuers reached the 40 villages, officials said.") == []
    assert details_of_first("Rescuers reached the 40 villages on July 5, officials said.",
                            "Rescuers reached the 40 villages, officials said.") == ["July 5"]


def test_a_date_without_its_year_is_the_same_date_in_every_report() -> None:
    """Each report puts "Jan. 6" in the year nearest its own date: still the same day."""
    sentence = "The dam was last inspected on Jan. 6, engineers said on the radio."
    assert details_of_first(sentence, sentence.replace("radio", "television")) == []
    first = "\n\n".join((SHARED, sentence))
    other = "\n\n".join((SHARED, sentence.replace("radio", "television")))
    result = compare.compare(story(
        "s", article("a", body=first, date=dt.date(2021, 3, 1)),
        article("b", body=other, date=dt.date(2021, 12, 30))))
    assert all(not item.details for item in dict(result.unique)["a"])


@pytest.mark.parametrize(("sentence", "phrase", "expected"), [
    ("He died at the age of 84 due to complications.", "84", None),
    ("After a 19-month freeze due to the pandemic, borders reopen.", "19-month",
     "19-month freeze"),
    ("Two U.S. officials said so on Friday.", "Two", None),
    ("He scored with 12 minutes, 31 seconds remaining.", "12 minutes", None),
    ("He drank 1/2 liter of vodka.", "2", None),
    ("He was hurt in the team's Week 15 loss at Chicago.", "15", None),
    ("His two half - brothers were arrested.", "two", None),
    ("He faces one count of murder.", "one", None),
    ("They made the playoffs one year ago.", "one year", None),
    ("It caused 200 million euros ($265.3 million) of damage.", "$265.3 million", None),
    ("They noticed young men near 473 East 52nd Street.", "473", None),
    ("Three would have to agree.", "Three", None),
    ("He caught eight passes for 66 yards and two touchdowns.", "66", "66 yards"),
    ("He fired two or three times in the air.", "three", None),
    ("Police told 1010 WINS the driver fled.", "1010", None),
    ("He joined the 15 Most Wanted list on Friday.", "15", None),
    ("Two powerful earthquakes flattened in the night.", "Two",
     "Two powerful earthquakes"),
    ("Inspectors found 40 corroded steel cables.", "40", "40 corroded steel cables"),
    ("Aid reached nearly three dozen villages by noon.", "dozen", None),
    ("The catastrophe four years ago devastated Indian Ocean coasts.", "four years",
     "four years ago"),
    ("The genocide that began 106 years ago today was remembered.", "106 years",
     "106 years ago today"),
])
def test_what_a_figure_shows(sentence: str, phrase: str, expected: str | None) -> None:
    fact = next(f for f in quantities(sentence, []) if f.text == phrase
                or f.text.endswith(phrase))
    assert shown(sentence, fact) == expected


def test_a_dateline_date_is_no_detail() -> None:
    sentence = "Police report February 5, 2009 For the second time a player was arrested."
    fact = next(f for f in dates(sentence, dt.date(2009, 2, 5)) if "February" in f.text)
    assert shown(sentence, fact) is None
    sentence = "The player was arrested on February 5, 2009, for the second time."
    fact = next(f for f in dates(sentence, dt.date(2009, 2, 5)) if "February" in f.text)
    assert shown(sentence, fact) == "February 5, 2009"


def test_debris_is_not_listed() -> None:
    """A headline and page stamp glued to a sentence, sentences run together around a
    quotation, a question of the report's own, and the halves of a number cut at its
    decimal point."""
    assert only_in_first(
        "Dam bursts Updated 4:08 PM ET Engineers from Norway arrived with pumps.",
        "Floods hit MAR. 14, 2013, 8: 12 PM Engineers from Norway arrived with boats.",
        "Divers from Oslo found the wells. “ We searched all night long, ” one said.",
        "So what will the Norwegian engineers do with the drained fields next?",
        "The dam holds 1.",
        "2 million cubic metres of water from the northern hills and lakes.",
        "The clean-up will depend on several things: 1.",
        "Divers said they could not stay. ” The pumps from Oslo arrived the next day.",
        "Workers without the new permits from the Norwegian engineers will...",
        "The water in the lowest fields held a salt content of.") == []


def test_a_dateline_with_its_clock_time_after_two_dashes_is_debris() -> None:
    assert only_in_first("June 3, 2014 - - 09: 15 GMT (02: 15 PDT) Engineers from Norway "
                         "arrived with pumps and began draining the fields.") == []


def test_a_writer_talking_to_the_reader_tells_no_fact() -> None:
    """An imperative to the reader and a lead-in ("Here's ...") announce, they do not tell."""
    assert only_in_first("Don't expect the drained fields to be planted again this year.",
                         "Here ’ s the account from a colleague at the regional paper.",
                         "Here is what the Norwegian engineers found under the fields.") == []


def test_a_long_sentence_cut_off_by_its_page_still_tells_its_fact() -> None:
    cut = ("Engineers from Norway arrived on Monday with twelve pumps and began draining the "
           "flooded fields around the old mill, where the water was still...")
    assert only_in_first(cut) == [cut]


def test_two_figures_in_common_pin_one_fact_whatever_each_counts() -> None:
    """The other report's sentence is no counterpart, and counts other things, but gives
    both figures."""
    assert details_of_first("The pilot made 28 landings on 41 flights this year, it said.",
                            "Records show 28 of 41 flights ended on the grass strip.") == []


def test_a_date_is_the_weekday_the_corresponding_sentence_names() -> None:
    """July 5, 2021 was a Monday; the other report, dated a week later, puts its "Monday" in
    the week it was written, but its sentence tells the same thing."""
    first = "\n\n".join((SHARED, "Rescuers reached the 40 villages on July 5, officials said."))
    other = "\n\n".join((SHARED, "Rescuers reached the 40 villages on Monday, officials said."))
    result = compare.compare(story("s", article("a", body=first),
                                   article("b", body=other, date=dt.date(2021, 7, 14))))
    assert all(not item.details for item in dict(result.unique)["a"])


def test_a_figure_with_words_of_its_sentence_elsewhere_is_told_there() -> None:
    """27 booths abroad / 27 stations abroad for voters in the country: the same figure
    with three words of the sentence, though not its counterpart."""
    assert details_of_first(
        "Voters in the country can use 27 booths abroad, the election office said.",
        "Voters living abroad will find 27 stations open, far from the country.") == []


def test_a_figure_told_to_another_precision_elsewhere_is_no_detail() -> None:
    """"$138 million" is the other report's "$138.7 million"; 188,829 is "more than 178,000"
    of the corresponding sentence (a figure the reports differ on is no one report's own);
    "12 boats" is no "20 trucks" told another way."""
    assert details_of_first("The state will spend $138 million on the new program at once.",
                            "Officials said $138.7 million would go to prevention.") == []
    assert details_of_first("Agents made 188,829 arrests at the border in June.",
                            "Agents made more than 178,000 arrests at the border in June.") == []
    assert details_of_first("Rescuers reached 40 villages on Monday with 12 boats.",
                            "Rescuers reached 40 villages on Monday with 20 trucks.") == ["12 boats"]
