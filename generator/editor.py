"""Editor commands that change the content folder: ``add``, ``new`` and ``reingest``.

Nothing here overwrites an editor's file: new files are created exclusively, and ``reingest``
keeps the replaced article as ``<slug>.md.bak`` (or ``<slug>.md.N.bak``), or makes a deleted
one again from its inbox file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slugify import slugify

from generator import content, outlets
from generator.errors import ContentError, DigestError, Problem, SourcePos, UsageError
from generator.ingest import inbox, manifest
from generator.model import Report
from generator.util import clock, files, frontmatter, lock

FETCH_TIMEOUT = 20.0
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
Fetch = Callable[[str], bytes]


class Refused(DigestError):
    """A file or URL that ``digest add`` will not put in the inbox; the message says why."""


@dataclass(frozen=True, slots=True)
class AddProblem:
    """A file or URL not added: ``source: message`` (a URL is shown exactly as given)."""

    source: str
    message: str
    severity: str = "error"  # "warning" for a duplicate

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.source}: {prefix}{self.message}"


@dataclass(frozen=True, slots=True)
class AddResult:
    """What ``digest add`` did: files added to the inbox, and every problem and duplicate."""

    added: tuple[Path, ...]
    problems: tuple[AddProblem, ...]


def add(sources: Sequence[str], content_dir: Path, fetch: Fetch | None = None) -> AddResult:
    """Copy files (or fetch URLs, saved as HTML) into ``content/inbox/``; same text is not
    added twice."""
    box = content_dir / "inbox"
    box.mkdir(parents=True, exist_ok=True)
    known = {text_key(p.read_bytes(), p.name): p for p in inbox.inbox_files(content_dir)
             if files.refusal(p, content_dir) is None}
    added: list[Path] = []
    problems: list[AddProblem] = []
    for source in sources:
        try:
            name, data = (fetched(source, fetch or fetch_url) if is_url(source)
                          else local(Path(source)))
        except Refused as exc:
            problems.append(AddProblem(source, str(exc)))
            continue
        unusable = inbox.screen_data(data, Path(name))
        if unusable is not None:
            problems.append(AddProblem(source, unusable.message.replace("skipped", "not added")))
            continue
        key = text_key(data, name)
        if key in known:
            problems.append(AddProblem(source, "not added: the same text is already in the "
                                       f"inbox as {known[key]}", "warning"))
            continue
        known[key] = save_new(box, name, data)
        added.append(known[key])
    return AddResult(added=tuple(added), problems=tuple(problems))


def is_url(source: str) -> bool:
    """True for an http(s) address."""
    return source.startswith(("http://", "https://"))


def local(path: Path) -> tuple[str, bytes]:
    """A file to add: its name and bytes, if it is a readable, small report file."""
    if not path.is_file():
        raise Refused("no such file; check the path")
    if not path.name.lower().endswith(inbox.INBOX_SUFFIXES):
        raise Refused("unknown file type; name the file .txt, .html, .htm, .html.gz or .md")
    limit = files.report_limit(path.name)  # what the build takes: it refuses larger ones
    if path.stat().st_size > limit:
        raise Refused(f"refused: over the {files.shown_size(limit)} limit; keep only the "
                      "report's text in the file")
    return path.name, path.read_bytes()


def fetched(url: str, fetch: Fetch) -> tuple[str, bytes]:
    """A page to add: a file name made from its address, and its HTML."""
    parts = urllib.parse.urlsplit(url)
    name = slugify(f"{parts.netloc} {parts.path}", max_length=80, word_boundary=True) or "page"
    return f"{name}.html", with_address(fetch(url), url)


DOCTYPE = re.compile(r"\A\ufeff?\s*<!doctype[^>]*>\n?", re.IGNORECASE)


def with_address(html: bytes, url: str) -> bytes:
    """The page with a mark of the address it was fetched from (``<!-- saved from url=... -->``,
    as browsers write it) after its doctype, so its article gets ``url:``; a page naming its
    own address (a canonical or og:url link) is kept as it is, and so is one not in UTF-8."""
    from generator.ingest import canonical  # the cleaner (trafilatura): only for a fetched page

    try:
        text = html.decode("utf-8")
    except UnicodeDecodeError:
        return html
    if canonical.original_url(text) is not None or not outlets.is_web_address(url):
        return html
    doctype = DOCTYPE.match(text)
    at = doctype.end() if doctype else 0
    return (text[:at] + canonical.saved_from(url) + "\n" + text[at:]).encode("utf-8")


def fetch_url(url: str) -> bytes:
    """GET a page with a timeout and the size cap of a saved page; the HTML, re-encoded as
    UTF-8."""
    request = urllib.request.Request(url, headers={"User-Agent": "news-digest"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            kind = response.headers.get_content_type()
            charset = response.headers.get_content_charset() or "utf-8"
            data: bytes = response.read(files.PAGE_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise Refused(f"could not fetch the page ({reason}); check the address, or save the "
                      "page and add the file") from None
    if len(data) > files.PAGE_BYTES:
        raise Refused(f"refused: the page is over the {files.shown_size(files.PAGE_BYTES)} "
                      "limit; save the article's text and add the file")
    if kind not in HTML_TYPES:
        raise Refused(f"not a web page ({kind}); add the address of the article's HTML page")
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data


def text_key(data: bytes, name: str) -> str:
    """A fingerprint of a file's text: same words in the same order, whatever the spacing."""
    if name.lower().endswith(".gz"):
        with contextlib.suppress(OSError, EOFError, zlib.error):
            data = gzip.decompress(data)
    words = data.decode("utf-8", "replace").casefold().split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def save_new(folder: Path, name: str, data: bytes) -> Path:
    """Create ``folder/name`` (``stem-2.ext`` and so on when the name is taken)."""
    stem, dot, suffix = name.partition(".")
    number = 1
    while True:
        path = folder / (name if number == 1 else f"{stem}-{number}{dot}{suffix}")
        try:
            with path.open("xb") as handle:
                handle.write(data)
            return path
        except FileExistsError:
            number += 1


