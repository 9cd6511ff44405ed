"""The render stage: stories -> ``{path: bytes}`` (pure, Jinja2, feedgen).

``pages`` the HTML pages, ``story.json`` and ``stories.json``; ``feeds`` RSS, Atom and JSON
Feed; ``seo`` JSON-LD, the sitemap and robots.txt; ``workers`` the render worker processes;
``edition_pages``, ``edition_feeds`` and ``edition_build`` the daily editions. Importing the
package loads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.util.lazy import exports, of

if TYPE_CHECKING:
    from generator.render.edition_build import one_edition
    from generator.render.feeds import all_feeds, feed_work
    from generator.render.pages import page_renderer, site, site_work, story_pages

__all__ = [
    "site", "site_work", "story_pages", "page_renderer", "all_feeds", "feed_work", "one_edition",
]
__getattr__ = exports(__name__, {
    **of("generator.render.pages", "site", "site_work", "story_pages", "page_renderer"),
    **of("generator.render.feeds", "all_feeds", "feed_work"),
    **of("generator.render.edition_build", "one_edition"),
})
