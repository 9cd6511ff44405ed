"""Report vectors -> sparse graph of standardised similarities within a time window (pure).

Blocking keeps the cost near-linear: reports are sorted by day and each day's reports are
compared, in one sparse product, only with the reports of the ``window_days`` before it and the
same day. Reports without a date are compared with all reports, without time decay, for
the local links of ``cluster_undated`` (they are no part of any z or background here). Big
collections share the blocks out over forked processes; the sums are added up in block order,
so the graph is the same bit for bit however the work was split.

Raw cosines depend on length and style (short leads score lower than full articles, opinion
pieces lower than wire copy), so each pair is scored relative to the background of its two
reports: ``z = ((s - mean_a) / sd_a + (s - mean_b) / sd_b) / 2`` where a report's mean and sd are
those of its similarities with every other report in its window (leaving the pair itself out),
shrunk towards a prior and with the sd capped, so that a small collection still gets sensible
values. A window that holds few reports besides the report's near neighbours (a quiet week,
one event's reports alone) falls back towards the background without them, the prior when
none are left (``_Background``). Only pairs with ``z >= graph_floor`` are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from generator.cluster import undated as cluster_undated
from generator.cluster.config import NO_DAY, ClusterConfig
from generator.sparse import sp
from generator.util import forked

_MAX_ROWS = 2048  # rows per sparse product, to bound memory on very busy days
_MAX_PAIRS = 2_000_000  # pairs per product: made dense, 16 MB and as much for the squares
_RAW_FLOOR = 0.02  # raw cosines below this are never kept as edges (far below any threshold)
_PARALLEL_MIN = 4000  # fewer reports than this: forking costs more than it saves
_COMMON_SHARE = 0.05  # words in this share of the reports or more are multiplied dense
_MAX_COMMON = 512  # at most this many (the most frequent)
_DENSE_ROWS = 64  # blocks of fewer rows multiply them sparse: making the window dense costs more
_WINDOW_CHUNK = 4096  # window rows made dense at once: 4096 x 512 float64 is 16 MB

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Links = tuple[IntArray, IntArray, FloatArray]  # rows, cols, link: each pair once
_Span = tuple[int, int, int, float]  # rows [start, stop) against [first, stop), day decay


@dataclass(frozen=True, slots=True)
class _Block:
    """One block's pairs (i, j), first <= j < i, start <= i < stop: the kept ones, and the sums
    of all similarities and their squares over each report of ``[first, stop)``."""

    first: int
    rows: npt.NDArray[np.int32]  # 10,000,000s of pairs in a busy window: half the size
    cols: npt.NDArray[np.int32]
    sims: FloatArray
    total: FloatArray
    squares: FloatArray


def similarity_graph(vectors: sp.csr_matrix, days: IntArray,
                     config: ClusterConfig) -> sp.csr_matrix:
    """Symmetric n x n matrix of standardised similarities (z) >= ``config.graph_floor``."""
    return similarity_graphs(vectors, days, config)[0]


def similarity_graphs(vectors: sp.csr_matrix, days: IntArray, config: ClusterConfig,
                      ) -> tuple[sp.csr_matrix, Links]:
    """``similarity_graph``, and the local links of the pairs with an undated report
    (``cluster_undated``: rows, cols, link, each pair once; none when all are dated)."""
    n = vectors.shape[0]
    order = np.lexsort((np.arange(n), days)).astype(np.int64)
    sorted_days = days[order]
    dated = int(np.searchsorted(sorted_days, NO_DAY))
    x = _Split.of(sp.csr_matrix(vectors[order], dtype=np.float32))
    spans = _spans(sorted_days, dated, config)
    blocks = [block for share in forked.forked_map(partial(_collect_all, x, sorted_days),
                                                   _shares(spans, n))
              for block in share]
    # undated reports are left out of the dated ones' backgrounds: adding one changes no z
    undated_blocks = [b for b, span in zip(blocks, spans, strict=True) if span[0] >= dated]
    blocks = blocks[:len(blocks) - len(undated_blocks)]  # ``_spans`` puts them last
    total, squares = np.zeros(n), np.zeros(n)
    for block in blocks:  # summed in block order, however the blocks were shared out
        end = block.first + len(block.total)
        total[block.first:end] += block.total
        squares[block.first:end] += block.squares
    counts = _window_counts(sorted_days, dated, config.window_days)
    row, col, z = _standardised(blocks, (total, squares), counts, config)
    graph = sp.coo_matrix((z, (order[row], order[col])), shape=(n, n))
    local = _undated_links(blocks, undated_blocks, n, dated, config)
    return sp.csr_matrix(graph + graph.T), (order[local[0]], order[local[1]], local[2])


def _undated_links(blocks: list[_Block], undated_blocks: list[_Block], n: int, dated: int,
                   config: ClusterConfig) -> Links:
    """The local links of the pairs with an undated (sorted: ``dated`` or later) report, the
    nearest reports of each report in them from all its pairs. Undated rows are compared with every
    report, dated rows (``blocks``) never with an undated one, so only ``undated_blocks``
    hold such pairs."""
    if not undated_blocks:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    rows = np.concatenate([b.rows for b in undated_blocks]).astype(np.int64)
    cols = np.concatenate([b.cols for b in undated_blocks]).astype(np.int64)
    sims = np.concatenate([b.sims for b in undated_blocks])
    needed = np.zeros(n, dtype=bool)
    needed[cols] = True
    needed[dated:] = True
    every = [(b.rows.astype(np.int64), b.cols.astype(np.int64), b.sims) for b in blocks]
    every = [(r[m], c[m], v[m]) for r, c, v in every if (m := needed[r] | needed[c]).any()]
    near = cluster_undated.nearest(np.concatenate([rows, *(e[0] for e in every)]),
                                   np.concatenate([cols, *(e[1] for e in every)]),
                                   np.concatenate([sims, *(e[2] for e in every)]), n,
                                   (config.undated_neighbour, config.undated_mutual))
    return cluster_undated.local_links(rows, cols, sims, near, config)


@dataclass(frozen=True, slots=True)
class _Split:
    """The report vectors as two matrices whose products add up to theirs.

    ``common``: the columns of the words found in many reports. They are few, but they make
    most of the work of a sparse product, which costs a multiply-add for every pair of reports
    sharing a word (on the 10,000-report bench, 194 of 81,230 columns made 95% of them), so they
    are multiplied dense (BLAS). ``rare``: all the other columns, multiplied sparse."""

    common: sp.csr_matrix
    rare: sp.csr_matrix

    @classmethod
    def of(cls, x: sp.csr_matrix) -> _Split:
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
        rows (the undated against everyone, 20 rows at 100,000 reports) multiply them sparse:
        making their whole window dense would cost more than it saves."""
        width = stop - first
        if stop - start >= _DENSE_ROWS:
            rows = self.common[start:stop].toarray()
            sims = np.empty((stop - start, width))
            for low in range(first, stop, _WINDOW_CHUNK):
                high = min(stop, low + _WINDOW_CHUNK)
                sims[:, low - first:high - first] = rows @ self.common[low:high].toarray().T
        else:
            sims = (self.common[start:stop] @ self.common[first:stop].T).toarray()
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


