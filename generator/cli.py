"""The ``digest`` command: argument parsing, printing and exit codes.

Exit status: 0 success, 1 content or build errors (each printed as ``path:line: message``),
2 bad usage, 130 interrupted (Ctrl-C).

Each command imports the modules it runs when it runs: the build pipeline, the clusterer
(scipy) and the server take up to a second to import, ``digest --help`` none of it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.errors import (
    ConfigError,
    ContentError,
    DigestError,
    Interrupted,
    Problem,
    UsageError,
)
from generator.util.progress import Progress

if TYPE_CHECKING:
    from generator import editor
    from generator.cache import fresh
    from generator.config import SiteConfig

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def parser() -> argparse.ArgumentParser:
    """The command line, one subcommand per task."""
    top = argparse.ArgumentParser(prog="digest", description="Build the news digest site.")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    site_options(commands.add_parser("build", help="ingest the inbox, cluster, render the site"))
    check_cmd = commands.add_parser("check", help="validate all content; write nothing")
    site_options(check_cmd, output=False)
    check_cmd.add_argument("--explain", type=Path, default=None, metavar="FILE",
                           help="show each line the cleaning left out of FILE's body, and why")
    serve_cmd = commands.add_parser("serve", help="build, serve on 127.0.0.1, rebuild on change")
    site_options(serve_cmd)
    serve_cmd.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    init_cmd = commands.add_parser("init", help="start a new digest site in DIR")
    init_cmd.add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="DIR",
                          help="where to write it (default: the current folder)")
    editor_parsers(commands)
    edition_cmd = commands.add_parser("edition", help="an edition's newsletter files: print "
                                      "their paths, or write them to --to DIR")
    site_options(edition_cmd)
    edition_options(edition_cmd)
    cluster_cmd = commands.add_parser("cluster", help="cluster a JSON-lines file of articles")
    cluster_cmd.add_argument("--input", type=Path, required=True,
                             help="one JSON article per line: id, title, text, date, source")
    cluster_cmd.add_argument("--output", type=Path, default=None,
                             help='write {"id", "story"} lines here (default: standard output)')
    return top


def site_options(command: argparse.ArgumentParser, output: bool = True) -> None:
    """--content, --output, --theme and --quiet, shared by build, check and serve."""
    command.add_argument("--content", type=Path, default=Path("content"),
                         help="content folder (default: content/)")
    if output:
        command.add_argument("--output", type=Path, default=Path("output"),
                             help="output folder, replaced as a whole (default: output/)")
    command.add_argument("--theme", type=Path, default=None,
                         help="theme folder (default: themes/default/ when there is one, "
                              "else the theme installed with the generator)")
    command.add_argument("--quiet", action="store_true",
                         help="no progress lines or bar; problems and the summary only")


def edition_options(command: argparse.ArgumentParser) -> None:
    """``digest edition``'s own options (``edition_cli``)."""
    from generator import edition_cli

    edition_cli.add_options(command)


