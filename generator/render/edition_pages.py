"""One daily edition -> its page, its newsletter (email HTML with inlined styles) and the plain
text of the same newsletter, as {site path: bytes} (pure but for the comparison it runs).

What a report adds is the story page's "what each report adds" (``story_view.additions`` of the
comparison's ``unique`` items), worked out on the story as it stood at the end of the day: what
no report of the story had said before, nor another report that day.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from generator.compare import days as edition_days
from generator.compare.days import StoryDay
from generator.config import SiteConfig
from generator.editions import Edition, EditionStory, edition_path
from generator.model import Article, Story, known_outlets
from generator.story_view import human_date, human_day

if TYPE_CHECKING:
    from generator.render.pages import PageMaker

EMAIL_LIMIT = 100_000  # bytes: Gmail clips a message over about 102 KB
EMAIL_BUDGET = 90_000  # what the email HTML may take, leaving room for a mail service's parts
TEXT_WIDTH = 72
# a story's reports, oldest first -> (its lead's slug, the lead's summary): the clusterer's
# rule (``stories.lead_and_summary``) or a memo of it
Chooser = Callable[[Sequence[Article]], tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Entry:
    """What an edition shows of one story."""

    story: Story  # as it stood at the end of the day
    new: tuple[Article, ...]  # that day's reports, oldest first
    is_new: bool  # the story began that day
    adds: Mapping[str, str]  # slug -> what the report adds, as a sentence

    @property
    def outlets(self) -> tuple[str, ...]:
        """The known outlets of that day's reports, in report order."""
        return known_outlets(self.new)

    @property
    def so_far(self) -> str:
        """'New story' or '5 reports from 3 outlets so far'."""
        if self.is_new:
            return "New story"
        reports, outlets = len(self.story.articles), len(self.story.outlets)
        told = f"{reports} report{'s' if reports != 1 else ''}"
        if not outlets:  # none credits an outlet anyone can name
            return f"{told} so far"
        return f"{told} from {outlets} outlet{'s' if outlets != 1 else ''} so far"


@dataclass(frozen=True, slots=True)
class View:
    """An edition as its page and newsletter show it."""

    edition: Edition
    entries: tuple[Entry, ...]
    intro_html: str
    newer: dt.date | None = None  # the next edition's day
    older: dt.date | None = None  # the one before

    @property
    def title(self) -> str:
        """The editor's title, else 'Edition of 8 July 2021'."""
        return edition_title(self.edition)

    @property
    def description(self) -> str:
        """One line saying what the edition holds."""
        stories, reports = len(self.entries), self.edition.reports
        return (f"{human_day(self.edition.day)}: {stories} "
                f"stor{'ies' if stories != 1 else 'y'} with {reports} new "
                f"report{'s' if reports != 1 else ''}.")


def edition_title(edition: Edition) -> str:
    """The editor's title, else 'Edition of 8 July 2021'."""
    intro = edition.intro
    return intro.title if intro and intro.title else f"Edition of {human_day(edition.day)}"


def entry_of(item: EditionStory, day: StoryDay | None = None,
             choose: Chooser | None = None) -> Entry:
    """An edition's story with what each of that day's reports adds (from the comparison of
    the story as it stood then): ``day``'s, else worked out here (``choose``: see
    ``as_it_stood``)."""
    if day is None:
        from generator.compare import (
            comparison as compare,  # scipy: imported only when an edition is made
        )

        day = edition_days.day_of(item, compare.unique_of)
    story = item.story if item.complete else as_it_stood(item.story, choose)
    return Entry(story=story, new=item.new, is_new=item.is_new, adds=day.adds)


def as_it_stood(story: Story, choose: Chooser | None = None) -> Story:
    """A story cut to its earlier reports, with the lead, headline and summary those give it
    (the clusterer's rule, ``stories.lead_and_summary``, which is why it is not worked out
    where the story is rendered: the page cache does not follow the clustering code; or
    ``choose``, a memo of it); an editor's headline and summary stay."""
    if choose is None:
        from generator.cluster import stories  # numpy: imported only when an edition is made

        choose = stories.lead_and_summary
    lead_slug, lead_summary = choose(story.articles)
    lead = next(article for article in story.articles if article.slug == lead_slug)
    notes = story.notes
    return replace(story, lead=lead,
                   headline=(notes.headline if notes and notes.headline else None) or lead.title,
                   summary=(notes.summary if notes and notes.summary else None) or lead_summary)


def view_of(edition: Edition, intro_html: str, newer: dt.date | None = None,
            older: dt.date | None = None,
            days: Mapping[str, Mapping[str, StoryDay]] | None = None,
            choose: Chooser | None = None) -> View:
    """The view of an edition: each story with what its new reports add (``days``: story
    id -> its ``story_days``, worked out here for a story that is not in it; ``choose``:
    see ``as_it_stood``)."""
    day = edition.day.isoformat()
    found = days or {}
    return View(edition=edition, intro_html=intro_html, newer=newer, older=older,
                entries=tuple(entry_of(item, found.get(item.story.id, {}).get(day), choose)
                              for item in edition.stories))


