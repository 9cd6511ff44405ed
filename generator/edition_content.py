"""content/editions/YYYY-MM-DD.md -> edition intros, validated; every problem with file:line.

An intro has front matter with an optional ``title`` and a Markdown body (raw HTML is not
rendered, as everywhere on the site).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from generator.config import suggest
from generator.editions import Intro, unused_intros
from generator.errors import ContentError, Problem, SourcePos
from generator.story_view import human_day
from generator.util import files, frontmatter

INTRO_KEYS = ("title",)


def load_intros(editions_dir: Path) -> tuple[dict[dt.date, Intro], list[Problem]]:
    """The intro of each edition that has one, by day, and the problems found in them."""
    intros: dict[dt.date, Intro] = {}
    problems: list[Problem] = []
    for path in sorted(editions_dir.glob("*.md")) if editions_dir.is_dir() else []:
        try:
            intro, found = read_intro(path, editions_dir.parent)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(found)
        if intro is not None:
            intros[intro.day] = intro
    return intros, problems


def read_intro(path: Path, content_dir: Path) -> tuple[Intro | None, list[Problem]]:
    """One intro file; None (with an error) when it cannot be used. Raises ContentError for
    a file that cannot be read or whose front matter is malformed."""
    day = day_of_name(path.name)
    if day is None:
        return None, [Problem(SourcePos(path, 1), f"the file name {frontmatter.shown(path.name)}"
                              " is not a day: name an edition's intro after its day, "
                              "'YYYY-MM-DD.md' (e.g. 2021-07-08.md)")]
    text, problems = files.read_checked(path, content_dir)
    doc = frontmatter.parse(text, path)
    for key in doc.meta:
        if key not in INTRO_KEYS:
            problems.append(Problem(SourcePos(path, frontmatter.key_line(doc.meta_text, str(key))),
                                    f"unknown field {frontmatter.shown(key)}"
                                    f"{suggest(str(key), INTRO_KEYS)}; it is ignored "
                                    f"(known fields: {', '.join(INTRO_KEYS)})", "warning"))
    title = doc.meta.get("title")
    if title is not None and not (isinstance(title, str) and title.strip()
                                  and "\n" not in title.strip()):
        problems.append(Problem(SourcePos(path, frontmatter.key_line(doc.meta_text, "title")),
                                "title: must be a single line of text (quote a date or a "
                                "number: title: \"...\")"))
        return None, problems
    return Intro(day=day, path=path, title=title.strip() if title else None,
                 body=doc.body.strip("\n")), problems


def day_of_name(name: str) -> dt.date | None:
    """The day a file name ``YYYY-MM-DD.md`` names, or None."""
    stem = name.removesuffix(".md")
    if len(stem) != 10:
        return None
    try:
        return dt.date.fromisoformat(stem)
    except ValueError:
        return None


def intro_notes(shown: Iterable[dt.date], intros: dict[dt.date, Intro]) -> list[Problem]:
    """A note for each intro whose day has no edition (a typo in its name, or a day to come)."""
    return [Problem(SourcePos(intro.path, 1), f"no story grew on {human_day(intro.day)} (yet): "
                    "this intro is shown once one does; check the file's name if it should "
                    "be", "note")
            for intro in unused_intros(shown, intros)]
