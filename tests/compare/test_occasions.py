"""Figures told of two occasions (two days, a part of the time and the whole) do not dispute."""

from __future__ import annotations

import datetime as dt

from generator.compare.conflicts import rounded
from generator.compare.kinds import clause
from generator.compare.wholes import sized
from tests.compare.reports import abouts_of, disputes_of, first_quantity


def disputed(first: str, second: str) -> list[frozenset[str]]:
    """The values shown by each dispute between two one-paragraph reports."""
    return [values for values, _ in disputes_of(first, second)]


def test_figures_of_two_days_do_not_dispute() -> None:
    """Two marches, on two days (the first report names both): each its own crowd."""
    second = "Nearly 100 people set off from the square toward parliament on Monday."
    assert disputed("A first march left on Monday. On Wednesday, more than 200 people set off "
                    "from the square toward parliament.", second) == []
    assert disputed("On Wednesday, more than 200 people marched to parliament from the "
                    "square.", "Nearly 100 people set off from the old harbour on Monday "
                    "after a rally.") == []


def test_one_sentence_told_with_another_day_still_disputes_its_figure() -> None:
    """The same sentence with another toll and another day, neither report naming the
    other's day: one event, its day disputed too, not two occasions."""
    assert disputed("Floods in the valley killed 15 people on Sunday, officials said.",
                    "Floods in the valley killed 12 people on Monday, officials said.") == [
        frozenset({"15", "12"})]
    assert disputed("More than 200 people set off from the square toward parliament.",
                    "Nearly 100 people set off from the square toward parliament.") == [
        frozenset({"More than 200", "Nearly 100"})]


def test_a_figure_of_a_day_does_not_dispute_one_of_no_day_told_otherwise() -> None:
    """The Sunday quake's distance against an aftershock's, told in other words: the one
    figure is of Sunday, the other of no day named; said in the same words, one event."""
    assert disputed("The first quake struck on Sunday about 135 kilometers from the city.",
                    "An aftershock hit off the coast, some 75 kilometers west of the "
                    "city.") == []
    assert disputed("The quake struck about 135 kilometers from the city on Sunday.",
                    "The quake struck about 75 kilometers from the city.") == [
        frozenset({"about 135 kilometers", "about 75 kilometers"})]


def test_the_day_a_figure_was_told_is_no_occasion_of_it() -> None:
    assert disputed("Police said on Monday that 12 protesters were arrested in the square.",
                    "Police said on Tuesday that 15 protesters were arrested in the "
                    "square.") == [frozenset({"12", "15"})]


def test_a_count_since_a_day_is_not_the_whole_count() -> None:
    assert disputed("The man has been arrested three times since October, police said.",
                    "The man has been arrested four times, police said.") == []
    assert disputed("The man has been arrested three times, police said.",
                    "The man has been arrested four times, police said.") == [
        frozenset({"three", "four"})]


def test_a_run_of_a_game_is_not_the_game() -> None:
    assert disputed("During the deciding 15-2 run, Echenique grabbed three rebounds and "
                    "blocked two shots.",
                    "Echenique grabbed 11 rebounds and blocked six shots.") == []
    assert disputed("Echenique grabbed 11 rebounds and blocked two shots.",
                    "Echenique grabbed 11 rebounds and blocked six shots.") == [
        frozenset({"two", "six"})]


def test_a_length_of_time_is_told_of_no_part_of_time() -> None:
    assert disputed("In the last week, the rebels have taken five districts as foreign "
                    "forces end their 20-year mission and security deteriorates.",
                    "Foreign forces ended their two-year mission and security "
                    "deteriorated.") == [frozenset({"20-year", "two-year"})]


def test_figures_of_two_actions_do_not_dispute() -> None:
    """A run back and a passing total count yards, but nothing said of them is shared."""
    assert disputed("Saints receiver Lance Moore returned the opening kickoff 35 yards.",
                    "Saints receiver Lance Moore threw for 329 yards.") == []
    assert disputed("Saints receiver Lance Moore threw for 329 yards.",
                    "Saints receiver Lance Moore threw for 320 yards.") == [
        frozenset({"329", "320"})]


