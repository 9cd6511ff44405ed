"""Numbers, units, dates and names: extraction and normalisation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.compare import facts as compare_facts
from generator.compare.facts import facts, fits, same_value
from generator.compare.names import (
    _CAP_WORD,
    NameIndex,
    _capitalised,
    names,
    same_name,
    spelling_variant,
    word_forms,
)

DAY = dt.date(2021, 2, 18)  # a Thursday


@pytest.mark.parametrize(("text", "key"), [
    ("turnout was 12% today", "12 percent"), ("turnout was 12 percent", "12 percent"),
    ("turnout was 12 per cent", "12 percent"), ("a 400-metre bridge", "400 m"),
    ("a bridge of 400 metres", "400 m"), ("a two-year intervention", "2 year"),
    ("a 20-year intervention", "20 year"), ("more than 1,000 personnel", "1000"),
    ("18.4 million people", "18400000"), ("twenty-five people", "25"),
    ("on Feb 18, 2021 it", "2021-02-18"), ("on 18 February 2021", "2021-02-18"),
    ("on Thursday", "2021-02-18"), ("on Wednesday", "2021-02-17"), ("began in 2001", "2001"),
    ("about 900 kilometres (550 miles) long", "900000 m"), ("cost $5 million", "5000000 usd"),
])
def test_first_fact_key(text: str, key: str) -> None:
    assert facts(text, DAY)[0].key == key


def test_conversion_in_brackets_is_one_fact_and_miles_match_km() -> None:
    found = facts("about 900 kilometres (550 miles) long", DAY)
    assert len(found) == 1
    miles = facts("some 550 miles long", DAY)[0]
    assert same_value(found[0], miles)


@pytest.mark.parametrize("text", ["one of the officials", "the 1990s", "COVID-19 doses"])
def test_not_quantities(text: str) -> None:
    assert facts(text, DAY) == []


HINTED = ["No numbers here at all.", "Someone often wrote it.", "Six officials, 12% and $5.",
          "Talks resume in May 2022 or on Tuesday.", "It dates from 1998.", "today, yesterday",
          "ſix people", "Ünïcödé on 3 März", "ONE HUNDRED TONNES", "the 1990s", "in mid-2019",
          "None of them, often.", "x-one and a.two, b,three", "Twenty-one were seen", "(Five) went"]


@pytest.mark.parametrize("text", HINTED)
def test_hints_only_skip_sentences_without_facts(text: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    hinted = facts(text, DAY)
    monkeypatch.setattr(compare_facts, "may_match", lambda lowered, hints: True)
    monkeypatch.setattr(compare_facts, "quantity_matches", compare_facts.QUANTITY_RE.finditer)
    assert hinted == facts(text, DAY)


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


# pieces that make quantity matches, near misses and overlaps when strung together
PIECES = ["more than", "approximately", "about", "xabout", "over", "under", "  ", " ", "$", "€", "$ ", "5",
          "1,000", "2.5", "12", "-", ",", ".", "(", ")", "one", "Twenty", "-one", "ſix", "dozen",
          "tone", "million", "km", "per cent", "%", "-year", "s", "a", "people", "\n", "1990s"]


@pytest.mark.parametrize("text", HINTED + [
    "about $5 million, over 12 km (about 7 miles)", "xabout 5", "some  $ 3", "5 6 7 and eight",
    "from 1,000 to 2,000,000.5 and 3.4.5", "about about 5", "$$5", "-5 and a-5",
    "approximately \t $5 and APPROXIMATELY 6", "ſome €\n7"])
def test_quantity_matches_are_those_of_finditer(text: str) -> None:
    assert (_spans(compare_facts.quantity_matches(text))
            == _spans(compare_facts.QUANTITY_RE.finditer(text)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.text(max_size=6))
def test_quantity_matches_are_those_of_finditer_on_any_text(pieces: list[str],
                                                            noise: str) -> None:
    text = "".join(pieces) + noise + "".join(reversed(pieces))
    assert (_spans(compare_facts.quantity_matches(text))
            == _spans(compare_facts.QUANTITY_RE.finditer(text)))


def test_non_ascii_sentences_are_always_searched() -> None:
    assert [f.text for f in facts("ſix people", DAY)] == ["ſix"]  # "ſ" matches "s", ignoring case


@pytest.mark.parametrize("word", ["Biden", "biden", "&", "A", "É", "Al-Qaeda", "U.S.", "X&Y",
                                  "iPhone", "’s", "Ab’c"])
def test_capitalised_is_the_pattern(word: str) -> None:
    assert _capitalised(word) == bool(_CAP_WORD.fullmatch(word))


@pytest.mark.parametrize(("text", "expected"), [
    ("an x-Ray of the U.S. Army", ["U.S. Army"]),
    ("(WHO) and AT&T & Co met Bank of England", ["WHO", "& Co", "Bank of England"]),
    ("he met Mr. Smith’s aide.\nAnd Paris", ["Smith", "Paris"]),
    ("ex-President Obama, 3Com and _Foo Bar", ["Obama", "Bar"]),
])
def test_names_start_only_at_word_starts(text: str, expected: list[str]) -> None:
    assert [n.text for n in names(text, {"Paris"})] == expected


def test_names() -> None:
    found = names("Iran’s Al Alamam TV said President Joe Biden met the WHO.", {"Iran"})
    assert [(n.text, n.titled) for n in found] == [
        ("Iran", False), ("Al Alamam TV", False), ("Joe Biden", True), ("WHO", False)]


@pytest.mark.parametrize(("a", "b", "variant"), [
    ("islamic qala", "islam qala", True), ("tariq arian", "tareq arian", True),
    ("al alamam tv", "al alalam tv", True), ("iran", "iraq", False),
    ("john harker", "paul denton", False), ("joe biden", "biden", False),
])
def test_spelling_variant(a: str, b: str, variant: bool) -> None:
    assert spelling_variant(a, b) is variant


@pytest.mark.parametrize(("a", "b", "forms"), [
    ("Texas", "Texas'", True), ("Bernie Sanders", "Bernie Sanders’", True),
    ("American", "Americans", True), ("CEOs Mark Zuckerberg", "CEO Mark Zuckerberg", True),
    ("Europe", "European", True), ("Democrats’", "Democratic", True),
    ("Confederate", "Confederacy", True), ("Russia-linked", "Russian-linked", True),
    ("New Zealand", "New Zealander", True), ("United Nations-run", "United Nations", True),
    ("Covid-related", "COVID-19-related", True), ("D-Minn", "D-MN", True),
    ("Ring of Fire", "Ring of Fire''", True),
    # spellings of one name, shown as variants
    ("Islamic Qala", "Islam Qala", False), ("Bireun", "Bireuen", False),
    ("Duncan Rait", "Duncan Raite", False), ("State Fire Marshal", "State Fire Marshall", False),
    ("Phil Krause", "Philip Krause", False), ("Promises Center", "Promises Centre", False),
])
def test_word_forms(a: str, b: str, forms: bool) -> None:
    assert word_forms(a, b) is forms


@pytest.mark.parametrize(("text", "key"), [
    ("It happened on ſunday.", "2021-02-14"), ("It rained on ſeptember 3.", "2020-09-03"),
    ("It was announced yeſterday.", "2021-02-17"), ("ON SUNDAY it rained.", "2021-02-14")])
def test_dates_matched_by_unicode_case_folding_resolve(text: str, key: str) -> None:
    # the patterns ignore case as Unicode does: "ſ" (long s) matches "s"; it used to crash
    assert [fact.key for fact in facts(text, DAY)] == [key]


def test_a_weekday_still_to_come_is_ahead_of_the_report() -> None:
    report = dt.date(2021, 7, 8)  # a Thursday
    assert date_keys("The trial will resume Monday.", report) == ["2021-07-12"]
    assert date_keys("The trial resumed Monday.", report) == ["2021-07-05"]
    assert date_keys("He is due in court next Tuesday.", report) == ["2021-07-13"]


def test_a_date_without_a_year_is_the_one_nearest_the_report() -> None:
    assert date_keys("The fire broke out on Dec. 30.", dt.date(2021, 1, 2)) == ["2020-12-30"]
    assert date_keys("The vote is set for Jan. 3.", dt.date(2020, 12, 30)) == ["2021-01-03"]
    assert date_keys("It opened on May 4.", dt.date(2021, 7, 8)) == ["2021-05-04"]


def test_thousands_after_a_spaced_comma_are_one_number() -> None:
    """Tokenised copy writes "2, 116": one number, unless a list of numbers goes on."""
    assert [f.key for f in facts("a record of 2, 116 points", dt.date(2021, 1, 1))] == ["2116"]
    assert [f.key for f in facts("flights 370, 371 and 372", dt.date(2021, 1, 1))] == [
        "370", "371", "372"]


@pytest.mark.parametrize(("text", "keys"), [
    ("a powerful 6. 1 - magnitude quake struck", ["6.1"]),
    ("a level of 0. 08 percent, under the limit", ["0.08 percent"]),
    ("it settled a $5. 3 million debt", ["5300000 usd"]),
    ("it got $9. 3m in funding", ["9300000 usd"]),
    ("the vote was 52. 12 senators abstained", ["52", "12"]),  # a count: two numbers
])
def test_a_decimal_a_tokenised_dump_split_at_its_point_is_one_number(text: str,
                                                                     keys: list[str]) -> None:
    assert [f.key for f in facts(text, dt.date(2021, 1, 1))] == keys


def test_short_scales_after_a_currency_sign() -> None:
    keys = [f.key for f in facts("It paid $334m and $2bn; the well is 40m deep.",
                                 dt.date(2021, 1, 1))]
    assert keys == ["334000000 usd", "2000000000 usd", "40 m"]


def date_keys(sentence: str, report: dt.date) -> list[str]:
    return [f.key for f in facts(sentence, report) if f.kind == "date"]


@pytest.mark.parametrize("key", ["joe biden", "biden", "united nations", "nations", "the un",
                                 "lee", "kim lee", "mark a milley", "milley"])
def test_the_name_index_answers_as_same_name(key: str) -> None:
    keys = ["president joe biden", "united nations", "mark milley", "kim lee"]
    index = NameIndex.of(keys)
    assert index.names(key) == any(same_name(key, k) for k in keys)


def test_about_a_figure_with_decimals_reaches_its_last_digit() -> None:
    """"some 88.41 percent" is precise: 93.87 percent is another figure; "about $2.5
    million" is not, in millions: $2.52 million fits it."""
    day = dt.date(2021, 1, 1)
    some, other = (facts(f"Turnout was {v} percent.", day)[0] for v in ("some 88.41", "93.87"))
    assert not fits(some, other)
    assert fits(facts("It cost about $2.5 million.", day)[0],
                facts("It cost $2.52 million.", day)[0])
    assert fits(facts("Turnout was about 90 percent.", day)[0], other)
