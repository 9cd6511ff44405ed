"""Check the labels against the data they were read from: every report id exists and belongs to
the story, every labelled quotation and every dispute side's quote is an exact substring of its
report (headline and text, as ``eval_compare_real.reports_of`` gives them), and a side's value
stands in its quote. ``python eval/compare_real/check_labels.py``; exits 1 naming each fault."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "data"
sys.path.insert(0, str(HERE))
from pages import page_text  # noqa: E402

SOURCES = {"allsides": "clustering/allsides.jsonl", "ecbplus_dev": "clustering/ecbplus_dev.jsonl"}


def texts(set_name: str) -> dict[str, str]:
    """Each report's headline and text of one data set, by report id."""
    if set_name == "extraction":
        return {p.name[:-len(".gold.txt")]: page_text(p.name[:-len(".gold.txt")])
                for p in (DATA / "extraction" / "dev").glob("*.gold.txt")}
    if set_name == "seeds":
        return {p.stem: p.read_text("utf-8") for p in (DATA.parent / "seeds").glob("*.txt")}
    rows = (json.loads(line) for line in
            (DATA / SOURCES[set_name]).read_text("utf-8").splitlines())
    return {r["id"]: f"{r['title']}\n\n{r['text']}\n" for r in rows}


def faults(label: dict[str, Any], text: dict[str, str]) -> list[str]:
    """What in one label does not match its reports."""
    story = label["story"]
    found = [f"{story}: no report {r}" for r in label["reports"] if r not in text]
    quotes = [(q["report"], q["quote"], None) for q in label["quotes"]]
    quotes += [(s["report"], s["quote"], s["value"])
               for d in label["disputes"] for s in d["sides"]]
    for report, quote, value in quotes:
        if report not in label["reports"]:
            found.append(f"{story}: {report} is not a report of the story")
        elif quote not in text.get(report, ""):
            found.append(f"{story}: {quote!r} is not in {report}")
        elif value is not None and value not in quote:
            found.append(f"{story}: value {value!r} is not in its quote {quote!r}")
    return found


def main() -> int:
    """Check every label; print each fault."""
    cache: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    paths = sorted((HERE / "labels").glob("*.json"))
    for path in paths:
        label = json.loads(path.read_text("utf-8"))
        if label["set"] not in cache:
            cache[label["set"]] = texts(label["set"])
        problems += faults(label, cache[label["set"]])
    print("\n".join(problems) or f"{len(paths)} labels: every quote is in its report")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
