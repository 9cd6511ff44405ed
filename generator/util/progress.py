"""Progress of long work: a bar on a terminal, plain lines in CI, nothing with ``--quiet``."""

from __future__ import annotations

import os
import sys
from typing import Literal, TextIO

Mode = Literal["bar", "lines", "off"]
BAR_WIDTH = 30


class Progress:
    """Reports stages and steps within a stage; a reporter object, passed to the build."""

    def __init__(self, mode: Mode = "off", stream: TextIO | None = None) -> None:
        self.mode: Mode = mode
        self.stream = stream if stream is not None else sys.stderr
        self.label = ""
        self.total = 0
        self.count = 0

    @classmethod
    def for_terminal(cls, quiet: bool, stream: TextIO | None = None) -> Progress:
        """A bar when ``stream`` is a terminal outside CI, plain lines otherwise, off if quiet."""
        out = stream if stream is not None else sys.stderr
        if quiet:
            return cls("off", out)
        interactive = out.isatty() and not os.environ.get("CI")
        return cls("bar" if interactive else "lines", out)

    def stage(self, label: str, total: int = 0) -> None:
        """Start a stage; ``total`` steps when it has countable work."""
        self.finish()
        self.label, self.total, self.count = label, total, 0
        if self.mode == "lines":
            suffix = f" ({total})" if total else ""
            print(f"{label}{suffix}...", file=self.stream, flush=True)
        self._draw()

    def advance(self, steps: int = 1) -> None:
        """One more step of the current stage done."""
        self.count += steps
        self._draw()

    def finish(self) -> None:
        """End the current bar line, if one is drawn."""
        if self.mode == "bar" and self.label:
            print(file=self.stream, flush=True)
        self.label = ""

    def _draw(self) -> None:
        if self.mode != "bar" or not self.label:
            return
        if self.total:
            done = min(self.count, self.total)
            filled = BAR_WIDTH * done // self.total
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            text = f"\r{self.label:<12} [{bar}] {done}/{self.total}"
        else:
            text = f"\r{self.label}..."
        print(text, end="", file=self.stream, flush=True)
