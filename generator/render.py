"""Stories -> every HTML page, listing, sitemap and JSON index, as {site path: bytes} (pure)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import jinja2
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from generator import seo, taxonomy
from generator.config import SiteConfig
from generator.errors import ConfigError
from generator.model import Article, Date, Story
from generator.sentences import sentence_anchors


def markdown_renderer() -> MarkdownIt:
    """CommonMark with raw HTML disabled (nothing from content reaches a page unescaped),
    tables, ids on headings and on sentences (``s3-1``) so the comparison can link to them."""
    return (MarkdownIt("commonmark", {"html": False}).enable("table")
            .use(anchors_plugin, min_level=2, max_level=4).use(sentence_anchors))


def environment(theme_dir: Path) -> jinja2.Environment:
    """The theme's Jinja2 environment, autoescaping on, undefined names an error."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(theme_dir / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["human_date"] = human_date
    env.filters["iso_date"] = iso_date
    env.filters["url_key"] = taxonomy.url_key
    return env


@dataclass(frozen=True, slots=True)
class Renderer:
    """Renders one template into one page, with the context every page shares."""

    env: jinja2.Environment
    common: dict[str, Any]
    base_path: str  # the site's path on its host, e.g. "/" or "/news/"

    def __call__(self, path: str, template: str, **context: Any) -> tuple[str, bytes]:
        root = self.base_path if path == "404.html" else "../" * path.count("/")
        canonical = path.removesuffix("index.html")
        try:
            html = self.env.get_template(template).render(
                root=root, path=path, canonical=canonical, **self.common, **context)
        except jinja2.TemplateError as exc:
            where = getattr(exc, "filename", None) or template
            raise ConfigError(f"{where}:{getattr(exc, 'lineno', 0) or 0}: template error: "
                              f"{exc}; fix the template") from None
        return path, html.encode("utf-8")


def page_renderer(cfg: SiteConfig, assets: Mapping[str, bytes] | None = None) -> Renderer:
    """The page renderer for a site: its theme's templates and the context all pages share."""
    names = static_files(cfg.theme_dir) if assets is None else assets
    common = {"site": cfg, "assets": {name.rsplit("/", 1)[-1].split(".")[0]: name
                                      for name in names}}
    return Renderer(environment(cfg.theme_dir), common, urlsplit(cfg.base_url).path or "/")


def story_renderer(cfg: SiteConfig) -> Callable[[Story], dict[str, bytes]]:
    """``story -> its pages`` (see ``story_pages``), for rendering stories apart from the site
    (in worker processes, or only the stories whose pages are not cached)."""
    page, md = page_renderer(cfg), markdown_renderer()
    return lambda story: story_pages(page, md, story, cfg)


Terms = tuple[list[taxonomy.Term], list[taxonomy.Term], list[taxonomy.Term]]


def terms_of(stories: Sequence[Story]) -> Terms:
    """The site's outlets, tags and months (the feeds use the first two)."""
    return taxonomy.sources(stories), taxonomy.tags(stories), taxonomy.months(stories)


def site(stories: Sequence[Story], cfg: SiteConfig,
         rendered: Mapping[str, Mapping[str, bytes]] | None = None,
         memo: ListingMemo | None = None, terms: Terms | None = None) -> dict[str, bytes]:
    """Every page of the site, keyed by its path under output/; ``rendered`` holds the pages
    of stories already rendered (story id -> ``story_pages``), the others are rendered here;
    ``memo`` holds listing pages rendered before; ``terms`` is ``terms_of(stories)``."""
    assets = static_files(cfg.theme_dir)
    sources, tags, months = terms if terms is not None else terms_of(stories)
    page = page_renderer(cfg, assets)
    md = markdown_renderer()
    pages: dict[str, bytes] = dict(assets)
    pages.update(listing(page, stories, "", "index.html", title=None, memo=memo))
    for story in stories:
        done = rendered.get(story.id) if rendered is not None else None
        pages.update(done if done is not None else story_pages(page, md, story, cfg))
    for kind, kind_terms in (("sources", sources), ("tags", tags), ("archive", months)):
        pages.update([page(f"{kind}/index.html", "terms.html", kind=kind, terms=kind_terms)])
        for term in kind_terms:
            pages.update(listing(page, term.stories, term.path, "term.html", title=term.name,
                                 memo=memo, term=term))
    pages.update([page("404.html", "404.html"), page("search/index.html", "search.html"),
                  page("about/index.html", "about.html",
                       about_html=md.render(cfg.about_body) if cfg.about_body else "")])
    pages["stories.json"] = remembered(memo, "stories.json", stories,
                                       lambda: stories_json(stories, cfg))
    listed = [p.removesuffix("index.html") for p in pages if p.endswith("index.html")
              and not p.startswith(("stories/", "articles/", "search/"))]
    pages["sitemap.xml"] = seo.sitemap(seo.sitemap_entries(stories, listed), cfg)
    pages["robots.txt"] = seo.robots(cfg)
    return pages


