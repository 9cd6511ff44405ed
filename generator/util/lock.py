"""One build at a time: exclusive ``flock`` locks that name the process holding them.

The kernel releases a lock when its process ends, so a crashed build never blocks the next.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from generator.errors import DigestError

CONTENT_LOCK = ".digest/build.lock"
OUTPUT_LOCK = ".digest.lock"


class BuildLocked(DigestError):
    """Another build holds the lock."""


def paths(content_dir: Path, output_dir: Path) -> tuple[Path, Path]:
    """The lock files of a build: one in the content folder, one beside the output folder."""
    return (content_dir / CONTENT_LOCK,
            output_dir.resolve().parent / OUTPUT_LOCK)


@contextlib.contextmanager
def hold(content_dir: Path, output_dir: Path) -> Iterator[None]:
    """Hold both build locks, or raise BuildLocked at once (never waits)."""
    with contextlib.ExitStack() as stack:
        for path in paths(content_dir, output_dir):
            stack.enter_context(exclusive(path))
        yield


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path``, which records our pid while we hold it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise DigestError(f"{path}: cannot make the build lock ({exc.strerror}); make its "
                          "folder writable, then build again") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise BuildLocked(f"another build is running (pid {pid}); wait for it or remove "
                              f"{path} if it crashed") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)
