"""The index of daily editions (``editions/``) and their feeds, one item per edition:
``editions/feed.xml`` (RSS 2.0, feedgen as in ``feeds``) and ``editions/feed.json`` (JSON
Feed 1.1). Every date comes from the content, so the bytes are the same build after build."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from generator.config import SiteConfig
from generator.editions import Edition
from generator.model import known_outlets, sort_key
from generator.render.feeds import EPOCH, FEED_SIZE

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

    from generator.render.pages import PageMaker


def index_files(page: PageMaker, editions: Sequence[Edition], titles: Mapping[dt.date, str],
                cfg: SiteConfig) -> dict[str, bytes]:
    """``editions/index.html``, ``editions/feed.xml`` and ``editions/feed.json``; ``titles``
    is each edition's title (``edition_pages.View.title``)."""
    return {"editions/index.html": page("editions/index.html", "editions.html",
                                        editions=editions, titles=titles)[1],
            "editions/feed.xml": edition_feed(editions, titles, cfg).rss_str(pretty=True),
            "editions/feed.json": edition_json_feed(editions, titles, cfg)}


def item_text(edition: Edition) -> str:
    """An edition's entry: its intro's first paragraph if any, then each story and what it
    gained that day."""
    lines = []
    intro = edition.intro
    if intro is not None and intro.body.strip():
        lines += [" ".join(intro.body.strip().split("\n\n")[0].split()), ""]
    for item in edition.stories:
        count = len(item.new)
        what = "new story" if item.is_new else f"{count} new report{'s' if count != 1 else ''}"
        outlets = ", ".join(known_outlets(item.new))
        lines.append(f"{item.story.headline} ({what}{': ' + outlets if outlets else ''})")
    return "\n".join(lines)


def published(edition: Edition) -> dt.datetime:
    """When an edition was complete: the time of its newest report (a bare date is midnight
    UTC, as in the site's feeds)."""
    return max(sort_key(a.date) for item in edition.stories for a in item.new)


def edition_feed(editions: Sequence[Edition], titles: Mapping[dt.date, str],
                 cfg: SiteConfig) -> FeedGenerator:
    """RSS 2.0 of the newest editions, with a self link; descriptions are plain text
    escaped as HTML (feed readers read an RSS description as HTML)."""
    from feedgen.feed import FeedGenerator  # lxml: imported only when a feed is made

    fg = FeedGenerator()
    fg.id(cfg.url("editions/"))
    fg.title(f"{cfg.title}: daily editions")
    fg.subtitle(html.escape(f"Each day's stories of {cfg.title}, with what the new reports "
                            "add.", quote=False))
    fg.author({"name": cfg.author})
    fg.link(href=cfg.url("editions/feed.xml"), rel="self", type="application/rss+xml")
    fg.link(href=cfg.url("editions/"), rel="alternate")  # feedgen's RSS <link> is the last
    fg.language(cfg.language)
    fg.generator("news-digest")
    newest = editions[:FEED_SIZE]
    last = max((published(e) for e in newest), default=EPOCH)
    fg.updated(last)
    fg.lastBuildDate(last)
    for edition in newest:
        url = cfg.url(edition.path)
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(titles[edition.day])
        entry.link(href=url)
        entry.description(html.escape(item_text(edition), quote=False))
        entry.published(published(edition))
    return fg


def edition_json_feed(editions: Sequence[Edition], titles: Mapping[dt.date, str],
                      cfg: SiteConfig) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the newest editions."""
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{cfg.title}: daily editions",
        "home_page_url": cfg.url("editions/"),
        "feed_url": cfg.url("editions/feed.json"),
        "description": f"Each day's stories of {cfg.title}, with what the new reports add.",
        "language": cfg.language,
        "authors": [{"name": cfg.author}],
        "items": [{
            "id": cfg.url(e.path),
            "url": cfg.url(e.path),
            "title": titles[e.day],
            "content_text": item_text(e),
            "date_published": published(e).isoformat(),
            "attachments": [{"url": cfg.url(f"{e.path}email.html"), "mime_type": "text/html",
                             "title": "The edition as a newsletter"}],
        } for e in editions[:FEED_SIZE]],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
