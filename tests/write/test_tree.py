"""write.py: the whole tree is written aside and swapped in; failures leave output/ intact."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.errors import ConfigError, Interrupted, WriteError
from generator.write import tree as write
from generator.write.stamps import scan


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_writes_pages_and_marker(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write.replace_tree({"index.html": b"<p>hi</p>", "a/b/index.html": b"x"}, out)
    files = tree(out)
    assert files["index.html"] == b"<p>hi</p>" and files["a/b/index.html"] == b"x"
    assert write.MARKER in files and ".gitkeep" in files


def test_replaces_old_files_and_leaves_no_temp_folders(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write.replace_tree({"old.html": b"old"}, out)
    write.replace_tree({"new.html": b"new"}, out)
    assert "old.html" not in tree(out) and tree(out)["new.html"] == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_failed_write_leaves_previous_output_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write.replace_tree({"index.html": b"good"}, out)
    before = tree(out)
    with pytest.raises(WriteError, match="File exists"):  # a file and a folder of one name
        write.replace_tree({"a": b"file", "a/b.html": b"child"}, out)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    out = tmp_path / "content"
    out.mkdir()
    (out / "notes.md").write_text("precious", encoding="utf-8")
    with pytest.raises(ConfigError, match="not made by news-digest"):
        write.replace_tree({"index.html": b"x"}, out)
    assert (out / "notes.md").read_text(encoding="utf-8") == "precious"


def test_accepts_a_fresh_checkout_placeholder(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / ".gitkeep").write_bytes(b"")
    write.replace_tree({"index.html": b"x"}, out)
    assert tree(out)["index.html"] == b"x"


def test_refuses_a_file_as_output(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="is a file"):
        write.replace_tree({}, out)


# --- only what changed is written: stamps, comparison, in place or swapped -------------------

def stats(root: Path) -> dict[str, tuple[int, int]]:
    """Relative path -> (inode, mtime_ns) of every file below root."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def site(pages: int = 100) -> dict[str, bytes]:
    return {f"articles/a{n}/index.html": f"<p>{n}</p>".encode() for n in range(pages)}


