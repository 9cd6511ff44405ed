"""write.py: the whole tree is written aside and swapped in; failures leave output/ intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import write
from generator.errors import ConfigError


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
    with pytest.raises(OSError):  # a file and a folder with one name cannot both be written
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
