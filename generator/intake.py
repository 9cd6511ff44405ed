"""The build's intake: the inbox files that have no article yet, cleaned, placed in stories
with the articles, dated, and written as new article files with their ingest record.

``build.plan`` calls ``clean_pending``, ``place_in_stories`` and ``new_articles`` (nothing
is written); ``build.build`` then ``record_new`` and ``write_stories``. The clusterer
(scipy) is imported only when there is something to place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator import content
from generator.cluster import stories
from generator.cluster.config import ClusterDoc
from generator.errors import ContentError, Problem, SourcePos
from generator.ingest import dates, inbox, manifest
from generator.model import Article, Date, day_of
from generator.util import clock
from generator.util.progress import Progress


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article about to be written from a cleaned inbox file."""

    raw: str  # "inbox/x.txt"
    source: Path
    raw_sha256: str
    text: str
    article: Article
    build_dated: bool = False  # its report had no date: the article's is the build's


def place_in_stories(articles: Sequence[Article], pending: Sequence[inbox.Pending],
                     dated: Mapping[str, str] | None = None) -> dict[str, str]:
    """key -> story id; the clusterer keeps every story already set, so when every article
    has one and nothing is new there is nothing for it to place. ``dated``: the dates the
    build gave articles that had none (``manifest.build_dated``), read as none."""
    if not pending and all(a.story for a in articles):
        return {a.slug: a.story for a in articles if a.story}
    from generator.cluster import pipeline as cluster  # scipy: a third of a second to import

    return cluster.assign([stories.cluster_doc(a, dated) for a in articles]
                          + [_pending_doc(p) for p in pending])


def clean_pending(content_dir: Path, articles: Sequence[Article],
                  entries: Mapping[str, manifest.Entry], progress: Progress,
                  ) -> tuple[list[inbox.Pending], list[Problem], tuple[str, ...]]:
    """Clean every inbox file that has no article yet; collect every problem. An inbox file
    whose article an editor deleted is not cleaned: it gets a note when this build is the
    first to see that (its raw name is returned, to be recorded so)."""
    pending: list[inbox.Pending] = []
    waiting = inbox.pending_files(content_dir, articles, entries)
    problems = [inbox.deleted_note(content_dir, raw, entries[raw].slug) for raw in waiting.deleted]
    paths = waiting.pending
    progress.stage("cleaning", len(paths))
    for path in paths:
        progress.advance()
        screened = inbox.screen(path, content_dir)
        if screened is not None:
            problems.append(screened)
            continue
        raw_sha256 = manifest.file_sha256(path) or ""  # before cleaning: see inbox.Pending
        try:
            report = inbox.clean(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        pending.append(inbox.Pending(raw=inbox.raw_name(path, content_dir), path=path,
                                     report=report, raw_sha256=raw_sha256))
        problems.extend(Problem(SourcePos(path), note, "note") for note in report.notes
                        if note != dates.NO_DATE)  # new_articles says which date it took
    return pending, problems, waiting.deleted


def _pending_doc(item: inbox.Pending) -> ClusterDoc:
    """The clusterer's view of a cleaned report; its key is the raw path until it has a slug."""
    report = item.report
    day = day_of(report.date) if report.date is not None else None
    return ClusterDoc(key=item.raw, title=report.title, text=report.body, date=day,
                      source=report.source or "")


def new_articles(content_dir: Path, pending: Sequence[inbox.Pending], articles: Sequence[Article],
                 assignment: dict[str, str], problems: list[Problem],
                 entries: Mapping[str, manifest.Entry] | None = None) -> list[NewArticle]:
    """The article file text for each cleaned report, parsed back (nothing is written yet).
    Slugs in use or in the ingest record (a deleted article's, which reingest brings back)
    are not taken again."""
    taken = {a.slug.casefold() for a in articles}
    taken |= {entry.slug.casefold() for entry in (entries or {}).values()}
    new: list[NewArticle] = []
    for item in pending:
        story = assignment[item.raw]
        date, inferred = _report_date(item, story, articles, pending, assignment)
        if item.report.date is None:
            problems.append(_undated_note(item.path, date))
        if date is None:
            date, inferred = clock.today(), True
        slug = inbox.new_slug(item.report.title, item.path.stem, taken)
        taken.add(slug.casefold())
        meta = inbox.article_meta(item.report, date, inferred or item.report.date_inferred,
                                  story, item.raw)
        text = inbox.render_article(meta, item.report.body)
        path = content_dir / "articles" / f"{slug}.md"
        new.append(NewArticle(raw=item.raw, source=item.path, text=text,
                              raw_sha256=item.raw_sha256,
                              article=content.parse_article(text, path)[0],
                              build_dated=item.report.date is None))
    return new


def record_new(content_dir: Path, new: Sequence[NewArticle], deleted: Sequence[str],
               entries: Mapping[str, manifest.Entry]) -> None:
    """Write the new article files (never replacing one) and record them in the manifest
    (``entries``: as it was read), with the deleted articles this build was the first to
    see."""
    if not new and not deleted:
        return
    inbox.write_new(content_dir / "articles", [(n.article.slug, n.text) for n in new])
    entries = dict(entries)
    for raw in deleted:
        entries[raw] = replace(entries[raw], removed=True)
    for item in new:
        entries[item.raw] = manifest.Entry(raw_sha256=item.raw_sha256, slug=item.article.slug,
                                           article_sha256=manifest.sha256(item.text.encode()),
                                           story=item.article.story or "",
                                           dated=(item.article.day.isoformat()
                                                  if item.build_dated else ""))
    manifest.save(content_dir, entries)


def write_stories(content_dir: Path, no_story: Sequence[tuple[Article, str]]) -> None:
    """Write the story this build gave each article that had no ``story:`` into its file (that
    line only, and only into a file still as it was read), recorded as build-assigned, so its
    URL stays put and ``digest recluster`` may still move it."""
    if not no_story:
        return
    from generator import recluster  # imports the clusterer, which placed these already

    recluster.write_assigned(content_dir, no_story)


def _report_date(item: inbox.Pending, story: str, articles: Sequence[Article],
                 pending: Sequence[inbox.Pending],
                 assignment: dict[str, str]) -> tuple[Date | None, bool]:
    """The report's own date, else the earliest date among the other reports of its story."""
    if item.report.date is not None:
        return item.report.date, item.report.date_inferred
    mates = [a.day for a in articles if assignment.get(a.slug) == story]
    mates += [day_of(p.report.date) for p in pending
              if p.report.date is not None and assignment.get(p.raw) == story]
    return (min(mates), True) if mates else (None, True)


def _undated_note(path: Path, date: Date | None) -> Problem:
    """The note on a report whose text gives no date: the date its story gave it, or none."""
    if date is None:
        return Problem(SourcePos(path), "no date found; used today's date: set 'date:' in the "
                       "article", "note")
    return Problem(SourcePos(path), f"no date found; took {date.isoformat()}, the earliest date "
                   "of the other reports of its story: set 'date:' in the article if it is "
                   "wrong", "note")
