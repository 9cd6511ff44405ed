"""Report vectors -> sparse graph of standardised similarities within a time window (pure).

Blocking keeps the cost near-linear: reports are sorted by day and each day's reports are
compared, in one sparse product, only with the reports of the ``window_days`` before it and the
same day. Reports without a date are compared with all reports, without time decay. Big
collections share the blocks out over forked processes; the sums are added up in block order,
so the graph is the same bit for bit however the work was split.

Raw cosines depend on length and style (short leads score lower than full articles, opinion
pieces lower than wire copy), so each pair is scored relative to the background of its two
reports: ``z = ((s - mean_a) / sd_a + (s - mean_b) / sd_b) / 2`` where a report's mean and sd are
those of its similarities with every other report in its window (leaving the pair itself out),
shrunk towards a prior and with the sd capped, so that a small collection still gets sensible
values. Only pairs with ``z >= graph_floor`` are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from generator import forked
from generator.cluster_config import NO_DAY, ClusterConfig

_MAX_ROWS = 2048  # rows per sparse product, to bound memory on very busy days
_RAW_FLOOR = 0.02  # raw cosines below this are never kept as edges (far below any threshold)
_PARALLEL_MIN = 4000  # fewer reports than this: forking costs more than it saves

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
_Span = tuple[int, int, int, float]  # rows [start, stop) against [first, stop), day decay


@dataclass(frozen=True, slots=True)
class _Block:
    """One block's pairs (i, j), first <= j < i, start <= i < stop: the kept ones, and the sums
    of all similarities and their squares over each report of ``[first, stop)``."""

    first: int
    rows: IntArray
    cols: IntArray
    sims: FloatArray
    total: FloatArray
    squares: FloatArray


def similarity_graph(vectors: sp.csr_matrix, days: IntArray,
                     config: ClusterConfig) -> sp.csr_matrix:
    """Symmetric n x n matrix of standardised similarities (z) >= ``config.graph_floor``."""
    n = vectors.shape[0]
    order = np.lexsort((np.arange(n), days)).astype(np.int64)
    sorted_days = days[order]
    dated = int(np.searchsorted(sorted_days, NO_DAY))
    x = sp.csr_matrix(vectors[order], dtype=np.float32)
    spans = [(start, stop, int(np.searchsorted(sorted_days, sorted_days[start]
                                               - config.window_days)), config.day_decay)
             for start, stop in _row_blocks(sorted_days[:dated])]
    spans += [(start, min(n, start + _MAX_ROWS), 0, 0.0) for start in range(dated, n, _MAX_ROWS)]
    blocks = [block for share in forked.forked_map(partial(_collect_all, x, sorted_days),
                                                   _shares(spans, n))
              for block in share]
    total, squares = np.zeros(n), np.zeros(n)
    for block in blocks:  # summed in block order, however the blocks were shared out
        end = block.first + len(block.total)
        total[block.first:end] += block.total
        squares[block.first:end] += block.squares
    counts = _window_counts(sorted_days, dated, config.window_days)
    row = np.concatenate([np.zeros(0, np.int64), *(block.rows for block in blocks)])
    col = np.concatenate([np.zeros(0, np.int64), *(block.cols for block in blocks)])
    sims = np.concatenate([np.zeros(0), *(block.sims for block in blocks)])
    z = (_standardise(sims, row, (total, squares), counts, config)
         + _standardise(sims, col, (total, squares), counts, config)) / 2
    keep = z >= config.graph_floor
    graph = sp.coo_matrix((z[keep], (order[row[keep]], order[col[keep]])), shape=(n, n))
    return sp.csr_matrix(graph + graph.T)


def _shares(spans: list[_Span], n: int) -> list[list[_Span]]:
    """The blocks in consecutive runs of about equal work (rows x columns multiplied), one
    run per process when the collection is big enough to be worth forking for."""
    processes = forked.workers() if n >= _PARALLEL_MIN else 1
    if not spans or processes == 1:
        return [spans]
    work = np.cumsum([(stop - start) * (stop - first) for start, stop, first, _ in spans])
    cuts = np.searchsorted(work, work[-1] * np.arange(1, processes) / processes).tolist()
    edges = [0, *cuts, len(spans)]
    return [spans[a:b] for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _standardise(sims: FloatArray, own: IntArray, sums: tuple[FloatArray, FloatArray],
                 counts: FloatArray, config: ClusterConfig) -> FloatArray:
    """Each pair's z against the background of its ``own`` report.

    The background leaves out the pair itself and the report's clear links (z above
    ``background_clip`` on a first estimate): copies of a report, or its own story filling a
    quiet window, would otherwise inflate it and hide the very links they are.
    """
    size = len(counts)
    mean, sd = _background(sums[0], sums[1], counts, config)
    clear = sims > mean[own] + config.background_clip * sd[own]
    total = sums[0] - np.bincount(own[clear], sims[clear], size)
    squares = sums[1] - np.bincount(own[clear], sims[clear] ** 2, size)
    kept = counts - np.bincount(own[clear], minlength=size)
    counted = np.where(clear, 0.0, 1.0)  # the pair itself, unless already left out
    mean, sd = _background(total[own] - counted * sims, squares[own] - counted * sims**2,
                           kept[own] - counted, config)
    return (sims - mean) / sd


def _row_blocks(sorted_days: IntArray) -> list[tuple[int, int]]:
    """[start, stop) runs of one day each, split to at most ``_MAX_ROWS`` rows."""
    bounds = np.flatnonzero(np.diff(sorted_days)) + 1
    edges = [0, *bounds.tolist(), len(sorted_days)]
    blocks: list[tuple[int, int]] = []
    for start, stop in zip(edges, edges[1:], strict=False):
        blocks.extend((s, min(stop, s + _MAX_ROWS)) for s in range(start, stop, _MAX_ROWS))
    return blocks


def _collect_all(x: sp.csr_matrix, days: IntArray, spans: list[_Span]) -> list[_Block]:
    return [_collect(x, days, span) for span in spans]


def _collect(x: sp.csr_matrix, days: IntArray, span: _Span) -> _Block:
    """Every pair (i, j), first <= j < i, start <= i < stop: its similarity in the sums, and
    kept unless tiny. ``day_decay`` lowers a pair's similarity by the days between them."""
    start, stop, first, day_decay = span
    product = sp.coo_matrix(x[start:stop] @ x[first:stop].T)
    row = product.row.astype(np.int64) + start
    col = product.col.astype(np.int64) + first
    lower = col < row
    row, col = row[lower], col[lower]
    sims = product.data[lower].astype(np.float64)
    if day_decay:
        sims *= np.maximum(0.0, 1.0 - day_decay * (days[row] - days[col]))
    span_size = stop - first  # every index here is in [first, stop): keep the sums local
    local_row, local_col, squared = row - first, col - first, sims**2
    keep = sims >= _RAW_FLOOR
    total = np.bincount(local_row, sims, span_size) + np.bincount(local_col, sims, span_size)
    squares = (np.bincount(local_row, squared, span_size)
               + np.bincount(local_col, squared, span_size))
    return _Block(first, row[keep], col[keep], sims[keep], total.astype(np.float64, copy=False),
                  squares.astype(np.float64, copy=False))


