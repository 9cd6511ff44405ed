"""What a write of the output folder that stops part way leaves, said truthfully.

An OSError while writing (a full disk, a read-only folder) becomes one ``WriteError`` line
naming the page, saying how to fix it and what the folder holds now. Ctrl-C is held back
while the written files are renamed into place (``interrupts_held``: renames take a moment),
so it never leaves the site part old, part new; from that moment on it is reported as
``Interrupted``, saying that the folder holds the new site (before it, a plain
KeyboardInterrupt: the folder was left as it was). Only ``kill -9`` can stop the renames
part way; the next build completes them (``write``).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from generator.errors import Interrupted, WriteError


def left_as_it_was(output_dir: Path) -> str:
    """The state of a write that failed before anything was renamed into place."""
    if output_dir.exists():
        return f"{output_dir}/ was left as it was"
    return f"no {output_dir}/ was made"


def holds_new(output_dir: Path) -> str:
    """The state once every written file is in place."""
    return f"{output_dir}/ holds the new site"


def partly_new(output_dir: Path, done: int, total: int) -> str:
    """The state of an in-place write stopped after ``done`` of ``total`` renames."""
    if done == 0:
        return left_as_it_was(output_dir)
    return (f"{done} of {total} changed files in {output_dir}/ are new, the others as they "
            "were (each file whole); build again to complete it")


def cannot_write(exc: OSError, path: Path, output_dir: Path, state: str,
                 verb: str = "write") -> WriteError:
    """One line: which file could not be written (``path``: in ``output_dir``, or the fresh
    tree beside it), why, what to do, and what the folder holds (``state``)."""
    writable = output_dir if path.is_relative_to(output_dir) else path.parent
    reason = WriteError.reason(exc, writable)
    return WriteError(f"{output_dir}/: cannot {verb} {path}: {reason}; {state}")


def shown_path(exc: OSError, output_dir: Path, staged: Path) -> Path:
    """The file an OSError is about, as the page it was to become when it is in the fresh
    tree ``staged`` (the output folder when the error names no file)."""
    if not exc.filename:
        return output_dir
    path = Path(os.fsdecode(exc.filename))
    return output_dir / path.relative_to(staged) if path.is_relative_to(staged) else path


@contextmanager
def interrupts_held(state: str) -> Iterator[None]:
    """Ctrl-C (SIGINT) held back until the block ends, then raised as
    ``Interrupted(state)``; an exception from the block wins. Outside the main thread, where
    SIGINT never raises, or when SIGINT has no Python handler, the block just runs."""
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous is None:
        yield  # None: a handler set outside Python, which could not be put back
        return
    caught: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and previous is not signal.SIG_IGN:
        raise Interrupted(state)


@contextmanager
def after_writing(output_dir: Path) -> Iterator[None]:
    """Ctrl-C in the block, which runs once the new site is in place (removing the old
    tree, say), reported as ``Interrupted``: the folder holds the new site."""
    try:
        yield
    except Interrupted:
        raise
    except KeyboardInterrupt:
        raise Interrupted(holds_new(output_dir)) from None


class Outcome:
    """Whether a build has put its site in place yet (``written``): a Ctrl-C after that,
    while the build records and tidies up, is reported as ``Interrupted`` (the folder holds
    the new site), not as one that left the folder as it was. Enter it outermost."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.done = False

    def written(self) -> None:
        """From now on the output folder holds the new site."""
        self.done = True

    def __enter__(self) -> Outcome:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.done and isinstance(exc, KeyboardInterrupt) and not isinstance(
                exc, Interrupted):
            raise Interrupted(holds_new(self.output_dir)) from None
