"""content/articles/*.md and content/stories/*.md -> Article and StoryNotes, validated.

Every problem in every file is collected before anything fails; each names the file and line.
A warm build reads only the files its cache holds no parse of (``cache.memo.load_articles``).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from generator import outlets, slugs
from generator.config import suggest
from generator.errors import ContentError, Problem, SourcePos
from generator.model import Article, Date, Image, StoryNotes
from generator.util import files, forked, frontmatter

ARTICLE_KEYS = ("title", "subtitle", "source", "publisher", "date", "date_inferred", "dateline",
                "author", "images", "tags", "story", "raw", "draft", "url")
REQUIRED_KEYS = ("title", "source", "date")
STORY_KEYS = ("headline", "summary", "merge", "editions")
MIN_FORKED = 256  # files to read, below which they are all read here (forking costs more)


Parsed = tuple[Article, list[Problem]]  # an article and its warnings


Read = tuple[Parsed | None, tuple[Problem, ...]]  # a file's parse, or the errors found in it


@dataclass(frozen=True, slots=True)
class Folder:
    """What loading knows of ``content/articles/`` before it reads a file: its ``*.md`` files
    sorted by name, the stat of each regular one (a symlink has none: its target may change
    under it, so it is always read), and the outlets of ``content/sources.yaml``."""

    root: Path  # the content folder
    paths: tuple[Path, ...]
    stats: Mapping[Path, os.stat_result]
    known: outlets.Directory
    problems: tuple[Problem, ...]  # of sources.yaml


def load_articles(articles_dir: Path) -> tuple[list[Article], list[Problem]]:
    """Every ``*.md`` under the folder, sorted by slug; returns (articles, problems). The
    build's cache wraps the same three steps (``cache.memo.load_articles``): it reads only the
    files whose parse it does not hold."""
    folder = scan(articles_dir)
    return collect(folder, read(folder, folder.paths))


def scan(articles_dir: Path) -> Folder:
    """The folder's files and their stats, one pass over it (10,000s of files), and the
    outlets they are credited with."""
    known, problems = outlets.load(articles_dir.parent)  # content/sources.yaml
    paths, stats = _article_files(articles_dir)
    return Folder(articles_dir.parent, tuple(paths), stats, known, tuple(problems))


def read(folder: Folder, paths: Sequence[Path]) -> dict[Path, Read]:
    """Each of ``paths`` read and parsed (in forked processes when there are many)."""
    return dict(forked.split_map(partial(_read_all, folder.root, folder.known), list(paths),
                                 MIN_FORKED))


def collect(folder: Folder, parsed: Mapping[Path, Read]) -> tuple[list[Article], list[Problem]]:
    """The articles of the folder's files (``parsed`` holds each one's ``read``), with every
    problem: the files', and those of the articles together (slugs, story ids)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in folder.paths:
        done, errors = parsed[path]
        if done is None:
            problems.extend(errors)
            continue
        articles.append(done[0])
        problems.extend(done[1])
    named = [a for a in articles if slugs.is_url_part(a.slug)]
    return named, (list(folder.problems) + once_per_outlet(problems)
                   + [bad_slug(a.path) for a in articles if not slugs.is_url_part(a.slug)]
                   + duplicate_slugs(named) + mixed_story_ids(named))


def once_per_outlet(problems: Sequence[Problem]) -> list[Problem]:
    """The unlisted-outlet note once per outlet (on its first article, saying how many more
    credit it); every other problem as it is."""
    counts: dict[str, int] = {}
    for problem in problems:
        if problem.message.startswith(outlets.UNLISTED):
            counts[problem.message] = counts.get(problem.message, 0) + 1
    kept: list[Problem] = []
    for problem in problems:
        more = counts.pop(problem.message, 0) - 1 if problem.message in counts else None
        if more is None and problem.message.startswith(outlets.UNLISTED):
            continue  # its outlet's note was kept already
        if more:
            problem = replace(problem, message=f"{problem.message} ({more} more articles "
                                               "credit it)")
        kept.append(problem)
    return kept


def bad_slug(path: Path) -> Problem:
    """The error for an article file whose name cannot be its URL."""
    return Problem(SourcePos(path, 1), f"the file name {_shown(path.name)} cannot be the "
                   "article's URL (its slug): rename it to letters and digits joined by '-' "
                   f"and '.md', at most {slugs.URL_PART_BYTES} bytes")


def mixed_story_ids(articles: Sequence[Article]) -> list[Problem]:
    """Story ids that differ only in letter case or Unicode form: two stories with one
    folder on case-insensitive systems. The spelling most articles use is kept."""
    spellings: dict[str, dict[str, int]] = {}
    for article in articles:
        if article.story:
            counts = spellings.setdefault(slugs.same_url(article.story), {})
            counts[article.story] = counts.get(article.story, 0) + 1
    kept = {key: min(counts, key=lambda sid: (-counts[sid], sid))
            for key, counts in spellings.items() if len(counts) > 1}
    return [Problem(SourcePos(a.path, 1), f"story {a.story!r} differs from {kept[key]!r} only "
                    "in letter case or accents: they would be two stories with one URL; "
                    f"write 'story: {kept[key]}'")
            for a in articles if a.story
            and (key := slugs.same_url(a.story)) in kept and a.story != kept[key]]


