"""The build pipeline, top to bottom: load, clean the inbox, cluster, render, write.

``plan`` reads everything and validates it without writing a byte; ``build`` then writes the
new article files and the site (only what changed), under a lock; ``check`` reports what
``plan`` found. What a warm build can skip (unchanged files, stories, pages) comes from the
build cache (``cache``, ``memo``). The clusterer (scipy) is imported only when there is something
to cluster.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import content
from generator.cache import editions, memo, shards
from generator.cache import store as cache
from generator.cluster import stories
from generator.cluster.config import ClusterDoc
from generator.config import SiteConfig
from generator.errors import ContentError, Problem, SourcePos
from generator.ingest import dates, inbox, manifest
from generator.model import Article, Date, Story, StoryNotes, day_of, sort_key
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
class NewArticle:
    """An article about to be written from a cleaned inbox file."""

    raw: str  # "inbox/x.txt"
    source: Path
    raw_sha256: str
    text: str
    article: Article
    build_dated: bool = False  # its report had no date: the article's is the build's


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a build will write, validated, before anything is written."""

    articles: tuple[Article, ...]  # existing and new, each with its story
    new: tuple[NewArticle, ...]
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
        record_new(cfg.content_dir, site)
        write_stories(cfg.content_dir, site)
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
    pending, ingest_problems, deleted = clean_pending(cfg.content_dir, articles, entries,
                                                      progress)
    problems += ingest_problems
    if any(p.severity == "error" for p in problems):  # no clustering: check merges now too
        known = {a.story for a in articles if a.story} | set(notes)
        problems += stories.merge_targets(notes, known)[1]
    _raise_errors(problems)
    progress.stage("clustering")
    assignment = place_in_stories(articles, pending, manifest.build_dated(entries))
    new = new_articles(cfg.content_dir, pending, articles, assignment, problems, entries)
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


def place_in_stories(articles: Sequence[Article], pending: Sequence[inbox.Pending],
                     dated: Mapping[str, str] | None = None) -> dict[str, str]:
    """key -> story id; the clusterer keeps every story already set, so when every article
    has one and nothing is new there is nothing for it to place. ``dated``: the dates the
    build gave articles that had none (``manifest.build_dated``), read as none."""
    if not pending and all(a.story for a in articles):
        return {a.slug: a.story for a in articles if a.story}
    from generator.cluster import pipeline as cluster  # scipy: a third of a second to import

    return cluster.assign([stories.cluster_doc(a, dated) for a in articles]
                          + [_pending_doc(p) for p in pending])


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


