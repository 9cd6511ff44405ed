"""``digest edition [--date YYYY-MM-DD] [--to DIR]``: an edition's newsletter files, for an
editor to hand to any mail service (sending mail is no part of the generator).

The edition is made from the content, as ``digest check`` reads it (nothing is written to
``content/`` or ``output/``). Without ``--to`` it prints the paths of the edition's
``email.html`` and ``email.txt`` in the output folder, once a build has written them as they
are now; with ``--to DIR`` it writes them there as ``email-YYYY-MM-DD.html`` and ``.txt``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from generator.errors import ConfigError, UsageError, WriteError
from generator.util.progress import Progress

NAMES = ("email.html", "email.txt")


def add_options(command: argparse.ArgumentParser) -> None:
    """--date and --to (the site options are the caller's)."""
    command.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                         help="the edition's day (default: the newest edition)")
    command.add_argument("--to", type=Path, default=None, metavar="DIR",
                         help="write the email HTML and text there instead of printing "
                              "their paths in the output folder")


def parse_day(text: str | None) -> dt.date | None:
    """``--date``'s day; UsageError when it is not YYYY-MM-DD."""
    if text is None:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError(f"--date {text!r} is not a day; write it as YYYY-MM-DD, e.g. 2021-07-08")


def run(args: argparse.Namespace) -> int:
    """Make the edition, then print the paths of its files (written to ``--to`` if given)."""
    from generator import build, config
    from generator.cache import store as cache
    from generator.render import edition_build

    day = parse_day(args.date)
    cfg = config.load(args.content, args.output, config.theme_folder(args.theme))
    with cache.open_for(cfg.content_dir, read_only=True) as store:  # it writes nothing there
        site = build.plan(cfg, Progress.for_terminal(True), store)
    intros = {intro.day: intro for intro in site.intros}
    edition, files = edition_build.one_edition(site.stories, intros, cfg, day)
    if edition is None:
        raise ConfigError(no_edition(day, [s.articles[-1].day for s in site.stories]))
    made = {name: files[f"{edition.path}{name}"] for name in NAMES}
    paths = (written_to(args.to, edition.day, made) if args.to is not None
             else built(cfg.output_dir / edition.path, made))
    for path in paths:
        print(path)
    return 0


def no_edition(day: dt.date | None, days: list[dt.date]) -> str:
    """Why there is no edition to show, and what to do."""
    if day is None:
        return "there are no editions yet: no published story has a report; add reports " \
               "and run 'digest build'"
    return (f"no edition for {day.isoformat()}: no published story (shown in editions) "
            f"gained a report that day; the newest edition is of {max(days).isoformat()}"
            if days else f"no edition for {day.isoformat()}: there are no stories yet")


def built(folder: Path, made: dict[str, bytes]) -> list[Path]:
    """The paths of the edition's files in the output folder; ConfigError when a build has
    not written them as they are now."""
    paths = [folder / name for name in NAMES]
    for path in paths:
        try:
            same = path.read_bytes() == made[path.name]
        except OSError:
            same = False
        if not same:
            state = "is out of date" if path.is_file() else "is not there"
            raise ConfigError(f"{path} {state}: run 'digest build' first, or pass --to DIR to "
                              "write the edition's files there")
    return paths


def written_to(folder: Path, day: dt.date, made: dict[str, bytes]) -> list[Path]:
    """Write the files into ``folder`` (made if missing) as ``email-DAY.html`` / ``.txt``."""
    paths = []
    for name, data in made.items():
        path = folder / f"email-{day.isoformat()}{Path(name).suffix}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            raise WriteError(f"{path}: cannot write: {exc.strerror or exc}; check that the "
                             "folder is writable and has space") from None
        paths.append(path)
    return paths
