"""One build's writing of ``output/``, first step to last, so that ``build`` says only when.

Entered as the build starts (the lock held, the last build's stamps read), a ``Session``
begins the scan of ``output/`` against those stamps in a forked child, beside the loading, and
removes what an interrupted build left beside the folder. ``streaming`` then gives a first
build (no site in ``output/`` yet) a function that writes pages into the new tree as they are
made; ``scan_meanwhile`` begins the scan in a thread when forking was unsafe (``digest
serve``'s threads); ``write`` writes what differs, or completes the new tree, and swaps it in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from generator.util import forked
from generator.util.progress import Progress
from generator.write import tree
from generator.write.faults import Outcome
from generator.write.stamps import OnDisk, Stamp, Written

T = TypeVar("T")
OnPages = Callable[[Mapping[str, bytes], Mapping[str, bytes]], None]  # pages, their digests


class Session:
    """What a build writes into ``output_dir``, and when (see the module's docstring)."""

    def __init__(self, output_dir: Path, last: Mapping[str, Stamp], outcome: Outcome) -> None:
        self.output_dir, self.last, self.outcome = output_dir, last, outcome
        self._stack = ExitStack()
        self._early: Callable[[], OnDisk | None] | None = None
        self._scanned: Callable[[], OnDisk | None] | None = None
        self._staging: tree.Staging | None = None

    def __enter__(self) -> Session:
        self._early = self._stack.enter_context(
            forked.begun(partial(tree.scan_output, self.output_dir, self.last)))
        tree.remove_leftovers(self.output_dir)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._stack.close()

    @contextmanager
    def streaming(self) -> Iterator[OnPages | None]:
        """A first build's writer of pages as they come (None when ``output_dir`` holds an
        earlier build: only what differs from it is written, at the end). A failed build
        removes what it streamed."""
        with tree.streamed(self.output_dir) as staging:
            self._staging = staging
            yield staging.add if staging is not None else None

    @property
    def add(self) -> OnPages | None:
        """``streaming``'s writer, inside its block."""
        return self._staging.add if self._staging is not None else None

    def scan_meanwhile(self) -> None:
        """The scan of ``output/``, begun now in a thread if it was not begun in a child (and
        none when the pages are streamed: a first build has nothing to compare with)."""
        if self._staging is None:
            self._scanned = self._early or meanwhile(
                partial(tree.scan_output, self.output_dir, self.last)).result

    def write(self, pages: Mapping[str, bytes], digests: Mapping[str, bytes],
              progress: Progress) -> Written:
        """Put ``pages`` in place (``digests``: the sha256 known of some); from then on
        ``output_dir`` holds the new site."""
        progress.stage("writing", len(pages))
        if self._staging is not None:
            written = self._staging.finish(pages, progress.advance, digests)
        else:
            written = tree.replace_tree(pages, self.output_dir, self.last, progress.advance,
                                        digests, self._scanned)
        self.outcome.written()
        return written


def meanwhile(work: Callable[[], T]) -> Future[T]:
    """``work()`` in a thread of its own, which ends with it."""
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(work)
    finally:
        pool.shutdown(wait=False)