def test_an_item_of_a_list_is_told_by_the_words_around_it() -> None:
    assert disputed("Youths in gas masks attacked a police station in central Athens as well "
                    "as at least three banks, police said.",
                    "Youths in gas masks attacked a government building in central Athens, "
                    "four shops and two banks.") == [frozenset({"two", "at least three"})]


def test_a_comma_in_a_number_ends_no_clause() -> None:
    assert disputed("McDermott now has 2, 029 points in 106 games as a Bluejay.",
                    "McDermott has notched his points in 105 games over three seasons.") == [
        frozenset({"106", "105"})]


def test_a_record_broken_is_not_the_figure_that_broke_it() -> None:
    assert disputed("Doug McDermott broke the school scoring record of 2,116 points on "
                    "Friday.",
                    "Doug McDermott became the school scoring leader with 2,117 points on "
                    "Friday.") == []
    assert disputed("Doug McDermott broke the school scoring record of 2,116 points.",
                    "Doug McDermott broke the school scoring record of 2,106 points.") == [
        frozenset({"2,116", "2,106"})]


def test_parts_that_add_up_to_the_other_figure_do_not_dispute() -> None:
    """Soldiers and civilians killed, against the people killed: the parts of its total."""
    assert disputed("The blast in the market killed five soldiers and three civilians, "
                    "officials said.",
                    "The blast in the market killed eight people, officials said.") == []
    assert disputed("The blast in the market killed five soldiers and four civilians, "
                    "officials said.",
                    "The blast in the market killed eight people, officials said.") != []


def test_a_change_is_not_the_level_it_changed_to() -> None:
    assert disputed("Unemployment in the region rose by 2 percent in May, officials said.",
                    "Unemployment in the region rose to 7 percent in May, officials said.") == []
    assert disputed("Unemployment in the region rose to 9 percent in May, officials said.",
                    "Unemployment in the region rose to 7 percent in May, officials said.") == [
        frozenset({"9 percent", "7 percent"})]


def test_figures_of_two_places_in_their_clauses_do_not_dispute() -> None:
    assert disputed("A car bomb killed 12 people at a market in Kabul, police said.",
                    "A car bomb killed 9 people at a market in Herat, police said.") == []
    assert disputed("A car bomb killed 12 people at a market in Kabul, police said.",
                    "A car bomb killed 9 people at a market in Kabul, police said.") == [
        frozenset({"12", "9"})]


def test_a_figure_put_in_a_place_does_not_dispute_one_put_nowhere() -> None:
    # a toll in one place may be a part of the whole one ("in Aceh" / around the ocean)
    assert disputed("The tsunami killed 168,000 people in Aceh, officials said.",
                    "The tsunami killed 230,000 people, officials said.") == []
    assert disputed("The tsunami killed 168,000 people, officials said.",
                    "The tsunami killed 230,000 people, officials said.") == [
        frozenset({"168,000", "230,000"})]


def test_shares_of_two_wholes_do_not_dispute() -> None:
    assert disputed("The poll found that 52 percent of registered voters back the bill.",
                    "The poll found that 41 percent of Republicans back the bill.") == []
    assert disputed("The poll found that 52 percent of registered voters back the bill.",
                    "The poll found that 41 percent of voters back the bill.") == [
        frozenset({"52 percent", "41 percent"})]


def test_rounding_reaches_no_further_than_about_does() -> None:
    """"$1.2 billion" may be told as "$1.2 billion" or "1,200 million", "6%" may be 5.9%
    rounded; "$1 trillion" is not "$1.2 trillion" rounded (a fifth off: what labellers of
    three batches took for a dispute), and "$80 million" is not "$82 million"."""
    assert rounded(first_quantity("Prices rose 5.9% in May.", "5.9"),
                   first_quantity("Prices rose 6% in May.", "6"))
    assert not rounded(first_quantity("The $1.2 trillion bill passed.", "1.2"),
                       first_quantity("The $1 trillion bill passed.", "1"))
    assert not rounded(first_quantity("An $82 million deal.", "82"),
                       first_quantity("A deal worth $80 million.", "80"))
    assert not rounded(first_quantity("A 7.6 magnitude quake.", "7.6"),
                       first_quantity("A 7.7 magnitude quake.", "7.7"))


