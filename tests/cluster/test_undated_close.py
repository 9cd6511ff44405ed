"""The undated rule's pairs of two nearest reports and its bars by size (#24): a pair among
the two nearest of both reports counts ``undated_close_share`` times; two small groups join
at ``undated_threshold``, a group bigger than ``rising_free_size`` at ``undated_big_threshold``
(falling for a small group joining it)."""

from __future__ import annotations

import numpy as np
import pytest

from generator.cluster import undated as cluster_undated
from generator.cluster.config import ClusterConfig
from generator.cluster.undated import FloatArray, IntArray, place_undated

Links = tuple[IntArray, IntArray, FloatArray]


def test_a_pair_among_the_two_nearest_of_both_reports_counts_more() -> None:
    config = ClusterConfig()
    rows, cols, sims = np.array([0, 0]), np.array([1, 2]), np.array([0.4, 0.3])
    scale = np.full(3, 0.1)
    mutual = np.full(3, 0.01)  # every pair is among the nearest 15 of both
    # second nearest: report 0's 0.3 (reports 1 and 2 are its two nearest), report 1's 0.4
    # (report 0 is its nearest), report 2's 0.35 (report 0 is not among its two nearest)
    second = np.array([0.3, 0.4, 0.35])
    links = cluster_undated.local_links(rows, cols, sims, [scale, mutual, second], config)[2]
    assert links.tolist() == pytest.approx([4.0 * config.undated_close_share, 3.0])


def _group_and_report(size: int, link: float) -> Links:
    """Reports 0 .. size-1 linked 50 with each other, and report ``size`` linked ``link`` with
    each of them."""
    pairs = [(a, b, 50.0) for a in range(size) for b in range(a + 1, size)]
    pairs += [(a, size, link) for a in range(size)]
    return (np.array([p[0] for p in pairs], dtype=np.int64),
            np.array([p[1] for p in pairs], dtype=np.int64), np.array([p[2] for p in pairs]))


def _placed(size: int, link: float, big: tuple[float, float]) -> list[int]:
    config = ClusterConfig()
    return place_undated(np.full(size + 1, -1, dtype=np.int64), list(range(size + 1)),
                         _group_and_report(size, link), config.undated_threshold,
                         rising=(config.rising_free_size, config.rising_power),
                         big=big).tolist()


def test_a_report_joins_a_big_group_at_the_big_bar_and_a_small_one_at_the_plain_bar() -> None:
    config = ClusterConfig()
    big, small = config.rising_free_size + 1, config.rising_free_size - 1
    link = (config.undated_big_threshold + config.undated_threshold) / 2  # between the bars
    assert _placed(big, link, (config.undated_big_threshold, 0.0)) == [0] * (big + 1)
    assert _placed(big, link, (0.0, 0.0)) == [0] * big + [1]  # the plain bar for all sizes
    assert _placed(small, link, (config.undated_big_threshold, 0.0)) == [0] * small + [1]


def test_a_report_joins_a_bigger_group_at_a_falling_bar() -> None:
    config = ClusterConfig()
    size = 2 * config.rising_free_size
    fallen = config.undated_big_threshold * 2.0 ** -config.undated_falling_power
    link = (fallen + config.undated_big_threshold) / 2  # below the big bar, above its fall
    falling = (config.undated_big_threshold, config.undated_falling_power)
    assert _placed(size, link, falling) == [0] * (size + 1)
    assert _placed(size, link, (config.undated_big_threshold, 0.0)) == [0] * size + [1]
    assert _placed(size, fallen * 0.99, falling) == [0] * size + [1]

