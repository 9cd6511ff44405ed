"""The rule for reports without a date (pure): locally scaled links, then average link.

Without a date nothing bounds a report's comparisons, and single strong links chain whole
topics into one story (the AllSides leads undated collapsed into 47 stories). So undated
reports get their own, stricter rule:

- a pair's link is ``cos / sqrt(scale_a * scale_b)``, where a report's scale is its similarity
  with its ``undated_neighbour``-th nearest report: a background that leaves the report's own
  near neighbours (its story) out, and that is higher in a crowded topic than in a quiet one;
  a pair that is not among the ``undated_mutual`` nearest of both reports counts half, a pair
  among the ``undated_close`` (2) nearest of both counts ``undated_close_share`` times (two
  reports each nearest the other are a story more surely than two of a crowded topic);
- after the dated reports are placed, undated reports are grouped by average link: the two
  groups with the highest mean link (pairs missing from the graph count as 0) are joined while
  that mean reaches ``undated_threshold``, a bar that rises when both groups hold more than
  ``rising_free_size`` reports (``_Bar``: look-alike events kept apart); with a bigger group
  the bar starts lower (``undated_big_threshold``: a small story is mostly pairs of two
  nearest, a big one mostly not) and falls a little for a report or small group joining it
  (a growing story's later reports are each less like all the rest). A group may join a
  story that already exists (given, or formed by the dated reports), but two such stories are
  never joined: no merge pass runs across the whole collection, and no single strong pair
  chains two groups.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from generator.cluster.config import ClusterConfig

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def nearest(rows: IntArray, cols: IntArray, sims: FloatArray, n: int,
            ranks: Sequence[int]) -> list[FloatArray]:
    """For each rank k, each report's similarity with its k-th nearest report among the pairs
    given (each pair once); 0 for a report in fewer than k pairs."""
    return kth_largest(np.concatenate([rows, cols]), np.concatenate([sims, sims]), n, ranks)


def kth_largest(owner: IntArray, sims: FloatArray, n: int,
                ranks: Sequence[int]) -> list[FloatArray]:
    """For each rank k, the k-th largest of the ``sims`` of each owner 0 .. n-1 (0 if fewer)."""
    by_sim = np.argsort(-sims)  # then by owner, keeping that order: a third faster than lexsort
    order = by_sim[np.argsort(owner[by_sim], kind="stable")]  # (equal sims: either will do)
    owner, sims = owner[order], sims[order]
    counts = np.bincount(owner, minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    found = []
    for k in ranks:
        enough = counts >= k
        kth = np.zeros(n)
        kth[enough] = sims[starts[enough] + k - 1]
        found.append(kth)
    return found


def local_links(rows: IntArray, cols: IntArray, sims: FloatArray, near: Sequence[FloatArray],
                config: ClusterConfig) -> tuple[IntArray, IntArray, FloatArray]:
    """(rows, cols, link) of the pairs whose local link reaches ``undated_floor``.

    ``near``: each report's similarity with its ``undated_neighbour``-th, its
    ``undated_mutual``-th and its ``undated_close``-th nearest report (``nearest``). A pair not
    among the ``undated_mutual`` nearest of both its reports counts ``undated_other_share`` of
    its link: a report linked to a crowd of alike ones (a topic, not a story) links less with
    each of them. A pair among the ``undated_close`` nearest of both counts
    ``undated_close_share`` times: each is the other's story, most surely."""
    scale = np.maximum(near[0], config.undated_scale_floor)
    mutual = (sims >= near[1][rows]) & (sims >= near[1][cols])
    links = sims / np.sqrt(scale[rows] * scale[cols])
    links *= np.where(mutual, 1.0, config.undated_other_share)
    close = (sims >= near[2][rows]) & (sims >= near[2][cols])
    links *= np.where(close, config.undated_close_share, 1.0)
    keep = links >= config.undated_floor
    return rows[keep], cols[keep], links[keep]


def place_undated(labels: IntArray, undated: Sequence[int], links: tuple[IntArray, IntArray,
                  FloatArray], threshold: float, pieces: Sequence[int] | None = None,
                  rising: tuple[int, float] = (0, 0.0),
                  big: tuple[float, float] = (0.0, 0.0)) -> IntArray:
    """``labels`` with each report of ``undated`` (label -1) in a story: average-link groups
    of them (while the mean link reaches ``threshold``), each joined to the story already made
    (label >= 0) it links best with, or new.

    ``links``: each pair once, as (rows, cols, link). Ties go to the lowest group numbers, so
    the result does not depend on the order the pairs are given in. ``pieces``: the group
    each report of ``undated`` starts in (reports given the same number start together, and
    a group stays whole); by default each starts alone. ``rising``: (free size, power) of the
    bar when both groups are bigger (``_Bar``; by default ``threshold`` for any size), the
    best ratio of mean link to bar joined first. ``big``: (bar, fall) when a group holds more
    than the free size: the bar that rises from there (by default ``threshold``), and the
    power of its fall when only the bigger group does (by default none)."""
    labels = labels.copy()
    first_new = int(labels.max(initial=-1)) + 1
    group = labels.copy()  # existing stories keep their label; each undated report a group
    start = np.arange(len(undated)) if pieces is None else np.unique(pieces, return_inverse=True)[1]
    group[np.asarray(undated, dtype=np.int64)] = first_new + start
    sizes = dict(zip(*np.unique(group[group >= 0], return_counts=True), strict=True))
    size = {int(g): int(c) for g, c in sizes.items()}
    sums = _group_sums(group, links, first_new)
    bar = _Bar(threshold, rising[0], rising[1], big[0] or threshold, big[1], size)
    heap = [(-bar.ratio(total, a, b), a, b) for (a, b), total in sums.items()]
    heapq.heapify(heap)
    neighbours: dict[int, dict[int, float]] = {}
    for (a, b), total in sums.items():
        neighbours.setdefault(a, {})[b] = total
        neighbours.setdefault(b, {})[a] = total
    parent = {g: g for g in size}
    while heap:
        score, a, b = heapq.heappop(heap)
        if -score < 1.0:
            break
        if parent[a] != a or parent[b] != b or b not in neighbours.get(a, {}):
            continue
        if -score != bar.ratio(neighbours[a][b], a, b):
            continue  # stale: a group's size changed since
        _join(a, b, bar, neighbours, parent, heap, first_new)
    return _final_labels(labels, group, parent, first_new)


