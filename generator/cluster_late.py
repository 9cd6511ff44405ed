"""The wide tier in time (pure): a lone dated report is offered to stories up to
``wide_window_days`` away.

The ordinary window (``window_days``, with its day decay) keeps apart the stories of one
topic on different days, but it also leaves alone a copy crawled weeks after the event, or a
report published days after the others. So after the online pass and the merge pass, each new
dated report that is still alone in its story is offered again, with no day decay, to every
story within ``wide_window_days`` of it or holding undated reports (an editor's story of
undated reports, which the dated pass never sees), and to the other lone reports
(``cluster_undated``'s average link, so a story formed later in the pass counts too). Its
link with a report is
``cos / scale``, its scale being its similarity with its ``wide_neighbour``-th nearest report
of that wide window, far enough down to lie outside its own story even when that story fills
the window (with another lone report: ``cos / sqrt(scale_a * scale_b)``), and it
joins a story only when the mean link over the story's members reaches ``wide_threshold``:
only a very similar report joins across weeks.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from generator.cluster_config import NO_DAY, ClusterConfig
from generator.cluster_undated import kth_largest, place_undated
from generator.sparse import sp

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
_CHUNK = 512  # lone reports multiplied at once
_RAW_FLOOR = 0.02  # weaker pairs count as 0


def reoffer_lone(labels: IntArray, new: IntArray, vectors: sp.csr_matrix, days: IntArray,
                 config: ClusterConfig) -> IntArray:
    """``labels`` after offering each lone new dated report (``new``: indices of the reports
    placed in this run) to the stories and lone reports within ``wide_window_days``."""
    sizes = np.bincount(labels[labels >= 0])
    new_labels = labels[new]
    lone = np.sort(new[(new_labels >= 0) & (sizes[new_labels.clip(min=0)] == 1)
                       & (days[new] != NO_DAY)])
    if len(lone) == 0:
        return labels
    rows, cols, sims = _wide_pairs(vectors, days, lone, config)
    n = len(labels)
    scale = np.maximum(kth_largest(rows, sims, n, (config.wide_neighbour,))[0],
                       config.undated_scale_floor)
    is_lone = np.zeros(n, dtype=bool)
    is_lone[lone] = True
    once = ~is_lone[cols] | (cols > rows)  # a pair of two lone reports: once
    rows, cols, sims = rows[once], cols[once], sims[once]
    other = np.where(is_lone[cols], scale[cols], scale[rows])
    links = sims / np.sqrt(scale[rows] * other)
    keep = links >= config.undated_floor  # weaker ones count as 0, as for the undated
    offered = labels.copy()
    offered[lone] = -1
    return place_undated(offered, lone.tolist(), (rows[keep], cols[keep], links[keep]),
                         config.wide_threshold)


def _wide_pairs(vectors: sp.csr_matrix, days: IntArray, lone: IntArray,
                config: ClusterConfig) -> tuple[IntArray, IntArray, FloatArray]:
    """(lone report, other report, cos) of every pair at most ``wide_window_days`` apart, or
    with an undated report (a story an editor made of undated reports is offered too), with a
    cosine of at least ``_RAW_FLOOR``: each lone report's row, in runs of lone reports close
    in time multiplied against the reports of their span (``_chunks``) and the undated."""
    everyone = np.arange(len(days))
    by_day = np.lexsort((everyone, days))  # the undated last
    sorted_days = days[by_day]
    undated = int(np.searchsorted(sorted_days, NO_DAY))
    by_day_vectors = sp.csr_matrix(vectors[by_day])  # a run's span is then a slice
    lone = lone[np.lexsort((lone, days[lone]))]
    wide = config.wide_window_days
    found: list[tuple[IntArray, IntArray, FloatArray]] = []
    for chunk in _chunks(lone, days, wide):
        low = int(np.searchsorted(sorted_days[:undated], days[chunk[0]] - wide))
        high = int(np.searchsorted(sorted_days[:undated], days[chunk[-1]] + wide, side="right"))
        for start, stop in ((low, high), (undated, len(days))):
            if start == stop:
                continue
            # the span's rows against the run's few columns: sparse products cost per row
            product = sp.coo_matrix(by_day_vectors[start:stop] @ vectors[chunk].T)
            row, col = chunk[product.col], by_day[start:stop][product.row]
            keep = ((product.data >= _RAW_FLOOR) & (row != col)
                    & ((np.abs(days[row] - days[col]) <= wide) | (days[col] == NO_DAY)))
            found.append((row[keep].astype(np.int64), col[keep].astype(np.int64),
                          product.data[keep].astype(np.float64)))
    return (np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found]),
            np.concatenate([f[2] for f in found]))


def _chunks(lone: IntArray, days: IntArray, span: int) -> list[IntArray]:
    """``lone`` (sorted by day) cut into runs of at most ``_CHUNK`` reports and ``span`` days:
    a run's reports are multiplied against the reports of its days and ``span`` either side."""
    chunks, start = [], 0
    for end in range(1, len(lone) + 1):
        if (end == len(lone) or end - start == _CHUNK
                or days[lone[end]] - days[lone[start]] > span):
            chunks.append(lone[start:end])
            start = end
    return chunks