def test_a_sum_before_the_thing_it_sizes_is_that_things_size() -> None:
    """The size of one package disputes whoever the sentence is about and whether it is told
    as done or to come; the sizes of two bills ("spending" / "infrastructure") do not."""
    assert disputed("Senators passed the $1.2 trillion infrastructure package on Tuesday.",
                    "Democrats hope to pass a $1 trillion infrastructure bill this week.") == [
        frozenset({"$1.2 trillion", "$1 trillion"})]
    assert disputed("Senators passed the $1.2 trillion infrastructure package on Tuesday.",
                    "Democrats hope to pass a $3.5 trillion spending bill this week.") == []
    assert sized(first_quantity("He was paid $82 million last summer.", "82")) == frozenset()
    assert sized(first_quantity("He signed an $82 million deal last summer.", "82")) == (
        frozenset())  # a bare noun: too little to tell two deals apart
    assert abouts_of("Senators passed the $1.2 trillion infrastructure package on Tuesday.",
                     "Democrats hope to pass a $1 trillion infrastructure bill this week.") == [
        "size of the infrastructure package"]


def test_half_of_a_name_written_with_a_slash_is_no_claim() -> None:
    assert disputed("The FBI report tied two Saudi hijackers to Saudi officials.",
                    "The FBI report tied 9/11 hijackers to Saudi officials.") == []


def test_parts_of_two_wholes_do_not_dispute() -> None:
    """Children among all the dead, and children among one family's dead."""
    assert disputed("At least 28 people, including nine children, were killed in the strikes.",
                    "Seven of the dead were of one family, including three children, killed "
                    "in the strikes.") == []
    assert disputed("At least 28 people, including nine children, were killed in the strikes.",
                    "At least 28 people, including seven children, were killed in the "
                    "strikes.") == [frozenset({"nine", "seven"})]


def test_a_figure_the_text_is_cut_off_after_does_not_dispute() -> None:
    assert disputed("Officials said the families plan holds $1 trillion in...",
                    "Officials said the families plan holds $1.8 trillion in new spending.") == []


def test_the_level_a_change_started_from_is_not_the_level_now() -> None:
    assert disputed("The share of people who missed their second shot doubled from 3.4% in "
                    "the winter.",
                    "The share of people who missed their second shot is nearly 8%.") == []


def test_a_change_over_a_month_is_not_a_change_over_a_year() -> None:
    assert disputed("In the month of May alone, consumer prices rose 0.6%, the bureau said.",
                    "Consumer prices rose 5% in May from a year earlier, the bureau said.") == []
    assert disputed("Consumer prices rose 4% in May from a year earlier, the bureau said.",
                    "Consumer prices rose 5% in May from a year earlier, the bureau said.") == [
        frozenset({"4%", "5%"})]


def test_a_figure_excluding_a_part_is_not_the_whole() -> None:
    assert disputed("Excluding food and energy, consumer prices rose 3.8% in the year to May.",
                    "Consumer prices rose 5% in the year to May, the bureau said.") == []


def test_a_later_event_is_not_the_main_one() -> None:
    assert disputed("A 6.8 magnitude aftershock struck the coast of Papua, the survey said.",
                    "A 7.6 magnitude quake struck the coast of Papua, the survey said.") == []
    assert disputed("A second 7.3 magnitude quake struck the coast of Papua, the survey said.",
                    "A 7.6 magnitude quake struck the coast of Papua, the survey said.") == []
    assert disputed("A 7.3 magnitude quake struck the coast of Papua, the survey said.",
                    "A 7.6 magnitude quake struck the coast of Papua, the survey said.") == [
        frozenset({"7.3", "7.6"})]