def clean_pending(content_dir: Path, articles: Sequence[Article],
                  entries: Mapping[str, manifest.Entry], progress: Progress,
                  ) -> tuple[list[inbox.Pending], list[Problem], tuple[str, ...]]:
    """Clean every inbox file that has no article yet; collect every problem. An inbox file
    whose article an editor deleted is not cleaned: it gets a note when this build is the
    first to see that (its raw name is returned, to be recorded so)."""
    pending: list[inbox.Pending] = []
    waiting = inbox.pending_files(content_dir, articles, entries)
    problems = [inbox.deleted_note(content_dir, raw, entries[raw].slug) for raw in waiting.deleted]
    paths = waiting.pending
    progress.stage("cleaning", len(paths))
    for path in paths:
        progress.advance()
        screened = inbox.screen(path, content_dir)
        if screened is not None:
            problems.append(screened)
            continue
        raw_sha256 = manifest.file_sha256(path) or ""  # before cleaning: see inbox.Pending
        try:
            report = inbox.clean(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        pending.append(inbox.Pending(raw=inbox.raw_name(path, content_dir), path=path,
                                     report=report, raw_sha256=raw_sha256))
        problems.extend(Problem(SourcePos(path), note, "note") for note in report.notes
                        if note != dates.NO_DATE)  # new_articles says which date it took
    return pending, problems, waiting.deleted


def _pending_doc(item: inbox.Pending) -> ClusterDoc:
    """The clusterer's view of a cleaned report; its key is the raw path until it has a slug."""
    report = item.report
    day = day_of(report.date) if report.date is not None else None
    return ClusterDoc(key=item.raw, title=report.title, text=report.body, date=day,
                      source=report.source or "")


def new_articles(content_dir: Path, pending: Sequence[inbox.Pending], articles: Sequence[Article],
                 assignment: dict[str, str], problems: list[Problem],
                 entries: Mapping[str, manifest.Entry] | None = None) -> list[NewArticle]:
    """The article file text for each cleaned report, parsed back (nothing is written yet).
    Slugs in use or in the ingest record (a deleted article's, which reingest brings back)
    are not taken again."""
    taken = {a.slug.casefold() for a in articles}
    taken |= {entry.slug.casefold() for entry in (entries or {}).values()}
    new: list[NewArticle] = []
    for item in pending:
        story = assignment[item.raw]
        date, inferred = _report_date(item, story, articles, pending, assignment)
        if item.report.date is None:
            problems.append(_undated_note(item.path, date))
        if date is None:
            date, inferred = clock.today(), True
        slug = inbox.new_slug(item.report.title, item.path.stem, taken)
        taken.add(slug.casefold())
        meta = inbox.article_meta(item.report, date, inferred or item.report.date_inferred,
                                  story, item.raw)
        text = inbox.render_article(meta, item.report.body)
        path = content_dir / "articles" / f"{slug}.md"
        new.append(NewArticle(raw=item.raw, source=item.path, text=text,
                              raw_sha256=item.raw_sha256,
                              article=content.parse_article(text, path)[0],
                              build_dated=item.report.date is None))
    return new


def record_new(content_dir: Path, site: Plan) -> None:
    """Write the new article files (never replacing one) and record them in the manifest,
    with the deleted articles this build was the first to see."""
    if not site.new and not site.deleted:
        return
    inbox.write_new(content_dir / "articles", [(n.article.slug, n.text) for n in site.new])
    entries = dict(site.entries)
    for raw in site.deleted:
        entries[raw] = replace(entries[raw], removed=True)
    for item in site.new:
        entries[item.raw] = manifest.Entry(raw_sha256=item.raw_sha256, slug=item.article.slug,
                                           article_sha256=manifest.sha256(item.text.encode()),
                                           story=item.article.story or "",
                                           dated=(item.article.day.isoformat()
                                                  if item.build_dated else ""))
    manifest.save(content_dir, entries)


def write_stories(content_dir: Path, site: Plan) -> None:
    """Write the story this build gave each article that had no ``story:`` into its file (that
    line only, and only into a file still as it was read), recorded as build-assigned, so its
    URL stays put and ``digest recluster`` may still move it."""
    if not site.no_story:
        return
    from generator import recluster  # imports the clusterer, which placed these already

    recluster.write_assigned(content_dir, site.no_story)


def _report_date(item: inbox.Pending, story: str, articles: Sequence[Article],
                 pending: Sequence[inbox.Pending],
                 assignment: dict[str, str]) -> tuple[Date | None, bool]:
    """The report's own date, else the earliest date among the other reports of its story."""
    if item.report.date is not None:
        return item.report.date, item.report.date_inferred
    mates = [a.day for a in articles if assignment.get(a.slug) == story]
    mates += [day_of(p.report.date) for p in pending
              if p.report.date is not None and assignment.get(p.raw) == story]
    return (min(mates), True) if mates else (None, True)


def _undated_note(path: Path, date: Date | None) -> Problem:
    """The note on a report whose text gives no date: the date its story gave it, or none."""
    if date is None:
        return Problem(SourcePos(path), "no date found; used today's date: set 'date:' in the "
                       "article", "note")
    return Problem(SourcePos(path), f"no date found; took {date.isoformat()}, the earliest date "
                   "of the other reports of its story: set 'date:' in the article if it is "
                   "wrong", "note")


def _raise_errors(problems: Sequence[Problem]) -> None:
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)


__all__ = ["BuildReport", "Plan", "build", "check", "plan", "Story"]