def _window_counts(sorted_days: IntArray, dated: int, window: int) -> FloatArray:
    """How many other reports each (sorted) report was compared with."""
    n = len(sorted_days)
    counts = np.full(n, n - 1, dtype=np.float64)
    head = sorted_days[:dated]
    inside = (np.searchsorted(head, head + window, side="right")
              - np.searchsorted(head, head - window, side="left"))
    counts[:dated] = inside - 1 + (n - dated)
    return counts


def _background(total: FloatArray, squares: FloatArray, counts: FloatArray,
                config: ClusterConfig) -> tuple[FloatArray, FloatArray]:
    """Mean and sd of similarity from sums over ``counts`` pairs, shrunk towards the prior.

    The sd is capped (at ``background_sd_cap`` prior sds): in a small window, a report's own
    story can be most of its background and would otherwise hide its own links.
    """
    weight = config.background_weight
    prior_mean, prior_sd = config.background_mean, config.background_sd
    mean = (total + weight * prior_mean) / (counts + weight)
    square = (squares + weight * (prior_sd**2 + prior_mean**2)) / (counts + weight)
    sd = np.sqrt(np.maximum(square - mean**2, (prior_sd / 10) ** 2))
    return mean, np.minimum(sd, config.background_sd_cap * prior_sd)
