"""Report vectors -> the similarities of the pairs within a time window, in blocks (pure).

Reports are sorted by day, and each day's reports (rows) are multiplied with the reports of
the ``window_days`` before it and the same day (columns), then the undated with everyone: a
block of pairs for each, with the sums of each report's similarities and their squares over
the block (``cluster_graph`` makes the graph from them). Days of few reports (a quiet
stream: 4 a day) are multiplied several at once, in one product of their rows against the
columns of them all (``_runs``): a sparse product costs the same for a few rows as for
a hundred, and a pair's similarity is the same in any product it is part of.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from generator.cluster.config import ClusterConfig
from generator.sparse import sp

_MAX_ROWS = 2048  # rows per sparse product, to bound memory on very busy days
_MAX_PAIRS = 2_000_000  # pairs per product: made dense, 16 MB and as much for the squares
RAW_FLOOR = 0.02  # raw cosines below this are never kept as edges (far below any threshold)
_COMMON_SHARE = 0.05  # words in this share of the reports or more are multiplied dense
_MAX_COMMON = 512  # at most this many (the most frequent)
_DENSE_ROWS = 64  # blocks of fewer rows multiply them sparse: making the window dense costs more
_WINDOW_CHUNK = 4096  # window rows made dense at once: 4096 x 512 float64 is 16 MB
_RUN_PAIRS = 16_384  # blocks of few rows are multiplied together up to this many pairs

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Span = tuple[int, int, int, float]  # rows [start, stop) against [first, stop), day decay


@dataclass(frozen=True, slots=True)
class Block:
    """One block's pairs (i, j), first <= j < i, start <= i < stop: the kept ones, and the sums
    of all similarities and their squares over each report of ``[first, stop)``."""

    first: int
    rows: npt.NDArray[np.int32]  # 10,000,000s of pairs in a busy window: half the size
    cols: npt.NDArray[np.int32]
    sims: FloatArray
    total: FloatArray
    squares: FloatArray


@dataclass(frozen=True, slots=True)
class Split:
    """The report vectors as two matrices whose products add up to theirs.

    ``common``: the columns of the words found in many reports. They are few, but they make
    most of the work of a sparse product, which costs a multiply-add for every pair of reports
    sharing a word (on the 10,000-report bench, 194 of 81,230 columns made 95% of them), so they
    are multiplied dense (BLAS). ``rare``: all the other columns, multiplied sparse."""

    common: sp.csr_matrix
    rare: sp.csr_matrix

    @classmethod
    def of(cls, x: sp.csr_matrix) -> Split:
        """Split ``x`` (csr) by how many of its rows use each column."""
        used = np.bincount(x.indices, minlength=x.shape[1])
        common = np.flatnonzero(used >= _COMMON_SHARE * x.shape[0])
        common = common[np.argsort(-used[common], kind="stable")[:_MAX_COMMON]]
        rank = np.full(x.shape[1], -1, dtype=np.int32)
        rank[common] = np.arange(len(common), dtype=np.int32)
        ranks = rank[x.indices]  # each entry's dense column, -1 for the rare ones
        dense = ranks >= 0
        return cls(_entries(x, dense, ranks, len(common)).astype(np.float64),
                   _entries(x, ~dense, x.indices, x.shape[1]))

    def product(self, start: int, stop: int, first: int) -> FloatArray:
        """``x[start:stop] @ x[first:stop].T`` as a dense float64 array.

        The common columns are multiplied in float64: BLAS adds in an order that depends on
        the shapes and on the machine's processor, which in float32 would move results by a
        few 1e-8 from one run or machine to another and could tip a decision; in float64 the
        products of float32 values are exact and the sums move by about 1e-16. Blocks of few
        rows (the undated against everyone, 20 rows at 100,000 reports) multiply them sparse
        (``sparse_product``): making their whole window dense would cost more than it saves."""
        if stop - start < _DENSE_ROWS:
            return self.sparse_product(start, stop, first)
        width = stop - first
        rows = self.common[start:stop].toarray()
        sims = np.empty((stop - start, width))
        for low in range(first, stop, _WINDOW_CHUNK):
            high = min(stop, low + _WINDOW_CHUNK)
            sims[:, low - first:high - first] = rows @ self.common[low:high].toarray().T
        return self._rare_added(sims, start, stop, first)

    def sparse_product(self, start: int, stop: int, first: int) -> FloatArray:
        """``product`` with both parts multiplied sparse. A sparse product adds each pair's
        terms in the order of its row's columns, whatever other rows and columns it holds,
        so each pair's value is the same, bit for bit, in any such product it is part of."""
        sims = (self.common[start:stop] @ self.common[first:stop].T).toarray()
        return self._rare_added(sims, start, stop, first)

    def _rare_added(self, sims: FloatArray, start: int, stop: int, first: int) -> FloatArray:
        """``sims`` (the common part) plus the rare part of the product, in place."""
        width = stop - first
        rare = self.rare[start:stop] @ self.rare[first:stop].T  # float32, a fixed order
        row_at = np.repeat(np.arange(0, (stop - start) * width, width), np.diff(rare.indptr))
        sims.reshape(-1)[row_at + rare.indices] += rare.data  # a view: C-contiguous
        return sims


