"""Named claims every report states: a name with what is said of it, never the bare name."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.compare import comparison as compare
from generator.compare.facts import facts
from tests.helpers import article, story


def named(*bodies: str) -> list[tuple[str, str]]:
    """(key, label) of the named agreed items of a story of one report per body."""
    result = compare.compare(story("s", *(article(f"r{n}", body=body, source=f"Outlet {n}")
                                          for n, body in enumerate(bodies))))
    return [(a.key, a.label) for a in result.agreed if a.kind == "name"]


def test_a_name_with_what_every_report_says_of_it_is_agreed() -> None:
    assert named("Police charged the driver, Anthony LaSalle, with vehicular manslaughter.",
                 "Anthony LaSalle faces a charge of vehicular manslaughter, police said.") == [
        ("anthony lasalle", "Police charged the driver, Anthony LaSalle, with vehicular "
                            "manslaughter")]


def test_a_bare_name_is_never_agreed() -> None:
    """Both reports name Manokwari, but say nothing of it in the same words."""
    assert named("The quake shook Manokwari before dawn, and residents fled to the hills.",
                 "Officials in Manokwari counted damaged churches and schools.") == []


def test_a_name_only_some_reports_give_is_not_agreed() -> None:
    assert named("Police charged Anthony LaSalle with vehicular manslaughter.",
                 "Police charged the driver with vehicular manslaughter.",
                 "Anthony LaSalle faces a charge of vehicular manslaughter.") == []


def test_the_outlets_of_the_reports_are_not_claims() -> None:
    result = compare.compare(story(
        "s", article("a", body="Reuters reported the vehicular manslaughter charge first.",
                     source="Reuters"),
        article("b", body="The vehicular manslaughter charge was reported by Reuters.",
                source="AP")))
    assert [a for a in result.agreed if a.kind == "name"] == []


def test_a_name_in_a_list_is_shown_with_the_clauses_around_it() -> None:
    first = ("Militants overran areas bordering Iran, Tajikistan, Turkmenistan, China and "
             "Pakistan in the last week.")
    second = "Officials said militants overran areas bordering Tajikistan in the last week."
    assert named(first, second) == [
        ("tajikistan", "Militants overran areas bordering Iran, Tajikistan, Turkmenistan")]


def test_a_statement_that_cuts_a_quotation_open_is_not_agreed() -> None:
    """The clause around the name ends inside a quotation: half a quotation is no claim."""
    assert named('Governor Ann Marlow called the flood response "a failure of planning, '
                 'and a failure of nerve" on Monday.',
                 "Governor Ann Marlow criticised the flood response as a failure on Monday.") == []


def test_a_heading_run_into_the_lead_is_not_agreed() -> None:
    """The page's title and the first sentence glued: its first words come again."""
    assert named("Anthony LaSalle charged with manslaughter Anthony LaSalle was charged with "
                 "vehicular manslaughter on Friday.",
                 "Police charged Anthony LaSalle with vehicular manslaughter.") == []


def test_a_whole_statement_of_the_same_story_is_agreed() -> None:
    assert named("Anthony LaSalle was charged with vehicular manslaughter on Friday.",
                 "Police charged Anthony LaSalle with vehicular manslaughter.") == [
        ("anthony lasalle", "Anthony LaSalle was charged with vehicular manslaughter on Friday")]


def test_a_statement_too_long_to_show_whole_is_not_agreed() -> None:
    """The clause holding the name runs past what a short statement shows."""
    assert named("Governor Ann Marlow toured the flooded farms of the northern valley with "
                 "engineers from Norway and mayors of eleven towns before meeting the families "
                 "who lost their homes.",
                 "Governor Ann Marlow toured the flooded farms with engineers on Monday.") == []


def agreed_figures(*bodies: str) -> list[tuple[str, str]]:
    """(key, label) of the agreed figures and dates of a story of one report per body."""
    result = compare.compare(story("s", *(article(f"r{n}", body=body, source=f"Outlet {n}")
                                          for n, body in enumerate(bodies))))
    return [(a.key, a.label) for a in result.agreed if a.kind in ("quantity", "date")]


