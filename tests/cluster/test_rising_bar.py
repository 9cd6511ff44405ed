"""Average link of undated reports and the merge pass: two groups that are both big need a
mean link above the plain bar, rising with the smaller one's size; the wide tier keeps the
plain bar (#24)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp

from generator.cluster import late
from generator.cluster import undated as cluster_undated
from generator.cluster.config import ClusterConfig, ClusterDoc
from generator.cluster.merge import Placement, merge_bar, merge_new_stories
from generator.cluster.pipeline import assign
from generator.cluster.undated import FloatArray, IntArray, place_undated

Links = tuple[IntArray, IntArray, FloatArray]


def _two_groups(size: int, across: float) -> Links:
    """Reports 0 .. size-1 and size .. 2 size-1, linked 50 within each group and ``across``
    between them."""
    rows, cols, links = [], [], []
    for a in range(2 * size):
        for b in range(a + 1, 2 * size):
            rows.append(a)
            cols.append(b)
            links.append(50.0 if (a < size) == (b < size) else across)
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(links)


def _groups(size: int, across: float, config: ClusterConfig) -> list[int]:
    rising = (config.rising_free_size, config.rising_power)
    labels = place_undated(np.full(2 * size, -1, dtype=np.int64), list(range(2 * size)),
                           _two_groups(size, across), config.undated_threshold, rising=rising)
    return labels.tolist()


def test_two_big_groups_need_a_higher_bar() -> None:
    config = ClusterConfig()
    size = 2 * config.rising_free_size
    bar = config.undated_threshold * (size / config.rising_free_size) ** config.rising_power
    across = (config.undated_threshold + bar) / 2  # above the plain bar, below theirs
    assert _groups(size, across, config) == [0] * size + [1] * size
    assert _groups(size, bar * 1.01, config) == [0] * (2 * size)
    flat = place_undated(np.full(2 * size, -1, dtype=np.int64), list(range(2 * size)),
                         _two_groups(size, across), config.undated_threshold)
    assert flat.tolist() == [0] * (2 * size)  # without the rise they join


def test_small_groups_keep_the_plain_bar() -> None:
    config = ClusterConfig()
    size = config.rising_free_size
    assert _groups(size, config.undated_threshold * 1.01, config) == [0] * (2 * size)
    assert _groups(size, config.undated_threshold * 0.99, config) == [0] * size + [1] * size


def test_pieces_given_whole_meet_the_rising_bar_too() -> None:
    config = ClusterConfig()
    size = 2 * config.rising_free_size
    bar = config.wide_story_threshold * (size / config.rising_free_size) ** config.rising_power
    across = (config.wide_story_threshold + bar) / 2
    pieces = [0] * size + [1] * size
    rising = (config.rising_free_size, config.rising_power)
    unplaced = np.full(2 * size, -1, dtype=np.int64)
    links = _two_groups(size, across)
    apart = place_undated(unplaced, list(range(2 * size)), links, config.wide_story_threshold,
                          pieces, rising=rising)
    assert apart.tolist() == pieces
    joined = place_undated(unplaced, list(range(2 * size)), links, config.wide_story_threshold,
                           pieces)
    assert joined.tolist() == [0] * (2 * size)


def test_the_wide_tier_joins_two_big_pieces_at_the_plain_bar() -> None:
    # in a quiet week the pieces are of one story: no rising bar there
    config = ClusterConfig()
    size = 2 * config.rising_free_size
    bar = config.wide_story_threshold * (size / config.rising_free_size) ** config.rising_power
    rows, cols, links = _two_groups(size, (config.wide_story_threshold + bar) / 2)
    pairs = (np.concatenate([rows, cols]), np.concatenate([cols, rows]),
             np.concatenate([links, links]))  # a pair of two offered reports comes twice
    pieces = np.array([0] * size + [1] * size, dtype=np.int64)
    labels = late._offer(pieces, np.arange(2 * size), pairs, np.ones(2 * size),
                         config.wide_story_threshold, config)
    assert labels.tolist() == [0] * (2 * size)


def test_undated_reports_are_placed_with_the_rising_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    # and with the big bar (``test_undated_close``)
    given: list[tuple[tuple[int, float], tuple[float, float]]] = []
    place = cluster_undated.place_undated

    def spy(*args: Any, **kwargs: Any) -> IntArray:
        given.append((kwargs["rising"], kwargs["big"]))
        return place(*args, **kwargs)

    monkeypatch.setattr(cluster_undated, "place_undated", spy)
    reports = [ClusterDoc(key=f"k{i}", title=f"Flood in Town{i}", text="Rivers rose.",
                          date=None) for i in range(2)]
    assign(reports)
    config = ClusterConfig()
    assert given == [((config.rising_free_size, config.rising_power),
                      (config.undated_big_threshold, config.undated_falling_power))]


def test_two_big_new_stories_need_a_higher_merge_score() -> None:
    config = ClusterConfig()
    free = config.rising_free_size
    bars = merge_bar(np.array([1, free, 2 * free, 3 * free]),
                     np.array([9, 2 * free, 2 * free, 1]), config)
    rise = 2.0**config.rising_power
    assert bars.tolist() == pytest.approx([config.merge_threshold, config.merge_threshold,
                                           config.merge_threshold * rise,
                                           config.merge_threshold])
    flat = merge_bar(np.array([2 * free]), np.array([2 * free]),
                     replace(config, rising_free_size=0))
    assert flat.tolist() == [config.merge_threshold]


def test_the_merge_pass_keeps_two_big_stories_apart() -> None:
    # two new stories of 2 x free reports each, every pair across at a score between the
    # plain merge threshold and theirs
    config = ClusterConfig()
    size = 2 * config.rising_free_size
    across = config.merge_threshold * (1 + 2.0**config.rising_power) / 2
    rows, cols, _ = _two_groups(size, 0.0)
    across_pair = (rows < size) != (cols < size)
    graph = sp.coo_matrix((np.full(int(across_pair.sum()), across),
                           (rows[across_pair], cols[across_pair])), shape=(2 * size,) * 2)
    graph = sp.csr_matrix(graph + graph.T)
    days = np.zeros(2 * size, dtype=np.int64)
    pieces = [0] * size + [1] * size
    for rising, expected in ((config.rising_free_size, pieces), (0, [0] * (2 * size))):
        setting = replace(config, rising_free_size=rising)
        place = Placement(np.array(pieces, dtype=np.int64), days, [[0] * size, [0] * size], 0,
                          setting)  # both new stories (none existed before)
        assert merge_new_stories(place, graph).tolist() == expected
