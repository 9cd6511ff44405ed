"""The inbox: which raw reports still need an article, and writing the new article files.

Raw inbox files are only ever read. An article file, once written, belongs to the editors:
it is created with exclusive mode, so the build can never overwrite one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slugify import slugify

from generator import slugs
from generator.errors import ContentError, DigestError, Problem, SourcePos
from generator.ingest import manifest
from generator.model import UNKNOWN_SOURCE, Article, Date, Report
from generator.util import files, frontmatter

build_assigned = manifest.build_assigned  # slug -> story id the build wrote (for recluster)

INBOX_SUFFIXES = (".txt", ".html", ".htm", ".html.gz", ".htm.gz", ".md")


@dataclass(frozen=True, slots=True)
class Pending:
    """A raw inbox file with no article yet, after cleaning."""

    raw: str  # path relative to the content folder, e.g. "inbox/000_x.txt"
    path: Path
    report: Report
    raw_sha256: str  # of the file's bytes as read before cleaning, for the ingest record: a
    # change made while it was cleaned (or since) makes the next build warn


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


@dataclass(frozen=True, slots=True)
class Waiting:
    """What the inbox holds that no article names in ``raw:``."""

    pending: tuple[Path, ...]  # to clean into new articles
    deleted: tuple[str, ...]  # raw names of ingested files whose article an editor deleted,
    # not yet ``removed`` in the record: this build is the first to see it (none is made again)


def pending_files(content_dir: Path, articles: Iterable[Article],
                  entries: Mapping[str, manifest.Entry] | None = None) -> Waiting:
    """Inbox files that no article names in its ``raw:`` field, less those whose article
    the record shows an editor deleted (a renamed article still names its file)."""
    named = {a.raw for a in articles if a.raw}
    entries = entries or {}
    pending: list[Path] = []
    deleted: list[str] = []
    for path in inbox_files(content_dir):
        raw = raw_name(path, content_dir)
        if raw in named:
            continue
        entry = entries.get(raw)
        if entry is None or not manifest.article_deleted(content_dir, entry):
            pending.append(path)
        elif not entry.removed:
            deleted.append(raw)
    return Waiting(pending=tuple(pending), deleted=tuple(deleted))


def deleted_note(content_dir: Path, raw: str, slug: str) -> Problem:
    """The note, said once, that an ingested report stays unpublished since its article
    ``slug`` was deleted."""
    return Problem(SourcePos(content_dir / raw),
                   f"its article {manifest.article_key(slug)} was deleted; it stays "
                   f"unpublished: run 'digest reingest {slug}' to bring it back (said once)",
                   "note")


def new_slug(title: str, fallback: str, taken: set[str]) -> str:
    """A URL slug from the title (at most 80 characters, whole words; one cut short ends at a
    word that can end a phrase), unique against ``taken``."""
    base = slugify(title, max_length=80, word_boundary=True)
    if base != slugify(title):
        base = slugs.phrase_end(base)
    base = base or slugify(fallback) or "report"
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
    meta["source"] = report.source or UNKNOWN_SOURCE
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
    if report.url:
        meta["url"] = report.url
    meta["story"] = story
    meta["raw"] = raw
    return meta


def write_new(articles_dir: Path, new_files: Sequence[tuple[str, str]]) -> list[Path]:
    """Create each ``(slug, text)`` as ``<slug>.md``; never replaces an existing file.

    Each file is written aside and hard-linked into place, so it appears whole or not at all.
    """
    written = []
    for slug, text in new_files:
        path = articles_dir / f"{slug}.md"
        try:
            articles_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise files.unwritable(path, exc) from None
        with files.temp_beside(path, text) as tmp:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ContentError([Problem(SourcePos(path), "an article with this slug "
                                            "appeared during the build; run the build "
                                            "again")]) from None
            except OSError as exc:  # a full disk: those written before stay, the next build
                raise files.unwritable(path, exc) from None  # sees them
        written.append(path)
    return written


def screen(path: Path, content_dir: Path) -> Problem | None:
    """Why an inbox file cannot be cleaned: refused (error) or empty/binary (skipped, warning)."""
    refused = files.refusal(path, content_dir)
    if refused is not None:
        return refused
    return screen_data(path.read_bytes(), path)


def screen_data(data: bytes, path: Path) -> Problem | None:
    """A warning when the bytes of an inbox file are empty or binary, else None."""
    if path.name.lower().endswith(".gz"):
        try:
            data = files.gunzip(data, path)  # bounded: a gzip bomb is refused, not unpacked
        except ContentError:
            return None  # the cleaner explains a broken or oversized gzip file
    if not data.strip():
        return Problem(SourcePos(path), "skipped: the file is empty; paste the report's text "
                                        "into it or delete it", "warning")
    if files.cp1252_text(data) is None and not _is_utf8(data):
        return Problem(SourcePos(path), "skipped: a binary file, not text; save the report as "
                                        ".txt, .html or .md", "warning")
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def clean(path: Path) -> Report:
    """``ingest.clean_path``, with an unexpected failure of the cleaner turned into a
    ContentError about this one file (one bad report must not stop every build)."""
    from generator.ingest import clean as cleaner  # trafilatura: only with a file to clean

    try:
        return cleaner.clean_path(path)
    except DigestError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported to the editor with the cause
        raise ContentError([Problem(SourcePos(path), f"the cleaner failed on this file "
                                    f"({type(exc).__name__}: {exc}); move it out of the inbox "
                                    "and report the problem")]) from None




def render_article(meta: dict[str, Any], body: str) -> str:
    """The text of an article file."""
    return frontmatter.dump(meta, body)