def test_an_agreed_figure_is_shown_as_the_clause_that_tells_it() -> None:
    assert agreed_figures(
        "Another official said Taliban fighters had seized five districts in Herat province.",
        "Taliban fighters took five districts in Herat, an official said.") == [
        ("5", "Another official said Taliban fighters had seized five districts in Herat "
              "province")]


def test_an_agreed_figure_of_a_long_clause_is_shown_up_to_the_clause_inside_it() -> None:
    """"… fled into Tajikistan as the Taliban captured most of the northern province of
    Badakhshan": too long to show whole, so up to where "as" opens a clause of its own (and
    never ending on the preposition of "in which")."""
    assert agreed_figures(
        "Earlier this week, more than 1,000 Afghan security personnel fled into Tajikistan as "
        "the Taliban captured most of the northern province of Badakhshan, which borders China.",
        "Earlier this week, more than 1,000 Afghan security personnel fled to Tajikistan as the "
        "Taliban occupied most of Badakhshan.") == [
        ("1000", "Earlier this week, more than 1,000 Afghan security personnel fled into "
                 "Tajikistan")]
    assert agreed_figures(
        "Manger will take charge of the department's 1,800 officers following the violent "
        "riot at the Capitol in which dozens of officers were hurt by the mob.",
        "The department has 1,800 officers, its chief said.") == [
        ("1800", "Manger will take charge of the department's 1,800 officers following the "
                 "violent riot at the Capitol")]


def test_two_figures_of_one_clause_show_it_once() -> None:
    assert agreed_figures(
        "The Taliban says it holds more than 200 districts in 34 provinces.",
        "The group claims more than 200 districts in 34 provinces.") == [
        ("200", "The Taliban says it holds more than 200 districts in 34 provinces"),
        ("34", "34 provinces")]


def test_the_second_figure_of_a_clause_is_shown_without_the_participle_after_it() -> None:
    figures = dict(agreed_figures(
        "The Taliban says it holds more than 200 districts in 34 provinces comprising over "
        "half the country.",
        "The group claims more than 200 districts in 34 provinces."))
    assert figures["34"] == "34 provinces"
    assert figures["200"].startswith("The Taliban says it holds more than 200 districts")


def agreed_dates(*bodies: str) -> list[str]:
    """The labels of the agreed dates of a story of one report per body, each dated
    Thursday 15 July 2021."""
    result = compare.compare(story("s", *(article(f"r{n}", body=body, source=f"Outlet {n}",
                                                  date=dt.date(2021, 7, 15))
                                          for n, body in enumerate(bodies))))
    return [a.label for a in result.agreed if a.kind == "date"]


LONG = ("Roughly 39 million American families will begin receiving the first of six monthly "
        "installments of the enhanced child tax credit payments on Thursday, providing at "
        "least temporary relief for households living below the poverty line.")


def test_an_agreed_date_is_never_shown_as_a_weekday_alone() -> None:
    """A date told as a weekday in a statement too long to show is shown as another report
    tells it, not as "Thursday"."""
    assert agreed_dates(LONG, "Families will get the payments July 15.") == [
        "Families will get the payments July 15"]


@pytest.mark.parametrize(("sentence", "figure", "shown"), [
    ("A group of 18 scientists stated Thursday in a letter.", "18", "18 scientists"),
    ("The 15-count indictment made public Thursday charges the firm", "15", "15-count indictment"),
    ("Two senior U.S. vaccine regulators who are leaving the FDA came out against it.", "Two",
     "Two senior U.S."),
])
def test_a_figure_shown_in_its_own_words_stops_where_its_clause_goes_on(
        sentence: str, figure: str, shown: str) -> None:
    """Where the clause does not read as a statement, an agreed figure is shown in the
    words it counts, not run on into a verb, a day or the half of an abbreviation."""
    fact = next(f for f in facts(sentence, dt.date(2021, 7, 1)) if f.text.startswith(figure))
    assert compare._phrase(sentence, fact) == shown
