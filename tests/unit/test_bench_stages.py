"""The bench's stage-by-stage timing of a build (``bench/stages.py``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import stages  # noqa: E402

# a stand-in for ``digest build``: the same stage lines, with known pauses between them
FAKE_BUILD = """
import sys, time
print("loading...", file=sys.stderr, flush=True)
time.sleep(0.2)
print("rendering (3)...", file=sys.stderr, flush=True)
print("a warning that is no stage", file=sys.stderr, flush=True)
time.sleep(0.4)
"""


def test_stages_are_timed_from_their_line_to_the_next() -> None:
    found = stages.timed_stages([sys.executable, "-c", FAKE_BUILD], os.environ)
    assert [stage.label for stage in found] == ["start-up", "loading", "rendering"]
    # the marks are taken as the lines are read, so a stage's share may shift by however
    # late the reader is; the whole runs from before the start to after the exit
    assert sum(stage.seconds for stage in found) >= 0.2 + 0.4
    assert all(0.0 <= stage.seconds < 30 for stage in found)
    assert all(0.0 <= stage.cores_busy <= (os.cpu_count() or 1) for stage in found)


def test_a_failed_build_stops_the_bench_with_what_it_said() -> None:
    failing = 'import sys; print("loading...", file=sys.stderr); sys.exit("no site.yaml")'
    with pytest.raises(SystemExit, match="no site.yaml"):
        stages.timed_stages([sys.executable, "-c", failing], os.environ)


def test_cores_busy_comes_from_the_idle_share_of_the_ticks_between_marks() -> None:
    marks = [("a", 0.0, (100, 50)), ("b", 1.0, (300, 50)), ("end", 3.0, (500, 150))]
    found = stages.stages_between(marks, cores=2)
    assert found == [stages.Stage("a", 1.0, 2.0), stages.Stage("b", 2.0, 1.0)]
    assert stages.stage_table(found, 2)[2:] == ["| a | 1.00 | 33% | 2.00 |",
                                                "| b | 2.00 | 67% | 1.00 |"]