def _read_all(root: Path, known: outlets.Directory, paths: Sequence[Path]
              ) -> list[tuple[Path, Read]]:
    """Each file read and parsed: ((article, warnings), ()), or (None, the errors found)."""
    done: list[tuple[Path, Read]] = []
    find = outlets.finder(known)
    for path in paths:
        try:
            text, decode_warnings = files.read_checked(path, root)
            article, warnings = parse_article(text, path)
            article = outlets.credit(article, known, find)
            warnings += outlets.unlisted(known, article, meta_text_of(text), find)
        except ContentError as exc:
            done.append((path, (None, exc.problems)))
            continue
        done.append((path, ((article, decode_warnings + warnings), ())))
    return done


def _article_files(articles_dir: Path) -> tuple[list[Path], dict[Path, os.stat_result]]:
    """The ``*.md`` files of the folder sorted by name, and the stat of the regular files
    (not symlinks) that can be stat'ed."""
    try:
        with os.scandir(articles_dir) as entries:
            found = sorted((entry.name, entry) for entry in entries if entry.name.endswith(".md"))
    except OSError:  # no folder (or an unreadable one): no articles, as with a glob
        return [], {}
    paths: list[Path] = []
    stats: dict[Path, os.stat_result] = {}
    for name, entry in found:
        path = articles_dir / name
        paths.append(path)
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue  # read_checked reports it
        if stat.S_ISREG(st.st_mode):
            stats[path] = st
    return paths, stats


def duplicate_slugs(articles: list[Article]) -> list[Problem]:
    """Slugs (file names) that differ only in letter case give one URL on many systems."""
    first: dict[str, Article] = {}
    problems = []
    for article in articles:
        other = first.setdefault(slugs.same_url(article.slug), article)
        if other is not article:
            problems.append(Problem(SourcePos(article.path, 1),
                                    f"duplicate slug: {other.path.name} has the same name up to "
                                    "letter case or accents, and the slug is the article's "
                                    "URL; rename one of the files"))
    return problems


def uncertain_cleaning(article: Article) -> list[Problem]:
    """Notes on what the cleaner guessed: an inferred date, an unknown source."""
    notes = []
    if article.date_inferred:
        notes.append(("date_inferred", "the date was inferred, not stated; check it, then "
                                       "remove 'date_inferred: true'"))
    if article.source.strip().casefold() == "unknown":
        notes.append(("source", "no source was found; set 'source:' to the outlet"))
    if not notes:
        return []
    meta_text = meta_text_of(article.path.read_text(encoding="utf-8", errors="replace"))
    return [Problem(SourcePos(article.path, frontmatter.key_line(meta_text, key)), message, "note")
            for key, message in notes]


def meta_text_of(text: str) -> str:
    """The front matter of an article's text, from the line after '---', as
    ``frontmatter.key_line`` counts its lines."""
    return text.split("\n---", 1)[0].partition("\n")[2]


def parse_article(text: str, path: Path) -> tuple[Article, list[Problem]]:
    """One article file -> (Article, warnings); raises ContentError listing every error.
    (Loading then credits it by its outlet's name: ``outlets.credit``.)"""
    doc = frontmatter.parse(text, path)
    meta, problems = doc.meta, []

    def pos(key: str) -> SourcePos:
        return SourcePos(path, frontmatter.key_line(doc.meta_text, key))

    warnings = [Problem(pos(str(key)), f"unknown field {frontmatter.shown(key)}"
                                       f"{suggest(str(key), ARTICLE_KEYS)}; it is ignored",
                        "warning")
                for key in meta if key not in ARTICLE_KEYS]
    for key in REQUIRED_KEYS:
        if meta.get(key) in (None, ""):
            problems.append(Problem(SourcePos(path, 1), f"missing required field {key!r}; "
                                                        f"add '{key}: ...' to the front matter"))
    fields: dict[str, Any] = {}
    for key, check in _CHECKS.items():
        if meta.get(key) in (None, ""):
            continue
        value, error = check(meta[key])
        if error:
            problems.append(Problem(pos(key), f"{key}: {error}"))
        else:
            fields[key] = value
    if problems:
        raise ContentError(problems)
    article = Article(slug=path.stem, path=path, body=doc.body.strip("\n"),
                      body_line=doc.body_line, **fields)
    return article, warnings + empty_body(doc, path)


def empty_body(doc: frontmatter.Document, path: Path) -> list[Problem]:
    """A warning for an article with no text below its front matter (blank lines only), at
    the line after the closing '---'."""
    if doc.body.strip():
        return []
    line = doc.meta_text.count("\n") + 4  # '---', the lines between the fences, '---', this
    return [Problem(SourcePos(path, line), "the article has no text below its front matter; "
                                           "write the report below the closing '---'",
                    "warning")]