def _standardised(blocks: list[_Block], sums: tuple[FloatArray, FloatArray],
                  counts: FloatArray, config: ClusterConfig) -> tuple[IntArray, IntArray,
                                                                      FloatArray]:
    """(rows, cols, z) of the pairs whose z reaches ``graph_floor``, worked out block by
    block: a busy window of alike reports keeps millions of pairs, and a dozen arrays the
    size of all of them at once would take most of a gigabyte."""
    mean, sd = _background(sums[0], sums[1], counts, config)
    far = _far_sums(blocks, sums, counts, config)
    background = [_Background.of(blocks, own, mean, sd, sums, counts, far, config)
                  for own in ("rows", "cols")]
    rows, cols, zs = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], [np.zeros(0)]
    for block in blocks:
        z = (background[0].z(block.sims, block.rows, config)
             + background[1].z(block.sims, block.cols, config)) / 2
        keep = z >= config.graph_floor
        rows.append(block.rows[keep].astype(np.int64))
        cols.append(block.cols[keep].astype(np.int64))
        zs.append(z[keep])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(zs)


def _far_sums(blocks: list[_Block], sums: tuple[FloatArray, FloatArray], counts: FloatArray,
              config: ClusterConfig) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Each report's sums and count over its window without its near neighbours: the
    reports it is more similar to than ``neighbour_clip`` prior sds above the prior mean
    (whichever side of the pair it is on)."""
    floor = config.background_mean + config.neighbour_clip * config.background_sd
    size = len(counts)
    near_total, near_squares, near_count = np.zeros(size), np.zeros(size), np.zeros(size)
    for block in blocks:
        close = block.sims > floor
        sims = block.sims[close]
        for mine in (block.rows[close], block.cols[close]):
            near_total += np.bincount(mine, sims, size)
            near_squares += np.bincount(mine, sims**2, size)
            near_count += np.bincount(mine, minlength=size)
    return sums[0] - near_total, sums[1] - near_squares, counts - near_count


@dataclass(frozen=True, slots=True)
class _Background:
    """Each report's similarity sums over its window without its clear links (z above
    ``background_clip`` on a first estimate): copies of a report, or its own story filling a
    quiet window, would otherwise inflate its background and hide the very links they are.

    A window may hold little but the report's own story (a quiet week, an event reported
    nowhere else): then even its first estimate is made of its story, and no link is clear
    of it. So the background is blended with the one of the window without the report's
    near neighbours (``_far_sums``), in the share ``sparse_count / (sparse_count + far)``,
    ``far`` being the reports left in it: a window of few other reports falls back to that
    background, which is the prior when none are left."""

    mean: FloatArray  # the first estimate
    sd: FloatArray
    total: FloatArray
    squares: FloatArray
    kept: FloatArray
    far: tuple[FloatArray, FloatArray, FloatArray]  # total, squares, count without neighbours

    @classmethod
    def of(cls, blocks: list[_Block], own: str, mean: FloatArray, sd: FloatArray,
           sums: tuple[FloatArray, FloatArray], counts: FloatArray,
           far: tuple[FloatArray, FloatArray, FloatArray],
           config: ClusterConfig) -> _Background:
        """The background of each pair's ``own`` report ("rows" or "cols" of the blocks)."""
        owner, clear_sims = [np.zeros(0, np.int64)], [np.zeros(0)]
        for block in blocks:  # the clear pairs, in pair order (so the sums are as one pass)
            mine: npt.NDArray[np.int32] = getattr(block, own)
            clear = block.sims > mean[mine] + config.background_clip * sd[mine]
            owner.append(mine[clear].astype(np.int64))
            clear_sims.append(block.sims[clear])
        who, sims = np.concatenate(owner), np.concatenate(clear_sims)
        size = len(counts)
        return cls(mean, sd, sums[0] - np.bincount(who, sims, size),
                   sums[1] - np.bincount(who, sims**2, size),
                   counts - np.bincount(who, minlength=size), far)

    def z(self, sims: FloatArray, own: npt.NDArray[np.int32],
          config: ClusterConfig) -> FloatArray:
        """Each pair's z against the background of its ``own`` report, the pair itself left
        out of it (unless already left out as a clear link or a near neighbour)."""
        clear = sims > self.mean[own] + config.background_clip * self.sd[own]
        counted = np.where(clear, 0.0, 1.0)
        mean, sd = _background(self.total[own] - counted * sims,
                               self.squares[own] - counted * sims**2,
                               self.kept[own] - counted, config)
        floor = config.background_mean + config.neighbour_clip * config.background_sd
        counted = np.where(sims > floor, 0.0, 1.0)
        far = np.maximum(self.far[2][own] - counted, 0.0)
        far_mean, far_sd = _background(self.far[0][own] - counted * sims,
                                       self.far[1][own] - counted * sims**2, far, config)
        share = far / (far + config.sparse_count)
        return (sims - (share * mean + (1 - share) * far_mean)) / (
            share * sd + (1 - share) * far_sd)


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


