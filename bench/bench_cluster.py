"""Time ``generator.cluster.pipeline.assign`` on synthetic news streams of growing size.

    python bench/bench_cluster.py [--sizes 10000 100000] [--per-day 250] [--seed 7]

Articles are generated deterministically from a seed: stories of 1-12 reports spread over up
to three days, ``--per-day`` reports a day (so a bigger stream spans more days, as a real one
does), Zipf-distributed common words mixed with story-specific rarer words and capitalised
names,
and realistic lengths (a third are short leads of ~600 characters, the rest full articles of
~2,500-6,000 characters). Prints a Markdown table and the growth ratio. Not a unit test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.cluster.pipeline import ClusterDoc, assign  # noqa: E402

_IMPORT_STARTED = time.perf_counter()
import generator.cluster.features  # noqa: E402, F401  (assign imports it lazily: time it apart)
import generator.cluster.graph  # noqa: E402, F401

IMPORT_SECONDS = time.perf_counter() - _IMPORT_STARTED

_START = dt.date(2024, 1, 1)
_SYLLABLES = ("ka", "lo", "mi", "ra", "te", "su", "ven", "dor", "pal", "qui", "zen", "bar",
              "tri", "mon", "sel", "gra", "hu", "nex", "fa", "lis")


def vocabulary(rng: np.random.Generator, size: int) -> list[str]:
    """``size`` distinct pseudo-words of 2-4 syllables."""
    words: dict[str, None] = {}
    while len(words) < size:
        count = int(rng.integers(2, 5))
        words["".join(rng.choice(_SYLLABLES, count))] = None
    return list(words)


def articles(count: int, per_day: int, seed: int) -> list[ClusterDoc]:
    """``count`` synthetic reports in stories, dated ``per_day`` a day from 2024-01-01."""
    rng = np.random.default_rng(seed)
    lexicon = vocabulary(rng, 80_000)
    common, rare = lexicon[:30_000], lexicon[30_000:]
    zipf = np.cumsum(1.0 / np.arange(1, len(common) + 1))
    zipf /= zipf[-1]  # cumulative Zipf distribution over the common words
    docs: list[ClusterDoc] = []
    story = 0
    while len(docs) < count:
        size = min(int(rng.integers(1, 13)), count - len(docs))
        picks = rng.integers(0, len(rare), 12).tolist()
        topic = [rare[p].capitalize() if k < 4 else rare[p] for k, p in enumerate(picks)]
        day = len(docs) // per_day
        for _ in range(size):
            date = _START + dt.timedelta(days=day + int(rng.integers(0, 3)))
            docs.append(_article(rng, f"s{story}-{len(docs)}", date, topic, common, zipf))
        story += 1
    return docs


def _article(rng: np.random.Generator, key: str, date: dt.date, topic: list[str],
             common: list[str], zipf: np.ndarray[tuple[int], np.dtype[np.float64]]) -> ClusterDoc:
    """One report: a headline and paragraphs mixing common and topic words."""
    words = int(rng.integers(90, 110)) if rng.random() < 0.33 else int(rng.integers(400, 950))
    text = [common[p] for p in np.searchsorted(zipf, rng.random(words)).tolist()]
    positions = rng.choice(words, size=words // 6, replace=False).tolist()
    for position, pick in zip(positions, rng.integers(0, len(topic), len(positions)).tolist(),
                              strict=True):
        text[position] = topic[pick]
    paragraphs = [" ".join(text[i:i + 45]).capitalize() + "." for i in range(0, words, 45)]
    picks = rng.integers(0, len(topic), 4).tolist()
    title = " ".join([topic[p] for p in picks] + text[:4]).capitalize()
    return ClusterDoc(key=key, title=title, text="\n\n".join(paragraphs), date=date,
                      source=f"outlet{int(rng.integers(0, 40))}")


def _workers_cpu() -> float:
    """CPU seconds of the worker processes this one forked and has waited for: the clusterer
    tokenises and multiplies in forked children, which ``time.process_time`` does not count
    (on a machine loaded by others, CPU time compares runs better than wall time)."""
    times = os.times()
    return times.children_user + times.children_system


def main() -> None:
    """Generate, time and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-day", type=int, default=250)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows: list[tuple[int, float, float, float, int]] = []
    for size in args.sizes:
        docs = articles(size, args.per_day, args.seed)
        started, cpu, workers = time.perf_counter(), time.process_time(), _workers_cpu()
        stories = len(set(assign(docs).values()))
        rows.append((size, time.perf_counter() - started, time.process_time() - cpu,
                     _workers_cpu() - workers, stories))
    print("| articles | seconds | CPU seconds | worker CPU seconds | articles/s | stories |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, seconds, cpu_seconds, worker_seconds, stories in rows:
        print(f"| {size:,} | {seconds:.2f} | {cpu_seconds:.2f} | {worker_seconds:.2f} "
              f"| {size / seconds:,.0f} | {stories:,} |")
    print(f"\nImporting the clusterer's libraries (numpy, scipy, mmh3) took {IMPORT_SECONDS:.2f} s "
          "before timing; `digest cluster` in bench_build.py includes start-up.")
    if len(rows) > 1:
        (n0, t0, *_), (n1, t1, *_) = rows[0], rows[-1]
        print(f"\nGrowth: {n1 / n0:.0f}x articles took {t1 / t0:.1f}x the time.")


if __name__ == "__main__":
    main()