def load_story_notes(stories_dir: Path) -> tuple[dict[str, StoryNotes], list[Problem]]:
    """Editor notes per story id, from ``content/stories/<story-id>.md``."""
    notes: dict[str, StoryNotes] = {}
    problems: list[Problem] = []
    for path in sorted(stories_dir.glob("*.md")) if stories_dir.is_dir() else []:
        if not slugs.is_url_part(path.stem):
            problems.append(Problem(SourcePos(path, 1), f"the file name {_shown(path.name)} is "
                                    "not a story id: name the note after its story, "
                                    "'<story-id>.md'"))
            continue
        try:
            text, decode_warnings = files.read_checked(path, stories_dir.parent)
            doc = frontmatter.parse(text, path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(decode_warnings)
        meta = doc.meta
        for key in meta:
            if key not in STORY_KEYS:
                problems.append(Problem(SourcePos(path, frontmatter.key_line(doc.meta_text,
                                                                             str(key))),
                                        f"unknown field {frontmatter.shown(key)}"
                                        f"{suggest(str(key), STORY_KEYS)}; it is ignored",
                                        "warning"))
        texts = {k: _text(meta.get(k)) for k in ("headline", "summary")}
        merge, error = _text_list(meta.get("merge") or [])
        editions = _bool(meta.get("editions", True))
        for key, (_value, err) in (*texts.items(), ("merge", (merge, error)),
                                   ("editions", editions)):
            if err:
                problems.append(Problem(SourcePos(path, frontmatter.key_line(doc.meta_text, key)),
                                        f"{key}: {err}"))
        notes[path.stem] = StoryNotes(story_id=path.stem, path=path,
                                      headline=texts["headline"][0], summary=texts["summary"][0],
                                      body=doc.body.strip("\n"), merge=tuple(merge or ()),
                                      merge_line=frontmatter.key_line(doc.meta_text, "merge"),
                                      editions=editions[0] is not False)
    return notes, problems


# --- field checks: value -> (converted value, error message or "") ---------------------------

def _text(value: Any) -> tuple[str | None, str]:
    if value is None:
        return None, ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip(), ""
    return None, "must be a single line of text"


def _date(value: Any) -> tuple[Date | None, str]:
    if isinstance(value, (dt.date, dt.datetime)):
        return value, ""
    if isinstance(value, str):
        text = value.strip()
        try:
            return (dt.date.fromisoformat(text) if len(text) == 10
                    else dt.datetime.fromisoformat(text)), ""
        except ValueError:
            pass
    return None, (f"{frontmatter.shown(value)} is not a date; write it as YYYY-MM-DD or "
                  "YYYY-MM-DDTHH:MM:SS+00:00")


def _bool(value: Any) -> tuple[bool | None, str]:
    if isinstance(value, bool):
        return value, ""
    return None, "must be true or false"


def _text_list(value: Any) -> tuple[tuple[str, ...] | None, str]:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(v, (str, int)) and str(v).strip() for v in value):
        return tuple(str(v).strip() for v in value), ""
    return None, "must be a list of names, e.g. [Afghanistan, Iran]"


def _images(value: Any) -> tuple[tuple[Image, ...] | None, str]:
    if not isinstance(value, list):
        return None, "must be a list of entries with 'caption' and optional 'credit'"
    images = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("caption"), str):
            return None, "each entry needs 'caption: text' (and optionally 'credit: text')"
        credit = item.get("credit")
        images.append(Image(caption=item["caption"].strip(),
                            credit=str(credit).strip() if credit is not None else None))
    return tuple(images), ""


def _story_id(value: Any) -> tuple[str | None, str]:
    text, error = _text(value)
    if error or text is None:
        return None, error
    if not slugs.is_url_part(text):
        return None, (f"{_shown(text)} is not a story id (it names a folder and a URL); use "
                      "letters and digits joined by '-', at most "
                      f"{slugs.URL_PART_BYTES} bytes")
    return text, ""


def _url(value: Any) -> tuple[str | None, str]:
    """``url:``: the original report's address on its outlet, http(s) only (it is a link on
    every page that shows the report)."""
    text, error = _text(value)
    if error or text is None:
        return None, error
    problem = outlets.report_address_problem(text)
    return (None, problem) if problem else (text, "")


def _raw(value: Any) -> tuple[str | None, str]:
    """``raw:``: a file of the inbox, as the build writes it (``inbox/x.txt``); never a path
    out of the content folder, which ``digest reingest`` would read."""
    text, error = _text(value)
    if error or text is None:
        return None, error
    parts = text.split("/")
    if parts[0] != "inbox" or len(parts) < 2 or "\\" in text or any(
            part in ("", ".", "..") for part in parts):
        return None, (f"{_shown(text)} is not a file of the inbox; write it as "
                      "'inbox/<file name>', as the build does, or remove the field")
    return text, ""


def _shown(text: str) -> str:
    """A value in a message: quoted, escaped, and cut short."""
    return frontmatter.shown(text)


_CHECKS: dict[str, Callable[[Any], tuple[Any, str]]] = {
    "title": _text, "subtitle": _text, "source": _text, "publisher": _text, "date": _date,
    "date_inferred": _bool, "dateline": _text, "author": _text, "images": _images,
    "tags": _text_list, "story": _story_id, "raw": _raw, "draft": _bool, "url": _url,
}
