"""``digest serve``'s preview of an edit: the pages of the edited articles' stories, rendered
alone from the last build's stories and served from memory at once, while the full rebuild
runs (as Hugo's server first renders the pages being edited, its "fast render" mode).

Only edits that leave the site's shape alone are previewed: existing, published articles that
keep their slug and their pinned ``story:``, that parse without errors and stay published.
Anything else (a new, removed or broken file, a notes or theme change, a draft) waits for the
full rebuild. The story is made by ``stories.make_story`` and rendered by
``render.story_renderer``, as the full build does, so the pages are the ones it writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from generator import build, content
from generator.cluster import stories
from generator.config import SiteConfig
from generator.errors import ContentError
from generator.model import Article, Story
from generator.render import pages as render
from generator.util import files


def edited_articles(cfg: SiteConfig, changed: Iterable[Path],
                    last: Mapping[str, Story]) -> dict[str, Article] | None:
    """slug -> the article as edited, for each changed file; None unless every changed file
    is an article of one of the ``last`` build's stories that can be previewed."""
    folder = cfg.content_dir / "articles"
    before = {a.slug: a for story in last.values() for a in story.articles}
    edited: dict[str, Article] = {}
    for path in changed:
        old = before.get(path.stem) if path.parent == folder and path.suffix == ".md" else None
        if old is None or old.story is None:  # a story the clusterer chose may change
            return None
        try:
            text, _ = files.read_checked(path, cfg.content_dir)
            article, _ = content.parse_article(text, path)
        except (ContentError, OSError):
            return None
        if article.story != old.story or not build.is_published(article):
            return None
        edited[article.slug] = article
    return edited or None


def pages(cfg: SiteConfig, changed: Iterable[Path],
          last: Mapping[str, Story]) -> dict[str, bytes] | None:
    """The pages of every story an edit touches (see the module docstring), else None."""
    edited = edited_articles(cfg, changed, last)
    if edited is None:
        return None
    touched = [story for story in last.values()
               if any(article.slug in edited for article in story.articles)]
    made: dict[str, bytes] = {}
    story_pages = render.story_renderer(cfg)
    for story in touched:
        reports = [edited.get(article.slug, article) for article in story.articles]
        made.update(story_pages(stories.make_story(story.id, reports, story.notes)))
    return made
