"""Stories -> every HTML page, listing, sitemap and JSON index, as {site path: bytes} (pure)."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from html import escape as html_escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from generator import story_view, taxonomy
from generator.compare import days as edition_days
from generator.compare.days import StoryDay
from generator.config import SiteConfig
from generator.errors import ConfigError
from generator.model import Article, Story
from generator.render import seo
from generator.story_view import (
    by_reach,
    human_date,
    human_day,
    iso_date,
    marked,
    over_time,
    report_labels,
)
from generator.util.remember import Work, make_all, ready, work_of

URL_KEYS = 4096  # outlet and tag names whose URL part a page renderer remembers

if TYPE_CHECKING:  # imported when first used: a warm build whose pages are cached uses neither
    import jinja2
    from markdown_it import MarkdownIt


def markdown_renderer() -> MarkdownIt:
    """CommonMark with raw HTML disabled (nothing from content reaches a page unescaped),
    tables, ids on headings and on sentences (``s3-1``) so the comparison can link to them."""
    from markdown_it import MarkdownIt

    from generator.headings import heading_anchors
    from generator.sentences import sentence_anchors

    return (MarkdownIt("commonmark", {"html": False}).enable("table")
            .use(heading_anchors, min_level=2, max_level=4).use(sentence_anchors))


def environment(theme_dir: Path, compiled: Path | None = None) -> jinja2.Environment:
    """The theme's Jinja2 environment, autoescaping on, undefined names an error; with
    ``compiled``, templates compiled once are kept there (``cache.template_folder``) and
    only compiled again when their source changes (a tenth of a second per process). It is
    made for one build (or one preview): a template is read once, not checked for changes
    before every page."""
    import jinja2

    class Compiled(jinja2.FileSystemBytecodeCache):
        """Jinja2's own cache of compiled templates; a failed write only costs speed."""

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(theme_dir / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             bytecode_cache=Compiled(str(compiled)) if compiled else None,
                             auto_reload=False)  # one build's environment: no stat per page
    # and the same few hundred days: format each once (a datetime is formatted every time:
    # two equal datetimes may be in different time zones, which it shows)
    env.filters["human_date"] = partial(human_date, day=lru_cache(maxsize=URL_KEYS)(human_day))
    env.filters["iso_date"] = iso_date
    env.filters["marked"] = marked
    env.filters["by_reach"] = by_reach
    env.filters["over_time"] = over_time
    env.filters["credited_names"] = taxonomy.credited_names
    env.filters["outlet_of"] = taxonomy.outlet_of
    # a page links the same few hundred outlets and tags over and over: slugify each once
    env.filters["url_key"] = lru_cache(maxsize=URL_KEYS)(taxonomy.url_key)
    return env


@dataclass(frozen=True, slots=True)
class Renderer:
    """Renders one template into one page, with the context every page shares."""

    env: jinja2.Environment
    common: dict[str, Any]
    base_path: str  # the site's path on its host, e.g. "/" or "/news/"

    def __call__(self, path: str, template: str, **context: Any) -> tuple[str, bytes]:
        import jinja2

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
    from generator.cache.store import template_folder

    return Renderer(environment(cfg.theme_dir, template_folder(cfg.content_dir)), common,
                    urlsplit(cfg.base_url).path or "/")


class DeferredRenderer:
    """A ``Renderer`` made on its first call: a build whose pages all come from the cache
    never loads Jinja2 or the theme's templates."""

    def __init__(self, make: Callable[[], Renderer]) -> None:
        self.make = make
        self.made: Renderer | None = None

    def __call__(self, path: str, template: str, **context: Any) -> tuple[str, bytes]:
        if self.made is None:
            self.made = self.make()
        return self.made(path, template, **context)


PageMaker = Renderer | DeferredRenderer


def story_renderer(cfg: SiteConfig) -> Callable[[Story], dict[str, bytes]]:
    """``story -> its pages`` (see ``story_pages``), for rendering stories apart from the site
    (a preview, a story whose stored pages are gone): without its edition days."""
    page, md = page_renderer(cfg), markdown_renderer()
    return lambda story: story_pages(page, md, story, cfg, with_days=False).pages


def story_maker(cfg: SiteConfig) -> Callable[[Story], RenderedStory]:
    """``story -> its pages and edition days`` (``story_pages``), for rendering stories in
    worker processes (or only the stories whose pages are not cached)."""
    page, md = page_renderer(cfg), markdown_renderer()
    return lambda story: story_pages(page, md, story, cfg)


Terms = tuple[list[taxonomy.Term], list[taxonomy.Term], list[taxonomy.Term]]


def terms_of(stories: Sequence[Story]) -> Terms:
    """The site's outlets, tags and months (the feeds use the first two)."""
    return taxonomy.sources(stories), taxonomy.tags(stories), taxonomy.months(stories)