def test_a_part_of_a_price_paid_in_one_form_is_not_the_price() -> None:
    assert disputed("AMD paid $281 million in cash to buy the server maker SeaMicro.",
                    "AMD paid $334 million to buy the server maker SeaMicro.") == []
    assert disputed("AMD paid $281 million in cash to buy the server maker SeaMicro.",
                    "AMD paid $334 million in cash to buy the server maker SeaMicro.") == [
        frozenset({"$281 million", "$334 million"})]


def test_a_figure_of_an_earlier_time_is_not_the_whole() -> None:
    assert disputed("Prior to that, DiLeo spent four seasons with the 76ers as a scout.",
                    "DiLeo has spent 19 seasons with the 76ers.") == []
    assert disputed("DiLeo has spent 17 seasons with the 76ers as a scout.",
                    "DiLeo has spent 19 seasons with the 76ers.") == [frozenset({"17", "19"})]


def test_a_figure_told_again_in_other_units_ends_no_clause() -> None:
    sentence = "The quake struck at dawn, 75 kilometres (50 miles) west of Manokwari, it said."
    start, end = clause(sentence, first_quantity(sentence, "75"))
    assert sentence[start:end].strip() == "75 kilometres (50 miles) west of Manokwari"


def test_a_rate_is_not_an_amount() -> None:
    assert disputed("Jobless workers will get $300 a week in federal aid, officials said.",
                    "Jobless workers will get $600 in federal aid, officials said.") == []
    assert disputed("Jobless workers will get $300 weekly in federal aid, officials said.",
                    "Jobless workers will get $600 per week in federal aid, officials "
                    "said.") == [frozenset({"$300", "$600"})]


def test_a_running_count_by_two_days_is_one_count_that_rose() -> None:
    """"By Monday" / "by Tuesday": the days a count stood at, not two occasions."""
    assert disputed("The wildfire had burned 1,500 acres of forest near the town by Monday, "
                    "crews said.",
                    "The wildfire had burned 2,400 acres of forest near the town by Tuesday, "
                    "crews said. On Monday it had jumped the river.") == [
        frozenset({"1,500", "2,400"})]


def test_shares_measured_from_two_places_do_not_dispute() -> None:
    assert disputed("Creighton shot 52 percent from the field in the win, the team said.",
                    "Creighton shot 45 percent from 3-point range in the win, the team "
                    "said.") == []


def test_a_dispute_says_what_it_counts_in_the_words_of_a_report() -> None:
    """The words counted as written (not their stems), with the kind of event when they do
    not say it ("shops damaged"; in brackets after longer words), else what the unit
    measures."""
    assert abouts_of("Rioters damaged 355 shops in the city centre, officials said.",
                   "Rioters damaged 565 shops in the city centre, officials said.") == [
        "shops damaged"]
    assert abouts_of("The quake killed 12 people in the town, police said.",
                   "The quake killed 15 people in the town, police said.") == ["people killed"]
    assert abouts_of("The startup raised $35 million from investors last year.",
                     "The startup raised $60 million from investors last year.") == [
        "amount in dollars (funding)"]  # more than a thing counted: the event in brackets
    assert abouts_of("Residents of Manokwari, a city home to 167,000 people, slept outdoors.",
                     "Residents of Manokwari, a city home to over 170,000 people, slept "
                     "outdoors.") == ["population"]  # the people a place is home to
    assert abouts_of("Residents fled as a 7.6 magnitude quake struck on Sunday, the survey "
                     "said.", "A 7.7 magnitude quake struck on Sunday near the city, the survey "
                     "said.") == ["magnitude quake"]  # not "magnitude quake struck (magnitude)"
    assert abouts_of("Police said 5 people injured in the blast were taken to hospital.",
                     "Police said 7 people injured in the blast were taken to hospital.") == [
        "people injured"]  # the event's own word stays
    assert abouts_of("The epicentre was 135 kilometers from the town, the agency said.",
                   "The epicentre was 75 kilometers from the town, the agency said.") == [
        "distance"]


