"""The inbox: which raw reports still need an article, and writing the new article files.

Raw inbox files are only ever read. An article file, once written, belongs to the editors:
it is created with exclusive mode, so the build can never overwrite one.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slugify import slugify

from generator import frontmatter
from generator.errors import ContentError, Problem, SourcePos
from generator.model import Article, Date, Report

INBOX_SUFFIXES = (".txt", ".html", ".htm", ".html.gz", ".htm.gz", ".md")


@dataclass(frozen=True, slots=True)
class Pending:
    """A raw inbox file with no article yet, after cleaning."""

    raw: str  # path relative to the content folder, e.g. "inbox/000_x.txt"
    path: Path
    report: Report


def raw_name(path: Path, content_dir: Path) -> str:
    """The ``raw:`` value for an inbox file: its path relative to the content folder."""
    return path.relative_to(content_dir).as_posix()


def inbox_files(content_dir: Path) -> list[Path]:
    """Inbox files the cleaner accepts, sorted by name; hidden files and others are skipped."""
    inbox = content_dir / "inbox"
    if not inbox.is_dir():
        return []
    return sorted(p for p in inbox.iterdir()
                  if p.is_file() and not p.name.startswith(".")
                  and p.name.lower().endswith(INBOX_SUFFIXES))


def pending_files(content_dir: Path, articles: Iterable[Article]) -> list[Path]:
    """Inbox files that no article names in its ``raw:`` field."""
    ingested = {a.raw for a in articles if a.raw}
    return [p for p in inbox_files(content_dir) if raw_name(p, content_dir) not in ingested]


def new_slug(title: str, fallback: str, taken: set[str]) -> str:
    """A URL slug from the title (at most 80 characters, whole words), unique against ``taken``."""
    base = slugify(title, max_length=80, word_boundary=True) or slugify(fallback) or "report"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def article_meta(report: Report, date: Date, date_inferred: bool, story: str,
                 raw: str) -> dict[str, Any]:
    """Front matter for a freshly cleaned report, in the documented key order."""
    meta: dict[str, Any] = {"title": report.title}
    if report.subtitle:
        meta["subtitle"] = report.subtitle
    meta["source"] = report.source or "Unknown"
    if report.publisher:
        meta["publisher"] = report.publisher
    meta["date"] = date
    if date_inferred:
        meta["date_inferred"] = True
    for key in ("dateline", "author"):
        if getattr(report, key):
            meta[key] = getattr(report, key)
    if report.images:
        meta["images"] = [{"caption": i.caption, **({"credit": i.credit} if i.credit else {})}
                          for i in report.images]
    if report.tags:
        meta["tags"] = list(report.tags)
    meta["story"] = story
    meta["raw"] = raw
    return meta


def write_new(articles_dir: Path, files: Sequence[tuple[str, str]]) -> list[Path]:
    """Create each ``(slug, text)`` as ``<slug>.md``; never replaces an existing file."""
    articles_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for slug, text in files:
        path = articles_dir / f"{slug}.md"
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            raise ContentError([Problem(SourcePos(path), "an article with this slug appeared "
                                        "during the build; run the build again")]) from None
        written.append(path)
    return written


def today() -> dt.date:
    """The build's notion of today: SOURCE_DATE_EPOCH when set (reproducible builds), else UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def render_article(meta: dict[str, Any], body: str) -> str:
    """The text of an article file."""
    return frontmatter.dump(meta, body)