def test_few_changes_are_written_in_place_and_the_rest_is_untouched(tmp_path: Path) -> None:
    out = tmp_path / "output"
    pages = site()
    stamps = write.replace_tree(pages, out)
    before, folder = stats(out), out.stat().st_ino
    pages["articles/a1/index.html"] = b"<p>edited</p>"
    pages["articles/new/index.html"] = b"<p>new</p>"
    del pages["articles/a2/index.html"]
    stamps = write.replace_tree(pages, out, stamps)
    after = stats(out)
    assert out.stat().st_ino == folder  # not swapped
    assert {rel for rel in after if before.get(rel) != after[rel]} == {
        "articles/a1/index.html", "articles/new/index.html"}
    assert not (out / "articles" / "a2").exists()  # its emptied folder went too
    assert tree(out) == {**pages, write.MARKER: write.MARKER_TEXT, ".gitkeep": b""}
    assert set(stamps) == set(tree(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_many_changes_build_a_new_tree_and_link_the_unchanged_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "IN_PLACE_MIN", 10)  # 60 of 102 files is over a twentieth
    out = tmp_path / "output"
    pages = site()
    stamps = write.replace_tree(pages, out)
    before, folder = stats(out), out.stat().st_ino
    changed = {rel: data + b"!" for rel, data in list(pages.items())[:60]}
    write.replace_tree({**pages, **changed}, out, stamps)
    after = stats(out)
    assert out.stat().st_ino != folder  # swapped in
    assert {rel for rel in after if before.get(rel) != after[rel]} == set(changed)
    assert tree(out) == {**pages, **changed, write.MARKER: write.MARKER_TEXT, ".gitkeep": b""}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_file_whose_stat_matches_its_stamp_is_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "output"
    stamps = write.replace_tree(site(), out)

    def no_reading(*_args: object) -> bool:
        raise AssertionError("a stamped file was read")

    monkeypatch.setattr(write, "_same_bytes", no_reading)
    assert write.replace_tree(site(), out, stamps) == stamps


def test_without_stamps_files_are_compared_and_kept(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write.replace_tree(site(), out)
    before = stats(out)
    stamps = write.replace_tree(site(), out, {})  # e.g. the cache was deleted
    assert stats(out) == before
    assert write.replace_tree(site(), out, stamps) == stamps


def test_a_file_changed_behind_the_builds_back_is_noticed(tmp_path: Path) -> None:
    out = tmp_path / "output"
    pages = site()
    stamps = write.replace_tree(pages, out)
    page = out / "articles" / "a3" / "index.html"
    page.write_bytes(b"<p>vandal</p>")  # new mtime: the stamp no longer matches
    touched = out / "articles" / "a4" / "index.html"
    os.utime(touched, ns=(1, 1))  # same bytes, other mtime: compared, kept
    inode = touched.stat().st_ino
    (out / "stray.html").write_bytes(b"not ours")
    stamps = write.replace_tree(pages, out, stamps)
    assert page.read_bytes() == pages["articles/a3/index.html"]
    assert touched.stat().st_ino == inode and stamps["articles/a4/index.html"].mtime_ns == 1
    assert not (out / "stray.html").exists()


def test_a_stamp_for_other_bytes_means_rewrite(tmp_path: Path) -> None:
    out = tmp_path / "output"
    pages = site()
    stamps = write.replace_tree(pages, out)
    pages["articles/a5/index.html"] = b"<p>same length?</p>"
    write.replace_tree(pages, out, stamps)
    assert (out / "articles" / "a5" / "index.html").read_bytes() == b"<p>same length?</p>"


@pytest.mark.parametrize("failure", [OSError, KeyboardInterrupt])
def test_a_failure_while_writing_in_place_leaves_output_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: type[BaseException]) -> None:
    """A full disk (one line saying so) or Ctrl-C before the renames: every temp file and
    folder made so far is removed."""
    out = tmp_path / "output"
    pages = site()
    stamps = write.replace_tree(pages, out)
    before, files_before = stats(out), tree(out)
    edited = {**pages, "articles/a1/index.html": b"1", "articles/a7/index.html": b"7",
              "articles/new/deep/index.html": b"n"}
    calls = {"n": 0}
    real = write.Path.write_bytes

    def flaky(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise (failure(errno.ENOSPC, "No space left on device") if failure is OSError
                   else failure())
        return real(self, data)

    monkeypatch.setattr(write.Path, "write_bytes", flaky)
    with pytest.raises(WriteError if failure is OSError else failure) as raised:
        write.replace_tree(edited, out, stamps)
    if failure is OSError:  # the third changed file, in sorted order
        assert str(raised.value) == (
            f"{out}/: cannot write {out}/articles/new/deep/index.html: No space left on device "
            f"(errno 28); free some space and build again; {out}/ was left as it was")
    assert stats(out) == before and tree(out) == files_before
    assert not (out / "articles" / "new").exists()  # the folders it made are gone too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_file_that_becomes_a_folder_is_swapped_in(tmp_path: Path) -> None:
    out = tmp_path / "output"
    pages = {**site(), "feed": b"old"}
    stamps = write.replace_tree(pages, out)
    del pages["feed"]
    pages["feed/index.xml"] = b"new"
    write.replace_tree(pages, out, stamps)
    assert (out / "feed" / "index.xml").read_bytes() == b"new"


def test_a_folder_not_made_by_the_build_is_refused_even_with_stamps(tmp_path: Path) -> None:
    out = tmp_path / "output"
    stamps = write.replace_tree(site(), out)
    (out / write.MARKER).unlink()
    with pytest.raises(ConfigError, match="not made by news-digest"):
        write.replace_tree(site(), out, stamps)


class Untouchable(dict[str, bytes]):
    """Pages whose bytes must not be read."""

    def __getitem__(self, rel: str) -> bytes:
        raise AssertionError(f"{rel} was read")


def test_a_page_with_a_known_digest_and_a_matching_stamp_is_not_read(tmp_path: Path) -> None:
    import hashlib

    out = tmp_path / "output"
    pages = site()
    stamps = write.replace_tree(pages, out)
    digests = {rel: hashlib.sha256(data).digest() for rel, data in pages.items()}
    assert write.replace_tree(Untouchable(pages), out, stamps, digests=digests) == stamps
    edited = "articles/a1/index.html"
    (out / edited).write_bytes(b"changed behind the build's back")
    with pytest.raises(AssertionError, match=f"{edited} was read"):
        write.replace_tree(Untouchable(pages), out, stamps, digests=digests)
    again = write.replace_tree(pages, out, stamps, digests=digests)
    assert tree(out)[edited] == pages[edited]
    assert again["articles/a2/index.html"] == stamps["articles/a2/index.html"]



def test_a_scan_taken_earlier_is_used_instead_of_scanning_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "output"
    assert write.scan_output(out, {}) is None  # no folder made by the build: nothing to keep
    stamps = write.replace_tree(site(), out)
    earlier = write.scan_output(out, stamps)
    assert earlier is not None and "articles/a1/index.html" in earlier.trusted

    def no_scanning(*_args: object) -> None:
        raise AssertionError("scanned again")

    monkeypatch.setattr(write, "scan", no_scanning)
    changed = {**site(), "articles/a1/index.html": b"<p>new</p>"}
    again = write.replace_tree(changed, out, stamps, scanned=lambda: earlier)
    assert tree(out)["articles/a1/index.html"] == b"<p>new</p>"
    assert again["articles/a2/index.html"] == stamps["articles/a2/index.html"]


def test_the_scan_trusts_only_files_that_still_match_their_stamp(tmp_path: Path) -> None:
    out = tmp_path / "output"
    stamps = write.replace_tree(site(3), out)
    edited = out / "articles" / "a1" / "index.html"
    edited.write_bytes(b"<p>by hand</p>")
    (out / "articles" / "a2" / "index.html").unlink()
    (out / "articles" / "a2" / "index.html").symlink_to(out / "articles" / "a0" / "index.html")
    (out / "extra.html").write_bytes(b"x")
    disk = scan(out, stamps)
    assert disk.trusted == {"articles/a0/index.html", write.MARKER, ".gitkeep"}
    assert set(disk.files) == {"articles/a1/index.html", "articles/a2/index.html", "extra.html"}
    assert disk.files["articles/a1/index.html"].st_size == len(b"<p>by hand</p>")
    assert disk.folders == {"articles", "articles/a0", "articles/a1", "articles/a2"}
    assert sorted(disk.paths()) == sorted([*disk.trusted, *disk.files])
    assert scan(out, {}).trusted == set()  # no stamps: nothing is trusted


def test_pages_written_as_they_come_end_as_the_final_pages(tmp_path: Path) -> None:
    out = tmp_path / "output"
    with write.streamed(out) as staging:
        assert staging is not None
        staging.add({"a/index.html": b"first", "gone/deep/x.html": b"dropped", "b.html": b"b"})
        staging.add({"a/index.html": b"second"})  # made again: replaced
        staging.add({"c.html": b"c"}, {"c.html": hashlib.sha256(b"c").digest()})  # hashed
        written = os.stat(staging.folder / "c.html").st_ino
        assert not out.exists()  # nothing shows before the swap
        stamps = staging.finish({"a/index.html": b"third", "b.html": b"b", "c.html": b"c"})
    files = tree(out)
    assert files == {"a/index.html": b"third", "b.html": b"b", "c.html": b"c",
                     write.MARKER: write.MARKER_TEXT, ".gitkeep": b""}
    assert not (out / "gone").exists()  # a page written, then not in the site: and its folders
    assert os.stat(out / "c.html").st_ino == written  # written once, as it came
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert set(stamps) == set(files)
    assert all(stamps[rel].matches(os.stat(out / rel)) for rel in files)
    assert write.replace_tree({"a/index.html": b"third", "b.html": b"b", "c.html": b"c"}, out,
                              stamps) == stamps  # the next build trusts every stamp


def test_only_a_first_build_streams_and_a_failed_one_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "output"
    with pytest.raises(KeyError), write.streamed(out) as staging:
        assert staging is not None
        staging.add({"index.html": b"x"})
        raise KeyError("the search index failed")
    assert list(tmp_path.iterdir()) == []
    with write.streamed(out) as staging:
        assert staging is not None
        staging.add({"index.html": b"x"})  # and never finished
    assert list(tmp_path.iterdir()) == []
    write.replace_tree({"index.html": b"x"}, out)
    with write.streamed(out) as staging:
        assert staging is None  # an earlier build: only what differs is written
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("an editor's file")
    with pytest.raises(ConfigError), write.streamed(tmp_path / "mine"):
        pass  # refused before anything is rendered


def test_a_linked_file_is_never_written_through(tmp_path: Path) -> None:
    out = tmp_path / "output"
    stamps = write.replace_tree({"a.html": b"old"}, out)
    old_inode = os.stat(out / "a.html").st_ino
    with write.Staging(out, stamps) as staging:
        staging.add({"a.html": b"old"})  # the same bytes: linked to the last build's file
        assert os.stat(staging.folder / "a.html").st_ino == old_inode
        staging.add({"a.html": b"new"})
        assert (out / "a.html").read_bytes() == b"old"  # the live site is untouched
        staging.finish({"a.html": b"new"})
    assert (out / "a.html").read_bytes() == b"new"


def test_each_write_counts_the_pages_it_wrote(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """In place, swapped and streamed: the pages written, never the marker or the pages
    left as they were (kept in place, or hard-linked into the swapped tree)."""
    out = tmp_path / "output"
    pages = site()
    stamps = write.replace_tree(pages, out)
    assert stamps.written == 100  # a first build writes every page
    stamps = write.replace_tree(pages, out, stamps)
    assert stamps.written == 0
    stamps = write.replace_tree({**pages, "articles/a1/index.html": b"new"}, out, stamps)
    assert stamps.written == 1  # in place
    monkeypatch.setattr(write, "IN_PLACE_MIN", 10)
    edited = {**pages, **{f"articles/a{n}/index.html": b"edit" for n in range(60)}}
    stamps = write.replace_tree(edited, out, stamps)
    assert stamps.written == 60  # swapped: the other 40 linked
    with write.Staging(out, stamps) as staging:
        staging.add({"articles/a0/index.html": b"again", "gone.html": b"x"})
        assert staging.finish(edited).written == 0  # a0 linked back: the last build's bytes
    shutil.rmtree(out)
    with write.streamed(out) as streaming:
        assert streaming is not None
        streaming.add({"articles/a0/index.html": b"x", "gone.html": b"x"})
        assert streaming.finish(pages).written == 100


# --- faults while writing: a full disk, a read-only folder, Ctrl-C -----------------------------

def leftovers(root: Path) -> list[str]:
    """Temp files of the in-place writer and temp trees of the swapped one, below or beside
    ``root``."""
    return sorted(p.name for p in [*root.rglob(".*.tmp"), *root.parent.glob(f".{root.name}.*")])


def holds_new(out: Path) -> str:
    """What an interrupted write says once its new pages are in place."""
    return f"{out}/ holds the new site"


def at_call(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, n: int,
            before: Callable[[], object], real: Callable[..., Any] | None = None) -> None:
    """Make call number ``n`` of ``owner.name`` (``real`` when the name is a builtin) run
    ``before()`` first, which may raise (a full disk) or send SIGINT (Ctrl-C)."""
    real = real or getattr(owner, name)
    calls = {"n": 0}

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == n:
            before()
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, patched, raising=hasattr(owner, name))


def raise_error(code: int, text: str) -> Callable[[], None]:
    """``before`` for ``at_call``: an OSError such as a full disk gives."""
    def fail() -> None:
        raise OSError(code, text)
    return fail


def ctrl_c() -> None:
    """``before`` for ``at_call``: SIGINT, handled at once as Ctrl-C is."""
    signal.raise_signal(signal.SIGINT)


def edited_pages(pages: dict[str, bytes]) -> dict[str, bytes]:
    """Three changed pages (written in place) and one removed."""
    edited = {**pages, "articles/a1/index.html": b"1", "articles/a7/index.html": b"7",
              "articles/new/deep/index.html": b"n"}
    del edited["articles/a2/index.html"]
    return edited


def written_whole(out: Path, pages: dict[str, bytes]) -> bool:
    """``out`` holds exactly ``pages`` (and the writer's own files), and no temp file."""
    whole = tree(out) == {**pages, write.MARKER: write.MARKER_TEXT, ".gitkeep": b""}
    return whole and leftovers(out) == []


def test_ctrl_c_during_the_renames_waits_for_them_and_says_the_site_is_new(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "output"
    stamps = write.replace_tree(site(), out)
    at_call(monkeypatch, os, "replace", 1, ctrl_c)  # before any page is renamed
    with pytest.raises(KeyboardInterrupt) as raised:
        write.replace_tree(edited_pages(site()), out, stamps)
    assert isinstance(raised.value, Interrupted) and str(raised.value) == holds_new(out)
    assert written_whole(out, edited_pages(site()))
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_a_rename_that_fails_part_way_says_how_many_pages_are_new_and_leaves_no_temp_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "output"
    stamps = write.replace_tree(site(), out)
    real = os.replace
    at_call(monkeypatch, os, "replace", 2, raise_error(errno.EIO, "Input/output error"))
    with pytest.raises(WriteError) as raised:
        write.replace_tree(edited_pages(site()), out, stamps)
    assert str(raised.value) == (
        f"{out}/: cannot write {out}/articles/a7/index.html: Input/output error (errno 5); "
        f"check the disk and build again; 1 of 3 changed files in {out}/ are new, the others "
        "as they were (each file whole); build again to complete it")
    assert tree(out)["articles/a1/index.html"] == b"1"  # the one renamed
    assert tree(out)["articles/a7/index.html"] == site()["articles/a7/index.html"]
    assert leftovers(out) == []
    monkeypatch.setattr(os, "replace", real)
    write.replace_tree(edited_pages(site()), out, stamps)  # the next build completes it
    assert written_whole(out, edited_pages(site()))


def test_a_full_disk_while_writing_a_new_tree_leaves_output_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "IN_PLACE_MIN", 10)  # 100 changed files: a new tree
    out = tmp_path / "output"
    stamps = write.replace_tree(site(), out)
    before, files_before = stats(out), tree(out)
    at_call(monkeypatch, write, "open", 3, raise_error(errno.ENOSPC, "No space left on device"),
            real=open)
    with pytest.raises(WriteError) as raised:
        write.replace_tree({rel: data + b"!" for rel, data in site().items()}, out, stamps)
    assert str(raised.value) == (  # the page's name, not its path in the new tree
        f"{out}/: cannot write {out}/articles/a10/index.html: No space left on device "
        f"(errno 28); free some space and build again; {out}/ was left as it was")
    assert stats(out) == before and tree(out) == files_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_an_unwritable_parent_folder_is_one_line_and_makes_no_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "output"

    def refused(prefix: str, dir: str) -> str:  # noqa: A002 - tempfile.mkdtemp's names
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}x1")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    with pytest.raises(WriteError) as raised:
        write.replace_tree(site(), out)
    assert str(raised.value) == (
        f"{out}/: cannot write {tmp_path}/.output.new-x1: Permission denied (errno 13); "
        f"make {tmp_path} writable and build again; no {out}/ was made")


def interrupt(path: Path, ignore_errors: bool = False) -> None:
    """``shutil.rmtree`` stopped by Ctrl-C."""
    raise KeyboardInterrupt


@pytest.mark.parametrize("when", ["swap", "removing the old tree"])
def test_ctrl_c_during_or_after_the_swap_says_the_site_is_new(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """During the swap, Ctrl-C waits for its two renames; after them, while the old tree is
    removed, it stops that (the next build removes it)."""
    monkeypatch.setattr(write, "IN_PLACE_MIN", 10)
    out = tmp_path / "output"
    stamps = write.replace_tree(site(), out)
    edited = {rel: data + b"!" for rel, data in site().items()}
    if when == "swap":
        at_call(monkeypatch, Path, "rename", 2, ctrl_c)  # the old tree aside, the new not in
    else:
        monkeypatch.setattr(shutil, "rmtree", interrupt)
    with pytest.raises(KeyboardInterrupt) as raised:
        write.replace_tree(edited, out, stamps)
    assert isinstance(raised.value, Interrupted) and str(raised.value) == holds_new(out)
    monkeypatch.undo()
    write.remove_leftovers(out)  # the old tree, left for the next build to remove
    assert written_whole(out, edited)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_one_line_and_left_as_it_was(tmp_path: Path) -> None:
    """In place (a new tree would be renamed beside it: that needs only the parent)."""
    out = tmp_path / "output"
    stamps = write.replace_tree(site(), out)
    files_before = tree(out)
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        with pytest.raises(WriteError) as raised:
            write.replace_tree({**site(), "articles/a1/index.html": b"new"}, out, stamps)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert str(raised.value) == (
        f"{out}/: cannot write {out}/articles/a1/index.html: Permission denied (errno 13); "
        f"make {out} writable and build again; {out}/ was left as it was")
    assert tree(out) == files_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_first_build_into_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "output"
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(WriteError, match=(
                f"^{out}/: cannot write {tmp_path}/.output.new-.*: Permission denied "
                f"\\(errno 13\\); make {tmp_path} writable and build again; no {out}/ was made$")):
            write.replace_tree(site(), out)
    finally:
        tmp_path.chmod(0o755)
    assert list(tmp_path.iterdir()) == []
