"""files.py, lock.py, progress.py, manifest.py: the pieces that keep editors' work safe."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.ingest import manifest
from generator.serve import server as serve
from generator.util import files, lock
from generator.util.progress import Progress
from tests.helpers import article


def test_decode_utf8_bom_and_crlf() -> None:
    assert files.decode(b"\xef\xbb\xbfa\r\nb", Path("x.md")) == ("a\nb", [])


def test_decode_windows_1252_with_warning_on_the_first_odd_line() -> None:
    text, warnings = files.decode("line\ncaf\u00e9 \u201cq\u201d".encode("cp1252"), Path("x.md"))
    assert text == "line\ncaf\u00e9 \u201cq\u201d"
    assert [str(w) for w in warnings] == [
        "x.md:2: warning: not UTF-8: read as Windows-1252; check accented letters and quotes, "
        "then save the file as UTF-8"]


@pytest.mark.parametrize("data", ["hi".encode("utf-16"), b"ok\n\x81\x8d", b"a\x00\xe9", b"\x01\xe9"])
def test_decode_refuses_ambiguous_bytes(data: bytes) -> None:
    with pytest.raises(ContentError, match="not UTF-8 text; save the file as UTF-8"):
        files.decode(data, Path("x.md"))


def test_refusal_allows_symlinks_inside_the_content_folder(tmp_path: Path) -> None:
    real = tmp_path / "a.md"
    real.write_text("x", encoding="utf-8")
    (tmp_path / "b.md").symlink_to(real)
    assert files.refusal(tmp_path / "b.md", tmp_path) is None


def test_lock_names_the_holder_and_is_released(tmp_path: Path) -> None:
    path = tmp_path / ".digest.lock"
    with lock.exclusive(path):
        with pytest.raises(lock.BuildLocked) as info, lock.exclusive(path):
            pass
        assert str(info.value) == (f"another build is running (pid {os.getpid()}); wait for "
                                   f"it or remove {path} if it crashed")
    with lock.exclusive(path):
        pass


def test_progress_bar_on_a_terminal_lines_in_ci_nothing_when_quiet(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    outputs = {}
    for name, stream, quiet in (("bar", Terminal(), False), ("lines", io.StringIO(), False),
                                ("off", Terminal(), True)):
        progress = Progress.for_terminal(quiet, stream)
        assert progress.mode == name
        progress.stage("cleaning", 2)
        progress.advance()
        progress.advance()
        progress.stage("rendering")
        progress.finish()
        outputs[name] = stream.getvalue()
    assert outputs["lines"] == "cleaning (2)...\nrendering...\n"
    assert outputs["off"] == ""
    assert "\rcleaning     [" + "#" * 30 + "] 2/2\n" in outputs["bar"]
    monkeypatch.setenv("CI", "true")
    assert Progress.for_terminal(False, Terminal()).mode == "lines"


def test_manifest_is_sorted_deterministic_json(tmp_path: Path) -> None:
    entries = {"inbox/b.txt": manifest.Entry("2", "b", "22", "s2"),
               "inbox/a.txt": manifest.Entry("1", "a", "11", "s1")}
    manifest.save(tmp_path, entries)
    text = (tmp_path / manifest.PATH).read_text(encoding="utf-8")
    assert text.index("inbox/a.txt") < text.index("inbox/b.txt")
    assert json.loads(text)["version"] == 1
    assert manifest.load(tmp_path) == entries
    assert manifest.build_assigned(tmp_path) == {"a": "s1", "b": "s2"}
    pinned = manifest.editor_pinned(tmp_path, [article("a", story="s1"),
                                               article("b", story="other"),
                                               article("c", story="s3"), article("d", story=None)])
    assert pinned == {"b": "other", "c": "s3"}


def test_manifest_marks_deleted_articles_and_loads_records_without_the_mark(
        tmp_path: Path) -> None:
    old = {"version": 1, "ingested": {"inbox/a.txt": {"raw_sha256": "1", "slug": "a",
                                                      "article_sha256": "11", "story": "s1"}}}
    (tmp_path / ".digest").mkdir()
    (tmp_path / manifest.PATH).write_text(json.dumps(old), encoding="utf-8")
    assert manifest.load(tmp_path) == {"inbox/a.txt": manifest.Entry("1", "a", "11", "s1")}
    entries = {"inbox/a.txt": manifest.Entry("1", "a", "11", "s1", removed=True),
               "inbox/b.txt": manifest.Entry("2", "b", "22", "s2"),
               "articles/c.md": manifest.Entry("", "c", "33", "s3")}  # hand-written
    manifest.save(tmp_path, entries)
    saved = json.loads((tmp_path / manifest.PATH).read_text(encoding="utf-8"))
    assert saved["version"] == 1 and saved["ingested"]["inbox/a.txt"]["removed"] is True
    assert "removed" not in saved["ingested"]["inbox/b.txt"]  # as older builds wrote it
    assert manifest.load(tmp_path) == entries
    assert manifest.build_assigned(tmp_path) == {"b": "s2", "c": "s3"}  # a's slug is free
    assert manifest.raw_of_deleted(entries, "a") == "inbox/a.txt"
    assert manifest.raw_of_deleted(entries, "c") is None  # no inbox file to restore it from
    pinned = manifest.editor_pinned(tmp_path, [article("a", story="s1"),
                                               article("c", story="s3")])
    assert pinned == {"a": "s1"}  # a new article named a is the editor's


@pytest.mark.parametrize(("path", "relevant"), [
    ("/c/articles/a.md", True), ("/c/site.yaml", True), ("/c/.digest/ingested.json", False),
    ("/c/articles/.a.x.tmp", False), ("/c/articles/a.md.bak", False), ("/c/out/index.html", False),
])
def test_serve_ignores_the_build_s_own_files(path: str, relevant: bool) -> None:
    assert serve.is_relevant(path, Path("/c/out"), True) is relevant