def _entries(x: sp.csr_matrix, keep: npt.NDArray[np.bool_], columns: npt.NDArray[np.int32],
             width: int) -> sp.csr_matrix:
    """The entries ``keep`` of ``x`` (csr), moved to ``columns``, in a matrix ``width`` wide."""
    kept_before = np.concatenate([[0], np.cumsum(keep)])  # kept entries before each entry
    return sp.csr_matrix((x.data[keep], columns[keep], kept_before[x.indptr]),
                         shape=(x.shape[0], width))


def spans(sorted_days: IntArray, dated: int, config: ClusterConfig) -> list[Span]:
    """The sparse products to make: each day's reports (rows) against the reports of its
    window up to them (columns), then the undated against everyone. A day is split into
    products of at most ``_MAX_ROWS`` rows and ``_MAX_PAIRS`` pairs: on a busy window of
    reports sharing most words, the product is nearly dense."""
    n = len(sorted_days)
    bounds = np.flatnonzero(np.diff(sorted_days[:dated])) + 1
    edges = [0, *bounds.tolist(), dated] if dated else [0]
    found: list[Span] = []
    for start, stop in zip(edges, edges[1:], strict=False):
        first = int(np.searchsorted(sorted_days, sorted_days[start] - config.window_days))
        rows = max(1, min(_MAX_ROWS, _MAX_PAIRS // (stop - first)))
        found += [(s, min(stop, s + rows), first, config.day_decay)
                  for s in range(start, stop, rows)]
    rows = max(1, min(_MAX_ROWS, _MAX_PAIRS // max(n, 1)))
    return found + [(s, min(n, s + rows), 0, 0.0) for s in range(dated, n, rows)]


def collect_all(x: Split, days: IntArray, spans: list[Span]) -> list[Block]:
    """The blocks of ``spans``, BLAS on one thread: the processes are the parallelism, and
    more threads than cores would only take turns (measured: a sixth more CPU time)."""
    with threadpool_limits(limits=1, user_api="blas"):
        return [block for run in runs(spans) for block in _collect_run(x, days, run)]


def runs(spans: list[Span]) -> list[list[Span]]:
    """``spans`` in consecutive runs multiplied at once: spans of fewer than ``_DENSE_ROWS``
    rows (``Split.sparse_product``) together while the run's product, its rows against the
    columns of all its spans, holds at most ``_RUN_PAIRS`` pairs; every other span alone."""
    found: list[list[Span]] = []
    for span in spans:
        start, stop, first, _ = span
        if found and stop - start < _DENSE_ROWS:
            run_start, _, run_first, _ = found[-1][0]
            last = found[-1][-1]
            if (last[1] - last[0] < _DENSE_ROWS and last[1] == start and first >= run_first
                    and (stop - run_start) * (stop - run_first) <= _RUN_PAIRS):
                found[-1].append(span)
                continue
        found.append([span])
    return found


def _collect_run(x: Split, days: IntArray, run: list[Span]) -> list[Block]:
    """The blocks of a run of ``spans``: one product for them all, each block's part of it."""
    if len(run) == 1:
        return [collect(x, days, run[0])]
    run_start, run_stop, run_first = run[0][0], run[-1][1], run[0][2]
    sims = x.sparse_product(run_start, run_stop, run_first)
    return [_pairs_and_sums(np.array(sims[start - run_start:stop - run_start,
                                          first - run_first:stop - run_first]), days, span)
            for span in run for start, stop, first, _ in (span,)]


def collect(x: Split, days: IntArray, span: Span) -> Block:
    """Every pair (i, j), first <= j < i, start <= i < stop: its similarity in the sums, and
    kept unless tiny (``_pairs_and_sums``)."""
    return _pairs_and_sums(x.product(*span[:3]), days, span)


def _pairs_and_sums(sims: FloatArray, days: IntArray, span: Span) -> Block:
    """The block of ``span`` from its product ``sims`` (rows [start, stop) against columns
    [first, stop), dense, changed in place). ``day_decay`` lowers a pair's similarity by
    the days between them.

    The product is dense (at most ``_MAX_PAIRS`` values): within a window most pairs share a
    word, so it nearly is, and sums along its rows and columns then cost far less than
    scattering each pair into them."""
    start, stop, first, day_decay = span
    if day_decay:
        row_days = days[start:stop]
        if (row_days == row_days[0]).all():  # one day, as ``spans`` makes them: one row
            row_days = row_days[:1]
        sims *= np.maximum(0.0, 1.0 - day_decay * (row_days[:, np.newaxis] - days[first:stop]))
    square = sims[:, start - first:]  # rows against themselves: only the pairs j < i count
    square[...] = np.tril(square, -1)
    squared = sims * sims
    total, squares = np.zeros(stop - first), np.zeros(stop - first)
    total += sims.sum(axis=0)
    total[start - first:] += sims.sum(axis=1)
    squares += squared.sum(axis=0)
    squares[start - first:] += squared.sum(axis=1)
    row, col = np.nonzero(sims >= RAW_FLOOR)  # the pairs left out are 0, below the floor
    return Block(first, (row + start).astype(np.int32), (col + first).astype(np.int32),
                 sims[row, col], total, squares)
