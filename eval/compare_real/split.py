"""The held-out part of the labelled comparison set: a story is held out when the first eight
hex digits of the sha256 of its id, as a number, are divisible by three. Run it to print both
parts: ``python eval/compare_real/split.py``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels"


def held_out(story_id: str) -> bool:
    """Whether a story is in the part nobody tunes on."""
    return int(hashlib.sha256(story_id.encode("utf-8")).hexdigest()[:8], 16) % 3 == 0


def main() -> None:
    """Print the dev and held-out story ids of the labels present."""
    stories = sorted(json.loads(p.read_text("utf-8"))["story"] for p in LABELS.glob("*.json"))
    for name, part in (("dev", [s for s in stories if not held_out(s)]),
                       ("held out", [s for s in stories if held_out(s)])):
        print(f"{name} ({len(part)}): {' '.join(part)}")


if __name__ == "__main__":
    main()