def editor_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """add, new and reingest: the commands that change the content folder."""
    add_cmd = commands.add_parser("add", help="copy files or fetch URLs into content/inbox/")
    add_cmd.add_argument("sources", nargs="+", metavar="FILE_OR_URL")
    new_cmd = commands.add_parser("new", help="start a hand-written article")
    new_cmd.add_argument("--title", required=True, help="the headline")
    new_cmd.add_argument("--source", required=True, help="outlet credited for the text")
    new_cmd.add_argument("--date", default=None, help="YYYY-MM-DD (default: today)")
    new_cmd.add_argument("--story", default=None, help="story id to join (default: clustered)")
    new_cmd.add_argument("--tag", action="append", default=[], dest="tags",
                         help="a tag; repeat for several")
    new_cmd.add_argument("--draft", action="store_true", help="keep it off the site for now")
    reingest_cmd = commands.add_parser("reingest", help="clean an article's inbox file again")
    reingest_cmd.add_argument("slug", metavar="SLUG", help="article file name without .md")
    recluster_cmd = commands.add_parser(
        "recluster", help="recompute the stories no editor pinned; print what moved")
    recluster_cmd.add_argument("--dry-run", action="store_true",
                               help="print the moves without changing any file")
    recluster_cmd.add_argument("--output", type=Path, default=Path("output"),
                               help="output folder, for the build lock (default: output/)")
    for command in (add_cmd, new_cmd, reingest_cmd, recluster_cmd):
        command.add_argument("--content", type=Path, default=Path("content"),
                             help="content folder (default: content/)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; never shows a traceback for a content or usage problem."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except ContentError as exc:
        print_problems(exc.problems)
        errors = sum(1 for p in exc.problems if p.severity == "error")
        print(f"{args.command} failed: {errors} error(s); output/ was left as it was",
              file=sys.stderr)
        return EXIT_ERRORS
    except UsageError as exc:
        print(f"digest: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ConfigError, DigestError) as exc:
        print(f"digest: error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    except KeyboardInterrupt as exc:  # Interrupted: the build had put its site in place
        state = str(exc) if isinstance(exc, Interrupted) else "output/ was left as it was"
        print(f"\ndigest: interrupted; {state}", file=sys.stderr)
        return EXIT_INTERRUPTED


def script() -> int:
    """The ``digest`` console script: ``main()`` on one BLAS thread, then the process is
    ready to end.

    The work is split over forked processes, never over BLAS threads, yet numpy's OpenBLAS
    starts a thread per core when it loads, and they spin: 0.15 CPU-s and 0.06 s of wall
    time at every start on this 2-core machine. ``OPENBLAS_NUM_THREADS=1`` (unless set
    already) stops that before numpy is imported. What is still alive when a command returns
    dies with the process, and the interpreter's last garbage collection at exit would walk
    all of it (0.05 s of the 0.1 s exit after clustering 10,000 reports): ``gc.freeze``
    leaves it out of that collection."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    code = main()
    gc.freeze()
    return code


def run(args: argparse.Namespace) -> int:
    """Dispatch to the subcommand."""
    if args.command in ("build", "serve"):
        fewer_collections()
    if args.command == "build":
        return run_build(args)
    if args.command == "check":
        return run_check(args)
    if args.command == "serve":
        from generator import config
        from generator.serve import server as serve

        return serve.run(args.content, args.output, config.theme_folder(args.theme), args.port,
                         quiet=args.quiet)
    if args.command == "cluster":
        return run_cluster(args)
    if args.command == "edition":
        from generator import edition_cli

        return edition_cli.run(args)
    if args.command == "init":
        return run_init(args)
    if not args.content.is_dir():
        raise UsageError(f"{args.content}: content folder not found; pass --content DIR")
    if args.command == "add":
        return run_add(args)
    if args.command == "recluster":
        return run_recluster(args)
    from generator import editor

    if args.command == "new":
        path = editor.new_article(args.content, args.title, args.source, args.date, args.story,
                                  args.tags, args.draft)
        print(f"created {path}; write the report below its front matter, then 'digest build'")
        return EXIT_OK
    article, backup = editor.reingest(args.content, args.slug)
    if backup is None:
        print(f"restored {article} from its inbox file; run 'digest build' to publish it")
    else:
        print(f"re-ingested {article}; the previous version is kept as {backup}")
    return EXIT_OK


GC_YOUNG = 100_000  # allocations between collections of the youngest generation (default 700)


def fewer_collections() -> None:
    """Collect reference cycles less often: a warm build keeps some 100,000s of objects alive
    (articles, stories, stamps) and makes few cycles, so the default thresholds spend a sixth
    of its time walking objects that are not garbage."""
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(max(_young, GC_YOUNG), middle, old)


def run_add(args: argparse.Namespace) -> int:
    """``digest add FILE_OR_URL...``."""
    from generator import editor

    result = editor.add(args.sources, args.content)
    for path in result.added:
        print(f"added {path}")
    print_problems(result.problems)
    errors = sum(1 for p in result.problems if p.severity == "error")
    print(f"add: {len(result.added)} added, "
          f"{sum(1 for p in result.problems if p.severity == 'warning')} duplicate(s), "
          f"{errors} refused; run 'digest build' to ingest")
    return EXIT_ERRORS if errors else EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    """``digest init [DIR]``: print each file written, then what to do next."""
    from generator import scaffold

    for path in scaffold.init(args.folder):
        print(f"created {path}")
    enter = "" if args.folder == Path(".") else f"cd {shlex.quote(str(args.folder))} && "
    print(f"next: set title and base_url in {args.folder / 'content' / 'site.yaml'}, then\n"
          f"  {enter}digest add FILE && digest build    (or 'digest serve' to preview)")
    return EXIT_OK


def run_recluster(args: argparse.Namespace) -> int:
    """``digest recluster [--dry-run]``: print every move, then make them."""
    from generator import recluster

    moves = recluster.plan(args.content)
    for move in moves:
        print(move)
    if not args.dry_run and moves:
        recluster.apply(args.content, args.output, moves)
    verb = "would move" if args.dry_run else "moved"
    print(f"recluster: {verb} {len(moves)} article(s); pinned stories were kept"
          + ("" if args.dry_run or not moves else "; run 'digest build' to publish"))
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    """``digest build``: the last build's report again when nothing it read or wrote changed
    since (``cache.fresh``, checked before the pipeline is imported), else the whole build."""
    from generator import config
    from generator.cache import fresh
    from generator.util import clock, lock

    started = time.perf_counter()
    cfg = config.load(args.content, args.output, config.theme_folder(args.theme))
    with lock.hold(cfg.content_dir, cfg.output_dir):
        seen = fresh.inputs(cfg)
        done = fresh.unchanged(cfg, seen, clock.now())
    if done is None:
        done = full_build(cfg, seen, Progress.for_terminal(args.quiet))
    print_problems(done.warnings)
    print(summary(done, time.perf_counter() - started))
    return EXIT_OK


def full_build(cfg: SiteConfig, seen: str, progress: Progress) -> fresh.Last:
    """Run the pipeline; record it when it settled the site (``BuildReport.settled``), with
    ``seen``, the inputs found before it began."""
    from generator import build
    from generator.cache import fresh

    fresh.forget(cfg)
    report = build.build(cfg, progress)
    done = fresh.Last(articles=report.articles, stories=report.stories, pages=report.pages,
                      held=report.held, warnings=tuple(map(str, report.warnings)),
                      ingested=len(report.ingested), written=report.written,
                      shown_through=_iso(report.shown_through),
                      next_release=_iso(report.next_release))
    if report.settled:  # recorded as a build with nothing to do would report it
        fresh.remember(cfg, seen, done, report.recent.stamps[cfg.output_dir])
    return done


def _iso(when: dt.datetime | None) -> str | None:
    return None if when is None else when.isoformat()


def run_check(args: argparse.Namespace) -> int:
    """``digest check``: every problem and uncertain cleaning; exit 1 if any error."""
    if args.explain is not None:
        return run_explain(args.explain)
    from generator import build, config

    cfg = config.load(args.content, Path("output"), config.theme_folder(args.theme))
    problems = build.check(cfg, Progress.for_terminal(args.quiet))
    print_problems(problems)
    counts = {s: sum(1 for p in problems if p.severity == s) for s in ("error", "warning", "note")}
    print(f"check: {counts['error']} error(s), {counts['warning']} warning(s), "
          f"{counts['note']} note(s) to look at")
    return EXIT_ERRORS if counts["error"] else EXIT_OK


def run_explain(path: Path) -> int:
    """``digest check --explain FILE``: each line the body left out, with its rule."""
    from generator.ingest.explain import PART, explain_path

    left, note = explain_path(path)
    if note:
        print(f"{path}: {note}")
    for item in left:
        print(item.shown(path))
    parts = sum(item.what.endswith(PART) for item in left)
    print(f"explain: {len(left) - parts} line(s) left out of the body"
          + (f", and {parts} part(s) of a line" if parts else ""))
    return EXIT_OK


def print_problems(problems: Sequence[Problem | editor.AddProblem | str]) -> None:
    """Each problem as ``path:line: message`` on stderr."""
    for problem in problems:
        print(problem, file=sys.stderr)


def summary(done: fresh.Last, seconds: float) -> str:
    """The closing line of a build."""
    held = f", {done.held} held back (draft or future date)" if done.held else ""
    return (f"built: {done.ingested} articles ingested, {done.articles} articles, "
            f"{done.stories} stories, {done.written} pages written, "
            f"{done.pages - done.written} unchanged{held}, "
            f"{len(done.warnings)} warnings/notes, {seconds:.2f} s")


def run_cluster(args: argparse.Namespace) -> int:
    """``digest cluster --input FILE.jsonl [--output FILE.jsonl]``."""
    if not args.input.is_file():
        raise UsageError(f"{args.input}: no such file; pass --input FILE.jsonl")
    from generator.cluster import pipeline as cluster

    with args.input.open(encoding="utf-8") as lines:
        if args.output is None:
            cluster.cluster_jsonl(lines, sys.stdout)
        else:
            with args.output.open("w", encoding="utf-8") as out:
                cluster.cluster_jsonl(lines, out)
    return EXIT_OK
