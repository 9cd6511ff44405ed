"""The real-news comparison eval reads a value as the labels write it: a time of day or a
figure whose thousands tokenised text split with ", " is one value, not its first digits."""

from __future__ import annotations

import sys

import pytest

from tests.helpers import REPO

sys.path.insert(0, str(REPO / "eval"))
from eval_compare_real import normal  # noqa: E402


@pytest.mark.parametrize(("written", "read"), [
    ("2:30 a.m.", "2:30"), ("1: 30 a. m.", "1:30"), ("around 8: 30pm", "20:30"),
    ("2 p. m.", "14:00"), ("12 am", "0:00"), ("7: 37 AM local time", "7:37"), ("2:15", "2:15"),
    ("2, 029", "2029"), ("about 2, 000 feet", "2000"), ("1,400", "1400"),
    ("2.6 million", "2.6e+06"), ("at least 58", "58"), ("six", "6"), ("7.6", "7.6"),
])
def test_values_are_read_whole(written: str, read: str) -> None:
    assert normal(written) == read


def test_a_year_before_a_comma_keeps_its_digits() -> None:
    assert normal("2019, 300 people") == "2019"
    assert normal("2:30") != normal("2, 30")


def test_dev_halves_split_dev_and_leave_held_out_alone() -> None:
    from eval_compare_real import labels
    dev = {label["story"] for label in labels("dev")}
    half_a = {label["story"] for label in labels("dev-a")}
    half_b = {label["story"] for label in labels("dev-b")}
    held = {label["story"] for label in labels("held-out")}
    assert half_a and half_b and not half_a & half_b
    assert half_a | half_b == dev and not dev & held
