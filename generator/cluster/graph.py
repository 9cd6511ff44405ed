"""Report vectors -> sparse graph of standardised similarities within a time window (pure).

Blocking keeps the cost near-linear (``cluster_blocks``): reports are sorted by day and each
day's reports are compared only with the reports of the ``window_days`` before it and the same
day. Reports without a date are compared with all reports, without time decay, for the local
links of ``cluster_undated`` (they are no part of any z or background here). Big collections
share the blocks out over forked processes; the sums are added up in block order, so the
graph is the same bit for bit however the work was split.

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

from generator.cluster import blocks as cluster_blocks
from generator.cluster import undated as cluster_undated
from generator.cluster.blocks import Block, Span
from generator.cluster.config import NO_DAY, ClusterConfig
from generator.sparse import sp
from generator.util import forked

_PARALLEL_MIN = 4000  # fewer reports than this: forking costs more than it saves
_GROUP_PAIRS = 1_000_000  # the pairs of consecutive blocks are standardised together up to this

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Links = tuple[IntArray, IntArray, FloatArray]  # rows, cols, link: each pair once
_Pairs = tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], FloatArray]  # rows, cols, sims


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
    x = cluster_blocks.Split.of(sp.csr_matrix(vectors[order], dtype=np.float32))
    spans = cluster_blocks.spans(sorted_days, dated, config)
    collect = partial(cluster_blocks.collect_all, x, sorted_days)
    blocks = [block for share in forked.forked_map(collect, _shares(spans, n)) for block in share]
    # undated reports are left out of the dated ones' backgrounds: adding one changes no z
    undated_blocks = [b for b, span in zip(blocks, spans, strict=True) if span[0] >= dated]
    blocks = blocks[:len(blocks) - len(undated_blocks)]  # ``spans`` puts them last
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


def _undated_links(blocks: list[Block], undated_blocks: list[Block], n: int, dated: int,
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
                                   (config.undated_neighbour, config.undated_mutual,
                                    config.undated_close))
    return cluster_undated.local_links(rows, cols, sims, near, config)


def _standardised(blocks: list[Block], sums: tuple[FloatArray, FloatArray],
                  counts: FloatArray, config: ClusterConfig) -> tuple[IntArray, IntArray,
                                                                      FloatArray]:
    """(rows, cols, z) of the pairs whose z reaches ``graph_floor``, worked out a few blocks
    at a time (``_grouped``): a busy window of alike reports keeps millions of pairs, and a
    dozen arrays the size of all of them at once would take most of a gigabyte."""
    mean, sd = _background(sums[0], sums[1], counts, config)
    far = _far_sums(blocks, sums, counts, config)
    groups = _grouped(blocks)
    background = [_Background.of(groups, own, mean, sd, sums, counts, far, config)
                  for own in (0, 1)]
    rows, cols, zs = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], [np.zeros(0)]
    for group_rows, group_cols, sims in groups:  # each pair's z is worked out alone
        z = (background[0].z(sims, group_rows, config)
             + background[1].z(sims, group_cols, config)) / 2
        keep = z >= config.graph_floor
        rows.append(group_rows[keep].astype(np.int64))
        cols.append(group_cols[keep].astype(np.int64))
        zs.append(z[keep])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(zs)


def _grouped(blocks: list[Block]) -> list[_Pairs]:
    """The pairs of ``blocks``, in order, those of consecutive blocks joined up to
    ``_GROUP_PAIRS`` pairs (a quiet stream makes 10,000s of blocks of a few pairs each)."""
    groups: list[list[Block]] = []
    held = 0
    for block in blocks:
        if not groups or held + len(block.sims) > _GROUP_PAIRS:
            groups.append([])
            held = 0
        groups[-1].append(block)
        held += len(block.sims)
    return [(group[0].rows, group[0].cols, group[0].sims) if len(group) == 1 else
            (np.concatenate([b.rows for b in group]), np.concatenate([b.cols for b in group]),
             np.concatenate([b.sims for b in group])) for group in groups]


def _far_sums(blocks: list[Block], sums: tuple[FloatArray, FloatArray], counts: FloatArray,
              config: ClusterConfig) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Each report's sums and count over its window without its near neighbours: the
    reports it is more similar to than ``neighbour_clip`` prior sds above the prior mean
    (whichever side of the pair it is on). Added block by block, each block's over its own
    reports ``[first, first + len(total))`` only (the rest of them would add 0)."""
    floor = config.background_mean + config.neighbour_clip * config.background_sd
    size = len(counts)
    near_total, near_squares, near_count = np.zeros(size), np.zeros(size), np.zeros(size)
    for block in blocks:
        close = block.sims > floor
        if not close.any():
            continue
        sims, width, first = block.sims[close], len(block.total), block.first
        end = first + width
        for mine in (block.rows[close] - first, block.cols[close] - first):
            near_total[first:end] += np.bincount(mine, sims, width)
            near_squares[first:end] += np.bincount(mine, sims**2, width)
            near_count[first:end] += np.bincount(mine, minlength=width)
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
    def of(cls, groups: list[_Pairs], own: int, mean: FloatArray, sd: FloatArray,
           sums: tuple[FloatArray, FloatArray], counts: FloatArray,
           far: tuple[FloatArray, FloatArray, FloatArray],
           config: ClusterConfig) -> _Background:
        """The background of each pair's ``own`` report (0: its row, 1: its column)."""
        owner, clear_sims = [np.zeros(0, np.int64)], [np.zeros(0)]
        for group in groups:  # the clear pairs, in pair order (so the sums are as one pass)
            mine, sims = group[own], group[2]
            clear = sims > mean[mine] + config.background_clip * sd[mine]
            owner.append(mine[clear].astype(np.int64))
            clear_sims.append(sims[clear])
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


def _shares(spans: list[Span], n: int) -> list[list[Span]]:
    """The blocks in consecutive runs of about equal work (rows x columns multiplied), one
    run per process when the collection is big enough to be worth forking for."""
    processes = forked.workers() if n >= _PARALLEL_MIN else 1
    if not spans or processes == 1:
        return [spans]
    work = np.cumsum([(stop - start) * (stop - first) for start, stop, first, _ in spans])
    cuts = np.searchsorted(work, work[-1] * np.arange(1, processes) / processes).tolist()
    edges = [0, *cuts, len(spans)]
    return [spans[a:b] for a, b in zip(edges, edges[1:], strict=False) if b > a]


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
