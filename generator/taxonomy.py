"""Groupings of stories for listing pages: outlets, tags, months, and pagination (pure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from slugify import slugify

from generator import slugs
from generator.model import Outlet, Story, day_of

T = TypeVar("T")
PER_PAGE = 20


@dataclass(frozen=True, slots=True)
class Term:
    """One outlet, tag or month with the stories filed under it (newest-updated first)."""

    kind: str  # "sources", "tags" or "archive"
    key: str  # URL part: outlet or tag slug, or "2021/07"
    name: str  # what readers see: "Al Jazeera", "Afghanistan", "July 2021"
    stories: tuple[Story, ...]

    @property
    def path(self) -> str:
        """Site path of the term's page, e.g. ``sources/al-jazeera/``."""
        return f"{self.kind}/{self.key}/"


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a paginated listing."""

    number: int
    total: int
    items: tuple[T, ...]
    base: str  # site path of page 1, e.g. "" for home or "tags/iran/"

    def path_of(self, number: int) -> str:
        """Site path of page ``number`` of this listing (page 1 has no /page/1/)."""
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def path(self) -> str:
        """This page's site path."""
        return self.path_of(self.number)


def paginate(items: Sequence[T], base: str, per_page: int = PER_PAGE) -> list[Page[T]]:
    """Split items into pages of ``per_page``; an empty listing still has one page."""
    chunks = [tuple(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [()]
    return [Page(number=n, total=len(chunks), items=chunk, base=base)
            for n, chunk in enumerate(chunks, start=1)]


def url_key(name: str) -> str:
    """URL part for an outlet or tag name; never empty, and cut (with a hash of the name) to
    fit a file name: a 300-character tag was a 'File name too long' build."""
    return slugs.bounded(slugify(name), name) or "untitled"


def sources(stories: Sequence[Story]) -> list[Term]:
    """Every outlet with the stories it reported on, sorted by name."""
    return _terms("sources", stories, lambda s: s.sources, lambda name: name)


def source_aliases(stories: Sequence[Story], sources: Sequence[Term]) -> dict[str, Term]:
    """URL part -> outlet, for each other name reports credit an outlet by (``credited``)
    whose URL part no outlet has: where that outlet's page was before its names merged."""
    by_name = {term.name: term for term in sources}
    taken = {term.key for term in sources}
    aliases: dict[str, Term] = {}
    for story in stories:
        for article in story.articles:
            if article.credited and article.source in by_name:
                key = url_key(article.credited)
                if key not in taken:
                    aliases.setdefault(key, by_name[article.source])
    return dict(sorted(aliases.items()))


def credited_names(term: Term) -> list[str]:
    """The other names the reports of an outlet (``term``) credit it by, in report order."""
    return list(dict.fromkeys(article.credited for story in term.stories
                              for article in story.articles
                              if article.credited and article.source == term.name))


def outlet_of(term: Term) -> Outlet | None:
    """What sources.yaml says of an outlet (``term``), if anything."""
    return next((article.outlet for story in term.stories for article in story.articles
                 if article.source == term.name and article.outlet is not None), None)


def tags(stories: Sequence[Story]) -> list[Term]:
    """Every tag with its stories, sorted by name."""
    return _terms("tags", stories, lambda s: s.tags, lambda name: name)


def months(stories: Sequence[Story]) -> list[Term]:
    """Monthly archive by the date a story was first reported, newest month first."""
    terms = _terms("archive", stories, lambda s: (f"{day_of(s.first_published):%Y/%m}",),
                   lambda key: f"{day_of_key(key):%B %Y}")
    return sorted(terms, key=lambda t: t.key, reverse=True)


def day_of_key(key: str) -> dt.date:
    """The first day of the month of a ``YYYY/MM`` key."""
    year, month = key.split("/")
    return dt.date(int(year), int(month), 1)


def _terms(kind: str, stories: Sequence[Story], names_of: Callable[[Story], Iterable[str]],
           label: Callable[[str], str]) -> list[Term]:
    """Group stories (kept in their given order) under each name; names merge by URL key."""
    grouped: dict[str, list[Story]] = defaultdict(list)
    shown: dict[str, str] = {}
    for story in stories:
        keys: dict[str, str] = {}
        for name in names_of(story):  # the first spelling of a name wins
            keys.setdefault(name if kind == "archive" else url_key(name), name)
        for key, name in keys.items():
            shown.setdefault(key, label(name))
            grouped[key].append(story)
    terms = [Term(kind=kind, key=key, name=shown[key], stories=tuple(items))
             for key, items in grouped.items()]
    return sorted(terms, key=lambda t: (t.name.lower(), t.key))
