"""The clusterer's two passes over the similarity graph: online placement, then merging (pure).

Labels are story numbers: ``0 .. existing-1`` are the stories given in the input (fixed), higher
numbers are new stories. Links are the standardised similarities of ``cluster_graph``; a pair
missing from the graph counts as 0 (an ordinary, unrelated pair).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from generator.cluster.config import NO_DAY, ClusterConfig
from generator.cluster.graph import IntArray
from generator.sparse import sp

FloatArray = npt.NDArray[np.float64]
_MERGE_ROUNDS = 8


@dataclass(slots=True)
class Placement:
    """Online state: each report's label (-1 until placed) and each story's member days."""

    labels: IntArray
    days: IntArray
    story_days: list[list[int]]
    existing: int
    config: ClusterConfig

    @classmethod
    def seeded(cls, days: IntArray, labels: Sequence[int], existing: int,
               config: ClusterConfig) -> Placement:
        """Start with the reports that already have a story placed in it."""
        story_days: list[list[int]] = [[] for _ in range(existing)]
        for i, label in enumerate(labels):
            if label >= 0:
                insort(story_days[label], int(days[i]))
        return cls(np.array(labels, dtype=np.int64), days, story_days, existing, config)

    def place_all(self, order: Sequence[int], graph: sp.csr_matrix) -> None:
        """Place each report of ``order`` in turn in its best story above the threshold, or a
        new one. Only links to reports placed before it count, so the graph is cut to those
        first and read into Python lists once: one report costs a few µs."""
        indptr, indices, sims = _earlier_links(graph, order, self.labels)
        labels = self.labels.tolist()
        threshold = self.config.threshold
        for i in order:
            start, stop = indptr[i], indptr[i + 1]
            best: dict[int, float] = {}  # story -> its best link with report i
            total: dict[int, float] = {}  # story -> the sum of its links with report i
            if start < stop and max(sims[start:stop]) >= threshold:  # else no story can win
                for j, sim in zip(indices[start:stop], sims[start:stop], strict=True):
                    label = labels[j]
                    if label in total:
                        total[label] += sim
                        if sim > best[label]:
                            best[label] = sim
                    else:
                        best[label] = total[label] = sim
            day = int(self.days[i])
            label = self._best_story(day, best, total)
            if label < 0:
                label = len(self.story_days)
                self.story_days.append([])
            labels[i] = label
            insort(self.story_days[label], day)
        self.labels[:] = labels

    def _best_story(self, day: int, best_links: dict[int, float],
                    link_sums: dict[int, float]) -> int:
        """The best-scoring candidate story at or above the threshold (ties: lowest), or -1."""
        best, best_score = -1, self.config.threshold
        for label in sorted(best_links):
            if best_links[label] < best_score:  # the score never exceeds the best link
                continue
            score = story_score(best_links[label], link_sums[label],
                                self._in_window(label, day), self.config.max_link_share)
            if score > best_score or (best < 0 and score >= best_score):
                best, best_score = label, score
        return best

    def _in_window(self, label: int, day: int) -> int:
        """How many members of story ``label`` are within the window of ``day``."""
        days = self.story_days[label]  # kept sorted; NO_DAY sorts last
        if day == NO_DAY:
            return len(days)
        undated = len(days) - bisect_left(days, NO_DAY)
        window = self.config.window_days
        return bisect_right(days, day + window) - bisect_left(days, day - window) + undated


def _earlier_links(graph: sp.csr_matrix, order: Sequence[int],
                   labels: IntArray) -> tuple[list[int], list[int], list[float]]:
    """(indptr, indices, data) of ``graph`` as lists, keeping only each row's links to reports
    already in a story when the row's report is placed (in its row order, so sums stay
    exactly as they were)."""
    rank = np.where(labels >= 0, -1, len(labels)).astype(np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(order))
    rows = np.repeat(np.arange(graph.shape[0]), np.diff(graph.indptr))
    keep = rank[graph.indices] < rank[rows]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[keep], minlength=graph.shape[0]))])
    return indptr.tolist(), graph.indices[keep].tolist(), graph.data[keep].tolist()


def story_score(best_link: float, link_sum: float, links: int, max_link_share: float) -> float:
    """Mix of the best link and the mean link over ``links`` compared reports."""
    return max_link_share * best_link + (1 - max_link_share) * link_sum / max(links, 1)


def merge_new_stories(place: Placement, graph: sp.csr_matrix) -> IntArray:
    """Final labels after joining new stories that score ``merge_threshold`` with each other
    (or with one existing story, which keeps its label; two big stories need more,
    ``merge_bar``); repeated until nothing changes."""
    labels = place.labels.copy()
    upper = sp.triu(graph, k=1, format="coo")
    rows, cols = upper.row.astype(np.int64), upper.col.astype(np.int64)
    sims = upper.data.astype(np.float64)
    for _ in range(_MERGE_ROUNDS):
        pairs = _story_pairs(labels, rows, cols, sims, place)
        if not pairs:
            break
        labels = _apply_merges(labels, pairs, place.existing)
    return labels


def _story_pairs(labels: IntArray, rows: IntArray, cols: IntArray, sims: FloatArray,
                 place: Placement) -> list[tuple[float, int, int]]:
    """(score, story a, story b) for story pairs worth merging, best first."""
    a, b = labels[rows], labels[cols]
    low, high = np.minimum(a, b), np.maximum(a, b)
    keep = (low != high) & (high >= place.existing) & (low >= 0)  # -1: not placed (undated)
    if not keep.any():
        return []
    base = int(labels.max()) + 1
    keys = low[keep] * base + high[keep]
    order = np.argsort(keys, kind="stable")
    unique, starts = np.unique(keys[order], return_index=True)
    best_links = np.maximum.reduceat(sims[keep][order], starts)
    link_sums = np.add.reduceat(sims[keep][order], starts)
    sizes = np.bincount(labels[labels >= 0])
    first, second = unique // base, unique % base
    share = place.config.max_link_share
    scores = share * best_links + (1 - share) * link_sums / (sizes[first] * sizes[second])
    good = np.flatnonzero(scores >= merge_bar(sizes[first], sizes[second], place.config))
    pairs = [(float(scores[k]), int(first[k]), int(second[k])) for k in good]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def merge_bar(sizes_a: IntArray, sizes_b: IntArray, config: ClusterConfig) -> FloatArray:
    """The score two stories of these sizes need to merge: ``merge_threshold``, times
    ``(smaller size / rising_free_size) ** rising_power`` when both are bigger than that,
    as for average link (``cluster_undated._Bar``: look-alike events kept apart)."""
    smaller = np.minimum(sizes_a, sizes_b).astype(np.float64)
    if not config.rising_free_size:
        return np.full(len(smaller), config.merge_threshold)
    rise = np.maximum(1.0, smaller / config.rising_free_size) ** config.rising_power
    return np.asarray(config.merge_threshold * rise, dtype=np.float64)


def _apply_merges(labels: IntArray, pairs: list[tuple[float, int, int]],
                  existing: int) -> IntArray:
    """Union the pairs best first; a story absorbs into the lower label (existing ones win)."""
    parent = list(range(int(labels.max()) + 1))

    def root(label: int) -> int:
        while parent[label] != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    for _, first, second in pairs:
        low, high = sorted((root(first), root(second)))
        if low != high and high >= existing:  # never two existing stories
            parent[high] = low
    roots = np.array([root(label) for label in range(len(parent))], dtype=np.int64)
    return np.where(labels >= 0, roots[labels.clip(min=0)], labels)  # -1 stays unplaced
