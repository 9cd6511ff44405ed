"""Claims: which figures say how many of something, and which pairs of them dispute."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.compare import comparison as compare
from generator.compare.claims import head_of, is_claim
from generator.compare.conflicts import rounded
from generator.compare.facts import facts
from tests.compare.reports import DAY, disputes_of, first_quantity
from tests.helpers import article, story


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
    ("Polls opened at 8 a.m. local time (0300 GMT) on Sunday.", "0300", False),
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


def test_one_toll_told_of_people_and_of_a_person_disputes() -> None:
    """"people" and "person" are one class of thing counted, "killed" and "dead" one kind
    of event."""
    assert disputes_of("The earthquake that struck Manokwari on Sunday killed at least five "
                       "people.",
                       "The earthquake that struck Manokwari on Sunday left one person dead.") == [
        (frozenset({"at least five", "one"}), "conflict")]


def test_deaths_and_injuries_do_not_dispute() -> None:
    assert disputes_of("The blast killed 12 people in the market, police said.",
                       "The blast injured 40 people in the market, police said.") == []


def test_bounds_that_differ_are_figures_that_differ() -> None:
    assert disputes_of("Police arrested more than 200 people over the riots in Athens.",
                       "More than 400 protesters were detained over the riots in Athens.") == [
        (frozenset({"more than 200", "More than 400"}), "figures_differ")]


def test_a_bound_that_fits_a_figure_is_no_dispute() -> None:
    assert disputes_of("More than 100 people were killed in the floods, officials said.",
                       "The floods killed 120 people, officials said.") == []


def test_almost_is_below_the_figure() -> None:
    assert disputes_of("Turnout in the election reached almost 90%, the commission said.",
                       "Turnout in the election reached 93.87%, the commission said.") == [
        (frozenset({"almost 90%", "93.87%"}), "conflict")]
    assert disputes_of("Turnout in the election reached almost 90%, the commission said.",
                       "Turnout in the election reached 88%, the commission said.") == []


def test_a_report_that_corrects_an_earlier_figure_is_a_correction() -> None:
    found = disputes_of("Rescuers said the well was 40 metres deep.",
                        "Rescuers said the well was 80 metres deep; earlier reports had put "
                        "it at half that.")
    assert found == [(frozenset({"40 metres", "80 metres"}), "correction")]


def test_a_toll_that_rose_between_reports_is_figures_that_differ() -> None:
    first = "Floods killed 58 people in the valley on Sunday, officials said."
    later = "Floods killed 59 people in the valley on Sunday, officials said."
    assert disputes_of(first, later, days=(DAY, DAY + dt.timedelta(days=1))) == [
        (frozenset({"58", "59"}), "figures_differ")]
    assert disputes_of(first, later) == [(frozenset({"58", "59"}), "conflict")]


def test_the_same_weekday_written_twice_is_no_dispute() -> None:
    """Two reports of two days both say "Monday": a reader sees one value."""
    sentence = "The trial of the accused gunman will resume Monday with new testimony, {}"
    assert disputes_of(sentence.format("AP said."), sentence.format("Reuters said."),
                       days=(DAY, DAY + dt.timedelta(days=3))) == []


def test_a_posting_stamp_is_no_date_of_the_story() -> None:
    assert disputes_of("Jury convicts man Posted: Sep 27, 2013 5:50 PM A jury convicted him.",
                       "Jury convicts man 28 September 2013 01:43 A jury convicted him.") == []


def test_millions_written_short_are_millions() -> None:
    assert disputes_of("AMD will buy SeaMicro for $334m in cash and stock, the firms said.",
                       "AMD will buy SeaMicro for $334 million in cash and stock.") == []


def test_ages_of_two_people_do_not_dispute() -> None:
    assert disputes_of("Police pulled over the 36-year-old driver, who hit a woman.",
                       "The driver hit and killed a 66-year-old woman, police said.") == []
    assert disputes_of("Police pulled over the 36-year-old driver after the crash.",
                       "Police pulled over the 38-year-old driver after the crash.") == [
        (frozenset({"36-year", "38-year"}), "conflict")]


def test_an_age_as_a_time_of_someone_s_life_is_no_claim_of_their_age() -> None:
    """"since he was 11 years old" says when, not how old he is: it disputes no one's
    age; "he was 11 years old" does."""
    life = "Hunter Lopez knew this was what he wanted since he was 11 years old."
    assert not is_claim(life, first_quantity(life, "11 years"))
    assert disputes_of(life, "Rylee McCollum, a 20-year-old from Wyoming, was killed.") == []
    now = "Police said he was 11 years old."
    assert is_claim(now, first_quantity(now, "11 years"))


def test_days_gone_by_so_far_are_each_reports_own() -> None:
    assert disputes_of("Athens was calm after four days of the worst riots in decades.",
                       "Athens was calm after eight days of the worst riots in decades.") == []


def test_a_list_of_figures_of_no_one_named_does_not_dispute() -> None:
    assert disputes_of("He finished with 269 yards, two touchdowns and 29 catches this season.",
                       "He finished with 716 yards, five touchdowns and 12 catches this "
                       "season.") == []


def test_story_json_says_how_the_values_of_a_dispute_stand() -> None:
    result = compare.compare(story(
        "s", article("a", body="Police arrested more than 200 people over the riots in Athens.",
                     source="AP"),
        article("b", body="More than 400 protesters were detained over the riots in Athens.")))
    assert [d["relation"] for d in compare.comparison_json(result)["disputed"]] == [
        "figures_differ"]


def test_games_played_and_games_missed_do_not_dispute() -> None:
    assert disputes_of("Running back Reggie Bush played 10 games for the Saints this season.",
                       "Running back Reggie Bush missed two games for the Saints this season.") == []


def test_a_day_that_names_something_is_no_date_of_the_story() -> None:
    assert disputes_of("Members of the Jan. 6 committee voted to subpoena him, aides said.",
                       "Members of the Sept. 11 committee voted to subpoena him, aides said.") == []


def test_a_small_whole_number_is_exact_not_rounded() -> None:
    """"10 games" is not "nine games" rounded; "1,200" may be "1,210" rounded."""
    assert not rounded(first_quantity("He missed 10 games.", "10"),
                       first_quantity("He missed nine games.", "nine"))
    assert rounded(first_quantity("About 1,200 homes burned.", "1,200"),
                   first_quantity("In all 1,210 homes burned.", "1,210"))


def test_a_hyphened_figure_counts_the_words_after_it() -> None:
    fact = first_quantity("A 7.3-magnitude tremor was felt in Australia.", "7.3")
    assert fact.counted == ("magnitude", "tremor")
    assert claimed("A 7.3-magnitude tremor was felt in Australia.") == ["7.3"]


def test_a_measure_named_before_its_figure_is_a_claim_of_it() -> None:
    assert claimed("The quake, magnitude 7.6, struck at dawn.") == ["7.6"]
    assert disputes_of("The quake, magnitude 7.6, struck the coast of Papua on Sunday.",
                       "A 7.7-magnitude quake struck the coast of Papua on Sunday.") == [
        (frozenset({"7.6", "7.7"}), "conflict")]


def test_a_figure_listed_before_another_counts_what_it_counts() -> None:
    """"7.6 and 7.5 magnitude quakes": the report gives 7.6 for the magnitude too."""
    assert disputes_of("The 7.6 magnitude quake struck the coast of Papua on Sunday.",
                       "The 7.6 and 7.5 magnitude quakes struck the coast of Papua on "
                       "Sunday.") == []


def test_what_will_happen_does_not_dispute_what_happened() -> None:
    assert disputes_of("Running back Reggie Bush missed four games this season, the Saints "
                       "said.",
                       "Running back Reggie Bush will miss the final two games this season, "
                       "the Saints said.") == []


def test_figures_an_order_of_magnitude_apart_count_different_things() -> None:
    assert disputes_of("AMD will pay $281 million for SeaMicro, the price it set.",
                       "AMD put the price of its shares at $9 after buying SeaMicro.") == []


def test_others_and_damaged_things_count_what_they_name() -> None:
    assert disputes_of("In Athens 565 shops were damaged in the riots, traders said.",
                       "In Athens 355 damaged shops were counted after the riots, traders "
                       "said.") == [(frozenset({"565", "355"}), "conflict")]
    assert disputes_of("Doctors said 300 others were treated for minor injuries in Manokwari.",
                       "Doctors said 261 people were treated for minor injuries in "
                       "Manokwari.") == [(frozenset({"300", "261"}), "conflict")]


def test_a_stretch_of_a_series_is_no_claim() -> None:
    assert claimed("Bush will miss the final two games of the season.") == []
    assert claimed("He scored in his first 10 starts.") == []
    assert claimed("Bush missed two games of the season.") == ["two"]


def test_the_main_value_each_report_gives_for_a_thing_is_evidence() -> None:
    """Each report counts comments once, in different words: one thing, two values. The
    main value is the largest a report gives (a count so far, a toll and its parts)."""
    first = ("The agency received nearly 235,000 comments on the endangered species proposal, "
             "most of them form letters.")
    second = ("The Interior Department proposed the rules in May and since has received nearly "
              "300,000 comments on the proposal, the vast majority opposing it.")
    assert disputes_of(first, second) == [
        (frozenset({"nearly 235,000", "nearly 300,000"}), "conflict")]
    # a smaller count besides leaves the main one
    assert disputes_of(first + " In March it had 12,000 comments.", second) == [
        (frozenset({"nearly 235,000", "nearly 300,000"}), "conflict")]
    # a larger one besides: which of them is the other's?
    assert disputes_of(first + " Over the decade it had 900,000 comments.", second) == []


def test_a_value_told_as_to_come_still_states_it() -> None:
    assert disputes_of("AMD will pay $281 million in cash for SeaMicro, the company said.",
                       "AMD paid $334 million for SeaMicro, of which $281 million in cash, "
                       "the company said.") == []


def test_figures_of_two_places_or_teams_do_not_dispute() -> None:
    assert disputes_of("DiLeo, the coach, has spent 10 seasons in West Germany, the team said.",
                       "DiLeo, the coach, has spent 19 seasons with the 76ers, the team "
                       "said.") == []
    assert disputes_of("DiLeo, the coach, has spent 10 seasons with the 49ers, the team said.",
                       "DiLeo, the coach, has spent 19 seasons with the 76ers, the team "
                       "said.") == []


def test_one_toll_among_others_far_off_is_its_own_dispute() -> None:
    """The quake's toll and the toll of the tsunami years ago are two things."""
    first = ("The quake killed at least five people in Papua, officials said. The 2004 "
             "tsunami killed more than 220,000 people, officials said.")
    second = ("The quake killed one person in Papua, officials said. The 2004 tsunami killed "
              "some 168,000 people, officials said.")
    assert (frozenset({"at least five", "one"}), "conflict") in disputes_of(first, second)
    assert all(len(values) == 2 for values, _ in disputes_of(first, second))


