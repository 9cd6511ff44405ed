"""The record of what the build ingested: ``content/.digest/ingested.json``.

For each raw inbox file: the sha256 of its bytes when it was cleaned, the article written from
it (slug and sha256 of its text as written) and the story the build assigned. It tells a
changed inbox source apart from an unchanged one, and a build-assigned story from one an editor
pinned. Deterministic JSON with sorted keys, replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator import files
from generator.errors import ContentError, Problem, SourcePos
from generator.model import Article

PATH = ".digest/ingested.json"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """What one raw inbox file became."""

    raw_sha256: str
    slug: str
    article_sha256: str
    story: str


def sha256(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """Hex sha256 of a file's bytes, or None when it cannot be read."""
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None


def load(content_dir: Path) -> dict[str, Entry]:
    """raw path (``inbox/x.txt``) -> Entry; an absent record is empty, a broken one an error."""
    path = content_dir / PATH
    if not path.is_file():
        return {}
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        return {raw: Entry(**fields) for raw, fields in data["ingested"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ContentError([Problem(SourcePos(path), f"the ingest record is damaged ({exc}); "
                                    "restore it from version control or delete it")]) from None


def save(content_dir: Path, entries: Mapping[str, Entry]) -> None:
    """Write the record atomically (temp file + rename), keys sorted."""
    path = content_dir / PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": VERSION, "ingested": {raw: asdict(e) for raw, e in entries.items()}}
    text = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    files.write_atomic(path, text)


def build_assigned(content_dir: Path) -> dict[str, str]:
    """slug -> the story id the build wrote into that article when it ingested it."""
    return {entry.slug: entry.story for entry in load(content_dir).values()}


def editor_pinned(content_dir: Path, articles: Iterable[Article]) -> dict[str, str]:
    """slug -> story for articles whose ``story:`` an editor set: it differs from what the
    build wrote, or the article was written by hand."""
    assigned = build_assigned(content_dir)
    return {a.slug: a.story for a in articles
            if a.story and assigned.get(a.slug) != a.story}


def conflicts(content_dir: Path, articles: Iterable[Article],
              entries: Mapping[str, Entry]) -> list[Problem]:
    """A warning for each article whose inbox source changed since it was ingested."""
    problems = []
    for article in articles:
        entry = entries.get(article.raw or "")
        if entry is None or entry.slug != article.slug:
            continue
        current = file_sha256(content_dir / (article.raw or ""))
        if current is not None and current != entry.raw_sha256:
            problems.append(Problem(SourcePos(article.path), f"its inbox source {article.raw} "
                                    "changed since it was ingested; your version is kept: run "
                                    f"'digest reingest {article.slug}' to clean it again "
                                    "(the current file is kept as a .bak)", "warning"))
    return problems