def site(stories: Sequence[Story], cfg: SiteConfig, terms: Terms | None = None) -> dict[str, bytes]:
    """Every page of the site, keyed by its path under output/; ``terms`` is
    ``terms_of(stories)``, when the caller has it."""
    pages = make_all(site_work(stories, cfg, terms))
    render_story = story_renderer(cfg)
    for story in stories:
        pages.update(render_story(story))
    return pages


def site_work(stories: Sequence[Story], cfg: SiteConfig,
              terms: Terms | None = None) -> dict[str, Work]:
    """Every page of the site but the stories' own (``story_pages``), as ``Work`` named by
    what it shows: the listings, the outlets', tags' and months' pages, the fixed pages,
    ``stories.json`` and the sitemap; the theme's static files, the outlets' redirects and
    robots.txt as made."""
    assets = static_files(cfg.theme_dir)
    sources, tags, months = terms if terms is not None else terms_of(stories)
    page = DeferredRenderer(lambda: page_renderer(cfg, assets))
    work = {path: ready(data) for path, data in assets.items()}
    work.update(listing(page, stories, "", "index.html", title=None))
    for kind, kind_terms in (("sources", sources), ("tags", tags), ("archive", months)):
        work.update(terms_page(page, kind, kind_terms))
        for term in kind_terms:
            work.update(listing(page, term.stories, term.path, "term.html", title=term.name,
                                term=term))
    listed = [p.removesuffix("index.html") for p in (*work, *dict(FIXED_PAGES))
              if p.endswith("index.html") and not p.startswith("search/")]
    work.update({path: ready(data) for path, data in alias_pages(stories, sources, cfg).items()})
    for path, template in FIXED_PAGES:  # they show the site only
        work[path] = work_of(path, (), partial(fixed_page, page, path, template, cfg))
    ids = tuple(story.id for story in stories)
    work["stories.json"] = Work("stories.json", ids, partial(stories_json, stories),
                                index_entries(stories, cfg))
    entries = seo.sitemap_entries(stories, listed)  # all it shows: an edit seldom changes it
    work["sitemap.xml"] = work_of(f"sitemap.xml {entries!r}", (),
                                  lambda: seo.sitemap(entries, cfg))
    work["robots.txt"] = ready(seo.robots(cfg))
    return work


def alias_pages(stories: Sequence[Story], sources: Sequence[taxonomy.Term],
                cfg: SiteConfig) -> dict[str, bytes]:
    """A page at the URL of each other name an outlet's reports credit it by, leading to the
    outlet's page (the address an outlet page had before its names were merged keeps working)."""
    return {f"sources/{key}/index.html": redirect_page(term, cfg)
            for key, term in taxonomy.source_aliases(stories, sources).items()}


def redirect_page(term: taxonomy.Term, cfg: SiteConfig) -> bytes:
    """A page that sends readers (and crawlers, by its canonical link) to ``term``'s page."""
    target, name = cfg.url(term.path), html_escape(term.name)
    return (f'<!DOCTYPE html>\n<html lang="{html_escape(cfg.language)}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{name} · {html_escape(cfg.title)}</title>\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{target}">\n'
            f'<meta http-equiv="refresh" content="0; url=../{term.key}/">\n</head>\n<body>\n'
            f'<p>This outlet is listed as <a href="../{term.key}/">{name}</a>.</p>\n'
            '</body>\n</html>\n').encode()


FIXED_PAGES = (("404.html", "404.html"), ("search/index.html", "search.html"),
               ("about/index.html", "about.html"))


def fixed_page(page: PageMaker, path: str, template: str, cfg: SiteConfig) -> bytes:
    """One of ``FIXED_PAGES``."""
    about = cfg.about_body
    extra = {"about_html": markdown_renderer().render(about) if about else ""} if (
        template == "about.html") else {}
    return page(path, template, **extra)[1]


def terms_page(page: PageMaker, kind: str, terms: Sequence[taxonomy.Term]) -> dict[str, Work]:
    """The page listing every outlet, tag or month (``kind``), named by its terms and their
    stories."""
    path = f"{kind}/index.html"
    about = f"{path} {[(term.key, term.name, len(term.stories)) for term in terms]!r}"
    shown = tuple(story.id for term in terms for story in term.stories)
    return {path: work_of(about, shown, lambda: page(path, "terms.html", kind=kind,
                                                     terms=terms)[1])}


def listing(page: PageMaker, stories: Sequence[Story], base: str, template: str,
            title: str | None, term: taxonomy.Term | None = None) -> dict[str, Work]:
    """A paginated list of stories: ``base``, ``base/page/2/``..., each page named by
    everything it shows: its place in the pagination, its stories, its term (name, kind and
    number of stories)."""
    extra = {"term": term} if term is not None else {}
    shown = ("", "", "", 0) if term is None else (term.kind, term.key, term.name,
                                                  len(term.stories))
    work: dict[str, Work] = {}
    for pager in taxonomy.paginate(stories, base):
        path = f"{pager.path}index.html"
        about = repr(("listing", path, template, title, shown,
                      (pager.number, pager.total, pager.base)))
        work[path] = work_of(about, tuple(s.id for s in pager.items),
                             partial(_listing_page, page, path, template, pager, title, extra))
    return work


