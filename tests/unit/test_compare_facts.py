"""Numbers, units, dates and names: extraction and normalisation."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.compare_facts import facts, same_value
from generator.compare_names import names, spelling_variant

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
