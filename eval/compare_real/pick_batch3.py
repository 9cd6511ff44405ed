"""Print the story ids of AllSides batch 3 (see README.md): the first 30 by story id among the
stories not labelled in batches 1-2 whose three reports each hold a figure or a quotation.
``python eval/compare_real/pick_batch3.py [path/to/allsides.jsonl]``."""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "clustering" / "allsides.jsonl"
LABELS = Path(__file__).resolve().parent / "labels"
FIGURE = re.compile(r"\d")
QUOTATION = re.compile(r"[\"“]([^\"“”]+)[\"”]")
BATCH_3 = "(batch 3)"  # how a batch-3 label's notes begin: it stays picked once labelled


def has_quotation(text: str) -> bool:
    """Whether four or more words stand between double quotation marks."""
    return any(len(m.group(1).split()) >= 4 for m in QUOTATION.finditer(text))


def qualifies(reports: list[dict[str, str]]) -> bool:
    """Three reports, each with a figure or a quotation in its title or text."""
    texts = [f"{r['title']}\n{r['text']}" for r in reports]
    return len(texts) == 3 and all(FIGURE.search(t) or has_quotation(t) for t in texts)


def main(argv: list[str]) -> None:
    """Print the 30 picked story ids, one a line."""
    path = Path(argv[0]) if argv else DATA
    stories: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        stories[record["story"]].append(record)
    batch_1_2 = {p.stem for p in LABELS.glob("as-*.json")
                 if BATCH_3 not in json.loads(p.read_text("utf-8")).get("notes", "")}
    picked = [s for s in sorted(stories) if s not in batch_1_2 and qualifies(stories[s])][:30]
    print("\n".join(picked))


if __name__ == "__main__":
    main(sys.argv[1:])
