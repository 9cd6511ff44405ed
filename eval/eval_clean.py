"""Score the cleaner's article bodies against the extraction benchmark's gold bodies.

Scoring follows the Zyte (ScrapingHub) article-extraction-benchmark ``evaluate.py``: tokens are
``\\w+``, each text is a bag of 4-token shingles, TP/FP/FN are counted per page and normalised
by their sum; precision and recall are the means over pages, F1 is computed from those means.
Only the article body is compared (no title), as in the benchmark.

Pages are split by a hash of their file name into a tuned part and an untuned part (about a
third, ``held out``) that rule changes are not tuned on; both are printed, and all pages.

    python eval/eval_clean.py --data ../shared/data/extraction/dev [--worst 5]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from generator.errors import ContentError
from generator.ingest import clean_html, clean_text
from generator.ingest.escape import plain_text
from generator.model import Report

_TOKEN = re.compile(r"\w+")
SHINGLE = 4
HELD_OUT_SHARE = 3  # one page in this many (by the hash of its name) is never tuned on
Counts = tuple[float, float, float]


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The bag of ``size``-token shingles (a text shorter than that is one shingle)."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1))
                   if tokens[i:i + size])


def match(true: str, pred: str) -> Counts:
    """TP, FP, FN over shingles, normalised so that every page weighs the same."""
    gold, got = shingles(true), shingles(pred)
    tp = float(sum((gold & got).values()))
    fp = float(sum((got - gold).values()))
    fn = float(sum((gold - got).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    """Benchmark precision: 1 when both are empty, 0 when nothing predicted matches."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    """Benchmark recall: 1 when both are empty, 0 when nothing gold was found."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: list[Counts]) -> tuple[float, float, float]:
    """Mean precision and recall over pages (as the benchmark does), and their F1."""
    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def body_text(report: Report) -> str:
    """What the benchmark compares: the article body as plain text."""
    return plain_text(report.body)


def predict(path: Path, clean: Callable[[str], Report]) -> str:
    """The cleaned body of one page; a page the cleaner rejects counts as empty."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        raw = handle.read()
    try:
        return body_text(clean(raw))
    except ContentError:
        return ""


def evaluate(data: Path, suffix: str, clean: Callable[[str], Report]) -> list[tuple[str, Counts]]:
    """Per-page counts for every ``<id><suffix>`` that has a gold body."""
    results = []
    for gold_path in sorted(data.glob("*.gold.txt")):
        page_id = gold_path.name[: -len(".gold.txt")]
        page = data / f"{page_id}{suffix}"
        if page.exists():
            gold = gold_path.read_text(encoding="utf-8")
            results.append((page_id, match(gold, predict(page, clean))))
    return results


def held_out(page_id: str) -> bool:
    """True for the pages kept out of tuning: a stable hash of the name, not the name itself
    (the names are hashes already, but a data set with other names splits the same way)."""
    digest = hashlib.sha256(page_id.encode("utf-8")).digest()
    return digest[0] % HELD_OUT_SHARE == 0


def parts(results: list[tuple[str, Counts]]) -> dict[str, list[tuple[str, Counts]]]:
    """The results split into the tuned part, the held-out part, and all of them."""
    return {"tuned": [r for r in results if not held_out(r[0])],
            "held out": [r for r in results if held_out(r[0])], "all": results}


def main(argv: list[str] | None = None) -> int:
    """Print precision, recall and F1 for the plain-text dumps and for the HTML pages."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with <id>.gold.txt")
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst pages")
    parser.add_argument("--only", choices=("txt", "html"), help="evaluate one input kind")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: {args.data} is not a folder", file=sys.stderr)
        return 2
    kinds = {"txt": (".txt", clean_text), "html": (".html.gz", clean_html)}
    print(f"{'input':<8}{'part':<10}{'pages':>6}{'precision':>11}{'recall':>8}{'F1':>7}")
    for name, (suffix, clean) in kinds.items():
        if args.only and args.only != name:
            continue
        results = evaluate(args.data, suffix, clean)
        for part, part_results in parts(results).items():
            p, r, f1 = scores([c for _, c in part_results])
            print(f"{name:<8}{part:<10}{len(part_results):>6}{p:>11.3f}{r:>8.3f}{f1:>7.3f}")
        tuned = parts(results)["tuned"]
        for page_id, (tp, fp, fn) in sorted(tuned, key=lambda x: x[1][0])[: args.worst]:
            print(f"    {page_id}  tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
