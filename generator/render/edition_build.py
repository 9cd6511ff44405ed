"""Daily editions in a build: every edition's page and newsletter, the index and its feeds
(``cache.editions`` remembers them in the build cache)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from generator import edition_content, editions
from generator.compare.days import StoryDay
from generator.config import SiteConfig
from generator.editions import Edition, Intro
from generator.errors import Problem
from generator.model import Story
from generator.render import edition_feeds, edition_pages
from generator.render import pages as render

__all__ = ["Intro", "load_intros", "intro_notes", "one_edition", "site_pages"]

def load_intros(content_dir: Path) -> tuple[dict[dt.date, Intro], list[Problem]]:
    """The editors' intros, ``content/editions/YYYY-MM-DD.md``, and their problems."""
    return edition_content.load_intros(content_dir / "editions")


def intro_notes(stories: Sequence[Story], intros: Mapping[dt.date, Intro]) -> list[Problem]:
    """A note for each intro whose day has no edition."""
    return edition_content.intro_notes(editions.days(stories), dict(intros))


def intro_renderer() -> Callable[[str], str]:
    """Markdown -> HTML for intros: CommonMark with raw HTML off, as on every page."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).render


def site_pages(stories: Sequence[Story], intros: Mapping[dt.date, Intro],
               cfg: SiteConfig) -> dict[str, bytes]:
    """Every edition's files and the index with its feeds."""
    found = editions.editions(stories, intros)
    page = render.DeferredRenderer(lambda: render.page_renderer(cfg))
    near = edition_pages.neighbours(found)
    md = intro_renderer()
    pages: dict[str, bytes] = {}
    for edition in found:
        pages.update(edition_files(page, edition, cfg, md, near[edition.day]))
    pages.update(edition_feeds.index_files(page, found, titles_of(found), cfg))
    return pages


def titles_of(found: Sequence[Edition]) -> dict[dt.date, str]:
    """Each edition's title, by day."""
    return {e.day: edition_pages.edition_title(e) for e in found}


def edition_files(page: render.PageMaker, edition: Edition, cfg: SiteConfig,
                  md: Callable[[str], str] | None = None,
                  near: tuple[dt.date | None, dt.date | None] = (None, None),
                  days: Mapping[str, Mapping[str, StoryDay]] | None = None,
                  choose: edition_pages.Chooser | None = None) -> dict[str, bytes]:
    """One edition's page, email HTML and email text (``days``, ``choose``: see
    ``view_of``)."""
    md = md or intro_renderer()
    intro_html = md(edition.intro.body) if edition.intro and edition.intro.body else ""
    view = edition_pages.view_of(edition, intro_html, *near, days=days, choose=choose)
    return edition_pages.edition_files(page, view, cfg)


def one_edition(stories: Sequence[Story], intros: Mapping[dt.date, Intro], cfg: SiteConfig,
                day: dt.date | None) -> tuple[Edition | None, dict[str, bytes]]:
    """The edition of ``day`` (the newest when None) and its files; None when there is none."""
    found = editions.editions(stories, intros)
    chosen = next((e for e in found if day is None or e.day == day), None)
    if chosen is None:
        return None, {}
    page = render.DeferredRenderer(lambda: render.page_renderer(cfg))
    near = edition_pages.neighbours(found)[chosen.day]
    return chosen, edition_files(page, chosen, cfg, near=near)
