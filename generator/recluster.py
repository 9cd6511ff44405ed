"""``digest recluster``: recompute the story of every article no editor pinned.

An editor pins a story by setting or changing ``story:`` by hand (the ingest record shows what
the build wrote). Pinned articles keep their story and seed the clustering; every other
article is placed again. A recomputed story keeps the old id most of its articles had, so
URLs stay put where the grouping did not really change. Only the ``story:`` line of a moved
article is rewritten; the rest of the file, editor edits included, is left byte for byte.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator import cluster, content, files, lock, manifest, stories
from generator.errors import ContentError, Problem
from generator.model import Article

STORY_LINE = re.compile(r"^story:.*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Move:
    """One article whose story changes."""

    slug: str
    path: Path
    old: str | None
    new: str

    def __str__(self) -> str:
        return f"{self.slug}: {self.old or '(none)'} -> {self.new}"


def plan(content_dir: Path) -> list[Move]:
    """The moves a recluster would make; reads only."""
    articles, problems = content.load_articles(content_dir / "articles")
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    pinned = manifest.editor_pinned(content_dir, articles)
    docs = [replace(stories.cluster_doc(a), story=pinned.get(a.slug)) for a in articles]
    fresh = cluster.assign(docs)
    renamed = keep_old_ids(articles, fresh, set(pinned.values()))
    return [Move(a.slug, a.path, a.story, renamed[a.slug]) for a in articles
            if renamed[a.slug] != a.story]


def keep_old_ids(articles: Sequence[Article], fresh: Mapping[str, str],
                 pinned_ids: set[str]) -> dict[str, str]:
    """Give each recomputed story the old id most of its articles had, when still free."""
    members: dict[str, list[Article]] = {}
    for article in articles:
        members.setdefault(fresh[article.slug], []).append(article)
    taken = set(pinned_ids)
    names: dict[str, str] = {story_id: story_id for story_id in pinned_ids}
    by_size = sorted((sid for sid in members if sid not in pinned_ids),
                     key=lambda sid: (-len(members[sid]), sid))
    for story_id in by_size:
        votes = Counter(a.story for a in members[story_id] if a.story and a.story not in taken)
        best = min(votes, key=lambda old: (-votes[old], old)) if votes else story_id
        names[story_id] = best if best not in taken else story_id
        taken.add(names[story_id])
    return {slug: names.get(story_id, story_id) for slug, story_id in fresh.items()}


def apply(content_dir: Path, output_dir: Path, moves: Sequence[Move]) -> None:
    """Rewrite the ``story:`` line of each moved article and update the ingest record."""
    with lock.hold(content_dir, output_dir):
        entries = manifest.load(content_dir)
        by_slug = {entry.slug: raw for raw, entry in entries.items()}
        for move in moves:
            before = move.path.read_bytes()
            text = with_story(before.decode("utf-8"), move.new)
            files.write_atomic(move.path, text)
            raw = by_slug.get(move.slug)
            if raw is not None:
                entry = entries[raw]
                unedited = entry.article_sha256 == manifest.sha256(before)
                entries[raw] = replace(entry, story=move.new, article_sha256=(
                    manifest.sha256(text.encode("utf-8")) if unedited else entry.article_sha256))
        manifest.save(content_dir, entries)


def with_story(text: str, story_id: str) -> str:
    """The article text with its front matter's ``story:`` set (added before the closing
    fence when missing); the body is untouched."""
    end = text.index("\n---", 3)
    front, rest = text[:end], text[end:]
    if STORY_LINE.search(front):
        front = STORY_LINE.sub(f"story: {story_id}", front, count=1)
    else:
        front = f"{front}\nstory: {story_id}"
    return front + rest


__all__ = ["Move", "Problem", "apply", "plan", "with_story"]
