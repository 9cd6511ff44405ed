"""The dates the cleaner infers from a report's text, against the dates the reports have.

A text dump without a date line gets the date the cleaner infers from its text (captions,
a dateline, dates written in the text: ``ingest.dates.infer_date``), or none ("no date
found"), and that date becomes the article's and its story's. The AllSides leads carry the
day their story was published: an inferred date within ``CLOSE_DAYS`` of it is right, any
other is wrong (a date of a past event, a deadline to come). ECB+ reports have no date: an
inferred one is counted, not scored.

    python eval/eval_dates.py --data ../shared/data/clustering
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import ingest  # noqa: E402
from generator.errors import ContentError  # noqa: E402

CLOSE_DAYS = 3


def inferred(title: str, text: str) -> dt.date | None:
    """The date the cleaner gives a text dump of the report (a headline, then its text)."""
    try:
        report = ingest.clean_text(f"{title}\n\n{text}\n")
    except ContentError:
        return None
    date = report.date
    return date.date() if isinstance(date, dt.datetime) else date


def tally(path: Path) -> Counter[str]:
    """right / wrong / none (no date inferred) / unscored (inferred, no date to compare)."""
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        date = inferred(record["title"], record["text"])
        if date is None:
            counts["none"] += 1
        elif not record.get("date"):
            counts["unscored"] += 1
        else:
            true = dt.date.fromisoformat(str(record["date"])[:10])
            counts["right" if abs((date - true).days) <= CLOSE_DAYS else "wrong"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the clustering data folder")
    args = parser.parse_args()
    print("| reports | inferred | right (within 3 days) | wrong | none |\n"
          "|---|---:|---:|---:|---:|")
    for name in ("allsides.jsonl", "ecbplus_dev.jsonl"):
        counts = tally(args.data / name)
        made = counts["right"] + counts["wrong"] + counts["unscored"]
        scored = counts["right"] + counts["wrong"]
        right = f"{counts['right']} ({counts['right'] / scored:.0%})" if scored else "-"
        wrong = str(counts["wrong"]) if scored else f"- ({counts['unscored']} unscored)"
        print(f"| {name} | {made} | {right} | {wrong} | {counts['none']} |")


if __name__ == "__main__":
    main()
