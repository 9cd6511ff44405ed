"""Feeds, one entry per story: RSS 2.0 and Atom (feedgen), JSON Feed 1.1, per tag and outlet.

Every date comes from the content, never the clock, so feeds are byte-identical across builds;
so a feed whose newest stories are unchanged can be taken from the build cache (``feed_work``).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from generator import taxonomy
from generator.config import SiteConfig
from generator.model import Date, Story, sort_key
from generator.story_view import human_date
from generator.util.remember import Work, make_all, work_of

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

FEED_SIZE = 50
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def all_feeds(stories: Sequence[Story], cfg: SiteConfig,
              terms: Sequence[taxonomy.Term] | None = None) -> dict[str, bytes]:
    """Site feeds (``feed.xml``, ``atom.xml``, ``feed.json``) and an RSS feed per outlet and
    per tag (``sources/<outlet>/feed.xml``, ``tags/<tag>/feed.xml``): ``feed_work`` made."""
    return make_all(feed_work(stories, cfg, terms))


def feed_work(stories: Sequence[Story], cfg: SiteConfig,
              terms: Sequence[taxonomy.Term] | None = None) -> dict[str, Work]:
    """Every feed as ``Work`` named by its path, its title and its (newest) stories, an
    outlet's feed also at the address of each other name it is credited by. ``terms`` are
    the outlets and tags of the stories, when the caller has them already."""
    makers: dict[str, tuple[str, Sequence[Story], Callable[[], bytes]]] = {
        "feed.xml": (cfg.title, stories, lambda: story_feed(stories, cfg, "feed.xml",
                                                           cfg.title).rss_str(pretty=True)),
        "atom.xml": (cfg.title, stories, lambda: story_feed(stories, cfg, "atom.xml", cfg.title,
                                                           rss=False).atom_str(pretty=True)),
        "feed.json": (cfg.title, stories, lambda: json_feed(stories, cfg))}
    if terms is None:
        terms = taxonomy.sources(stories) + taxonomy.tags(stories)
    for term in terms:
        path, title = f"{term.path}feed.xml", f"{term.name} · {cfg.title}"
        makers[path] = (title, term.stories, _rss_maker(term.stories, cfg, path, title,
                                                        term.path))
    # an outlet's feed also at the address of each other name its reports credit it by (its
    # page leads there): a reader subscribed to it keeps getting its stories
    outlets = [term for term in terms if term.kind == "sources"]
    for key, term in taxonomy.source_aliases(stories, outlets).items():
        path, title = f"sources/{key}/feed.xml", f"{term.name} · {cfg.title}"
        makers[path] = (title, term.stories, _rss_maker(term.stories, cfg, path, title,
                                                        term.path))
    return {path: work_of(repr(("feed", path, title)), tuple(s.id for s in shown[:FEED_SIZE]),
                          make) for path, (title, shown, make) in makers.items()}


def _rss_maker(stories: Sequence[Story], cfg: SiteConfig, path: str, title: str,
               home: str) -> Callable[[], bytes]:
    return lambda: story_feed(stories, cfg, path, title, home=home).rss_str(pretty=True)


def story_feed(stories: Sequence[Story], cfg: SiteConfig, self_path: str, title: str,
               home: str = "", rss: bool = True) -> FeedGenerator:
    """A feed of the newest stories, with a self link and content dates only. Summaries and
    the site description are plain text: an RSS ``<description>`` is read as HTML by feed
    readers, so there they are escaped as HTML too (``rss``); Atom marks them as text."""
    from feedgen.feed import FeedGenerator  # lxml: imported only when a feed is made

    as_text: Callable[[str], str] = partial(html.escape, quote=False) if rss else str
    fg = FeedGenerator()
    fg.id(cfg.url(home))
    fg.title(title)
    fg.subtitle(as_text(cfg.description or title))  # RSS requires a channel description
    fg.author({"name": cfg.author})
    fg.link(href=cfg.url(self_path), rel="self",
            type="application/atom+xml" if self_path.endswith("atom.xml") else
            "application/rss+xml")
    fg.link(href=cfg.url(home), rel="alternate")  # after self: feedgen's RSS <link> is the last
    fg.language(cfg.language)
    fg.generator("news-digest")
    newest = stories[:FEED_SIZE]
    last = max((utc(s.updated) for s in newest), default=EPOCH)
    fg.updated(last)
    fg.lastBuildDate(last)
    for story in newest:
        url = cfg.url(f"stories/{story.id}/")
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(story.headline)
        entry.link(href=url)
        entry.description(as_text(entry_text(story)))
        entry.published(utc(story.first_published))
        entry.updated(utc(story.updated))
        for tag in story.tags:
            entry.category(term=tag)
    return fg


def json_feed(stories: Sequence[Story], cfg: SiteConfig) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the newest stories."""
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": cfg.title,
        "home_page_url": cfg.base_url,
        "feed_url": cfg.url("feed.json"),
        "description": cfg.description,
        "language": cfg.language,
        "authors": [{"name": cfg.author}],
        "items": [{
            "id": cfg.url(f"stories/{s.id}/"),
            "url": cfg.url(f"stories/{s.id}/"),
            "title": s.headline,
            "content_text": entry_text(s),
            **({"authors": [{"name": name} for name in s.outlets]} if s.outlets else {}),
            "date_published": utc(s.first_published).isoformat(),
            "date_modified": utc(s.updated).isoformat(),
            **({"tags": list(s.tags)} if s.tags else {}),
        } for s in stories[:FEED_SIZE]],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def entry_text(story: Story) -> str:
    """A story's entry: its summary, then its outlets and its newest report (so the entry
    changes when a report joins the story)."""
    newest = story.articles[-1]
    count = len(story.articles)
    reports = f"{count} report{'s' if count != 1 else ''}"
    if story.outlets:  # reports of an unknown source are no outlet to name
        reports += f" from {', '.join(story.outlets)}"
    return (f"{story.summary}\n\n{reports}. Newest: "
            f"{newest.title} ({newest.source}, {human_date(newest.date)}).")


def utc(value: Date) -> dt.datetime:
    """A timezone-aware datetime for feeds (a bare date is midnight UTC)."""
    return sort_key(value)
