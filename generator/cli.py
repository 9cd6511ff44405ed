"""The ``digest`` command: argument parsing, printing and exit codes.

Exit status: 0 success, 1 content or build errors (each printed as ``path:line: message``),
2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__, cluster, config
from generator.build import BuildReport, build
from generator.errors import ConfigError, ContentError, DigestError, UsageError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    """The command line, one subcommand per task."""
    top = argparse.ArgumentParser(prog="digest", description="Build the news digest site.")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_cmd = commands.add_parser("build", help="ingest the inbox, cluster, render the site")
    build_cmd.add_argument("--content", type=Path, default=Path("content"),
                           help="content folder (default: content/)")
    build_cmd.add_argument("--output", type=Path, default=Path("output"),
                           help="output folder, replaced as a whole (default: output/)")
    build_cmd.add_argument("--theme", type=Path, default=Path("themes/default"),
                           help="theme folder (default: themes/default/)")
    build_cmd.add_argument("--quiet", action="store_true", help="print errors only")
    cluster_cmd = commands.add_parser("cluster", help="cluster a JSON-lines file of articles")
    cluster_cmd.add_argument("--input", type=Path, required=True,
                             help="one JSON article per line: id, title, text, date, source")
    cluster_cmd.add_argument("--output", type=Path, default=None,
                             help='write {"id", "story"} lines here (default: standard output)')
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; never shows a traceback for a content or usage problem."""
    args = parser().parse_args(argv)
    try:
        if args.command == "build":
            return run_build(args)
        return run_cluster(args)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(1 for p in exc.problems if p.severity == "error")
        print(f"build failed: {errors} error(s); output/ was left as it was", file=sys.stderr)
        return EXIT_ERRORS
    except UsageError as exc:
        print(f"digest: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ConfigError, DigestError) as exc:
        print(f"digest: error: {exc}", file=sys.stderr)
        return EXIT_ERRORS


def run_build(args: argparse.Namespace) -> int:
    """``digest build``."""
    cfg = config.load(args.content, args.output, args.theme)
    report = build(cfg)
    print_report(report, quiet=args.quiet)
    return EXIT_OK


def print_report(report: BuildReport, quiet: bool) -> None:
    """Warnings and notes on stderr, a one-line summary on stdout."""
    for problem in report.warnings:
        print(problem, file=sys.stderr)
    if not quiet:
        print(f"built {report.stories} stories from {report.articles} articles "
              f"({len(report.ingested)} ingested), {report.pages} files, "
              f"{len(report.warnings)} warnings/notes, {report.seconds:.2f} s")


def run_cluster(args: argparse.Namespace) -> int:
    """``digest cluster --input FILE.jsonl [--output FILE.jsonl]``."""
    if not args.input.is_file():
        raise UsageError(f"{args.input}: no such file; pass --input FILE.jsonl")
    with args.input.open(encoding="utf-8") as lines:
        if args.output is None:
            cluster.cluster_jsonl(lines, sys.stdout)
        else:
            with args.output.open("w", encoding="utf-8") as out:
                cluster.cluster_jsonl(lines, out)
    return EXIT_OK
