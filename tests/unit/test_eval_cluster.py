"""The clustering eval's one-event gold: judged pairs of AllSides stories joined."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.helpers import REPO

sys.path.insert(0, str(REPO / "eval"))
from eval_cluster import JUDGED_PAIRS, bcubed, one_event  # noqa: E402


def test_judged_pairs_join_stories_transitively(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("a\tb\tverdict\twhy\nas-2\tas-3\tSAME\tx\nas-1\tas-3\tFOLLOW-UP\ty\n"
                     "as-4\tas-5\tDIFFERENT\tz\n", encoding="utf-8")
    truth = {"r1": "as-1", "r2": "as-2", "r3": "as-3", "r4": "as-4", "r5": "as-5"}
    assert one_event(truth, frozenset({"SAME"}), pairs) == {
        "r1": "as-1", "r2": "as-2", "r3": "as-2", "r4": "as-4", "r5": "as-5"}
    joined = one_event(truth, frozenset({"SAME", "FOLLOW-UP"}), pairs)
    assert set(joined.values()) == {"as-1", "as-4", "as-5"}
    # a clusterer that put the three of one event together is right on the one-event gold
    predicted = {"r1": "x", "r2": "x", "r3": "x", "r4": "y", "r5": "z"}
    assert bcubed(predicted, joined)[2] == 1.0 > bcubed(predicted, truth)[2]


def test_every_judged_pair_has_a_known_verdict() -> None:
    rows = JUDGED_PAIRS.read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["a", "b", "verdict", "why"]
    assert {row.split("\t")[2] for row in rows[1:]} == {"SAME", "FOLLOW-UP", "DIFFERENT"}
