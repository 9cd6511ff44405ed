"""Measure the story clusterer on labelled JSONL collections.

Runs ``generator.cluster.cluster_jsonl`` exactly as ``digest cluster --input FILE.jsonl`` does
(default setting, true ``story`` labels withheld), then prints BCubed precision / recall / F1
over articles, pairwise F1, stories found vs true, and seconds. With ``--data`` a folder, one
table of the four dev variants (#24): AllSides as given (its dates leak the answer), AllSides
with realistic dates, AllSides undated (every date removed) and ECB+ dev (undated look-alike
events, scored against the event). Tune on all four together, never on one. A fifth row
gives ECB+ dev dates spread over two years (``spread_dates``): each event alone in its weeks,
the sparse windows of real-dated full-text news, which AllSides' crowded days never show.

    python eval/eval_cluster.py --data ../shared/data/clustering
    python eval/eval_cluster.py --data ../shared/data/clustering/allsides.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import time
import zlib
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.cluster import cluster_jsonl  # noqa: E402


def bcubed(predicted: Mapping[str, str], truth: Mapping[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 averaged over articles."""
    pairs = Counter((predicted[k], truth[k]) for k in truth)
    pred_sizes = Counter(predicted[k] for k in truth)
    true_sizes = Counter(truth.values())
    precision = sum(pairs[(predicted[k], truth[k])] / pred_sizes[predicted[k]] for k in truth)
    recall = sum(pairs[(predicted[k], truth[k])] / true_sizes[truth[k]] for k in truth)
    precision, recall = precision / len(truth), recall / len(truth)
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: Mapping[str, str], truth: Mapping[str, str]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of articles put in the same story."""
    def same_pairs(counts: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = same_pairs(Counter((predicted[k], truth[k]) for k in truth))
    pred = same_pairs(Counter(predicted[k] for k in truth))
    true = same_pairs(Counter(truth.values()))
    precision = both / pred if pred else 1.0
    recall = both / true if true else 1.0
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


VARIANTS = (  # (name, file, dates: "given", "none" or "spread")
    ("AllSides", "allsides.jsonl", "given"),
    ("AllSides, realistic dates", "allsides_realistic_dates.jsonl", "given"),
    ("AllSides, undated", "allsides.jsonl", "none"),
    ("ECB+ dev", "ecbplus_dev.jsonl", "given"),
    ("ECB+ dev, events spread over two years", "ecbplus_dev.jsonl", "spread"),
)
_SPREAD_START = dt.date(2015, 1, 1)
_SPREAD_DAYS = 730
# a report's day after its event's, as ``allsides_realistic_dates.jsonl`` spreads them:
# (share of reports up to here, first offset, offsets to choose from)
_OFFSETS = ((0.45, 0, 1), (0.70, 1, 1), (0.78, -1, 1), (0.92, 2, 3), (1.0, 7, 24))


def _hashed(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def spread_dates(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """The records with dates made up, deterministically: each story a day in two years,
    each report that day or one offset from it as real feeds spread them."""
    spread = []
    for record in records:
        event = _SPREAD_START + dt.timedelta(days=_hashed(str(record["story"])) % _SPREAD_DAYS)
        share = _hashed(str(record["id"])) % 1000 / 1000
        _, first, choices = next(o for o in _OFFSETS if share < o[0])
        offset = first + _hashed(f"{record['id']}/day") % choices
        spread.append({**record, "date": (event + dt.timedelta(days=offset)).isoformat()})
    return spread


def evaluate(path: Path, dates: str = "given") -> dict[str, float]:
    """Cluster the file's articles (``dates``: as given, "none" removed or "spread" made up,
    ``spread_dates``) and score them against its ``story`` labels."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    if dates == "none":
        records = [{**r, "date": None} for r in records]
    elif dates == "spread":
        records = spread_dates(records)
    truth = {str(r["id"]): str(r["story"]) for r in records}
    lines = [json.dumps({k: v for k, v in r.items() if k != "story"}) for r in records]
    out = io.StringIO()
    started = time.perf_counter()
    count = cluster_jsonl(lines, out)
    seconds = time.perf_counter() - started
    predicted = {}
    for line in out.getvalue().splitlines():
        row = json.loads(line)
        predicted[row["id"]] = row["story"]
    b_p, b_r, b_f = bcubed(predicted, truth)
    p_p, p_r, p_f = pairwise(predicted, truth)
    return {"articles": count, "bcubed_precision": b_p, "bcubed_recall": b_r, "bcubed_f1": b_f,
            "pairwise_precision": p_p, "pairwise_recall": p_r, "pairwise_f1": p_f,
            "stories_found": len(set(predicted.values())), "stories_true": len(set(truth.values())),
            "seconds": seconds}


def main() -> None:
    """Print the scores as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True,
                        help="a labelled JSONL file, or the folder of the four dev variants")
    args = parser.parse_args()
    if args.data.is_dir():
        print("| variant | BCubed P | BCubed R | BCubed F1 | pairwise F1 | stories found / true "
              "| s |\n|---|---:|---:|---:|---:|---:|---:|")
        for name, file, dates in VARIANTS:
            r = evaluate(args.data / file, dates)
            print(f"| {name} | {r['bcubed_precision']:.3f} | {r['bcubed_recall']:.3f} | "
                  f"{r['bcubed_f1']:.3f} | {r['pairwise_f1']:.3f} | {r['stories_found']} / "
                  f"{r['stories_true']} | {r['seconds']:.2f} |")
        return
    result = evaluate(args.data)
    print(f"# Story clustering on {args.data.name}\n")
    print("| measure | value |\n|---|---|")
    for name, value in result.items():
        print(f"| {name} | {value:.4f} |" if isinstance(value, float) else f"| {name} | {value} |")


if __name__ == "__main__":
    main()
