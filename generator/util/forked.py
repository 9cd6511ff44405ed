"""Split pure CPU-bound work over forked child processes (no state of its own).

The clusterer's tokenising and similarity graph are numpy and pure-Python work on data this
process already holds. Forked children inherit that data (nothing is pickled on the way in) and
send back only their results; this process works on the first share meanwhile (``forked_map``)
or goes on with its own work (``begun``: the build's scan of output/). Forking a process that
runs threads (``digest serve``) is unsafe, so then everything runs here.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TypeVar

Share = TypeVar("Share")
Item = TypeVar("Item")
Result = TypeVar("Result")

MAX_WORKERS = 4
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


def cores() -> int:
    """How many cores this process may use."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, usable or 1)


def workers() -> int:
    """How many processes to split work over: the cores this process may use (at most 4)."""
    return min(cores(), MAX_WORKERS)


def shares(items: Sequence[Share], processes: int) -> list[Sequence[Share]]:
    """``items`` in ``processes`` consecutive runs of about equal length (fewer when there
    are fewer items; none when there are none)."""
    step = max(1, -(-len(items) // max(processes, 1)))
    return [items[start:start + step] for start in range(0, len(items), step)]


def split_map(work: Callable[[Sequence[Item]], Sequence[Result]], items: Sequence[Item],
              minimum: int) -> list[Result]:
    """``work`` over ``items`` in consecutive shares, one per process (``forked_map``) when
    there are at least ``minimum`` items, else all here; the results joined in order."""
    processes = workers() if len(items) >= minimum else 1
    return [result for part in forked_map(work, shares(items, processes)) for result in part]


def can_fork() -> bool:
    """Whether forking is available and safe (this process runs a single thread)."""
    return "fork" in mp.get_all_start_methods() and threading.active_count() == 1


def forked_map(work: Callable[[Share], Result], shares: Sequence[Share]) -> list[Result]:
    """``[work(share) for share in shares]``: the first share here, every other one in a forked
    child. A child that dies (killed, out of memory) has its share redone here, so the result
    never depends on how the work was split."""
    if len(shares) < 2 or not can_fork():
        return [work(share) for share in shares]
    children = [(*_fork(work, share), share) for share in shares[1:]]
    results = [work(shares[0])]
    for child, receive, share in children:
        with receive:
            results.append(_received(receive, work, share))
        child.join()
    return results


@contextmanager
def begun(work: Callable[[], Result]) -> Iterator[Callable[[], Result] | None]:
    """``work()`` begun now in a forked child, to run beside what this process does next.

    Yields a function that waits for the result (a child that died has its work redone
    here), or None when forking is not safe: the caller then does the work its own way. A
    child whose result was not asked for is stopped on leaving the block."""
    if not can_fork():
        yield None
        return
    child, receive = _fork(_called, work)
    got: list[Result] = []

    def result() -> Result:
        if not got:
            got.append(_received(receive, _called, work))
        return got[0]

    try:
        yield result
    finally:
        if not got:
            child.terminate()
        child.join()
        receive.close()


def _called(work: Callable[[], Result]) -> Result:
    return work()


def die_with_parent(parent: int) -> None:
    """Make this child process end when ``parent`` (the process that started it) ends, even
    by SIGKILL: a forked child holds the build's locks (its open files are the parent's), so
    a child outliving a killed build would keep every later build out. Linux only (prctl);
    elsewhere children end when their work does."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the line above: nobody will signal
        os._exit(1)


def _fork(work: Callable[[Share], Result], share: Share) -> tuple[BaseProcess, Connection]:
    """A forked child doing ``work(share)`` (``_send``), and the end its result comes from."""
    context = mp.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_send, args=(work, share, send, os.getpid()), daemon=True)
    child.start()
    send.close()
    return child, receive


def _received(receive: Connection, work: Callable[[Share], Result], share: Share) -> Result:
    """A child's result, or ``work(share)`` done here when the child died without one."""
    try:
        result: Result = receive.recv()
    except EOFError:
        return work(share)
    return result


def _send(work: Callable[[Share], Result], share: Share, send: Connection, parent: int) -> None:
    """A forked child's whole life: do its share and send the result back. A child whose
    work fails (or is interrupted) ends without a word: this process then does the share
    again and raises the error, once, with its traceback. It dies with its parent."""
    die_with_parent(parent)
    with send:
        try:
            result = work(share)
        except BaseException:  # noqa: BLE001 - reported by the parent, which redoes it
            os._exit(1)
        send.send(result)
