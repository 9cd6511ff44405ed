"""Raw inbox file -> cleaned Report: text hygiene, junk removal, metadata, Markdown body.

``clean_path`` dispatches on the file name; ``clean_text`` and ``clean_html`` take a string.
The rules themselves are listed, in order, in ``generator.ingest.pipeline``; the package's
``__init__`` exports these names lazily.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.errors import ContentError
from generator.ingest import pipeline
from generator.ingest.canonical import original_url
from generator.ingest.decode import decode, fail, read_bytes
from generator.ingest.html_input import html_state, too_big
from generator.ingest.md_input import md_report
from generator.model import Report
from generator.util import files

__all__ = ["clean_html", "clean_path", "clean_text", "ContentError"]

_TEXT_PATH = Path("<text>")
HTML_SUFFIXES = files.PAGE_SUFFIXES
META_BYTES = 1024  # front matter besides the report's texts: keys, date, story id, raw path


def clean_text(text: str, path: Path = _TEXT_PATH) -> Report:
    """A plain-text report (wire copy or a whole page dumped as text) -> Report."""
    _require_text(text, path)
    return pipeline.to_report(pipeline.run(pipeline.initial_state(text)))


def clean_html(html: str, path: Path = _TEXT_PATH) -> Report:
    """An HTML page -> Report: main text via trafilatura, then the same rules as text. A page
    too big to clean in seconds is a ContentError."""
    _require_text(html, path)
    refused = too_big(html)
    if refused is not None:
        raise fail(path, 0, refused)
    return replace(pipeline.to_report(pipeline.run(html_state(html))), url=original_url(html))


def clean_path(path: Path) -> Report:
    """Clean one inbox file (.txt, .html/.htm, optionally .gz, .md); bad input -> ContentError."""
    name = path.name.lower()
    if not name.endswith((".txt", ".md", *HTML_SUFFIXES)):
        raise fail(path, 0, "unknown file type; name the file .txt, .html, .html.gz or .md")
    text, notes = decode(read_bytes(path), path)
    if name.endswith(".md"):
        report = md_report(text.replace("\r\n", "\n"), path)
    elif name.endswith(HTML_SUFFIXES):
        report = clean_html(text, path)
    else:
        report = clean_text(text, path)
    size = article_bytes(report)
    if size > files.ARTICLE_BYTES:
        raise fail(path, 0, f"refused: its article would be {files.shown_size(size)}, over the "
                            f"{files.shown_size(files.ARTICLE_BYTES)} limit of an article; keep "
                            "only the report's text in the file")
    return replace(report, notes=(*notes, *report.notes)) if notes else report


def article_bytes(report: Report) -> int:
    """At least the bytes of the article file ``report`` becomes: its body, every other text
    twice (YAML's quoting at most doubles a value), and ``META_BYTES``. A report's text at
    most doubles when escaped, so a .txt under the limit always makes an article under its
    limit; a page (its text is not bounded by its bytes) is checked here."""
    texts = [report.title, report.source, report.subtitle, report.publisher, report.dateline,
             report.author, *report.tags,
             *(text for image in report.images for text in (image.caption, image.credit))]
    return (len(report.body.encode("utf-8")) + META_BYTES
            + 2 * sum(len(text.encode("utf-8")) for text in texts if text))


def _require_text(text: str, path: Path) -> None:
    if not text.strip():
        raise fail(path, 0, "the file is empty; paste the report's text into it or delete it")
