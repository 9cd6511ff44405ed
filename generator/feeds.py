"""Feeds, one entry per story: RSS 2.0 and Atom (feedgen), JSON Feed 1.1, per tag and outlet.

Every date comes from the content, never the clock, so feeds are byte-identical across builds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from feedgen.feed import FeedGenerator

from generator import taxonomy
from generator.config import SiteConfig
from generator.model import Date, Story, sort_key

FEED_SIZE = 50
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def all_feeds(stories: Sequence[Story], cfg: SiteConfig) -> dict[str, bytes]:
    """Site feeds (``feed.xml``, ``atom.xml``, ``feed.json``) and an RSS feed per outlet and
    per tag (``sources/<outlet>/feed.xml``, ``tags/<tag>/feed.xml``)."""
    feeds = {"feed.xml": story_feed(stories, cfg, "feed.xml", cfg.title).rss_str(pretty=True),
             "atom.xml": story_feed(stories, cfg, "atom.xml", cfg.title).atom_str(pretty=True),
             "feed.json": json_feed(stories, cfg)}
    for term in taxonomy.sources(stories) + taxonomy.tags(stories):
        path = f"{term.path}feed.xml"
        title = f"{term.name} · {cfg.title}"
        feeds[path] = story_feed(term.stories, cfg, path, title, home=term.path).rss_str(
            pretty=True)
    return feeds


def story_feed(stories: Sequence[Story], cfg: SiteConfig, self_path: str, title: str,
               home: str = "") -> FeedGenerator:
    """A feed of the newest stories, with a self link and content dates only."""
    fg = FeedGenerator()
    fg.id(cfg.url(home))
    fg.title(title)
    fg.subtitle(cfg.description)
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
        entry.description(story.summary)
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
            "content_text": s.summary,
            "date_published": utc(s.first_published).isoformat(),
            "date_modified": utc(s.updated).isoformat(),
            **({"tags": list(s.tags)} if s.tags else {}),
        } for s in stories[:FEED_SIZE]],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def utc(value: Date) -> dt.datetime:
    """A timezone-aware datetime for feeds (a bare date is midnight UTC)."""
    return sort_key(value)
