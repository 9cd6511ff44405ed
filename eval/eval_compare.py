"""Precision and recall of story comparison on the labelled fixture stories.

Each folder of tests/fixtures/compare/ (except the seed) is a story: its *.md reports and an
expected.yaml with the disputes of substance (kind and normalised values), the spelling
variants, the agreed numbers and dates (keys), the sentences only one report carries
(substrings, by slug) and the provenance relations. Run: ``python eval/eval_compare.py``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.compare.comparison import Comparison, compare  # noqa: E402
from generator.content import parse_article  # noqa: E402
from generator.model import Story, sort_key  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "compare"


@dataclass
class Score:
    """Counts of true positives, predictions and expected items for one measure."""

    hits: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, predicted: set[Any], expected: set[Any]) -> None:
        """Add one story's predicted and expected sets."""
        self.hits += len(predicted & expected)
        self.predicted += len(predicted)
        self.expected += len(expected)

    def line(self, name: str) -> str:
        """A printable line with precision and recall."""
        precision = self.hits / self.predicted if self.predicted else 1.0
        recall = self.hits / self.expected if self.expected else 1.0
        return (f"{name:<16} precision {precision:6.1%} ({self.hits}/{self.predicted})   "
                f"recall {recall:6.1%} ({self.hits}/{self.expected})")


def load_story(folder: Path) -> Story:
    """The fixture story of a folder: its reports, oldest first, the first leading."""
    articles = sorted((parse_article(p.read_text(encoding="utf-8"), p)[0]
                       for p in sorted(folder.glob("*.md"))), key=lambda a: sort_key(a.date))
    return Story(id=folder.name, headline=articles[0].title, summary="",
                 articles=tuple(articles), lead=articles[0])


def predicted_sets(c: Comparison) -> dict[str, set[Any]]:
    """What the comparison found, in the comparable form the labels use."""
    unique = {(slug, u.sentence) for slug, items in c.unique for u in items
              if u.kind == "sentence"}
    relations = set() if c.provenance is None else {
        (frozenset((r.first, r.second)), r.relation) for r in c.provenance.relations
        if r.relation != "independent"}
    return {
        "disputes": {(d.kind, frozenset(m.value for m in d.sides)) for d in c.disputed},
        "variants": {frozenset(m.value for m in d.sides) for d in c.variants},
        "agreed": {a.key for a in c.agreed if a.kind in ("quantity", "date")},
        "unique": unique,
        "relations": relations,
    }


def expected_sets(labels: dict[str, Any], c: Comparison) -> dict[str, set[Any]]:
    """The labels, in the same form; unique substrings resolve to the predicted sentence
    that contains them (or stay as the substring, counting as a miss)."""
    sentences = {(slug, u.sentence) for slug, items in c.unique for u in items
                 if u.kind == "sentence"}
    unique: set[tuple[str, str]] = set()
    for slug, parts in (labels.get("unique") or {}).items():
        for part in parts:
            hit = next((s for s in sentences if s[0] == slug and part in s[1]), None)
            unique.add(hit or (slug, part))
    return {
        "disputes": {(d["kind"], frozenset(d["values"])) for d in labels.get("disputes") or []},
        "variants": {frozenset(v) for v in labels.get("variants") or []},
        "agreed": set(labels.get("agreed") or []),
        "unique": unique,
        "relations": {(frozenset(r["reports"]), r["relation"])
                      for r in labels.get("relations") or []},
    }


def story_folders(root: Path) -> Iterable[Path]:
    """Labelled story folders under the fixture root, in name order."""
    return sorted(p.parent for p in root.glob("*/expected.yaml"))


def main(argv: list[str] | None = None) -> int:
    """Print per-measure precision and recall over all fixture stories; 1 if no fixtures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses")
    args = parser.parse_args(argv)
    scores = {name: Score() for name in ("disputes", "variants", "agreed", "unique",
                                         "relations")}
    folders = list(story_folders(args.fixtures))
    for folder in folders:
        comparison = compare(load_story(folder))
        labels = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8")) or {}
        predicted, expected = predicted_sets(comparison), expected_sets(labels, comparison)
        for name, score in scores.items():
            score.add(predicted[name], expected[name])
            if args.verbose:
                for extra in sorted(map(str, predicted[name] - expected[name])):
                    print(f"{folder.name}: unexpected {name}: {extra}")
                for missed in sorted(map(str, expected[name] - predicted[name])):
                    print(f"{folder.name}: missed {name}: {missed}")
    print(f"compare: {len(folders)} fixture stories")
    for name, score in scores.items():
        print(score.line(name))
    return 0 if folders else 1


if __name__ == "__main__":
    raise SystemExit(main())
