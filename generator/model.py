"""The data the pipeline passes along: frozen dataclasses, no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

Date = dt.date | dt.datetime


UNKNOWN_SOURCE = "Unknown"  # the source the cleaner writes when a report names no outlet


@dataclass(frozen=True, slots=True)
class Image:
    """A photo caption and its credit, as found in a raw report (no image file)."""

    caption: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Outlet:
    """An outlet as ``content/sources.yaml`` describes it (or a built-in agency): the name
    readers see, the other names reports credit it by, and the editor's free-form labels."""

    name: str
    aliases: tuple[str, ...] = ()
    url: str | None = None
    country: str | None = None
    labels: tuple[tuple[str, str], ...] = ()  # (label, value) as the editor wrote them


@dataclass(frozen=True, slots=True)
class Report:
    """A raw report after cleaning: what ingest hands on, before it becomes an Article file.

    ``body`` is Markdown with plain text escaped; ``notes`` are the reasons the cleaning
    is uncertain (inferred date, no source found, many lines dropped) for the editor.
    """

    title: str
    body: str
    source: str | None = None
    subtitle: str | None = None
    publisher: str | None = None
    date: Date | None = None
    date_inferred: bool = False
    dateline: str | None = None
    author: str | None = None
    images: tuple[Image, ...] = ()
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    url: str | None = None  # the report's address on its outlet (a page's canonical link)


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned report, loaded from ``content/articles/<slug>.md``."""

    slug: str
    path: Path
    title: str
    source: str
    date: Date
    body: str
    subtitle: str | None = None
    publisher: str | None = None
    date_inferred: bool = False
    dateline: str | None = None
    author: str | None = None
    images: tuple[Image, ...] = ()
    tags: tuple[str, ...] = ()
    story: str | None = None
    raw: str | None = None
    draft: bool = False  # kept out of the site and feeds while true
    body_line: int = 1  # line of the file where the body starts, for error positions
    url: str | None = None  # the original report on its outlet's site (http(s) only)
    # set by ``outlets.credit`` as the article is loaded: the source as the file credits it
    # when that names the outlet differently, and what sources.yaml says of the outlet
    credited: str | None = None
    outlet_url: str | None = None
    outlet_country: str | None = None
    outlet_labels: tuple[tuple[str, str], ...] = ()

    @property
    def outlet(self) -> Outlet | None:
        """What sources.yaml says of the article's outlet, when it says anything."""
        if self.outlet_url is None and self.outlet_country is None and not self.outlet_labels:
            return None
        return Outlet(name=self.source, url=self.outlet_url, country=self.outlet_country,
                      labels=self.outlet_labels)

    @property
    def day(self) -> dt.date:
        """The publication day, whether ``date`` is a date or a date-time."""
        return day_of(self.date)


@dataclass(frozen=True, slots=True)
class StoryNotes:
    """Editor notes for a story, from ``content/stories/<story-id>.md``."""

    story_id: str
    path: Path
    headline: str | None = None
    summary: str | None = None
    body: str = ""
    merge: tuple[str, ...] = ()
    merge_line: int = 1  # the line of 'merge:' in the note, for its errors
    editions: bool = True  # false: the story is held out of the daily editions


@dataclass(frozen=True, slots=True)
class Story:
    """A cluster of reports on one event. ``articles`` are oldest first; ``lead`` leads."""

    id: str
    headline: str
    summary: str
    articles: tuple[Article, ...]
    lead: Article
    notes: StoryNotes | None = None
    tags: tuple[str, ...] = field(default=())

    @property
    def updated(self) -> Date:
        """The date of the newest report."""
        return max((a.date for a in self.articles), key=_sort_key)

    @property
    def first_published(self) -> Date:
        """The date of the oldest report."""
        return min((a.date for a in self.articles), key=_sort_key)

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct sources as the reports credit them, in report order (``UNKNOWN_SOURCE``
        too: it has a source page like any other)."""
        return tuple(dict.fromkeys(a.source for a in self.articles))

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct outlets that are known, in report order: reports whose source is
        ``UNKNOWN_SOURCE`` are of no outlet anyone can name, not all of one."""
        return known_outlets(self.articles)

    @property
    def unknown_reports(self) -> int:
        """How many reports credit no outlet (``UNKNOWN_SOURCE``)."""
        return sum(unknown_source(a.source) for a in self.articles)


def known_outlets(articles: Iterable[Article]) -> tuple[str, ...]:
    """The distinct outlets of reports, in order, those of ``UNKNOWN_SOURCE`` left out."""
    return tuple(dict.fromkeys(a.source for a in articles if not unknown_source(a.source)))


def unknown_source(source: str) -> bool:
    """Whether a report's source says that no outlet was found (``UNKNOWN_SOURCE``, in any
    case)."""
    return source.strip().casefold() == UNKNOWN_SOURCE.casefold()


def _sort_key(value: Date) -> dt.datetime:
    """Order dates and date-times together (a bare date counts as midnight UTC)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


def sort_key(value: Date) -> dt.datetime:
    """Public ordering key for a Date (see ``_sort_key``)."""
    return _sort_key(value)


def day_of(value: Date) -> dt.date:
    """The calendar day of a date or date-time."""
    return value.date() if isinstance(value, dt.datetime) else value
