"""Articles plus their story assignments -> Story objects (pure).

Applies the editors' story notes: headline, summary and ``merge: [other-id]``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from generator import outlets
from generator.cluster.config import ClusterDoc
from generator.errors import Problem, SourcePos
from generator.model import Article, Story, StoryNotes, sort_key
from generator.util import forked

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

SUMMARY_CHARS = 320
MIN_FORKED = 64  # stories whose leads are worked out here, below which no child is forked

Choice = tuple[str, str]  # (the lead's slug, the lead's summary): the slow part of a story
# reports oldest first -> its choice
Chooser = Callable[[Sequence[Article]], Choice]
# the reports of many stories -> their choices, in order
ChooseAll = Callable[[Sequence[Sequence[Article]]], list[Choice]]


def cluster_doc(article: Article, dated: Mapping[str, str] | None = None) -> ClusterDoc:
    """The clusterer's view of an article; undated when its date is still the one the build
    gave it for want of its own (``dated``: ``manifest.build_dated``), as when it was placed
    (a build day or its story's earliest date is no evidence of when it was published)."""
    given = (dated or {}).get(article.slug)
    undated = given is not None and article.date_inferred and article.day.isoformat() == given
    return ClusterDoc(key=article.slug, title=article.title, text=article.body,
                      date=None if undated else article.day, source=article.source,
                      story=article.story)


def lead_and_summary(ordered: Sequence[Article], parser: MarkdownIt | None = None) -> Choice:
    """The lead by the clusterer's rule, and its summary (a build may remember these);
    ``parser``: a ``sentences.paragraph_parser()`` to reuse."""
    from generator.cluster import (
        pipeline as cluster,  # numpy: imported only when a lead is worked out
    )

    lead_slug = cluster.lead_key([cluster_doc(a) for a in ordered])
    return lead_slug, summarize(next(a for a in ordered if a.slug == lead_slug), parser)


def choose_all(groups: Sequence[Sequence[Article]]) -> list[Choice]:
    """``lead_and_summary`` of each story's reports, split over forked children when there
    are many (each choice is its story's alone, so the split changes nothing)."""
    if not groups:
        return []
    from generator import sentences  # noqa: F401 - imported once here, not in every child
    from generator.cluster import pipeline as cluster  # noqa: F401 - imported once here, not in every child

    return forked.split_map(_choose_share, groups, MIN_FORKED)


def _choose_share(groups: Sequence[Sequence[Article]]) -> list[Choice]:
    from generator import sentences

    parser = sentences.paragraph_parser()
    return [lead_and_summary(ordered, parser) for ordered in groups]


def merge_targets(notes: Mapping[str, StoryNotes], story_ids: set[str]) -> tuple[dict[str, str],
                                                                                   list[Problem]]:
    """Map each merged-away story id to the id that absorbs it; unknown ids are errors."""
    targets: dict[str, str] = {}
    problems: list[Problem] = []
    for story_id, note in sorted(notes.items()):
        for other in note.merge:
            if other not in story_ids:
                problems.append(Problem(SourcePos(note.path, note.merge_line),
                                        f"merge: no story {other!r}; use an id from "
                                        "output/stories.json or remove it"))
            elif other != story_id:
                targets[other] = story_id
    return targets, problems


def group(articles: Sequence[Article], notes: Mapping[str, StoryNotes],
          choose: ChooseAll = choose_all) -> tuple[list[Story], list[Problem]]:
    """Stories from articles that all carry a story id, newest-updated first; each article
    credited by its outlet's name (``outlets.resolve``: a report ingested by this build was
    not loaded through ``content.load_articles``)."""
    articles = outlets.resolve(articles, outlets.of_articles(articles))
    ids = {a.story for a in articles if a.story}
    targets, problems = merge_targets(notes, ids)
    members: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        story_id = article.story or article.slug
        while story_id in targets:
            story_id = targets[story_id]
        members[story_id].append(article)
    ordered = {story_id: oldest_first(reports) for story_id, reports in members.items()}
    choices = choose(list(ordered.values()))
    stories = [_story(story_id, reports, notes.get(story_id), choice)
               for (story_id, reports), choice in zip(ordered.items(), choices, strict=True)]
    stories.sort(key=lambda s: s.id)
    stories.sort(key=lambda s: sort_key(s.updated), reverse=True)
    return stories, problems


def oldest_first(reports: Sequence[Article]) -> tuple[Article, ...]:
    """A story's reports by date, then slug."""
    return tuple(sorted(reports, key=lambda a: (sort_key(a.date), a.slug)))


def make_story(story_id: str, reports: Sequence[Article], note: StoryNotes | None,
               choose: Chooser = lead_and_summary) -> Story:
    """One story: reports oldest first, the lead chosen by the clusterer's rule."""
    ordered = oldest_first(outlets.resolve(reports, outlets.of_articles(reports)))
    return _story(story_id, ordered, note, choose(ordered))


def _story(story_id: str, ordered: tuple[Article, ...], note: StoryNotes | None,
           choice: Choice) -> Story:
    lead_slug, lead_summary = choice
    lead = next(a for a in ordered if a.slug == lead_slug)
    headline = (note.headline if note and note.headline else None) or lead.title
    summary = (note.summary if note and note.summary else None) or lead_summary
    tag_counts = Counter(tag for a in ordered for tag in a.tags)
    tags = tuple(sorted(tag_counts, key=lambda t: (-tag_counts[t], t.lower())))
    return Story(id=story_id, headline=headline, summary=summary, articles=ordered, lead=lead,
                 notes=note, tags=tags)


def summarize(article: Article, parser: MarkdownIt | None = None) -> str:
    """The standfirst, or the opening paragraph of the body cut at a sentence end
    (``parser``: a ``sentences.paragraph_parser()`` to reuse)."""
    if article.subtitle:
        return article.subtitle
    from generator import sentences  # markdown-it-py: a build whose leads are known needs none

    for paragraph in sentences.paragraphs(article.body, parser):
        text = " ".join(paragraph.split())
        if text:
            return shorten(text, SUMMARY_CHARS)
    return article.title


def shorten(text: str, limit: int) -> str:
    """Cut at the last sentence end before ``limit``, else at a word, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    if end > limit // 3:
        return head[: end + 1]
    return head.rsplit(" ", 1)[0].rstrip(",;:") + "…"