def test_one_pair_of_values_told_by_many_reports_is_one_dispute() -> None:
    one = "Floods killed 15 people in the valley on Sunday, officials said."
    other = "Floods killed 12 people in the valley on Sunday, officials said."
    result = compare.compare(story("s", article("a", body=one, source="AP"),
                                   article("b", body=other, source="Reuters"),
                                   article("c", body=other, source="AFP")))
    assert [frozenset(m.value for m in d.sides) for d in result.disputed] == [
        frozenset({"15", "12"})]


def test_a_value_on_the_way_between_two_is_no_dispute() -> None:
    """A report telling the effectiveness falling from 88% to 47% passes through 60%."""
    assert disputes_of("The vaccine's effectiveness against infection fell to 60 percent in "
                       "the study.",
                       "The vaccine's effectiveness against infection fell from 88 percent to "
                       "47 percent in the study.") == []


def test_below_and_above_are_bounds() -> None:
    below = first_quantity("Its effectiveness falls below 50 percent.", "50")
    assert below.qualifier == "below"
    assert first_quantity("Turnout was above 90%.", "90").qualifier == "above"
    assert disputes_of("The vaccine's effectiveness falls below 50 percent within months.",
                       "The vaccine's effectiveness falls to 47 percent within months.") == []


def test_what_a_figure_counts_stops_at_the_next_figure() -> None:
    assert first_quantity("It fell to 47% six months later.", "47").counted == ()


