"""``digest add`` and ``digest new``: files and URLs into the inbox, duplicates reported, new
hand-written articles with valid front matter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from generator import content, editor
from generator.cli import main
from generator.ingest import manifest
from generator.util import files
from tests.helpers import loopback

PAGE = "<html><head><meta charset='latin-1'></head><body><h1>Café reopens</h1>" \
       "<p>The café reopened on Monday.</p></body></html>"


class PageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/news/cafe-reopens":
            body, kind = PAGE.encode("latin-1"), "text/html; charset=iso-8859-1"
        elif self.path == "/file.pdf":
            body, kind = b"%PDF-1.4", "application/pdf"
        elif self.path == "/huge":
            body, kind = b"x" * (files.MAX_BYTES + 10), "text/html"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture
def web() -> Iterator[str]:
    with loopback(PageHandler) as base:
        yield base


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    (tmp_path / "content" / "inbox").mkdir(parents=True)
    return tmp_path / "content"


def test_add_copies_files_and_reports_duplicates(tmp_path: Path, content_dir: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "report.txt"
    one.write_text("Harbour reopens\n\nThe harbour reopened.\n", encoding="utf-8")
    same = tmp_path / "again.txt"
    same.write_text("Harbour   reopens\r\n\r\nThe harbour reopened.", encoding="utf-8")
    assert main(["add", str(one), str(same), "--content", str(content_dir)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == f"added {content_dir / 'inbox' / 'report.txt'}"
    assert captured.err.splitlines() == [
        f"{same}: warning: not added: the same text is already in the inbox as "
        f"{content_dir / 'inbox' / 'report.txt'}"]
    assert (content_dir / "inbox" / "report.txt").read_bytes() == one.read_bytes()
    assert main(["add", str(one), "--content", str(content_dir)]) == 0  # again: still one
    assert sorted(p.name for p in (content_dir / "inbox").iterdir()) == ["report.txt"]


def test_add_keeps_both_files_when_names_clash_but_texts_differ(
        tmp_path: Path, content_dir: Path) -> None:
    (content_dir / "inbox" / "report.txt").write_text("Other text", encoding="utf-8")
    new = tmp_path / "report.txt"
    new.write_text("New text", encoding="utf-8")
    result = editor.add([str(new)], content_dir)
    assert result.added == (content_dir / "inbox" / "report-2.txt",) and result.problems == ()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("missing.txt", None, "no such file; check the path"),
    ("page.pdf", b"%PDF", "unknown file type; name the file .txt, .html, .htm, .html.gz or .md"),
    ("empty.txt", b"\n \n", "not added: the file is empty; paste the report's text into it or "
                            "delete it"),
    ("blob.txt", bytes(range(256)), "not added: a binary file, not text; save the report as "
                                    ".txt, .html or .md"),
    ("huge.txt", b"a" * (files.REPORT_TEXT_BYTES + 1), "refused: over the 60 KB limit; keep "
                                                        "only the report's text in the file"),
])
def test_add_refuses_bad_files_with_one_line_each(
        name: str, data: bytes | None, message: str, tmp_path: Path, content_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    assert main(["add", str(path), "--content", str(content_dir)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"{path}: {message}"]
    assert list((content_dir / "inbox").iterdir()) == []


def test_add_fetches_a_url_as_utf8_html_and_spots_a_duplicate(
        web: str, content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{web}/news/cafe-reopens"
    assert main(["add", url, url, "--content", str(content_dir)]) == 0
    saved = list((content_dir / "inbox").iterdir())
    assert [p.name for p in saved] == ["127-0-0-1-" + web.rsplit(":", 1)[1] + "-news-cafe-reopens.html"]
    assert "Café reopens" in saved[0].read_text(encoding="utf-8")
    assert "warning: not added: the same text is already in the inbox" in capsys.readouterr().err


@pytest.mark.parametrize(("path", "message"), [
    ("/file.pdf", "not a web page (application/pdf); add the address of the article's HTML page"),
    ("/huge", "refused: the page is over the 5 MB limit; save the article's text and add the file"),
    ("/missing", "could not fetch the page (Not Found); check the address, or save the page and "
                 "add the file"),
])
def test_add_url_problems(path: str, message: str, web: str, content_dir: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", f"{web}{path}", "--content", str(content_dir)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"{web}{path}: {message}"]


def test_new_writes_valid_front_matter_and_never_overwrites(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["new", "--title", "Bridge: reopened", "--source", "Local Times", "--date",
            "2021-05-01", "--tag", "Transport", "--draft", "--content", str(content_dir)]
    assert main(args) == 0
    path = content_dir / "articles" / "bridge-reopened.md"
    assert capsys.readouterr().out.startswith(f"created {path}")
    article, warnings = content.parse_article(files.read_checked(path, path.parent)[0], path)
    assert [str(w) for w in warnings] == [  # line 8 closes the front matter
        f"{path}:9: warning: the article has no text below its front matter; write the "
        "report below the closing '---'"]
    assert (article.title, article.source, article.date, article.tags, article.draft) == (
        "Bridge: reopened", "Local Times", dt.date(2021, 5, 1), ("Transport",), True)
    assert main(args) == 0
    assert (content_dir / "articles" / "bridge-reopened-2.md").is_file()


def test_new_does_not_take_the_slug_of_a_deleted_article(content_dir: Path) -> None:
    manifest.save(content_dir, {"inbox/a.txt": manifest.Entry("1", "bridge-reopened", "2", "s",
                                                               removed=True)})
    path = editor.new_article(content_dir, "Bridge reopened", "AP")
    assert path.name == "bridge-reopened-2.md"  # 'digest reingest bridge-reopened' restores it


def test_new_defaults_to_today_and_rejects_a_bad_date(
        content_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625702400")
    path = editor.new_article(content_dir, "A title", "AP")
    article, _ = content.parse_article(files.read_checked(path, path.parent)[0], path)
    assert article.date == dt.date(2021, 7, 8) and not article.draft
    assert main(["new", "--title", "X", "--source", "Y", "--date", "8 July",
                 "--content", str(content_dir)]) == 2
    assert "--date '8 July' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err
