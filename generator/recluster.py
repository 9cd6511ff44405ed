"""``digest recluster``: recompute the story of every article no editor pinned.

An editor pins a story by setting or changing ``story:`` by hand (the ingest record shows what
the build wrote). Pinned articles keep their story and seed the clustering; every other
article is placed again. A recomputed story keeps the old id most of its articles had, so
URLs stay put where the grouping did not really change. Only the ``story:`` line of a moved
article is rewritten; the rest of the file, editor edits included, is left byte for byte.

The build writes the same way (``write_assigned``): the story it gave an article that had no
``story:`` goes into that article as one added line, recorded as build-assigned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator import content
from generator.cluster import pipeline as cluster
from generator.cluster import stories
from generator.errors import ContentError, Problem
from generator.ingest import manifest
from generator.model import Article
from generator.util import files, frontmatter, lock


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
    dated = manifest.build_dated(manifest.load(content_dir))  # read as undated, as placed
    docs = [replace(stories.cluster_doc(a, dated), story=pinned.get(a.slug)) for a in articles]
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
        keys = manifest.by_slug(entries)
        for move in moves:
            before = move.path.read_bytes()
            text = with_story(before.decode("utf-8"), move.new)
            files.write_atomic(move.path, text)
            key = keys.get(move.slug)
            if key is not None:
                entries[key] = recorded(entries[key], before, text, move.new)
        manifest.save(content_dir, entries)


def recorded(entry: manifest.Entry, before: bytes, text: str, story_id: str) -> manifest.Entry:
    """The record's entry once the article's ``story:`` line is rewritten: the new story, and
    the new text's sha256 when the article was as the build wrote it."""
    unedited = entry.article_sha256 == manifest.sha256(before)
    return replace(entry, story=story_id, article_sha256=(
        manifest.sha256(text.encode("utf-8")) if unedited else entry.article_sha256))


def write_assigned(content_dir: Path, assigned: Sequence[tuple[Article, str]]) -> list[Path]:
    """For each (article as the build read it, the story the build gave it): add the
    ``story:`` line to its file and record the story as build-assigned (so it is not pinned).
    A file that changed since it was read, is not UTF-8 or is a symlink is left as it is: the
    next build places it again. Returns the files written."""
    entries = manifest.load(content_dir)
    keys = manifest.by_slug(entries)
    written: list[Path] = []
    for article, story_id in assigned:
        try:
            if article.path.is_symlink():  # replacing it would cut the link
                continue
            before = article.path.read_bytes()
            text = story_added(article, before, story_id)
            if text is None or article.path.read_bytes() != before:  # an editor just saved
                continue
            files.write_atomic(article.path, text)
        except OSError:  # deleted or unreadable since it was read: the next build sees it
            continue
        written.append(article.path)
        key = keys.get(article.slug)
        entries[key or manifest.article_key(article.slug)] = (
            recorded(entries[key], before, text, story_id) if key is not None
            else manifest.Entry(raw_sha256="", slug=article.slug, story=story_id,
                                article_sha256=manifest.sha256(text.encode("utf-8"))))
    if written:
        manifest.save(content_dir, entries)
    return written


def story_added(article: Article, before: bytes, story_id: str) -> str | None:
    """The text of ``before`` with a ``story:`` line for ``story_id``, when ``before`` is still
    the file the build read as ``article`` and reads as it with that story, else None."""
    try:
        old = before.decode("utf-8")
        text = with_story(old, story_id)
        was = content.parse_article(files.decode(before, article.path)[0], article.path)[0]
        now = content.parse_article(files.decode(text.encode("utf-8"), article.path)[0],
                                    article.path)[0]
    except (UnicodeDecodeError, ValueError, ContentError):
        return None
    added = text.count("\n") - old.count("\n")  # 0 when an empty 'story:' line was set
    expected = replace(article, story=story_id, body_line=article.body_line + added)
    return text if was == article and now == expected else None


def with_story(text: str, story_id: str) -> str:
    """The article text with its front matter's ``story:`` set (a line added before the
    closing fence when missing, ending as the line before it does); every other character is
    left as it was. Raises ValueError when the front matter is not closed."""
    lines = text.split("\n")  # the lines frontmatter.parse sees
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == frontmatter.FENCE), 0)
    if not end:
        raise ValueError("the front matter is not closed")
    for number in range(1, end):
        if lines[number].startswith("story:"):
            carriage = "\r" if lines[number].endswith("\r") else ""
            lines[number] = f"story: {story_id}{carriage}"
            return "\n".join(lines)
    carriage = "\r" if lines[end - 1].endswith("\r") else ""
    lines.insert(end, f"story: {story_id}{carriage}")
    return "\n".join(lines)


__all__ = ["Move", "Problem", "apply", "plan", "with_story", "write_assigned"]