def _group_sums(group: IntArray, links: tuple[IntArray, IntArray, FloatArray],
                first_new: int) -> dict[tuple[int, int], float]:
    """Sum of the links between each two groups, at least one of them undated, each added
    up in the order the links are given (``np.bincount`` adds in that order, from 0)."""
    rows, cols, link = links
    a, b = group[rows], group[cols]
    keep = (a >= 0) & (b >= 0) & (a != b) & (np.maximum(a, b) >= first_new)
    low, high = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
    if not len(low):
        return {}
    base = int(high.max()) + 1
    pairs, inverse = np.unique(low * base + high, return_inverse=True)
    totals = np.bincount(inverse.reshape(-1), np.asarray(link[keep], dtype=np.float64))
    return dict(zip(zip((pairs // base).tolist(), (pairs % base).tolist(), strict=True),
                    totals.tolist(), strict=True))


@dataclass(frozen=True, slots=True)
class _Bar:
    """The bar two groups' mean link must reach: ``threshold``, times
    ``(smaller size / free) ** power`` when both hold more than ``free`` reports.

    Two look-alike events (two earthquakes, two launches of one product) link moderately
    but evenly across: the bigger both grow, the more surely their mean link stays above a
    fixed bar, and the costlier the join if it is wrong. Two small groups (the stories of
    short leads hold a few reports) need the plain ``threshold``; with a bigger group the bar
    rises from ``big`` instead (the pairs of two nearest reports count more, and a small
    story is mostly such pairs, a big one mostly not). A report or small group joining a
    bigger group needs ``big`` times ``(bigger size / free) ** -fall``: the mean link of a
    report with a growing story's reports falls, each later one being less like all the
    rest."""

    threshold: float
    free: int  # 0: the plain threshold for any size
    power: float
    big: float
    fall: float
    size: dict[int, int]  # each group's reports, updated as groups join

    def ratio(self, total: float, a: int, b: int) -> float:
        """The mean link of groups ``a`` and ``b`` (links summing to ``total``) over their bar."""
        low, high = self.size[a], self.size[b]
        mean = total / (low * high)
        if not self.free:  # the wide tier: the plain bar, and no sizes to compare
            return mean / self.threshold
        smaller, bigger = min(low, high), max(low, high)
        if bigger <= self.free:
            return mean / self.threshold
        if smaller <= self.free:
            return float(mean / (self.big * (bigger / self.free) ** -self.fall))
        return float(mean / (self.big * (smaller / self.free) ** self.power))


def _join(a: int, b: int, bar: _Bar, neighbours: dict[int, dict[int, float]],
          parent: dict[int, int], heap: list[tuple[float, int, int]], first_new: int) -> None:
    """Fold group ``b`` into ``a`` (a < b: an existing story keeps its label) and offer the
    joined group's links again."""
    size = bar.size
    parent[b] = a
    size[a] += size[b]
    mine = neighbours.setdefault(a, {})
    for other, total in neighbours.pop(b, {}).items():
        del neighbours[other][b]
        if other == a:
            continue
        mine[other] = mine.get(other, 0.0) + total
        neighbours[other][a] = mine[other]
    for other, total in mine.items():
        if a < first_new and other < first_new:
            continue  # two stories already made are never joined
        low, high = min(a, other), max(a, other)
        heapq.heappush(heap, (-bar.ratio(total, low, high), low, high))


def _final_labels(labels: IntArray, group: IntArray, parent: dict[int, int],
                  first_new: int) -> IntArray:
    """Each undated report's group root: an existing story, or a new story number."""
    def root(g: int) -> int:
        while parent[g] != g:
            g = parent[g]
        return g

    roots = sorted({root(int(g)) for g in group[group >= first_new].tolist()})
    fresh = {r: first_new + k for k, r in enumerate(r for r in roots if r >= first_new)}
    for i in np.flatnonzero((labels < 0) & (group >= 0)).tolist():
        r = root(int(group[i]))
        labels[i] = r if r < first_new else fresh[r]
    return labels