def new_article(content_dir: Path, title: str, source: str, date: str | None = None,
                story: str | None = None, tags: Sequence[str] = (),
                draft: bool = False) -> Path:
    """Create a hand-written article with valid front matter; returns its path."""
    meta: dict[str, Any] = {"title": title.strip(), "source": source.strip()}
    try:
        meta["date"] = dt.date.fromisoformat(date) if date else clock.today()
    except ValueError:
        raise UsageError(f"--date {date!r} is not a date; write it as YYYY-MM-DD") from None
    if tags:
        meta["tags"] = [t.strip() for t in tags if t.strip()]
    if story:
        meta["story"] = story
    if draft:
        meta["draft"] = True
    articles_dir = content_dir / "articles"
    existing = articles_dir.glob("*.md") if articles_dir.is_dir() else ()
    recorded = manifest.load(content_dir).values()  # a deleted article's slug stays its own
    taken = {p.stem.casefold() for p in existing} | {e.slug.casefold() for e in recorded}
    slug = inbox.new_slug(meta["title"], "article", taken)
    text = frontmatter.dump(meta, "")
    content.parse_article(text, articles_dir / f"{slug}.md")  # raises on an invalid value
    return inbox.write_new(articles_dir, [(slug, text)])[0]


def reingest(content_dir: Path, slug: str) -> tuple[Path, Path | None]:
    """Clean an article's inbox file again, keeping the current article as a .bak; keeps its
    story and draft flag. A deleted article is made again from the inbox file the record
    names for its slug, in the story it had (no .bak: there is nothing to keep).
    Returns (article, backup or None)."""
    path = content_dir / "articles" / f"{slug}.md"
    with lock.exclusive(content_dir / lock.CONTENT_LOCK):
        entries = manifest.load(content_dir)
        if not path.is_file():
            return restore(content_dir, slug, entries), None
        text, _ = files.read_checked(path, content_dir)
        article, _ = content.parse_article(text, path)
        if not article.raw:
            raise ContentError([Problem(SourcePos(path, 1), "no 'raw:' field, so there is no "
                                        "inbox file to clean again; edit the article instead")])
        report = cleaned(content_dir, article.raw, f"the inbox file named in 'raw:' of {path} "
                         "is missing; restore it or fix 'raw:'")
        date = report.date or article.date
        inferred = report.date_inferred if report.date else article.date_inferred
        meta = inbox.article_meta(report, date, inferred, article.story or slug, article.raw)
        if article.draft:
            meta["draft"] = True
        new_text = inbox.render_article(meta, report.body)
        backup = replace_keeping_backup(path, new_text)
        record(content_dir, entries, article.raw, slug, new_text, meta["story"])
    return path, backup


def restore(content_dir: Path, slug: str, entries: dict[str, manifest.Entry]) -> Path:
    """Make the deleted article ``slug`` again from the inbox file the record names for it,
    in the story the record has (the report's date, else today's); clears ``removed``."""
    raw = manifest.raw_of_deleted(entries, slug)
    if raw is None:
        raise UsageError(f"{content_dir / manifest.article_key(slug)}: no such article; pass "
                         "the slug (the file name without .md)")
    report = cleaned(content_dir, raw, f"the inbox file of the deleted article {slug} is "
                     "missing too; restore it from version control, then run this again")
    date, inferred = ((report.date, report.date_inferred) if report.date is not None
                      else (clock.today(), True))
    story = entries[raw].story
    text = inbox.render_article(inbox.article_meta(report, date, inferred, story, raw),
                                report.body)
    path = inbox.write_new(content_dir / "articles", [(slug, text)])[0]
    record(content_dir, entries, raw, slug, text, story)
    return path


def cleaned(content_dir: Path, raw: str, missing: str) -> Report:
    """The inbox file ``raw`` (``inbox/x.txt``) cleaned, or a ContentError saying why not
    (``missing`` when there is no such file)."""
    raw_path = content_dir / raw
    screened = (inbox.screen(raw_path, content_dir) if raw_path.is_file()
                else Problem(SourcePos(raw_path), missing))
    if screened is not None:
        raise ContentError([replace_severity(screened)])
    return inbox.clean(raw_path)


def record(content_dir: Path, entries: dict[str, manifest.Entry], raw: str, slug: str,
           text: str, story: str) -> None:
    """Record the article just written from ``raw`` into ``story`` (not deleted any more)."""
    entries[raw] = manifest.Entry(raw_sha256=manifest.file_sha256(content_dir / raw) or "",
                                  slug=slug, article_sha256=manifest.sha256(text.encode("utf-8")),
                                  story=story)
    manifest.save(content_dir, entries)


def replace_severity(problem: Problem) -> Problem:
    """A skip-warning about the inbox file is an error when re-ingesting was asked for."""
    return Problem(problem.pos, problem.message.removeprefix("skipped: "), "error")


def replace_keeping_backup(path: Path, text: str) -> Path:
    """Hard-link the current file as a free ``.bak`` name, then atomically replace it."""
    number = 0
    while True:
        backup = path.with_name(f"{path.name}.bak" if number == 0
                                else f"{path.name}.{number}.bak")
        try:
            os.link(path, backup)
            break
        except FileExistsError:
            number += 1
    files.write_atomic(path, text)
    return backup