def _spans(sorted_days: IntArray, dated: int, config: ClusterConfig) -> list[_Span]:
    """The sparse products to make: each day's reports (rows) against the reports of its
    window up to them (columns), then the undated against everyone. A day is split into
    products of at most ``_MAX_ROWS`` rows and ``_MAX_PAIRS`` pairs: on a busy window of
    reports sharing most words, the product is nearly dense."""
    n = len(sorted_days)
    bounds = np.flatnonzero(np.diff(sorted_days[:dated])) + 1
    edges = [0, *bounds.tolist(), dated] if dated else [0]
    spans: list[_Span] = []
    for start, stop in zip(edges, edges[1:], strict=False):
        first = int(np.searchsorted(sorted_days, sorted_days[start] - config.window_days))
        rows = max(1, min(_MAX_ROWS, _MAX_PAIRS // (stop - first)))
        spans += [(s, min(stop, s + rows), first, config.day_decay)
                  for s in range(start, stop, rows)]
    rows = max(1, min(_MAX_ROWS, _MAX_PAIRS // max(n, 1)))
    return spans + [(s, min(n, s + rows), 0, 0.0) for s in range(dated, n, rows)]


def _collect_all(x: _Split, days: IntArray, spans: list[_Span]) -> list[_Block]:
    """The blocks of ``spans``, BLAS on one thread: the processes are the parallelism, and
    more threads than cores would only take turns (measured: a sixth more CPU time)."""
    with threadpool_limits(limits=1, user_api="blas"):
        return [_collect(x, days, span) for span in spans]


def _collect(x: _Split, days: IntArray, span: _Span) -> _Block:
    """Every pair (i, j), first <= j < i, start <= i < stop: its similarity in the sums, and
    kept unless tiny. ``day_decay`` lowers a pair's similarity by the days between them.

    The product is dense (at most ``_MAX_PAIRS`` values): within a window most pairs share a
    word, so it nearly is, and sums along its rows and columns then cost far less than
    scattering each pair into them."""
    start, stop, first, day_decay = span
    sims = x.product(start, stop, first)
    if day_decay:
        row_days = days[start:stop]
        if (row_days == row_days[0]).all():  # one day, as ``_spans`` makes them: one row
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
    row, col = np.nonzero(sims >= _RAW_FLOOR)  # the pairs left out are 0, below the floor
    return _Block(first, (row + start).astype(np.int32), (col + first).astype(np.int32),
                  sims[row, col], total, squares)


def _window_counts(sorted_days: IntArray, dated: int, window: int) -> FloatArray:
    """How many other reports each (sorted) report was compared with."""
    n = len(sorted_days)
    counts = np.full(n, n - 1, dtype=np.float64)
    head = sorted_days[:dated]
    inside = (np.searchsorted(head, head + window, side="right")
              - np.searchsorted(head, head - window, side="left"))
    counts[:dated] = inside - 1  # the undated are no part of a dated report's background
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
