"""The build pipeline, top to bottom: load, ingest, cluster, render, write."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator import cluster, content, feeds, inbox, ingest, render, search, stories, write
from generator.config import SiteConfig
from generator.errors import ContentError, Problem, SourcePos
from generator.model import Article, Date, Story, day_of


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the closing summary."""

    ingested: tuple[Path, ...]
    articles: int
    stories: int
    pages: int
    warnings: tuple[Problem, ...]
    seconds: float


def build(cfg: SiteConfig) -> BuildReport:
    """Ingest new inbox files, group articles into stories, render and swap in the site."""
    started = time.perf_counter()
    articles, problems = content.load_articles(cfg.content_dir / "articles")
    notes, note_problems = content.load_story_notes(cfg.content_dir / "stories")
    pending, ingest_problems = clean_pending(cfg.content_dir, articles)
    problems += note_problems + ingest_problems
    _raise_errors(problems)
    assignment = cluster.assign([stories.cluster_doc(a) for a in articles]
                                + [_pending_doc(p) for p in pending])
    created = ingest_new(cfg.content_dir, pending, articles, assignment, problems)
    placed = [replace(a, story=assignment[a.slug]) for a in articles] + created
    site_stories, story_problems = stories.group(placed, notes)
    problems += story_problems
    _raise_errors(problems)
    pages = render.site(site_stories, cfg) | feeds.all_feeds(site_stories, cfg)
    pages |= search.index(pages, cfg.language)
    write.replace_tree(pages, cfg.output_dir)
    return BuildReport(ingested=tuple(p.path for p in pending), articles=len(placed),
                       stories=len(site_stories), pages=len(pages),
                       warnings=tuple(p for p in problems if p.severity != "error"),
                       seconds=time.perf_counter() - started)


def clean_pending(content_dir: Path, articles: Sequence[Article]) -> tuple[list[inbox.Pending],
                                                                          list[Problem]]:
    """Clean every inbox file that has no article yet; collect every problem."""
    pending: list[inbox.Pending] = []
    problems: list[Problem] = []
    for path in inbox.pending_files(content_dir, articles):
        try:
            report = ingest.clean_path(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        pending.append(inbox.Pending(raw=inbox.raw_name(path, content_dir), path=path,
                                     report=report))
        problems.extend(Problem(SourcePos(path), note, "note") for note in report.notes)
    return pending, problems


def _pending_doc(item: inbox.Pending) -> cluster.ClusterDoc:
    """The clusterer's view of a cleaned report; its key is the raw path until it has a slug."""
    report = item.report
    day = day_of(report.date) if report.date is not None else None
    return cluster.ClusterDoc(key=item.raw, title=report.title, text=report.body,
                              date=day, source=report.source or "")


def ingest_new(content_dir: Path, pending: Sequence[inbox.Pending], articles: Sequence[Article],
               assignment: dict[str, str], problems: list[Problem]) -> list[Article]:
    """Write an article file for each cleaned report and load it back as an Article."""
    taken = {a.slug for a in articles}
    files: list[tuple[str, str]] = []
    for item in pending:
        story = assignment[item.raw]
        date, inferred = _report_date(item, story, articles, pending, assignment)
        if date is None:
            date, inferred = inbox.today(), True
            problems.append(Problem(SourcePos(item.path), "no date found; used today's date: "
                                    "set 'date:' in the article", "note"))
        slug = inbox.new_slug(item.report.title, item.path.stem, taken)
        taken.add(slug)
        meta = inbox.article_meta(item.report, date, inferred or item.report.date_inferred,
                                  story, item.raw)
        files.append((slug, inbox.render_article(meta, item.report.body)))
    paths = inbox.write_new(content_dir / "articles", files)
    return [content.parse_article(text, path)[0] for path, (_, text) in zip(paths, files,
                                                                             strict=True)]


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


def _raise_errors(problems: Sequence[Problem]) -> None:
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)


__all__ = ["BuildReport", "build", "Story"]
