"""What the last build wrote (``Stamp``: each file's sha256 and stat afterwards) and what the
output folder holds now (``scan``), so the writer (``write``) trusts a file whose stat still
matches its stamp instead of reading it: the trust-the-stat rule of make and git.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a build wrote at one path: the bytes' sha256 and the file's stat afterwards."""

    sha256: bytes
    size: int
    mtime_ns: int
    inode: int

    def matches(self, st: os.stat_result | FileStat) -> bool:
        """True when the file on disk is still the one this stamp was taken of."""
        return (st.st_size, st.st_mtime_ns, st.st_ino) == (self.size, self.mtime_ns, self.inode)


Stamps = dict[str, Stamp]  # site path -> stamp, for every file of the output folder


class Written(dict[str, Stamp]):
    """What a write leaves: the stamps of every file (a ``Stamps``), and how many of the
    site's pages it wrote (``written``); the others already held their bytes and were left
    alone (a first build writes them all)."""

    __slots__ = ("written",)

    def __init__(self, stamps: Mapping[str, Stamp], written: int) -> None:
        super().__init__(stamps)
        self.written = written


class FileStat(NamedTuple):
    """What the writer reads of a file's stat (a plain tuple: quick to send between
    processes)."""

    st_mode: int
    st_size: int
    st_mtime_ns: int
    st_ino: int


@dataclass(frozen=True, slots=True)
class OnDisk:
    """The output folder as found: the regular files whose stat still matches their stamp
    from the last build (``trusted``), every other file and symlink with its stat
    (``files``), all by site path, and the folders."""

    trusted: set[str]
    files: dict[str, FileStat]
    folders: set[str]

    def __contains__(self, rel: object) -> bool:
        return rel in self.trusted or rel in self.files

    def paths(self) -> Iterator[str]:
        """Every file's site path."""
        yield from self.trusted
        yield from self.files


def scan(output_dir: Path, last: Mapping[str, Stamp]) -> OnDisk:
    """Every file below ``output_dir`` (symlinks are not followed), those still matching
    their stamp in ``last`` apart from the rest."""
    found = OnDisk(trusted=set(), files={}, folders=set())
    todo = [("", str(output_dir))]
    while todo:
        rel_dir, folder = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = f"{rel_dir}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    found.folders.add(rel)
                    todo.append((f"{rel}/", entry.path))
                    continue
                st = entry.stat(follow_symlinks=False)
                stamp = last.get(rel)
                if stamp is not None and stat.S_ISREG(st.st_mode) and stamp.matches(st):
                    found.trusted.add(rel)
                else:
                    found.files[rel] = FileStat(st.st_mode, st.st_size, st.st_mtime_ns,
                                                st.st_ino)
    return found