def test_a_sum_of_money_counts_money_whatever_it_is_for() -> None:
    assert disputes_of("The 76ers signed Elton Brand to an $82 million deal last summer.",
                       "The 76ers signed Elton Brand to a deal worth $80 million last "
                       "summer.") == [(frozenset({"$82 million", "$80 million"}), "conflict")]


def test_time_left_in_a_game_is_no_claim() -> None:
    assert claimed("Clark scored with 12 minutes, 31 seconds remaining.") == []
    assert claimed("He scored with under five minutes left.") == []
    assert claimed("The fight lasted 12 minutes.") == ["12 minutes"]


@pytest.mark.parametrize(("sentence", "number", "head"), [
    ("Southwest canceled at least 1,800 domestic flights on Sunday.", "1,800", "flight"),
    ("Critics blamed more than 2,000 recent flight cancelations on it.", "2,000", "flight"),
    ("The storm damaged 300 coastal homes.", "300", "home"),
    ("Officials said 12 people killed were from the village.", "12", "people"),
    ("At least 20 critical patients died.", "20", "patient"),
])
def test_what_a_figure_counts_is_the_noun_after_its_modifiers(sentence: str, number: str,
                                                              head: str) -> None:
    fact = first_quantity(sentence, number)
    assert head_of(fact) == head


