"""Faults while a build writes (#22 rows 16-18): a full disk, a read-only output folder,
Ctrl-C during the renames, an inbox file changed while it is cleaned, a damaged build cache.
Each is one line saying what output/ holds, never a traceback, and never a temp file left."""

from __future__ import annotations

import errno
import os
import re
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.ingest.clean
from generator import codec
from generator.cache import store as cache
from generator.cli import main
from generator.write import tree as write
from tests.e2e.conftest import site_args, tree_hash
from tests.helpers import forget_last_build

CACHE_FILE = Path(".digest") / ".cache" / "build.sqlite3"


def build(root: Path) -> int:
    return main(site_args(root))


def edit(root: Path) -> None:
    """A one-line edit of an article: a few pages change (written in place)."""
    article = root / "content" / "articles" / "port-strike.md"
    article.write_text(article.read_text("utf-8").replace("\n\n", "\n\nA new first line.\n\n", 1),
                       encoding="utf-8")


def no_leftovers(root: Path) -> bool:
    """No temp file in output/ and no temp tree beside it."""
    return (sorted(p.name for p in root.iterdir()) == [".digest.lock", "content", "output"]
            and not list((root / "output").rglob("*.tmp")))


def refuse_writes(monkeypatch: pytest.MonkeyPatch, out: Path, error: OSError) -> None:
    """Every ``Path.write_bytes`` into ``out`` (the in-place writer's) fails with ``error``."""
    real = Path.write_bytes

    def refused(self: Path, data: bytes) -> int:
        if self.is_relative_to(out):
            raise error
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", refused)


def before_replacing(monkeypatch: pytest.MonkeyPatch, target: Callable[[Path], bool],
                     act: Callable[[], None]) -> None:
    """Run ``act`` (raise, or send Ctrl-C) before the first ``os.replace`` onto a ``target``."""
    real, done = os.replace, {"n": 0}

    def replace(src: str, dst: str) -> None:
        if target(Path(dst)) and not done["n"]:
            done["n"] = 1
            act()
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def full_disk() -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def ctrl_c() -> None:
    signal.raise_signal(signal.SIGINT)


def build_fails_to_write(root: Path, capsys: pytest.CaptureFixture[str], reason: str) -> None:
    """A build that exits 1 with one line naming a page of output/, why it failed
    (``reason``) and that output/ was left as it was; no temp file or tree is left."""
    out = root / "output"
    capsys.readouterr()
    assert build(root) == 1
    err = capsys.readouterr().err
    line = re.compile(f"digest: error: {re.escape(f'{out}/: cannot write {out}/')}\\S+: "
                      f"{re.escape(f'{reason}; {out}/ was left as it was')}\n")
    assert line.fullmatch(err), err
    assert no_leftovers(root)


