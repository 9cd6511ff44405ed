"""The real-news comparison eval reads a value as the labels write it: a time of day or a
figure whose thousands tokenised text split with ", " is one value, not its first digits."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

sys.path.insert(0, str(REPO / "eval"))
sys.path.insert(0, str(REPO / "eval" / "compare_real"))
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


def test_a_label_names_its_batch_in_its_notes() -> None:
    from pick_batch import batch_of
    assert batch_of({"notes": "labelled 2026-12-04 (batch 4). No disputes."}) == 4
    assert batch_of({"notes": "labelled 2026-12-02. Batch 1 and 2 labels name none."}) == 2
    assert batch_of({}) == 2


def test_one_batch_is_scored_alone() -> None:
    from eval_compare_real import labels
    batch_4 = [label for label in labels("all", 4)]
    assert len(batch_4) == 30
    assert all("(batch 4)" in label["notes"] for label in batch_4)
    assert {label["story"] for label in labels("dev", 4)} < {label["story"] for label in batch_4}


def test_a_page_is_its_title_then_its_true_body(tmp_path: Path) -> None:
    from pages import page_text
    (tmp_path / "abc.gold.txt").write_text("\n“We will rebuild,” she said.\n", encoding="utf-8")
    with gzip.open(tmp_path / "abc.html.gz", "wt", encoding="utf-8") as handle:
        handle.write("<html><head><TITLE>\n  Town &amp; Gown rebuild\n</TITLE></head></html>")
    assert page_text("abc", tmp_path) == "Town & Gown rebuild\n\n“We will rebuild,” she said.\n"


def test_a_label_of_one_page_is_scored_on_its_quotes_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import eval_compare_real as ev
    page = ("page1", "", "Mayor vows to rebuild\n\nThe mayor of Hill Town, Ann Lee, spoke on "
            "Monday. “We will rebuild every home in this town,” Lee said. Ten homes burned.\n",
            ev.UNDATED)
    label = {"story": "zx-page1", "set": "extraction", "reports": ["page1"],
             "labelled": ["quotes"], "disputes": [], "agreed": [],
             "quotes": [{"report": "page1", "quote": "We will rebuild every home",
                         "speaker": "Ann Lee"}], "notes": "labelled 2026-12-04 (batch 5)."}
    monkeypatch.setattr(ev, "reports_of", lambda _label: [page])
    monkeypatch.setattr(ev, "labels", lambda _part, _batch=None: [label])
    story = ev.story_of(label)
    assert [a.slug for a in story.articles] == sorted(["page1", "filler"])
    _count, tallies, judged = ev.evaluate("all")
    assert (tallies["quotes found"].found, tallies["speakers"].right) == (1, 1)
    assert tallies["disputes"].shown == tallies["agreed"].shown == 0
    assert judged["unique"].unjudged == judged["unique"].judged == 0


def test_a_spelling_variant_is_scored_by_its_verdict_in_either_order() -> None:
    import eval_compare_real as ev
    judged = {("s1", "khan yunis", "khan younis"): {"verdict": "TRUE", "why": "transliteration"},
              ("s1", "texas", "texas'"): {"verdict": "NOT", "why": "grammar"}}
    data = {"disputed": [
        {"kind": "variant", "sides": [{"text": "Khan Younis"}, {"text": "Khan Yunis"}]},
        {"kind": "variant", "sides": [{"text": "Texas"}, {"text": "Texas’"}]},
        {"kind": "variant", "sides": [{"text": "Moise"}, {"text": "Moïse"}]},
        {"kind": "quantity", "sides": [{"text": "5"}, {"text": "7"}]}]}
    tally = ev.Judged()
    ev.score_variants(data, "s1", judged, tally)
    assert (tally.right, tally.judged, tally.unjudged) == (1, 2, 1)