def test_what_was_added_and_the_whole_do_not_dispute() -> None:
    """"50 new cases" is what a day added; "a total of 500 cases" is the count so far."""
    assert disputed("The state has recorded a total of 500 cases of the virus.",
                    "The state recorded 50 new cases of the virus on Monday.") == []
    assert disputed("The state recorded 50 new cases of the virus on Monday.",
                    "The state recorded 70 new cases of the virus on Monday.") == [
        frozenset({"50", "70"})]


def test_distances_from_two_places_do_not_dispute() -> None:
    assert disputed("The quake struck 50 km from Tokyo, the agency said.",
                    "The quake struck 20 km off the coast, the agency said.") == []
    assert disputed("The quake struck 50 km from Tokyo, the agency said.",
                    "The quake struck 80 km from Tokyo, the agency said.") == [
        frozenset({"50 km", "80 km"})]


def test_a_rise_and_a_fall_do_not_dispute() -> None:
    assert disputed("Shares rose 2 percent on the news.",
                    "Shares of its rival fell 4 percent on the news.") == []


def test_a_running_count_since_something_began_is_its_own_figure() -> None:
    assert disputed("Police arrested 12 people at the protest on Saturday.",
                    "Police have arrested 40 people since the protests began.") == []


def test_figures_of_two_wholes_or_two_rates_do_not_dispute() -> None:
    """"the city's" and "the region's" people; unemployment and inflation: two things. The
    same rate told two ways still disputes."""
    assert disputed("The city of 2 million people was hit hard by the storm.",
                    "The storm hit the region's 5 million people hard.") == []
    assert disputed("Unemployment rose to 5 percent in May.",
                    "Inflation rose to 3 percent in May.") == []
    assert disputed("The unemployment rate rose to 5 percent in May.",
                    "Unemployment rose to 6.1 percent in May.") == [
        frozenset({"5 percent", "6.1 percent"})]
    # the change of two measures: the noun each is of, past an aside or an abbreviation
    assert disputed("Used car and truck prices, for example, surged 21 percent year-over-year.",
                    "The consumer price index rose 5% in May on a year-over-year basis.") == []
    assert disputed("The Consumer Price Index (CPI) surged 5% in May from a year prior.",
                    "The consumer price index rose 4.2% in May from a year prior.") == [
        frozenset({"5%", "4.2%"})]


def test_a_toll_named_before_its_figure_is_a_count_of_the_dead() -> None:
    """"The death toll rose to 58" counts people killed, as "58 people were killed" does; a
    toll is a running count, so a later report's higher toll differs from an earlier one's
    whatever day each names, and a bound that fits it is no dispute."""
    assert disputed("The death toll from the floods rose to 58 on Saturday.",
                    "The death toll from the floods rose to 64 on Saturday.") == [
        frozenset({"58", "64"})]
    assert disputes_of("Rescuers worked on Friday as the number of dead surpassed 125.",
                       "The death toll from the floods rose above 150 on Saturday.",
                       days=(dt.date(2021, 7, 16), dt.date(2021, 7, 17))) == [
        (frozenset({"125", "above 150"}), "figures_differ")]
    assert disputed("The floods have killed at least 58 people, officials said.",
                    "The death toll from the floods rose to 64, officials said.") == []
    assert disputed("The number of cases rose to 500 on Monday.",
                    "The death toll rose to 40 on Monday.") == []
    assert disputed("Deaths from the floods rose to 58 on Saturday, officials said.",
                    "The floods have killed 64 people, officials said on Saturday.") == [
        frozenset({"58", "64"})]


def test_a_figure_disputes_only_the_nearest_of_a_sentence_s_figures_of_one_thing() -> None:
    """Two amounts of funding in one sentence against one: the nearer is the dispute, the
    other a part of the whole (its own dispute would say $60 million against $9.3 million)."""
    assert disputed("SeaMicro is backed with $60 million in funding by venture investors.",
                    "SeaMicro raised $35 million in two rounds of funding and also got $9.3 "
                    "million in funding from the government.") == [
        frozenset({"$60 million", "$35 million"})]
