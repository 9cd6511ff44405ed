"""The build pipeline, top to bottom: load, clean the inbox, cluster, render, write.

``plan`` reads everything and validates it without writing a byte; ``build`` then writes the
new article files and the site (only what changed), under a lock; ``check`` reports what
``plan`` found. What a warm build can skip (unchanged files, stories, pages) comes from the
build cache (``cache``, ``memo``). The inbox's new files are cleaned, placed and written by
``intake``; the clusterer (scipy) is imported only when there is something to cluster.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import content, intake
from generator.cache import editions, memo, shards
from generator.cache import store as cache
from generator.cluster import stories
from generator.config import SiteConfig
from generator.errors import ContentError, Problem, SourcePos
from generator.ingest import manifest
from generator.model import Article, Story, StoryNotes, sort_key
from generator.render import edition_build, feeds
from generator.render import pages as render
from generator.util import clock, lock
from generator.util.progress import Progress
from generator.write import faults as write_faults
from generator.write.session import Session
from generator.write.stamps import Stamp, Written


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the closing summary."""

    ingested: tuple[Path, ...]
    articles: int
    stories: int
    pages: int  # every page of the site
    written: int  # the pages whose files this build wrote; the others were unchanged
    warnings: tuple[Problem, ...]
    seconds: float
    held: int = 0  # drafts and articles dated in the future, not published
    shown_through: dt.datetime | None = None  # the date of the newest article published
    next_release: dt.datetime | None = None  # of the first held back by its date
    search_behind: int = 0  # search shards left as the last build made them (defer_search)
    settled: bool = False  # wrote nothing into the content folder, left nothing for later: a
    # build of the same files now would have nothing to do (``cache.fresh``)
    recent: memo.Recent = field(default_factory=memo.Recent)  # for the next build (serve)


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a build will write, validated, before anything is written."""

    articles: tuple[Article, ...]  # existing and new, each with its story
    new: tuple[intake.NewArticle, ...]
    stories: tuple[Story, ...]  # the published ones
    problems: tuple[Problem, ...]  # warnings and notes (errors were raised)
    entries: dict[str, manifest.Entry]
    held: int
    digests: cache.ArticleDigests = field(default_factory=cache.ArticleDigests)  # memo
    deleted: tuple[str, ...] = ()  # inbox files whose article an editor deleted, seen first now
    no_story: tuple[tuple[Article, str], ...] = ()  # articles as read without ``story:``, and
    # the story this build gave each: written into them
    intros: tuple[edition_build.Intro, ...] = ()  # content/editions/YYYY-MM-DD.md
    shown_through: dt.datetime | None = None  # see BuildReport
    next_release: dt.datetime | None = None
    parses: Mapping[str, tuple[content.Parsed, str]] = field(default_factory=dict)  # loaded:
    # handed to the next build of the process (``memo.Recent``)


def build(cfg: SiteConfig, progress: Progress | None = None, recent: memo.Recent | None = None,
          defer_search: bool = False) -> BuildReport:
    """Ingest new inbox files, group articles into stories, render and swap in the site.

    ``recent`` is what this process's last build loaded (its report's ``recent``: ``digest
    serve`` hands it on);
    with ``defer_search``, search shards whose pages changed keep their last bundle when they
    have one (``shards.bundle_of``; the report counts them), so the site is shown sooner."""
    progress, started = progress or Progress(), time.perf_counter()
    with (write_faults.Outcome(cfg.output_dir) as outcome,  # Ctrl-C: what output/ holds
          lock.hold(cfg.content_dir, cfg.output_dir), cache.open_for(cfg.content_dir) as store,
          Session(cfg.output_dir, _last_stamps(store, cfg.output_dir, recent), outcome) as out):
        site = plan(cfg, progress, store, recent)  # load, clean the inbox, cluster
        intake.record_new(cfg.content_dir, site.new, site.deleted, site.entries)
        intake.write_stories(cfg.content_dir, site.no_story)
        with out.streaming() as add:  # a first build writes pages while it makes the others
            shared = rendering(cfg, site, store)
            pages, listed = render_stories(cfg, site, progress, store, shared, add)
            early = shards.begin(pages, cfg.language, store, story_groups(site.stories),
                                 defer_search)  # Pagefind runs while the editions are made
            try:
                dated = made_meanwhile(cfg, site, store, shared, listed, add)
                fits = early.holds_for(dated)  # unless the theme marks editions for search
                if not fits:
                    early.close()  # its shards are made again with the editions
                pages.update(dated)
                behind = index(cfg, site, pages, store, out, defer_search,
                               early if fits else None, progress)
            finally:
                early.close()
            stamps = out.write(pages, pages.digests, progress)
        remember(cfg, store, out.last, stamps)
        progress.finish()
    return BuildReport(ingested=tuple(n.source for n in site.new), articles=len(site.articles),
                       stories=len(site.stories), pages=len(pages), written=stamps.written,
                       warnings=site.problems + cache_warnings(cfg.content_dir, store),
                       seconds=time.perf_counter() - started, held=site.held,
                       shown_through=site.shown_through, next_release=site.next_release,
                       search_behind=behind, settled=settled(site, store, behind),
                       recent=memo.Recent(site.parses, {cfg.output_dir: stamps},
                                          {story.id: story for story in site.stories}))


def settled(site: Plan, store: cache.Cache, behind: int) -> bool:
    """True when the build wrote nothing into the content folder (no new article, no story
    id, no deletion recorded), left no search shard behind and found its cache sound."""
    return not (site.new or site.deleted or site.no_story or behind or store.damaged)


def index(cfg: SiteConfig, site: Plan, pages: cache.LazyPages, store: cache.Cache,
          out: Session, defer_search: bool, early: shards.Begun | None,
          progress: Progress) -> int:
    """Add the search bundle to ``pages`` (the output folder scanned meanwhile, if it was not
    begun in a child): the one ``early`` began over the story pages, else one made now;
    returns how many shards were left as the last build made them."""
    progress.stage("search index")
    out.scan_meanwhile()
    if early is not None:
        bundle, behind = early.finish(out.add)
    else:
        bundle, behind = shards.bundle_of(pages, cfg.language, store,
                                          story_groups(site.stories), defer_search, out.add)
    pages.update(bundle)
    return behind


def remember(cfg: SiteConfig, store: cache.Cache, last: Mapping[str, Stamp],
             stamps: Written) -> None:
    """The stamps of what was written, for the next build; the cache swept of what no build
    uses."""
    if stamps != last:
        memo.save_stamps(store, cfg.output_dir, stamps)
    store.keep([memo.stamps_slot(cfg.output_dir)])
    store.sweep()  # the entries this build did not use, once they pile up


def cache_warnings(content_dir: Path, store: cache.Cache) -> tuple[Problem, ...]:
    """A warning when the build found damaged entries in its cache (each made again)."""
    if not store.damaged:
        return ()
    entries = "entry was" if store.damaged == 1 else "entries were"
    return (Problem(SourcePos(content_dir / cache.CACHE_DIR / "build.sqlite3"),
                    f"{store.damaged} damaged cache {entries} ignored and made again; if this "
                    "repeats, check the disk", "warning"),)


def _last_stamps(store: cache.Cache, output_dir: Path,
                 recent: memo.Recent | None) -> Mapping[str, Stamp]:
    """The stamps of the last build into ``output_dir``: this process's, else the cache's (a
    stale stamp only makes the writer read the file, see ``write.unchanged``)."""
    kept = recent.stamps.get(output_dir) if recent is not None else None
    return kept if kept is not None else memo.load_stamps(store, output_dir)


@dataclass(frozen=True, slots=True)
class Rendering:
    """What rendering the stories and then the editions share: the cache keys, each story's
    data hashed once, and what the editions show of each story that rendering it worked out
    (``memo.EditionDays``)."""

    site_key: str
    keys: Mapping[str, str]  # story id -> its key (``cache.story_key``)
    days: memo.EditionDays
    data: cache.StoryData  # ``cache.story_data`` of each story object asked for


def rendering(cfg: SiteConfig, site: Plan, store: cache.Cache) -> Rendering:
    """The keys of the site and of each story, and a record of the edition days."""
    site_key = cache.site_key(cfg)
    data = cache.StoryData(site.digests)
    keys = {story.id: data.key(site_key, story) for story in site.stories}
    return Rendering(site_key, keys, memo.EditionDays(store, keys), data)


def render_stories(cfg: SiteConfig, site: Plan, progress: Progress, store: cache.Cache,
                   shared: Rendering, on_pages: cache.OnPages | None = None,
                   ) -> tuple[cache.LazyPages, memo.Alongside]:
    """Every page but the editions and the search bundle, and the listings and feeds; stories
    whose pages are cached are not rendered again (nor read, unless a file or the search
    index needs them), the others are rendered in worker processes while this one makes the
    listings and feeds (among the pages then). A few stories render here, before the
    listings (``made_meanwhile`` makes those while Pagefind indexes), unless no page is
    marked for the index, which then reads the listings too. Those made are handed to
    ``on_pages`` as they come."""
    progress.stage("rendering")
    site_key, keys = shared.site_key, shared.keys

    def listings_and_feeds() -> dict[str, bytes]:
        terms = memo.terms(store, site.stories)
        made = memo.listings(store, site_key, keys)(render.site_work(site.stories, cfg, terms))
        made.update(memo.feeds(store, site_key, keys)(
            feeds.feed_work(site.stories, cfg, terms[0] + terms[1])))
        return made

    listed = memo.Alongside(listings_and_feeds)
    pages = memo.story_pages(site.stories, keys, cfg, store, listed, on_pages, shared.days)
    if not pages.searchable:  # every HTML page is indexed
        pages.update(_handed(listed.rest(), on_pages))
    return pages, listed


def made_meanwhile(cfg: SiteConfig, site: Plan, store: cache.Cache, shared: Rendering,
                   listed: memo.Alongside, on_pages: cache.OnPages | None = None,
                   ) -> cache.LazyPages:
    """The pages made while Pagefind indexes the stories': the listings and feeds, unless
    they were made beside the stories (``render_stories``; those are handed to
    ``on_pages``), and the editions."""
    made = cache.LazyPages(_handed(listed.rest(), on_pages))
    made.update(render_editions(cfg, site, store, shared))
    return made


def _handed(pages: Mapping[str, bytes], on_pages: cache.OnPages | None) -> Mapping[str, bytes]:
    """``pages``, handed to ``on_pages`` first."""
    if on_pages is not None and pages:
        on_pages(pages, {})
    return pages


def render_editions(cfg: SiteConfig, site: Plan, store: cache.Cache,
                    shared: Rendering) -> cache.LazyPages:
    """The daily editions' pages, made after the stories' (``render_stories``): what they
    show of each story as it stood on each day was worked out by the stage that compares
    it."""
    return editions.site_pages(site.stories, {i.day: i for i in site.intros}, cfg, store,
                               shared.site_key, site.digests, shared.days, shared.data)


def story_groups(site_stories: Sequence[Story]) -> dict[str, str]:
    """page path -> story id: a story and its reports share a search shard."""
    return {path: story.id for story in site_stories for path in render.story_page_paths(story)}


def check(cfg: SiteConfig, progress: Progress | None = None) -> list[Problem]:
    """Every error, warning and uncertain cleaning in the content; writes nothing."""
    progress = progress or Progress()
    try:
        with cache.open_for(cfg.content_dir, read_only=True) as store:  # check writes nothing
            site = plan(cfg, progress, store)
    except ContentError as exc:
        return list(exc.problems)
    finally:
        progress.finish()
    existing = [a for a in site.articles if a.path.is_file()]
    return list(site.problems) + [n for a in existing for n in content.uncertain_cleaning(a)]


def plan(cfg: SiteConfig, progress: Progress, store: cache.Cache | None = None,
         recent: memo.Recent | None = None) -> Plan:
    """Load and validate the content, clean new inbox files, assign stories; raises
    ContentError listing every error found. ``store`` remembers parses and story leads,
    ``recent`` holds the last parses of this process (see ``build``)."""
    store = store if store is not None else cache.Cache(None)
    progress.stage("loading")
    parses = memo.ArticleMemo(store, recent)
    articles, problems = memo.load_articles(cfg.content_dir / "articles", parses)
    problems = list(cfg.warnings) + problems  # site.yaml and about.md read as Windows-1252
    notes, note_problems = content.load_story_notes(cfg.content_dir / "stories")
    intros, intro_problems = edition_build.load_intros(cfg.content_dir)
    note_problems += intro_problems
    try:
        entries = manifest.load(cfg.content_dir)
    except ContentError as exc:
        entries, problems = {}, problems + list(exc.problems)
    problems += note_problems + manifest.conflicts(cfg.content_dir, articles, entries)
    pending, ingest_problems, deleted = intake.clean_pending(cfg.content_dir, articles, entries,
                                                      progress)
    problems += ingest_problems
    if any(p.severity == "error" for p in problems):  # no clustering: check merges now too
        known = {a.story for a in articles if a.story} | set(notes)
        problems += stories.merge_targets(notes, known)[1]
    _raise_errors(problems)
    progress.stage("clustering")
    assignment = intake.place_in_stories(articles, pending, manifest.build_dated(entries))
    new = intake.new_articles(cfg.content_dir, pending, articles, assignment, problems, entries)
    placed = [a if a.story == assignment[a.slug] else replace(a, story=assignment[a.slug])
              for a in articles] + [n.article for n in new]  # replace() is slow: 10,000s
    now = clock.now()  # once: it reads the environment
    published = [a for a in placed if is_published(a, now)]
    choices = memo.ChoiceMemo(store, parses.digests)
    site_stories, story_problems = group_published(placed, published, notes, choices)
    choices.save()
    problems += story_problems + edition_build.intro_notes(site_stories, intros)
    _raise_errors(problems)
    return Plan(articles=tuple(placed), new=tuple(new), stories=tuple(site_stories),
                problems=tuple(problems), entries=entries, held=len(placed) - len(published),
                digests=parses.digests, deleted=tuple(deleted),
                no_story=tuple((a, assignment[a.slug]) for a in articles if not a.story),
                intros=tuple(intros.values()), parses=parses.loaded,
                **release_window(placed, now))


def is_published(article: Article, now: dt.datetime | None = None) -> bool:
    """Not a draft, and not dated in the future (``now``, by default ``clock.now()``:
    ``SOURCE_DATE_EPOCH`` is the clock if set)."""
    return not article.draft and sort_key(article.date) <= (now or clock.now())


def release_window(placed: Sequence[Article], now: dt.datetime
                   ) -> dict[str, dt.datetime | None]:
    """The span of the clock over which the same articles are published: from the date of the
    newest one published (``shown_through``) to that of the first held back by its date
    (``next_release``), each None when there is none."""
    dates = [sort_key(a.date) for a in placed if not a.draft]
    return {"shown_through": max((d for d in dates if d <= now), default=None),
            "next_release": min((d for d in dates if d > now), default=None)}


def group_published(placed: Sequence[Article], published: Sequence[Article],
                    notes: dict[str, StoryNotes],
                    choose: stories.ChooseAll = stories.choose_all,
                    ) -> tuple[list[Story], list[Problem]]:
    """Stories of the published articles; a merge naming a story of held-back articles only
    is not an error (the story exists, it is just not shown yet)."""
    _, problems = stories.merge_targets(notes, {a.story for a in placed if a.story})
    shown = {a.story for a in published if a.story}
    visible = {story_id: replace(note, merge=tuple(m for m in note.merge if m in shown))
               for story_id, note in notes.items()}
    site_stories, _ = stories.group(published, visible, choose)
    return site_stories, problems


def _raise_errors(problems: Sequence[Problem]) -> None:
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)


__all__ = ["BuildReport", "Plan", "build", "check", "plan", "Story"]
