"""Whether ``digest build`` has anything to do: the stat of everything the last complete build
read and wrote, checked before the build imports its stages.

A build reads the content folder (less its cache and lock), the theme, the site settings and
the generator's own code and libraries; it writes ``output/``. When none of these changed
since a build that completed (the size, modification time and inode of every file and folder
the same: the trust-the-stat rule of make and git, which the writer's stamps follow too) and
the clock has not passed the date of an article held back, the site in ``output/`` is the one
a build would make, and the last build's report is given again. Anything else, and the full
build runs (``cli.run_build``): a file changed or added by hand in ``output/`` is repaired by
it, as before.

The record is a JSON file in the build cache, one per output folder, holding the digest of
the inputs as found before the build began (an edit made while it ran is a change the next
time) and the list of the files and folders it left. Only a build that settled the site
(``BuildReport.settled``: it wrote nothing into the content folder, left no search shard
behind and found its cache sound) is recorded, so one that ingested new reports or wrote story
ids is followed by one more full build, which has nothing to write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
import sys
import time
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from generator.cache import reach
from generator.cache.folder import CACHE_DIR
from generator.config import SiteConfig
from generator.errors import DigestError
from generator.util import files
from generator.util.lock import CONTENT_LOCK
from generator.write.stamps import Stamp

FORMAT = 1  # of the record's JSON: a record of another format is ignored
COARSE_SECONDS = 2  # how long a file kept to the whole second stays in doubt
_PACKAGE = reach.PACKAGE  # generator/


@dataclass(frozen=True, slots=True)
class Last:
    """What the last complete build reported, given again when nothing changed since, and the
    span of the clock over which it stays right: no article that is not a draft is dated in
    (``shown_through``, ``next_release``]."""

    articles: int
    stories: int
    pages: int
    held: int
    warnings: tuple[str, ...]  # as printed: "path:line: warning: ..."
    ingested: int = 0  # what this build did (a build with nothing to do did neither)
    written: int = 0
    shown_through: str | None = None  # ISO date-time of the newest article published
    next_release: str | None = None  # ISO date-time of the first article held back by date

    def holds_at(self, now: dt.datetime) -> bool:
        """True when a build at ``now`` publishes the same articles as this one did."""
        after = self.shown_through is None or dt.datetime.fromisoformat(self.shown_through) <= now
        before = self.next_release is None or now < dt.datetime.fromisoformat(self.next_release)
        return after and before


def record_path(cfg: SiteConfig) -> Path:
    """Where the record of builds into ``cfg.output_dir`` is kept."""
    key = hashlib.sha256(str(cfg.output_dir.resolve()).encode()).hexdigest()[:16]
    return cfg.content_dir / CACHE_DIR / f"fresh-{key}.json"


def inputs(cfg: SiteConfig) -> str:
    """A digest of everything a build of ``cfg`` reads, by stat (see the module's docstring).

    A file written in the last ``COARSE_SECONDS`` on a file system that keeps whole seconds
    (FAT, ext3) cannot be told by its stat from one written again within the same second,
    after the build read it, nor can a folder reached by a symlink be vouched for: then the
    digest is one no record holds, and the build runs whole."""
    skip = {os.path.join(cfg.content_dir, name) for name in (CACHE_DIR, CONTENT_LOCK)}
    names = [str(FORMAT), sys.version, repr(cfg), *_distributions()]
    numbers: list[int] = []
    doubt = False
    for root in (cfg.content_dir, cfg.theme_dir, _PACKAGE):
        for path, st in _tree(root, skip):
            names.append(path)
            if st is None:
                doubt = True
            else:
                numbers += (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ino)
    recent = time.time_ns() - COARSE_SECONDS * 1_000_000_000
    if doubt or any(n % 1_000_000_000 == 0 and n > recent for n in numbers[2::4]):
        names.append(f"in doubt: {time.time_ns()} {os.getpid()}")
    digest = hashlib.sha256("\n".join(names).encode("utf-8", "surrogateescape"))
    digest.update(array("Q", numbers).tobytes())
    return digest.hexdigest()


def _tree(root: Path, skip: set[str]) -> Iterator[tuple[str, os.stat_result | None]]:
    """Each file below ``root`` with its stat (a symlink's target's, as the build reads it), in
    a fixed order; bytecode caches left out (Python writes them on import), and folders but
    for the files they hold (the first build makes the content folder's ``.digest/``). A
    symlink to a folder comes with None: what it holds is not looked at."""
    todo = [str(root)]
    while todo:
        folder = todo.pop()
        try:
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError:
            continue  # gone, or not a folder: as if empty (the files it held are missed)
        for entry in entries:
            if entry.name == "__pycache__" or entry.path in skip:
                continue
            if entry.is_dir(follow_symlinks=False):
                todo.append(entry.path)
            elif not entry.is_symlink():
                yield entry.path, entry.stat(follow_symlinks=False)
            else:
                yield entry.path, _target(entry)


def _target(link: os.DirEntry[str]) -> os.stat_result | None:
    """The stat of a symlink's target; the link's own when it is broken; None for a folder."""
    try:
        st = link.stat()
    except OSError:
        return link.stat(follow_symlinks=False)
    return None if stat.S_ISDIR(st.st_mode) else st


def _distributions() -> Iterator[str]:
    """The installed distributions on the import path, by name and version (their metadata
    folders' names: quicker than reading each one's metadata)."""
    for folder in sys.path:
        try:
            with os.scandir(folder or ".") as found:
                names = sorted(e.name for e in found if e.name.endswith((".dist-info", ".pth")))
        except OSError:
            continue
        yield from (f"{folder}/{name}" for name in names)


def outputs(output_dir: Path, folders: Iterable[str], files_: Iterable[str]) -> str | None:
    """A digest of the stat of ``output_dir`` and of the ``folders`` and ``files_`` below it
    (site paths), as ``stamped`` makes it; None when one is missing."""
    try:
        above, below = _folder_numbers(output_dir, folders), _stats(output_dir, files_)
    except OSError:
        return None
    return _digest(above, [n for st in below for n in (st.st_size, st.st_mtime_ns, st.st_ino)])


def stamped(output_dir: Path, stamps: Mapping[str, Stamp]) -> tuple[list[str], list[str],
                                                                     str | None]:
    """The folders and files of the site the writer left (``stamps``: every file's stamp by
    site path, taken as it was written) and their digest (``outputs``): the files' stat from
    their stamps, the folders' read now."""
    files_ = sorted(stamps)
    folders = _folders(files_)
    try:
        above = _folder_numbers(output_dir, folders)
    except OSError:
        return folders, files_, None
    return folders, files_, _digest(
        above, [n for stamp in map(stamps.__getitem__, files_)
         for n in (stamp.size, stamp.mtime_ns, stamp.inode)])


def _folder_numbers(output_dir: Path, folders: Iterable[str]) -> list[int]:
    """The modification time and inode of ``output_dir`` and of each of ``folders``."""
    return [n for st in _stats(output_dir, ("", *folders)) for n in (st.st_mtime_ns, st.st_ino)]


def _stats(output_dir: Path, rels: Iterable[str]) -> list[os.stat_result]:
    root = str(output_dir)
    return [os.stat(f"{root}/{rel}" if rel else root, follow_symlinks=False) for rel in rels]


def _digest(folders: list[int], files_: list[int]) -> str:
    """One digest of the folders' and the files' numbers (as 64-bit words: one update each)."""
    digest = hashlib.sha256(array("Q", folders).tobytes())
    digest.update(b"--")
    digest.update(array("Q", files_).tobytes())
    return digest.hexdigest()


def _folders(files_: Iterable[str]) -> list[str]:
    """Every folder above the site paths ``files_`` (not the root), sorted."""
    found = {rel.rpartition("/")[0] for rel in files_} - {""}
    for folder in list(found):
        parent = folder.rpartition("/")[0]
        while parent and parent not in found:
            found.add(parent)
            parent = parent.rpartition("/")[0]
    return sorted(found)


def unchanged(cfg: SiteConfig, seen: str, now: dt.datetime) -> Last | None:
    """The last build's report when a build now, with inputs ``seen`` (``inputs``), has
    nothing to do; else None."""
    record = _record(cfg, seen)
    if record is None or not record.last.holds_at(now):
        return None
    if outputs(cfg.output_dir, record.folders, record.files) != record.outputs:
        return None
    return record.last


@dataclass(frozen=True, slots=True)
class _Record:
    last: Last
    folders: list[str]
    files: list[str]
    outputs: str


def _record(cfg: SiteConfig, seen: str) -> _Record | None:
    """The record of the last build into ``cfg.output_dir`` if its inputs were ``seen``;
    None when there is none, or it is damaged or of another format."""
    try:
        data = json.loads(record_path(cfg).read_bytes())
        if data["format"] != FORMAT or data["inputs"] != seen:
            return None
        last = Last(**{**data["report"], "warnings": tuple(data["report"]["warnings"])})
        record = _Record(last, data["folders"], data["files"], data["outputs"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    lists = (record.folders, record.files, record.last.warnings)
    if all(isinstance(item, str) for part in lists for item in part):
        return record
    return None


def remember(cfg: SiteConfig, seen: str, last: Last, stamps: Mapping[str, Stamp]) -> None:
    """Record a complete build (``seen``: its inputs, taken before it began and the same when
    it ended; ``stamps``: every file of the output folder by site path)."""
    folders, files_, done = stamped(cfg.output_dir, stamps)
    if done is None:
        return
    record = {"format": FORMAT, "inputs": seen, "outputs": done,
              "report": asdict(replace(last, ingested=0, written=0)),
              "folders": folders, "files": files_}
    try:
        files.write_atomic(record_path(cfg), json.dumps(record, separators=(",", ":")),
                           "the build cache's record of the last build")
    except DigestError:  # no record only costs the next build its shortcut
        forget(cfg)


def forget(cfg: SiteConfig) -> None:
    """Drop the record: the build about to run may change ``output/``."""
    with contextlib.suppress(OSError):
        record_path(cfg).unlink()