def test_a_bare_figure_measuring_a_quake_is_its_magnitude() -> None:
    """"two quakes, measuring 7.6 and 7.4": both figures are magnitudes."""
    sentence = "Two quakes, measuring 7.6 and 7.4, struck west of Manokwari."
    assert claimed(sentence) == ["Two", "7.6", "7.4"]


def test_one_of_a_whole_told_with_a_preposition_is_no_part() -> None:
    """"One of the tremors with a 7.3 magnitude": a tremor's magnitude, not five of 25."""
    assert claimed("One of the tremors with a 7.3 magnitude was felt in Darwin.") == ["7.3"]
    assert claimed("Five of the 25 miners were rescued.") == []


def test_two_values_one_report_gives_are_two_disputes() -> None:
    """A report giving 7.6 and 7.4 tells two quakes: 7.6/7.7 and 7.4/7.5 are two items,
    not one of four values."""
    first = ("Two powerful earthquakes struck Papua on Sunday. The first earthquake measuring "
             "7.6 struck at dawn, officials said. A second earthquake measuring 7.4 struck "
             "later, officials said.")
    second = ("Two powerful earthquakes struck Papua on Sunday. The first quake measuring 7.7 "
              "struck at dawn, officials said. A second quake measuring 7.5 struck later, "
              "officials said.")
    assert sorted(sorted(values) for values, _ in disputes_of(first, second)) == [
        ["7.4", "7.5"], ["7.6", "7.7"]]


def test_two_figures_of_two_things_in_a_sentence_do_not_state_one_between() -> None:
    """"a 6.1 quake ... since the 7.6 and 7.5 quakes" does not give 7.4 on the way (as
    "fell from 88% to 47%" gives 50%)."""
    first = "A quake, measuring 7.4, struck off Papua on Sunday, officials said."
    second = ("The 6.1-magnitude quake hit Papua, the latest tremor to strike since a quake, "
              "measuring 7.5, struck off Papua on Sunday, officials said.")
    assert (frozenset({"7.4", "7.5"}), "conflict") in disputes_of(first, second)


def test_other_before_a_verb_counts_others() -> None:
    """"261 other got minor injury": others (people), not a thing called "got"."""
    assert head_of(first_quantity("Officials said 261 other got minor injury.", "261")) == "other"
    assert disputes_of("Doctors said 300 others were treated for minor injuries in Manokwari.",
                       "Doctors said 261 other got minor injuries in Manokwari.") == [
        (frozenset({"300", "261"}), "conflict")]


def test_an_age_set_off_by_commas_or_after_aged_is_an_age_that_disputes() -> None:
    """Wire copy gives ages as "Tom Hale, 34," and "the boy, aged five,": two ages of one
    person dispute; a count after a comma that closes no appositive is no age."""
    assert disputes_of("Police arrested Tom Hale, 34, at his home on Monday.",
                       "Police arrested Tom Hale, 36, at his home on Monday.") == [
        (frozenset({"34", "36"}), "conflict")]
    assert disputes_of("The boy, aged five, fell into the well on Sunday.",
                       "The boy, aged six, fell into the well on Sunday.") == [
        (frozenset({"five", "six"}), "conflict")]
    assert disputes_of("Smith, 45, and Jones, 52, were charged with fraud.",
                       "Jones, 52, was charged with fraud on Monday.") == []


def test_the_ends_of_a_range_are_bounds() -> None:
    """"between 10 and 15" and "10 to 15" allow 12, not 20; "from 10 to 15" is a change."""
    hurt = "Twelve people were hurt in the blast, police said."
    assert disputes_of("Between 10 and 15 people were hurt in the blast, police said.",
                       hurt) == []
    assert disputes_of("Ten to 15 people were hurt in the blast, police said.", hurt) == []
    assert disputes_of("Between 10 and 15 people were hurt in the blast, police said.",
                       "Twenty people were hurt in the blast, police said.") == [
        (frozenset({"15", "Twenty"}), "conflict")]
    changed = [f for f in facts("The toll rose from 10 to 15 people.", DAY)]
    assert [f.qualifier for f in changed] == ["", ""]


def test_two_years_with_two_figures_are_two_occasions() -> None:
    """"won 52% in 2018" / "won 55% in 2020": two elections, no year disputed."""
    assert disputes_of("The senator won 52 percent of the vote in 2018.",
                       "The senator won 55 percent of the vote in 2020.") == []
    assert disputes_of("The senator won 52 percent of the vote in 2018.",
                       "The senator won 52 percent of the vote in 2020.") == [
        (frozenset({"2018", "2020"}), "conflict")]
