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


def dev_half(story_id: str) -> str:
    """Which half of the dev part a story is in, ``dev-a`` or ``dev-b`` (the next eight hex
    digits of the same hash, odd or even): whoever tunes reads examples of dev-a only and keeps a
    rule only when dev-b, read as figures alone, does not get worse. Dev gains that did not carry
    to held out (2026-12-02: disputes 69% on dev, 27% held out) are what this check is for."""
    digit = int(hashlib.sha256(story_id.encode("utf-8")).hexdigest()[8:16], 16)
    return "dev-b" if digit % 2 else "dev-a"


def main() -> None:
    """Print the dev and held-out story ids of the labels present."""
    stories = sorted(json.loads(p.read_text("utf-8"))["story"] for p in LABELS.glob("*.json"))
    dev = [s for s in stories if not held_out(s)]
    for name, part in (("dev", dev),
                       ("dev-a", [s for s in dev if dev_half(s) == "dev-a"]),
                       ("dev-b", [s for s in dev if dev_half(s) == "dev-b"]),
                       ("held out", [s for s in stories if held_out(s)])):
        print(f"{name} ({len(part)}): {' '.join(part)}")


if __name__ == "__main__":
    main()
