"""Print the story ids of an AllSides batch (3 or later; see README.md): the first 30 by story
id among the stories not labelled in an earlier batch whose three reports each hold a figure or
a quotation. ``python eval/compare_real/pick_batch.py N [path/to/allsides.jsonl]``."""

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
BATCH = re.compile(r"\(batch (\d+)\)")  # how a label's notes name its batch (none: batch 1-2)
SIZE = 30


def has_quotation(text: str) -> bool:
    """Whether four or more words stand between double quotation marks."""
    return any(len(m.group(1).split()) >= 4 for m in QUOTATION.finditer(text))


def qualifies(reports: list[dict[str, str]]) -> bool:
    """Three reports, each with a figure or a quotation in its title or text."""
    texts = [f"{r['title']}\n{r['text']}" for r in reports]
    return len(texts) == 3 and all(FIGURE.search(t) or has_quotation(t) for t in texts)


def batch_of(label: dict[str, object]) -> int:
    """The batch a label was made in: the one its notes name, else 2 (batches 1-2 name none)."""
    found = BATCH.search(str(label.get("notes", "")))
    return int(found[1]) if found else 2


def picked(batch: int, path: Path = DATA) -> list[str]:
    """The story ids of ``batch``: a story labelled in that batch stays picked once labelled."""
    stories: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        stories[record["story"]].append(record)
    earlier = {p.stem for p in LABELS.glob("as-*.json")
               if batch_of(json.loads(p.read_text("utf-8"))) < batch}
    return [s for s in sorted(stories) if s not in earlier and qualifies(stories[s])][:SIZE]


def main(argv: list[str]) -> None:
    """Print the picked story ids, one a line."""
    if not argv or not argv[0].isdigit() or int(argv[0]) < 3:
        sys.exit("usage: pick_batch.py N [allsides.jsonl]  (N: a batch from 3 on)")
    print("\n".join(picked(int(argv[0]), Path(argv[1]) if len(argv) > 1 else DATA)))


if __name__ == "__main__":
    main(sys.argv[1:])
