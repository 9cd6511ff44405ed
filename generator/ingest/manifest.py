"""The record of what the build ingested: ``content/.digest/ingested.json``.

For each raw inbox file (keyed ``inbox/x.txt``): the sha256 of its bytes when it was cleaned,
the article written from it (slug and sha256 of its text as written), the story the build
assigned, and ``removed: true`` once the build saw that an editor deleted that article. For each
hand-written article the build gave a story (keyed ``articles/<slug>.md``, no raw sha256): the
same, less the raw file. It tells a changed inbox source apart from an unchanged one, a
build-assigned story from one an editor pinned, and a deleted article from a new inbox file.
Deterministic JSON with sorted keys, replaced atomically; ``removed`` is written only when true,
so records older than it load as they are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Problem, SourcePos
from generator.model import Article
from generator.util import files

PATH = ".digest/ingested.json"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """What one raw inbox file became (or the story the build gave a hand-written article)."""

    raw_sha256: str  # "" for a hand-written article
    slug: str
    article_sha256: str
    story: str
    removed: bool = False  # an editor deleted the article; the build does not make it again
    dated: str = ""  # the date (ISO) the build gave a report that had none of its own


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
    """Write the record atomically (temp file + rename), keys sorted; one that cannot be
    written (a full disk, a read-only folder) is a ContentError naming it."""
    path = content_dir / PATH
    data = {"version": VERSION, "ingested": {raw: _fields(e) for raw, e in entries.items()}}
    text = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise files.unwritable(path, exc, "the ingest record") from None
    files.write_atomic(path, text, "the ingest record")


def _fields(entry: Entry) -> dict[str, Any]:
    """An entry as JSON fields; ``removed`` only when true and ``dated`` only when set (the
    format older builds wrote)."""
    fields = asdict(entry)
    if not entry.removed:
        del fields["removed"]
    if not entry.dated:
        del fields["dated"]
    return fields


def build_dated(entries: Mapping[str, Entry]) -> dict[str, str]:
    """slug -> the date the build gave it, of the articles whose report had no date of its
    own (``Entry.dated``): the clusterer reads those as undated, as it did when it placed
    them, unless an editor has set another date since."""
    return {e.slug: e.dated for e in entries.values() if e.dated and not e.removed}


def article_key(slug: str) -> str:
    """An article's path in the content folder (``articles/<slug>.md``): the record's key for
    a hand-written article."""
    return f"articles/{slug}.md"


def is_inbox_key(key: str) -> bool:
    """True for the key of an ingested inbox file, False for a hand-written article's."""
    return key.startswith("inbox/")


def article_deleted(content_dir: Path, entry: Entry) -> bool:
    """True when the article the build wrote for this entry was deleted (or marked so): the
    caller knows that no article names the entry's inbox file in ``raw:`` (a renamed one
    does)."""
    return entry.removed or not (content_dir / article_key(entry.slug)).exists()


def by_slug(entries: Mapping[str, Entry]) -> dict[str, str]:
    """slug -> record key, for the articles that are still there (deleted ones are left out:
    their slug may name another article since)."""
    return {entry.slug: key for key, entry in entries.items() if not entry.removed}


def raw_of_deleted(entries: Mapping[str, Entry], slug: str) -> str | None:
    """The inbox file (``inbox/x.txt``) whose article ``slug`` the record has, deleted ones
    first, or None."""
    found = sorted((not entry.removed, key) for key, entry in entries.items()
                   if entry.slug == slug and is_inbox_key(key))
    return found[0][1] if found else None


def build_assigned(content_dir: Path) -> dict[str, str]:
    """slug -> the story id the build wrote into that article (ingested, or hand-written
    without one)."""
    entries = load(content_dir)
    return {slug: entries[key].story for slug, key in by_slug(entries).items()}


def editor_pinned(content_dir: Path, articles: Iterable[Article]) -> dict[str, str]:
    """slug -> story for articles whose ``story:`` an editor set: it differs from what the
    build wrote, or the article was written by hand with it (the record has no story for it)."""
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
