"""Where a cold build's time goes: each stage's wall time and how busy the machine's cores were.

``digest build`` without ``--quiet``, outside a terminal, prints one line as each stage begins
("loading...", "rendering...", "search index..."). The bench reads them as they come and
reads the machine's CPU counters (``/proc/stat``) at each, so a stage that left a core idle
(waiting on the disk, or on one process) shows as fewer than all the cores busy.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of a build: its label, wall seconds and cores busy on average (machine-wide)."""

    label: str
    seconds: float
    cores_busy: float


def cpu_ticks() -> tuple[int, int]:
    """(all ticks, idle ticks) of the whole machine since boot, from ``/proc/stat``
    (idle counts iowait too: a core waiting on the disk does no work)."""
    with open("/proc/stat", encoding="ascii") as handle:
        fields = [int(value) for value in handle.readline().split()[1:]]
    return sum(fields), fields[3] + fields[4]


def timed_stages(command: Sequence[str], env: Mapping[str, str]) -> list[Stage]:
    """Run ``command`` (a build printing a line per stage on stderr), which must succeed, and
    time each stage from its line to the next one (the last to the process's exit)."""
    marks: list[tuple[str, float, tuple[int, int]]] = [("start-up", time.perf_counter(),
                                                        cpu_ticks())]
    process = subprocess.Popen(command, env=dict(env), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    said = []
    for line in process.stderr:
        said.append(line)
        if line.rstrip().endswith("..."):
            label = line.rstrip().removesuffix("...").split(" (")[0]
            marks.append((label, time.perf_counter(), cpu_ticks()))
    if process.wait() != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{''.join(said)[-2000:]}")
    marks.append(("end", time.perf_counter(), cpu_ticks()))
    return stages_between(marks, os.cpu_count() or 1)


def stages_between(marks: Sequence[tuple[str, float, tuple[int, int]]],
                   cores: int) -> list[Stage]:
    """The stages between consecutive ``marks`` (label, time, ``cpu_ticks()``)."""
    stages = []
    for (label, began, (total0, idle0)), (_, ended, (total1, idle1)) in pairwise(marks):
        ticks = total1 - total0
        busy = cores * (1 - (idle1 - idle0) / ticks) if ticks else 0.0
        stages.append(Stage(label, ended - began, busy))
    return stages


def stage_table(stages: Sequence[Stage], cores: int) -> list[str]:
    """The stages as a Markdown table, with each one's share of the whole."""
    whole = sum(stage.seconds for stage in stages) or 1.0
    lines = [f"| stage | seconds | share | cores busy (of {cores}) |", "|---|---:|---:|---:|"]
    lines += [f"| {stage.label} | {stage.seconds:.2f} | {stage.seconds / whole:.0%} | "
              f"{stage.cores_busy:.2f} |" for stage in stages]
    return lines
