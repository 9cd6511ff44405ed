"""The wide tier in time (pure): new dated stories are offered to each other and to the
stories up to ``wide_window_days`` away: lone reports, then whole stories in quiet weeks.

The ordinary window (``window_days``, with its day decay) keeps apart the stories of one
topic on different days, but it also leaves alone a copy crawled weeks after the event, or a
report published days after the others; and in a quiet window, where a story is all there
is, its reports' z stay low (their background is their own story), so the online pass and
the merge pass leave it in pieces. So after them, with no day decay, every story within
``wide_window_days`` of a report or holding undated reports (an editor's story of undated
reports, which the dated pass never sees) is offered

- each new dated report still alone in its story, which joins a story (or another lone
  report: ``cluster_undated``'s average link, so a story formed later in the pass counts
  too) when the mean link over the story's members reaches ``wide_threshold``; then
- each new dated story (lone reports left over too) whose reports' wide windows hold at
  most ``wide_story_crowd`` reports, as a whole, which joins another when the mean link
  over their pairs of reports reaches ``wide_story_threshold``, far higher: a piece of a
  story is more alike to it than a lone report need be. In a busier window the online
  pass measured its links against other stories, and its stories hold (on AllSides, whose
  wide windows hold 250-530 reports, offering all changes nothing); offering them would
  cost a product of every new report with all the reports of its wide window.

A report's link with another is ``cos / sqrt(scale_a * scale_b)`` (with a report not
offered: ``cos / scale_a``), its scale being its similarity with its ``wide_neighbour``-th
nearest report of that wide window, far enough down to lie outside its own story even when
that story fills the window, and at least ``wide_scale_floor``. Stories that existed before
this run are never joined to each other. Unlike the undated rule and the merge pass, two big
pieces join at the plain bar (``rising_free_size`` is not used here): in a quiet week the
pieces are of one story, whose z were measured against little but itself (on synthetic
streams of 5,000 reports, 4 a day, the rising bar here took BCubed F1 0.989 -> 0.978).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from generator.cluster.config import NO_DAY, ClusterConfig
from generator.cluster.undated import kth_largest, place_undated
from generator.sparse import sp
from generator.util import forked

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
_Pairs = tuple[IntArray, IntArray, FloatArray]  # offered report, other report, cos
_SmallPairs = tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float32]]
_CHUNK = 512  # offered reports multiplied at once
_RAW_FLOOR = 0.02  # weaker pairs count as 0
_PARALLEL_MIN = 2000  # fewer offered reports than this: forking costs more than it saves


def reoffer(labels: IntArray, new: IntArray, vectors: sp.csr_matrix, days: IntArray,
            existing: int, config: ClusterConfig) -> IntArray:
    """``labels`` after offering the lone new dated reports, then the new dated stories in
    quiet weeks, to the stories within ``wide_window_days`` (``new``: the reports placed in
    this run; labels below ``existing``: the stories given, never joined to each other)."""
    dated = new[days[new] != NO_DAY]
    offered = np.sort(dated[labels[dated] >= existing])
    sizes = np.bincount(labels[labels >= 0])
    lone = sizes[labels[offered]] == 1
    quiet = _crowds(days, offered, config.wide_window_days) <= config.wide_story_crowd
    if not (lone | quiet).any():
        return labels
    pairs = _wide_pairs(vectors, days, offered[lone | quiet], config)
    scale = np.maximum(kth_largest(pairs[0], pairs[2], len(labels), (config.wide_neighbour,))[0],
                       config.wide_scale_floor)
    labels = _offer(labels, offered[lone], pairs, scale, config.wide_threshold, config)
    return _offer(labels, _whole_stories(labels, offered[quiet], existing), pairs, scale,
                  config.wide_story_threshold, config)


def _crowds(days: IntArray, reports: IntArray, wide: int) -> IntArray:
    """How many dated reports lie within ``wide`` days of each of ``reports``."""
    dated = np.sort(days[days != NO_DAY])
    return (np.searchsorted(dated, days[reports] + wide, side="right")
            - np.searchsorted(dated, days[reports] - wide))


def _whole_stories(labels: IntArray, reports: IntArray, existing: int) -> IntArray:
    """The ``reports`` in new stories (labels from ``existing`` on) that all lie in it."""
    stories = labels[reports]
    count = np.bincount(stories, minlength=int(labels.max()) + 1)
    whole: npt.NDArray[np.bool_] = (
        count == np.bincount(labels[labels >= 0], minlength=len(count))) & (
        np.arange(len(count)) >= existing)
    return reports[whole[stories]]


def _offer(labels: IntArray, offered: IntArray, pairs: _Pairs, scale: FloatArray,
           threshold: float, config: ClusterConfig) -> IntArray:
    """``labels`` after offering the stories of the reports ``offered`` (each such story
    whole, every member offered) to each other and to the others, by average link."""
    if len(offered) == 0:
        return labels
    rows, cols, sims = pairs
    is_offered = np.zeros(len(labels), dtype=bool)
    is_offered[offered] = True
    once = is_offered[rows] & (~is_offered[cols] | (cols > rows))  # a pair of two: once
    rows, cols, sims = rows[once], cols[once], sims[once]
    other = np.where(is_offered[cols], scale[cols], scale[rows])
    links = sims / np.sqrt(scale[rows] * other)
    keep = links >= config.undated_floor  # weaker ones count as 0, as for the undated
    placed = labels.copy()
    placed[offered] = -1
    return place_undated(placed, offered.tolist(), (rows[keep], cols[keep], links[keep]),
                         threshold, labels[offered].tolist())


def _wide_pairs(vectors: sp.csr_matrix, days: IntArray, offered: IntArray,
                config: ClusterConfig) -> _Pairs:
    """(offered report, other report, cos) of every pair at most ``wide_window_days`` apart,
    or with an undated report (a story an editor made of undated reports is offered too),
    with a cosine of at least ``_RAW_FLOOR``: each offered report's row, in runs of offered
    reports close in time multiplied against the reports of their span (``_chunks``) and the
    undated, the runs shared out over forked processes when there are many (``_Span``). A
    pair of two offered reports comes twice, once each way."""
    by_day = np.lexsort((np.arange(len(days)), days))  # the undated last
    span = _Span(sp.csr_matrix(vectors[by_day]), vectors, by_day, days,  # a span: a slice
                 int(np.searchsorted(days[by_day], NO_DAY)), config.wide_window_days)
    chunks = _chunks(offered[np.lexsort((offered, days[offered]))], days, span.wide)
    processes = forked.workers() if len(offered) >= _PARALLEL_MIN else 1
    found = [pairs for share in forked.forked_map(span.pairs, forked.shares(chunks, processes))
             for pairs in share]
    return (np.concatenate([f[0] for f in found]).astype(np.int64),
            np.concatenate([f[1] for f in found]).astype(np.int64),
            np.concatenate([f[2] for f in found]).astype(np.float64))


@dataclass(frozen=True, slots=True)
class _Span:
    """What the runs of offered reports are multiplied with: the report vectors by day
    (``by_day``: report numbers by day, the undated last from ``undated`` on), and the
    vectors themselves, of which a run's rows are taken."""

    by_day_vectors: sp.csr_matrix
    vectors: sp.csr_matrix
    by_day: IntArray
    days: IntArray
    undated: int
    wide: int

    def pairs(self, chunks: Sequence[IntArray]) -> list[_SmallPairs]:
        """The pairs of each run of ``chunks`` (offered reports), as ``_wide_pairs`` keeps them
        (report numbers in 32 bits: a forked process sends them back)."""
        days, sorted_days, wide = self.days, self.days[self.by_day], self.wide
        found: list[_SmallPairs] = [(np.zeros(0, np.int32), np.zeros(0, np.int32),
                                     np.zeros(0, np.float32))]  # one, when there are none
        for chunk in chunks:
            low = int(np.searchsorted(sorted_days[:self.undated], days[chunk[0]] - wide))
            high = int(np.searchsorted(sorted_days[:self.undated], days[chunk[-1]] + wide,
                                       side="right"))
            for start, stop in ((low, high), (self.undated, len(days))):
                if start == stop:
                    continue
                # the span's rows against the run's few columns: sparse products cost per row
                product = sp.coo_matrix(self.by_day_vectors[start:stop]
                                        @ self.vectors[chunk].T)
                row, col = chunk[product.col], self.by_day[start:stop][product.row]
                keep = ((product.data >= _RAW_FLOOR) & (row != col)
                        & ((np.abs(days[row] - days[col]) <= wide) | (days[col] == NO_DAY)))
                found.append((row[keep].astype(np.int32), col[keep].astype(np.int32),
                              product.data[keep]))  # float32, as the vectors
        return found


def _chunks(offered: IntArray, days: IntArray, span: int) -> list[IntArray]:
    """``offered`` (sorted by day) cut into runs of at most ``_CHUNK`` reports and ``span`` days:
    a run's reports are multiplied against the reports of its days and ``span`` either side."""
    chunks, start = [], 0
    for end in range(1, len(offered) + 1):
        if (end == len(offered) or end - start == _CHUNK
                or days[offered[end]] - days[offered[start]] > span):
            chunks.append(offered[start:end])
            start = end
    return chunks
