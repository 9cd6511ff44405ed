"""Stories -> daily editions: what the digest said on each day (pure).

A story is in the edition of every day it gained reports (by each report's publication day),
as it stood at the end of that day: its reports up to then, so what an edition says of a day
never changes when later reports join the story. A story whose note says ``editions: false``
is in none. The build hands in published stories only, so drafts and future dates are out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.model import Article, Story, sort_key


@dataclass(frozen=True, slots=True)
class Intro:
    """An editor's intro to one edition, from ``content/editions/YYYY-MM-DD.md``."""

    day: dt.date
    path: Path
    title: str | None = None
    body: str = ""  # Markdown


@dataclass(frozen=True, slots=True)
class EditionStory:
    """A story in one edition: as it stood at the end of the day, and its reports of that day."""

    story: Story  # its reports up to the edition's day, oldest first (its headline, lead
    # and summary are still the whole story's: see ``edition_pages.as_it_stood``)
    new: tuple[Article, ...]  # the reports published that day, oldest first
    complete: bool = True  # no report came later: ``story`` is the whole story

    @property
    def is_new(self) -> bool:
        """True when the story began that day (every report it had was new)."""
        return len(self.new) == len(self.story.articles)


@dataclass(frozen=True, slots=True)
class Edition:
    """The stories that grew on one day, newest first, with the editor's intro if any."""

    day: dt.date
    stories: tuple[EditionStory, ...]
    intro: Intro | None = None

    @property
    def path(self) -> str:
        """The edition's folder under output/: ``editions/YYYY-MM-DD/``."""
        return edition_path(self.day)

    @property
    def reports(self) -> int:
        """How many reports the day brought."""
        return sum(len(entry.new) for entry in self.stories)


def edition_path(day: dt.date) -> str:
    """``editions/YYYY-MM-DD/``."""
    return f"editions/{day.isoformat()}/"


def editions(stories: Sequence[Story], intros: Mapping[dt.date, Intro] | None = None
             ) -> list[Edition]:
    """Every day on which a story shown in editions gained reports, newest day first; in each,
    the stories newest first (by their latest report that day, then by id)."""
    by_day: dict[dt.date, list[EditionStory]] = {}
    for story in filter(in_editions, stories):
        for day in sorted({article.day for article in story.articles}):
            by_day.setdefault(day, []).append(story_on(story, day))
    intros = intros or {}
    return [Edition(day=day, stories=tuple(sorted(entries, key=_newest_first)),
                    intro=intros.get(day))
            for day, entries in sorted(by_day.items(), reverse=True)]


def in_editions(story: Story) -> bool:
    """False for a story whose note says ``editions: false``."""
    return story.notes is None or story.notes.editions


def days(stories: Sequence[Story]) -> list[dt.date]:
    """The days of ``editions(stories)``, newest first, without working out each edition."""
    return sorted({a.day for story in filter(in_editions, stories) for a in story.articles},
                  reverse=True)


def story_on(story: Story, day: dt.date) -> EditionStory:
    """``story`` as it stood at the end of ``day``, with the reports of that day."""
    upto = tuple(a for a in story.articles if a.day <= day)
    shown = story if len(upto) == len(story.articles) else replace(story, articles=upto)
    return EditionStory(story=shown, new=tuple(a for a in upto if a.day == day),
                        complete=shown is story)


def _newest_first(entry: EditionStory) -> tuple[float, str]:
    latest = max(sort_key(article.date) for article in entry.new)
    return -latest.timestamp(), entry.story.id


def unused_intros(shown: Iterable[dt.date], intros: Mapping[dt.date, Intro]
                  ) -> list[Intro]:
    """Intros for days that have no edition (``shown``: the days that have one; no story grew
    on the others, or not yet)."""
    have = set(shown)
    return [intro for day, intro in sorted(intros.items()) if day not in have]
