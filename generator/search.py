"""The search index: Pagefind, run over the rendered pages, its bundles added to the site.

Only the story and article pages (marked ``data-pagefind-body`` by the theme) are indexed.
Pagefind is the binary of the ``pagefind[bin]`` package; nothing is fetched.

The pages are split into shards by a hash of their story (a story page and its reports' pages
change together) or else their path, about ``SHARD_PAGES`` pages each (``pagefind/0/``,
``pagefind/1/`` ...; ``pagefind/shards.json`` lists them). The search page
loads the first and merges the others in the browser (Pagefind's multisite search; a random
split keeps the word statistics of every shard alike, so the ranking holds). Pagefind's memory
is bounded by the shard size, and the cache layer (``cache.shards``) keeps each shard's bundle
under a hash of its pages' digests, so an edit re-indexes one shard, not the site. A shard is
handed over as one folder (Pagefind indexes a folder in parallel, while adding pages one by one
costs a round trip each).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from generator.errors import DigestError
from generator.util import forked

SHARD_PAGES = 500  # pages per shard, at most: an edit re-indexes this many (1 s at 10,000)
SHARDS_FILE = "pagefind/shards.json"
SCRATCH_PREFIX = "digest-pagefind-"  # + the build's pid: what a dead build left is swept
TIMEOUT_BASE, TIMEOUT_PER_PAGE = 60.0, 0.2  # seconds: a shard of 500 pages may take 160 s
MARKER = b"data-pagefind-body"  # the theme marks the pages to index with this attribute
Shard = Mapping[str, bytes] | Callable[[], Mapping[str, bytes]]  # pages, or what reads them
UI_FILES = frozenset((  # Pagefind's ready-made search UIs, unused: the theme has its own
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"))


def index(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
    """Pagefind's bundle for the HTML pages, as {path inside the bundle folder: bytes}; the
    UI layers Pagefind adds (``UI_FILES``) are left out: the theme has its own search page.
    The pages may come ``Staged`` already (written into their scratch folder).

    Pagefind runs as its command-line program (its binary, started directly: ``python -m
    pagefind`` would first start another interpreter), which exits
    only once every file is written. (Its Python service API stops the service right after
    asking it to write, which can cut the last file short.)"""
    staged = pages if isinstance(pages, Staged) else Staged(pages)
    try:
        return _run(staged.root / "site", staged.root / "pagefind", len(pages), language)
    finally:
        staged.cleanup()


class Staged(Mapping[str, bytes]):
    """Pages written into a scratch folder of their own for Pagefind, on creation: the
    build writes a shard's files itself before a thread runs Pagefind on them (a thread
    writing hundreds of files while this one renders would wait for the interpreter's lock
    between every two). Only their paths are kept in memory: a page is read back from the
    folder when asked for. ``index`` removes the folder; so does ``cleanup``."""

    def __init__(self, pages: Mapping[str, bytes]) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-",
                                                   dir=scratch_folder())
        self.root = Path(self._folder.name)
        site = self.root / "site"
        for path, data in pages.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        site.mkdir(exist_ok=True)
        self.paths = dict.fromkeys(pages)  # in order, each found at once

    def __getitem__(self, path: str) -> bytes:
        if path not in self.paths:
            raise KeyError(path)
        return (self.root / "site" / path).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)

    def cleanup(self) -> None:
        self._folder.cleanup()


def _run(site: Path, bundle: Path, count: int, language: str) -> dict[str, bytes]:
    """Pagefind over the pages in ``site`` (``count`` of them), its bundle made in
    ``bundle`` and read back."""
    try:
        command = [str(executable()), "--site", str(site), "--output-path", str(bundle),
                   "--force-language", language, "--silent"]
        done = subprocess.run(command, capture_output=True, check=False,
                              timeout=timeout_for(count))
    except subprocess.TimeoutExpired:
        raise DigestError(f"search index: Pagefind did not finish {count} pages in "
                          f"{timeout_for(count):.0f} s; it was stopped. Run the "
                          "build again; if it hangs again, reinstall it with "
                          "'pip install --force-reinstall pagefind[bin]'") from None
    except (ImportError, OSError) as exc:
        raise DigestError(f"search index: Pagefind failed ({exc}); reinstall with "
                          "'pip install pagefind[bin]'") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()[-500:]
        raise DigestError(f"search index: Pagefind failed (exit {done.returncode}: {said})")
    return {p.relative_to(bundle).as_posix(): p.read_bytes()
            for p in sorted(bundle.rglob("*")) if p.is_file() and p.name not in UI_FILES}


class Indexing:
    """``index`` of each shard in threads, as many at a time as there are cores (Pagefind
    spends most of a shard on one core, and a cold build indexes dozens of shards), so the
    caller can go on with other work while Pagefind runs. A shard may be given as a function
    that reads its pages: those begun at once are read and ``Staged`` here, the others one
    at a time as ``results`` waits (in the caller's thread, which owns the cache: at most one
    shard more than those running is in memory). ``results`` yields the bundles in order;
    ``close`` (also when ``results`` is left early) drops the shards not begun and waits for
    those running."""

    def __init__(self, shards: Sequence[Shard], language: str) -> None:
        self.threads = max(1, min(forked.cores(), len(shards)))
        self._shards, self._language = list(shards), language
        self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="pagefind")
        self.staged: list[Staged] = []
        self._jobs: dict[int, Future[dict[str, bytes]]] = {}  # begun, not yet handed on
        self._submit_up_to(self.threads)

    def _submit_up_to(self, count: int) -> None:
        """Read, stage and begin the shards until ``count`` of them are begun (each begun
        one is staged: ``staged`` counts them)."""
        while len(self.staged) < min(count, len(self._shards)):
            k = len(self.staged)
            shard = self._shards[k]
            self.staged.append(Staged(shard() if callable(shard) else shard))
            self._jobs[k] = self._pool.submit(index, self.staged[-1], self._language)

    def results(self) -> Iterator[dict[str, bytes]]:
        try:
            for k in range(len(self._shards)):
                self._submit_up_to(k + self.threads + 1)  # one waits for the next free thread
                yield self._jobs.pop(k).result()  # not kept here once handed on
        finally:
            self.close()

    def close(self) -> None:
        self._shards = self._shards[:len(self.staged)]  # those not begun never will be
        self._pool.shutdown(wait=True, cancel_futures=True)
        for staged in self.staged:  # each removed by its job, unless it never ran
            staged.cleanup()


def timeout_for(pages: int) -> float:
    """How long Pagefind may take over ``pages`` pages before it is taken to hang: about a
    hundred times what it needs (2 ms of CPU a page, a shard at most ``SHARD_PAGES``)."""
    return TIMEOUT_BASE + TIMEOUT_PER_PAGE * pages


def sweep_scratch(folder: str | None = None) -> list[Path]:
    """Remove the scratch folders that builds which have since died left behind (a killed
    build cannot remove its own): only folders of this prefix whose pid runs no process."""
    base = Path(folder if folder is not None else (scratch_folder() or tempfile.gettempdir()))
    removed = []
    for path in base.glob(f"{SCRATCH_PREFIX}*-*"):
        pid = path.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this pid exists (one of another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def scratch_folder() -> str | None:
    """Where Pagefind's input and output go: a memory-backed folder when the system has one
    (``/dev/shm``; a shard is thousands of small files, each slow to create on a disk), else
    the default temporary folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None


