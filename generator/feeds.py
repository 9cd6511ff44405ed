"""Site feeds, RSS 2.0 and Atom, made with feedgen: one entry per story (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from feedgen.feed import FeedGenerator

from generator.config import SiteConfig
from generator.model import Date, Story, sort_key

FEED_SIZE = 50


def all_feeds(stories: Sequence[Story], cfg: SiteConfig) -> dict[str, bytes]:
    """``feed.xml`` (RSS 2.0) and ``atom.xml`` for the newest stories."""
    return {"feed.xml": story_feed(stories, cfg, "feed.xml").rss_str(pretty=True),
            "atom.xml": story_feed(stories, cfg, "atom.xml").atom_str(pretty=True)}


def story_feed(stories: Sequence[Story], cfg: SiteConfig, self_path: str) -> FeedGenerator:
    """A feed whose entries are stories; every date comes from content, never the clock."""
    fg = FeedGenerator()
    fg.id(cfg.base_url)
    fg.title(cfg.title)
    fg.subtitle(cfg.description)
    fg.author({"name": cfg.author})
    fg.link(href=cfg.url(self_path), rel="self",
            type="application/atom+xml" if self_path.endswith("atom.xml") else
            "application/rss+xml")
    fg.link(href=cfg.base_url, rel="alternate")  # after self: feedgen's RSS <link> is the last
    fg.language(cfg.language)
    fg.generator("news-digest")
    newest = stories[: FEED_SIZE]
    last = max((utc(s.updated) for s in newest), default=dt.datetime(2000, 1, 1,
                                                                      tzinfo=dt.UTC))
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


def utc(value: Date) -> dt.datetime:
    """A timezone-aware datetime for feeds (a bare date is midnight UTC)."""
    return sort_key(value)
