"""Stories and articles -> HTML pages and the JSON index, as {site path: bytes} (pure)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt

from generator.config import SiteConfig
from generator.errors import ConfigError
from generator.model import Article, Date, Story


def markdown_renderer() -> MarkdownIt:
    """CommonMark with raw HTML disabled: nothing from content reaches a page unescaped."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def environment(theme_dir: Path) -> jinja2.Environment:
    """The theme's Jinja2 environment, autoescaping on, undefined names an error."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(theme_dir / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["human_date"] = human_date
    env.filters["iso_date"] = iso_date
    return env


def site(stories: Sequence[Story], cfg: SiteConfig) -> dict[str, bytes]:
    """Every page of the site, keyed by its path under output/."""
    env = environment(cfg.theme_dir)
    md = markdown_renderer()
    assets = static_files(cfg.theme_dir)
    common = {"site": cfg, "stylesheet": next(p for p in assets if p.endswith(".css"))}
    pages: dict[str, bytes] = dict(assets)

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        try:
            html = env.get_template(template).render(root=root, path=path,
                                                      canonical=path.removesuffix("index.html"),
                                                      **common, **context)
        except jinja2.TemplateError as exc:
            where = getattr(exc, "filename", None) or template
            line = getattr(exc, "lineno", None)
            raise ConfigError(f"{where}:{line or 0}: template error: {exc}") from None
        pages[path] = html.encode("utf-8")

    page("index.html", "index.html", stories=stories)
    page("404.html", "404.html")
    for story in stories:
        page(f"stories/{story.id}/index.html", "story.html", story=story,
             notes_html=md.render(story.notes.body) if story.notes and story.notes.body else "")
        for article in story.articles:
            page(f"articles/{article.slug}/index.html", "article.html", article=article,
                 story=story, body_html=md.render(article.body))
    pages["stories.json"] = stories_json(stories, cfg)
    return pages


def static_files(theme_dir: Path) -> dict[str, bytes]:
    """Theme static files; CSS gets a content hash in its name so it can be cached forever."""
    files: dict[str, bytes] = {}
    static = theme_dir / "static"
    for path in sorted(static.rglob("*")) if static.is_dir() else []:
        if not path.is_file():
            continue
        data = path.read_bytes()
        name = path.relative_to(static).as_posix()
        if path.suffix == ".css":
            digest = hashlib.sha256(data).hexdigest()[:10]
            name = f"{name[:-4]}.{digest}.css"
        files[f"static/{name}"] = data
    if not any(name.endswith(".css") for name in files):
        raise ConfigError(f"{static}: the theme needs a stylesheet (static/*.css)")
    return files


def stories_json(stories: Sequence[Story], cfg: SiteConfig) -> bytes:
    """Machine-readable index: each story's id, headline, url, updated, reports."""
    data = {"stories": [{
        "id": story.id,
        "headline": story.headline,
        "url": cfg.url(f"stories/{story.id}/"),
        "updated": iso_date(story.updated),
        "reports": [report_json(a, cfg) for a in story.articles],
    } for story in stories]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def report_json(article: Article, cfg: SiteConfig) -> dict[str, str]:
    """One report's entry in stories.json."""
    return {"slug": article.slug, "title": article.title, "source": article.source,
            "date": iso_date(article.date), "url": cfg.url(f"articles/{article.slug}/")}


def iso_date(value: Date) -> str:
    """ISO 8601, as written in front matter."""
    return value.isoformat()


def human_date(value: Date) -> str:
    """'8 July 2021' (and the time, when there is one)."""
    text = f"{value.day} {value:%B %Y}"
    if isinstance(value, dt.datetime):
        text += f", {value:%H:%M}" + (f" {value:%Z}" if value.tzinfo else "")
    return text