def executable() -> Path:
    """The Pagefind program, found as ``python -m pagefind`` finds it (``pagefind[bin]``):
    in the order of ``pagefind.service.get_executable``, without importing that module (it
    imports asyncio, 50 ms in the thread that starts Pagefind on an edited story's shard);
    raises FileNotFoundError."""
    given = os.getenv("PAGEFIND_BINARY_PATH")
    if given is not None:
        return Path(given)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found: Path = importlib.import_module(package).get_executable()
        except ImportError:
            continue
        return found
    external = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if external is None:
        raise FileNotFoundError("no Pagefind program; is pagefind[bin] installed?")
    return Path(external)


def shard_pages(html: Mapping[str, bytes],
                groups: Mapping[str, str] | None = None) -> list[dict[str, bytes]]:
    """The pages split into a power of two of shards (at least one, each about
    ``SHARD_PAGES`` pages) by a hash of their group (``groups``; a page without one is its
    own): pages of a group share a shard, and a page stays in its shard while the site grows,
    until the count doubles."""
    count = 1
    while count * SHARD_PAGES < len(html):
        count *= 2
    shards: list[dict[str, bytes]] = [{} for _ in range(count)]
    for path, data in sorted(html.items()):
        key = (groups or {}).get(path, path)
        digest = hashlib.sha256(key.encode("utf-8")).digest()
        shards[int.from_bytes(digest[:4], "big") % count][path] = data
    return shards


def indexed_paths(pages: Mapping[str, bytes],
                  marked: Callable[[str], bool] | None = None) -> list[str]:
    """The paths Pagefind reads, sorted: with any page marked ``data-pagefind-body`` only the
    marked ones (it ignores the rest), else every HTML page. ``marked(path)`` says whether a
    page is marked, when that is known without reading it."""
    html = sorted(path for path in pages if path.endswith(".html"))
    found = [path for path in html
             if (marked(path) if marked is not None else is_searchable(path, pages[path]))]
    return found or html


def is_searchable(path: str, data: bytes) -> bool:
    """True for an HTML page marked ``data-pagefind-body``."""
    return path.endswith(".html") and MARKER in data
