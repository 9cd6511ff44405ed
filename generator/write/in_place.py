"""Writing a small change set into the output folder in place (``write`` decides when).

Every changed file is first written to a temp file beside it (a failure there, a full disk
say, removes the temp files and leaves output/ as it was), then each temp file is renamed over
its target (readers see the old page or the new, never half of one), then files no longer in
the site are removed. Ctrl-C waits for the renames and removals, so it never leaves the site
part old, part new (``write_faults``). The trade-off: for the moment of those renames the site
is part old, part new, and a build killed then (``kill -9``) leaves it so, each page whole,
with the temp files not renamed yet; the next build finds the difference and completes it
(the temp files are files no longer in the site to it, and removed).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.write import faults as write_faults
from generator.write.stamps import Stamp, Stamps


def parents(rel: str) -> list[str]:
    """The folders a site path is in, outermost first: ``a/b/c.html`` -> ``a``, ``a/b``."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


def update(full: Mapping[str, bytes], digest: Callable[[str], bytes], changed: list[str],
           stale: list[str], output_dir: Path, on_file: Callable[[], None] | None,
           skipped: int) -> Stamps:
    """Write every changed file beside its target first, then rename each over its target,
    then remove stale files and the folders they leave empty. Ctrl-C waits for the renames
    and removals (a moment), so it never leaves the site part old, part new."""
    staged = _stage_beside(full, digest, changed, output_dir, on_file)
    if on_file is not None:
        for _ in range(skipped):
            on_file()
    with write_faults.interrupts_held(write_faults.holds_new(output_dir)):
        _rename_all(staged, output_dir)
        _remove_stale(stale, output_dir)
    return {rel: stamp for rel, (_, stamp) in staged.items()}


def _rename_all(staged: Mapping[str, tuple[Path, Stamp]], output_dir: Path) -> None:
    """Rename each staged temp file over its page; a failure removes the temp files not
    renamed yet and says how many pages are new."""
    done = 0
    rel = ""
    try:
        for rel, (tmp, _) in staged.items():
            os.replace(tmp, output_dir / rel)
            done += 1
    except BaseException as exc:
        for tmp, _ in list(staged.values())[done:]:
            _discard(tmp)
        if isinstance(exc, OSError):
            state = write_faults.partly_new(output_dir, done, len(staged))
            raise write_faults.cannot_write(exc, output_dir / rel, output_dir, state) from None
        raise


def _remove_stale(stale: list[str], output_dir: Path) -> None:
    """Remove the files no longer in the site (every new page is in place by now)."""
    rel = ""
    try:
        for rel in stale:
            remove(output_dir, rel)
    except OSError as exc:
        state = (f"{output_dir}/ holds the new pages and some files no longer in the site; "
                 "build again to remove them")
        raise write_faults.cannot_write(exc, output_dir / rel, output_dir, state,
                                        "remove") from None


def remove(root: Path, rel: str) -> None:
    """Remove a file and the folders it leaves empty."""
    (root / rel).unlink(missing_ok=True)
    for folder in reversed(parents(rel)):
        try:
            (root / folder).rmdir()
        except OSError:
            break  # not empty: neither are the folders above it


def _discard(path: Path) -> None:
    """Remove a temp file if it can be (one left over is a stale file to the next build)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _stage_beside(full: Mapping[str, bytes], digest: Callable[[str], bytes],
                  changed: list[str], output_dir: Path, on_file: Callable[[], None] | None,
                  ) -> dict[str, tuple[Path, Stamp]]:
    """site path -> a temp file holding its new bytes beside it, and its stamp (a rename
    keeps the inode and times); all or nothing: a failure removes every temp file and folder
    made so far, so output/ is as it was (an OSError says so, naming the page)."""
    staged: dict[str, tuple[Path, Stamp]] = {}
    temps: list[Path] = []
    made: list[Path] = []
    rel = ""
    try:
        for rel in changed:
            target = output_dir / rel
            made += _make_folders(target.parent)
            temps.append(target.with_name(f".{target.name}.{os.getpid()}.tmp"))
            temps[-1].write_bytes(full[rel])
            st = os.stat(temps[-1])
            staged[rel] = temps[-1], Stamp(digest(rel), st.st_size, st.st_mtime_ns, st.st_ino)
            if on_file is not None:
                on_file()
    except BaseException as exc:
        _undo_staging(temps, made)
        if isinstance(exc, OSError):
            raise write_faults.cannot_write(exc, output_dir / rel, output_dir,
                                            write_faults.left_as_it_was(output_dir)) from None
        raise
    return staged


def _undo_staging(temps: list[Path], made: list[Path]) -> None:
    """Remove the temp files and then the folders a failed staging made."""
    for tmp in temps:
        _discard(tmp)
    for folder in reversed(made):
        with contextlib.suppress(OSError):  # not empty (a file it could not remove): the
            folder.rmdir()  # next build removes both


def _make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and any missing parents; the ones made, outermost first."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir()
    return missing[::-1]