class ListingMemo(Protocol):
    """Pages of listings rendered before, looked up by a key of everything they show."""

    def key(self, path: str, template: str, pager: taxonomy.Page[Story], title: str | None,
            term: taxonomy.Term | None) -> str:
        """The key of one listing page."""

    def index_key(self, path: str, stories: Sequence[Story]) -> str:
        """The key of a file made from every story (``stories.json``)."""

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored page of each key that is present."""

    def put_many(self, items: Mapping[str, bytes]) -> None:
        """Store pages by key."""


def remembered(memo: ListingMemo | None, path: str, stories: Sequence[Story],
               make: Callable[[], bytes]) -> bytes:
    """``make()``, or what it gave before for the same stories when ``memo`` has it."""
    if memo is None:
        return make()
    key = memo.index_key(path, stories)
    data = memo.get_many([key]).get(key)
    if data is None:
        data = make()
        memo.put_many({key: data})
    return data


def listing(page: Renderer, stories: Sequence[Story], base: str, template: str,
            title: str | None, memo: ListingMemo | None = None,
            term: taxonomy.Term | None = None) -> dict[str, bytes]:
    """A paginated list of stories: ``base``, ``base/page/2/``...; pages whose key is in
    ``memo`` are taken from it, the others rendered and added to it."""
    extra = {"term": term} if term is not None else {}
    pagers = taxonomy.paginate(stories, base)
    if memo is None:
        return dict(page(f"{p.path}index.html", template, pager=p, title=title, **extra)
                    for p in pagers)
    keys = [memo.key(f"{p.path}index.html", template, p, title, term) for p in pagers]
    found = memo.get_many(keys)
    pages: dict[str, bytes] = {}
    fresh: dict[str, bytes] = {}
    for key, pager in zip(keys, pagers, strict=True):
        path = f"{pager.path}index.html"
        if key in found:
            pages[path] = found[key]
        else:
            pages[path] = fresh[key] = page(path, template, pager=pager, title=title, **extra)[1]
    memo.put_many(fresh)
    return pages


def story_pages(page: Renderer, md: MarkdownIt, story: Story,
                cfg: SiteConfig) -> dict[str, bytes]:
    """The story page with its comparison of the reports (also as ``story.json``), and one
    page per report."""
    from generator import compare  # scipy: imported only when a story is rendered

    notes_html = md.render(story.notes.body) if story.notes and story.notes.body else ""
    comparison = compare.compare(story)
    pages = dict([page(f"stories/{story.id}/index.html", "story.html", story=story,
                       notes_html=notes_html, jsonld=seo.story_jsonld(story, cfg),
                       comparison=comparison, labels=report_labels(story.articles))])
    pages[f"stories/{story.id}/story.json"] = json_bytes(compare.comparison_json(comparison))
    for article in story.articles:
        pages.update([page(f"articles/{article.slug}/index.html", "article.html",
                           article=article, story=story, body_html=md.render(article.body),
                           jsonld=seo.article_jsonld(article, story, cfg))])
    return pages


def report_labels(articles: Sequence[Article]) -> dict[str, str]:
    """A short name per report for citations: its publisher or source, numbered by timeline
    position when two reports would share a name."""
    names = [a.publisher or a.source for a in articles]
    return {a.slug: name if names.count(name) == 1 else f"{name} (report {n})"
            for n, (a, name) in enumerate(zip(articles, names, strict=True), start=1)}


def static_files(theme_dir: Path) -> dict[str, bytes]:
    """Theme static files, named by a hash of their content so they can be cached forever."""
    files: dict[str, bytes] = {}
    static = theme_dir / "static"
    for path in sorted(static.rglob("*")) if static.is_dir() else []:
        if path.is_file():
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()[:10]
            rel = path.relative_to(static).as_posix()
            stem, dot, suffix = rel.rpartition(".")
            files[f"static/{stem}.{digest}.{suffix}" if dot else f"static/{rel}"] = data
    if not any(name.endswith(".css") for name in files):
        raise ConfigError(f"{static}: the theme needs a stylesheet (static/style.css)")
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
    return json_bytes(data)


def json_bytes(data: object) -> bytes:
    """Indented UTF-8 JSON with a final newline."""
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