def _listing_page(page: PageMaker, path: str, template: str, pager: taxonomy.Page[Story],
                  title: str | None, extra: Mapping[str, Any]) -> bytes:
    return page(path, template, pager=pager, title=title, **extra)[1]


@dataclass(frozen=True, slots=True)
class RenderedStory:
    """A story's pages, and what the daily editions show of it that its comparison gives."""

    pages: dict[str, bytes]  # site path -> bytes
    days: dict[str, StoryDay]  # ISO day -> ``edition_days.story_days``


def story_pages(page: PageMaker, md: MarkdownIt, story: Story, cfg: SiteConfig,
                with_days: bool = True) -> RenderedStory:
    """The story page with its comparison of the reports (also as ``story.json``), one page
    per report, and ``with_days`` the story's edition days (from the same comparison, and
    one of the story as it stood at the end of each earlier day: the stage that compares)."""
    from generator.compare import (
        comparison as compare,  # scipy: imported only when a story is rendered
    )
    from generator.sentences import PARAGRAPHS, Paragraph

    notes_html = md.render(story.notes.body) if story.notes and story.notes.body else ""
    bodies: dict[str, str] = {}
    found: dict[str, list[Paragraph]] = {}
    for article in story.articles:  # rendered first: the comparison reads their sentences
        env: dict[str, Any] = {PARAGRAPHS: []}
        bodies[article.slug] = md.render(article.body, env)
        found[article.slug] = env[PARAGRAPHS]
    comparison = compare.compare(story, found)
    pages = dict([page(f"stories/{story.id}/index.html", "story.html", story=story,
                       notes_html=notes_html, jsonld=seo.story_jsonld(story, cfg),
                       comparison=comparison, labels=report_labels(story.articles),
                       coverage=story_view.coverage(story), growth=story_view.growth(story),
                       additions=story_view.additions(story, comparison.unique))])
    pages[f"stories/{story.id}/story.json"] = json_bytes(compare.comparison_json(comparison))
    for article in story.articles:
        pages.update([page(f"articles/{article.slug}/index.html", "article.html",
                           article=article, story=story, body_html=bodies[article.slug],
                           jsonld=seo.article_jsonld(article, story, cfg))])
    if not with_days:
        return RenderedStory(pages, {})
    earlier = partial(compare.unique_of, found=found)  # its reports parsed once
    return RenderedStory(pages, edition_days.story_days(story, comparison.unique, earlier))


def story_page_paths(story: Story) -> list[str]:
    """The paths of ``story_pages``, without rendering them."""
    return [f"stories/{story.id}/index.html", f"stories/{story.id}/story.json",
            *(f"articles/{article.slug}/index.html" for article in story.articles)]


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


def index_entries(stories: Sequence[Story], cfg: SiteConfig) -> dict[str, Work]:
    """Each story's entry of ``stories.json``, by story id."""
    return {story.id: work_of(f"stories.json entry {story.id}", (story.id,),
                              partial(_entry, story, cfg)) for story in stories}


def _entry(story: Story, cfg: SiteConfig) -> bytes:
    return story_json_entry(story, cfg).encode("utf-8")


def stories_json(stories: Sequence[Story], entries: Mapping[str, bytes]) -> bytes:
    """Machine-readable index: each story's id, headline, url, updated, reports; the same
    bytes as ``json_bytes`` of it, made of each story's ``story_json_entry`` (``entries``,
    by story id)."""
    if not stories:
        return json_bytes({"stories": []})
    return (b'{\n  "stories": [\n' + b",\n".join(entries[story.id] for story in stories)
            + b"\n  ]\n}\n")


def story_json_entry(story: Story, cfg: SiteConfig) -> str:
    """One story's entry of stories.json, indented as it is there (a JSON string never holds
    a raw line break, so every line break is the indenter's)."""
    text = json.dumps({
        "id": story.id,
        "headline": story.headline,
        "url": cfg.url(f"stories/{story.id}/"),
        "updated": iso_date(story.updated),
        "reports": [report_json(a, cfg) for a in story.articles],
    }, ensure_ascii=False, indent=2)
    return "    " + text.replace("\n", "\n    ")


def json_bytes(data: object) -> bytes:
    """Indented UTF-8 JSON with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def report_json(article: Article, cfg: SiteConfig) -> dict[str, str]:
    """One report's entry in stories.json: ``url`` is our cleaned copy, ``original_url`` the
    report on its outlet's site (when known)."""
    entry = {"slug": article.slug, "title": article.title, "source": article.source,
             "date": iso_date(article.date), "url": cfg.url(f"articles/{article.slug}/")}
    if article.url:
        entry["original_url"] = article.url
    return entry
