"""The render stage: stories -> ``{path: bytes}`` (pure, Jinja2, feedgen).

``pages`` the HTML pages, ``story.json`` and ``stories.json``; ``feeds`` RSS, Atom and JSON
Feed; ``seo`` JSON-LD, the sitemap and robots.txt; ``workers`` the render worker processes;
``edition_pages``, ``edition_feeds`` and ``edition_build`` the daily editions. Importing the
package loads none of them.
"""
