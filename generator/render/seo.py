"""Metadata for search engines and link previews: JSON-LD, sitemap.xml, robots.txt (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from generator import editions
from generator.config import SiteConfig
from generator.model import Article, Date, Story, sort_key


def iso(value: Date) -> str:
    """An ISO 8601 date-time with zone (a bare date is midnight UTC)."""
    return sort_key(value).isoformat()


def article_jsonld(article: Article, story: Story, cfg: SiteConfig) -> dict[str, Any]:
    """schema.org NewsArticle for an article page."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": cfg.url(f"articles/{article.slug}/"),
        "mainEntityOfPage": cfg.url(f"articles/{article.slug}/"),
        "datePublished": iso(article.date),
        "dateModified": iso(article.date),
        "publisher": {"@type": "Organization", "name": article.publisher or article.source},
        "sourceOrganization": {"@type": "Organization", "name": article.source},
        "isPartOf": cfg.url(f"stories/{story.id}/"),
    }
    if article.subtitle:
        data["description"] = article.subtitle
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    else:
        data["author"] = {"@type": "Organization", "name": article.source}
    if article.dateline:
        data["locationCreated"] = {"@type": "Place", "name": article.dateline}
    if article.tags:
        data["keywords"] = list(article.tags)
    if article.url:  # this page is our cleaned copy of the report at that address
        data["isBasedOn"] = article.url
    if article.outlet_url:
        data["sourceOrganization"]["url"] = article.outlet_url
    return data


def story_jsonld(story: Story, cfg: SiteConfig) -> dict[str, Any]:
    """schema.org ItemList of the story's reports for a story page."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": story.headline,
        "description": story.summary,
        "url": cfg.url(f"stories/{story.id}/"),
        "numberOfItems": len(story.articles),
        "itemListElement": [
            {"@type": "ListItem", "position": n, "url": cfg.url(f"articles/{a.slug}/"),
             "name": a.title}
            for n, a in enumerate(story.articles, start=1)],
    }


def sitemap(paths: Iterable[tuple[str, Date | None]], cfg: SiteConfig) -> bytes:
    """sitemap.xml for the given (site path, last modified) pairs, in path order."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, modified in sorted(paths, key=lambda item: item[0]):
        lastmod = f"<lastmod>{sort_key(modified).date().isoformat()}</lastmod>" if modified else ""
        lines.append(f"  <url><loc>{escape(cfg.url(path), quote=False)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(cfg: SiteConfig) -> bytes:
    """robots.txt: everything may be crawled; points at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {cfg.url('sitemap.xml')}\n".encode()


def sitemap_entries(stories: Sequence[Story], listing_paths: Iterable[str]) -> list[
        tuple[str, Date | None]]:
    """Story and article pages with their dates, each daily edition with its day and the
    editions' index with the newest, plus listing pages without."""
    entries: list[tuple[str, Date | None]] = [(path, None) for path in listing_paths]
    for story in stories:
        entries.append((f"stories/{story.id}/", story.updated))
        entries.extend((f"articles/{a.slug}/", a.date) for a in story.articles)
    days = editions.days(stories)  # newest first
    if days:
        entries.append(("editions/", days[0]))
        entries.extend((editions.edition_path(day), day) for day in days)
    return entries