def fill_a_new_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every change set is written as a new tree, swapped in; its third file meets a full
    disk."""
    monkeypatch.setattr(write, "IN_PLACE_MIN", 0)
    monkeypatch.setattr(write, "IN_PLACE_SHARE", 10**9)
    calls = {"n": 0}

    def filling(path: str, mode: str) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            full_disk()
        return open(path, mode)

    monkeypatch.setattr(write, "open", filling, raising=False)


@pytest.mark.parametrize("fault", ["full disk in place", "full disk in a new tree",
                                   "refused in place"])
def test_a_write_that_fails_is_one_line_and_leaves_output_as_it_was(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        fault: str) -> None:
    """A full disk while a small change set is written in place, or a large one as a new
    tree; a write refused as by a read-only output folder (tests run as root here, where
    chmod stops nothing: the next test does it for real elsewhere)."""
    out = site / "output"
    assert build(site) == 0
    before = tree_hash(out)
    edit(site)
    reason = "No space left on device (errno 28); free some space and build again"
    if fault == "full disk in place":
        refuse_writes(monkeypatch, out, OSError(errno.ENOSPC, "No space left on device"))
    elif fault == "full disk in a new tree":
        fill_a_new_tree(monkeypatch)
    else:
        refuse_writes(monkeypatch, out, PermissionError(errno.EACCES, "Permission denied"))
        reason = f"Permission denied (errno 13); make {out} writable and build again"
    build_fails_to_write(site, capsys, reason)
    assert tree_hash(out) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_one_line(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = site / "output"
    assert build(site) == 0
    before = tree_hash(out)
    edit(site)
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        build_fails_to_write(site, capsys, f"Permission denied (errno 13); make {out} "
                             "writable and build again")
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert tree_hash(out) == before


def interrupt(*_args: object) -> int:
    raise KeyboardInterrupt


@pytest.mark.parametrize("when", ["renaming in place", "after writing"])
def test_ctrl_c_while_or_after_the_site_is_put_in_place_says_it_is_new(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        when: str) -> None:
    """Ctrl-C during the renames of an in-place write waits for them; Ctrl-C after them (the
    build's last step, the cache sweep) stops the build: either way output/ is the new site,
    whole, and the message says so."""
    out = site / "output"
    real_replace, real_sweep = os.replace, cache.Cache.sweep
    assert build(site) == 0
    edit(site)
    if when == "renaming in place":
        before_replacing(monkeypatch, lambda path: path.is_relative_to(out), ctrl_c)
    else:
        monkeypatch.setattr(cache.Cache, "sweep", interrupt)
    capsys.readouterr()
    assert build(site) == 130
    assert capsys.readouterr().err == f"\ndigest: interrupted; {out}/ holds the new site\n"
    assert no_leftovers(site)
    assert "A new first line." in (out / "articles" / "port-strike" / "index.html").read_text()
    monkeypatch.setattr(os, "replace", real_replace)
    monkeypatch.setattr(cache.Cache, "sweep", real_sweep)
    after = tree_hash(out)
    assert build(site) == 0
    assert " 0 pages written" in capsys.readouterr().out  # nothing was left to complete
    assert tree_hash(out) == after


def test_a_full_disk_while_recording_what_was_ingested_is_one_line(
        site_with_inbox: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    record = site_with_inbox / "content" / ".digest" / "ingested.json"
    before_replacing(monkeypatch, lambda path: path == record, full_disk)
    assert build(site_with_inbox) == 1
    assert capsys.readouterr().err == (
        f"{record}: cannot write the ingest record: No space left on device (errno 28); free "
        "some space and try again\nbuild failed: 1 error(s); output/ was left as it was\n")
    assert not (site_with_inbox / "output").exists()
    assert not list(record.parent.glob("*.tmp"))


def test_an_inbox_file_changed_while_it_is_cleaned_is_reported_as_changed(
        site_with_inbox: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    real = generator.ingest.clean.clean_path

    def clean_then_edit(path: Path) -> object:
        report = real(path)  # the file was read; an editor saves it again now
        path.write_bytes(path.read_bytes() + b"\nA line added while it was cleaned.\n")
        return report

    monkeypatch.setattr(generator.ingest.clean, "clean_path", clean_then_edit)
    assert build(site_with_inbox) == 0
    monkeypatch.setattr(generator.ingest.clean, "clean_path", real)
    capsys.readouterr()
    assert build(site_with_inbox) == 0
    assert "changed since it was ingested" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["entries", "file"])
def test_damaged_cache_entries_are_made_again_with_one_warning(
        site: Path, capsys: pytest.CaptureFixture[str], damage: str) -> None:
    out, store = site / "output", site / "content" / CACHE_FILE
    assert build(site) == 0
    before = tree_hash(out)
    if damage == "entries":
        with sqlite3.connect(store) as db:
            db.execute("UPDATE blobs SET value = ?", (b"torn write",))  # CRC-32 mismatch
        db.close()
        count = r"\d+ damaged cache entries were"
    else:
        for stale in store.parent.glob(f"{store.name}*"):
            stale.unlink()
        store.write_bytes(b"not a database" * 100)
        count = "1 damaged cache entry was"
    capsys.readouterr()
    forget_last_build(site)  # else nothing changed, and nothing is read
    assert build(site) == 0
    assert re.fullmatch(f"{re.escape(str(store))}: warning: {count} ignored and made again; "
                        "if this repeats, check the disk\n", capsys.readouterr().err)
    assert tree_hash(out) == before
    assert build(site) == 0
    assert capsys.readouterr().err == ""  # made again: no warning the next time


@pytest.mark.parametrize("value", [b"\xc1", codec.dumps(5), codec.dumps((("a",), (), "d"))],
                         ids=["not msgpack", "a number", "a parse of another shape"])
def test_a_cache_value_that_is_whole_but_not_data_is_one_line(
        site: Path, capsys: pytest.CaptureFixture[str], value: bytes) -> None:
    """Passes its CRC-32 but is not msgpack (0xc1 never is), or is not of the shape its
    entry holds (a crafted cache): exit 1, no traceback."""
    out = site / "output"
    assert build(site) == 0
    before = tree_hash(out)
    with sqlite3.connect(site / "content" / CACHE_FILE) as db:
        db.execute("UPDATE blobs SET value = ?", (codec.sealed(value),))
    db.close()
    capsys.readouterr()
    forget_last_build(site)
    assert build(site) == 1
    assert re.fullmatch(r"digest: error: the build cache holds a value it cannot read \(.*\); "
                        r"delete content/\.digest/\.cache/ and build again\n",
                        capsys.readouterr().err)
    assert tree_hash(out) == before


def no_space(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_while_writing_a_new_article_is_one_line(
        site_with_inbox: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(os, "link", no_space)  # new articles are linked into place
    assert build(site_with_inbox) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(r"articles/[\w-]+\.md: cannot write the file: No space left on device "
                     r"\(errno 28\); free some space and try again", err)
    assert not list((site_with_inbox / "content" / "articles").glob(".*.tmp"))


def test_a_full_disk_while_recluster_rewrites_an_article_is_one_line(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from generator import recluster

    assert build(site) == 0
    article = site / "content" / "articles" / "port-strike.md"
    before = article.read_bytes()
    monkeypatch.setattr(os, "replace", no_space)
    move = recluster.Move("port-strike", article, "x", "2021-03-01-other")
    with pytest.raises(Exception) as raised:
        recluster.apply(site / "content", site / "output", [move])
    assert type(raised.value).__name__ == "ContentError"
    assert "cannot write the file: No space left on device" in str(raised.value.problems[0])
    assert article.read_bytes() == before


def test_a_lock_that_cannot_be_made_is_one_line(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.util import lock

    def refused(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(lock.os, "open", refused)
    assert build(site) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "build.lock: cannot make the build lock (Permission denied); make its folder " \
           "writable, then build again" in err