def edition_files(page: PageMaker, view: View, cfg: SiteConfig) -> dict[str, bytes]:
    """``editions/DAY/index.html``, ``email.html`` and ``email.txt``."""
    base = edition_path(view.edition.day)
    html, shown = fitted_email(page, view, cfg)
    return {f"{base}index.html": page(f"{base}index.html", "edition.html", view=view)[1],
            f"{base}email.html": html,
            f"{base}email.txt": email_text(view, cfg, shown)}


def fitted_email(page: PageMaker, view: View, cfg: SiteConfig) -> tuple[bytes, int]:
    """The email HTML with as many of the edition's stories as fit ``EMAIL_BUDGET`` (the
    others are counted, with a link to the edition page), and how many it shows."""
    shown = len(view.entries)
    while True:
        html = email_html(page, view, cfg, shown)
        if len(html) <= EMAIL_BUDGET or shown <= 1:
            return html, shown
        shown = max(1, min(shown - 1, shown * EMAIL_BUDGET // len(html)))


def email_html(page: PageMaker, view: View, cfg: SiteConfig, shown: int) -> bytes:
    """The newsletter: the theme's ``email.html`` with its stylesheet inlined (css-inline);
    the media queries (dark mode, narrow screens) stay in a style element in the head."""
    import css_inline

    path = f"{edition_path(view.edition.day)}email.html"
    text = page(path, "email.html", view=view, entries=view.entries[:shown],
                left_out=len(view.entries) - shown)[1].decode("utf-8")
    inlined = css_inline.inline(text, keep_at_rules=True, load_remote_stylesheets=False)
    return _style_after_title(inlined).encode("utf-8")


def _style_after_title(html: str) -> str:
    """css-inline puts the kept at-rules first in the head; the charset must come first (the
    Nu checker wants it in the first bytes), so the style moves to the end of the head."""
    start = html.find("<style>")
    end = html.find("</style>", start) + len("</style>")
    if start < 0 or end < start:
        return html
    style = html[start:end]
    rest = html[:start] + html[end:]
    return rest.replace("</head>", style + "\n</head>", 1)


def email_text(view: View, cfg: SiteConfig, shown: int) -> bytes:
    """The plain-text newsletter: the same stories, reports, additions and links as the
    email HTML, wrapped at ``TEXT_WIDTH``."""
    edition = view.edition
    lines = [view.title, "=" * min(len(view.title), TEXT_WIDTH), "",
             f"{cfg.title} · {view.description}", ""]
    if edition.intro is not None and edition.intro.body:
        lines += [*_wrapped(edition.intro.body), ""]
    for number, entry in enumerate(view.entries[:shown], start=1):
        lines += _entry_text(number, entry, cfg)
    left_out = len(view.entries) - shown
    if left_out:
        lines += [f"{left_out} more stor{'ies' if left_out != 1 else 'y'} in this edition "
                  "on its page.", ""]
    lines += ["-- ", f"This edition on the web: {cfg.url(edition_path(edition.day))}",
              f"All editions: {cfg.url('editions/')}",
              f"{cfg.title}: {cfg.url('')}" + (f" · {cfg.description}" if cfg.description
                                                else "")]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _entry_text(number: int, entry: Entry, cfg: SiteConfig) -> list[str]:
    story = entry.story
    lines = [*_wrapped(f"{number}. {story.headline}"),
             *_wrapped(" · ".join(filter(None, (entry.so_far, ", ".join(entry.outlets)))),
                       "   "),
             *_wrapped(story.summary, "   "), ""]
    for article in entry.new:
        lines += _wrapped(f"- {article.title}", "   ", "     ")
        lines += _wrapped(f"{_credit(article)} · {human_date(article.date)}", "     ")
        if article.slug in entry.adds:
            lines += _wrapped(entry.adds[article.slug], "     ")
        lines += [f"     {cfg.url(f'articles/{article.slug}/')}"]
    return lines + ["", f"   The whole story: {cfg.url(f'stories/{story.id}/')}", ""]


def _credit(article: Article) -> str:
    if article.publisher and article.publisher != article.source:
        return f"{article.source} via {article.publisher}"
    return article.source


def _wrapped(text: str, indent: str = "", later: str | None = None) -> list[str]:
    """Paragraphs of ``text`` wrapped at ``TEXT_WIDTH``; links and long words are not cut."""
    lines: list[str] = []
    for paragraph in (p for p in text.split("\n\n") if p.strip()):
        lines += textwrap.wrap(" ".join(paragraph.split()), TEXT_WIDTH, initial_indent=indent,
                               subsequent_indent=later if later is not None else indent,
                               break_long_words=False, break_on_hyphens=False)
    return lines


def neighbours(editions: Sequence[Edition]) -> dict[dt.date, tuple[dt.date | None,
                                                                  dt.date | None]]:
    """day -> (the newer edition's day, the older one's), for editions newest first."""
    days = [edition.day for edition in editions]
    return {day: (days[i - 1] if i > 0 else None, days[i + 1] if i + 1 < len(days) else None)
            for i, day in enumerate(days)}
