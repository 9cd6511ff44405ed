"""``digest serve``: build, serve ``output/`` on 127.0.0.1, rebuild on change, reload pages
(the HTTP side and the reload script are in ``serve_http``).

An edit to published articles is previewed first: their stories' pages are rendered alone
and served from memory (``preview``; the status says ``pending`` until the full rebuild is in).
Rebuilds after an edit take what the last build loaded from memory (``memo.Recent``) and
leave the search shards an edit changed as they were (``cache.shards.bundle_of``): the page is
shown first, and the search index catches up once no file has changed for ``QUIET_MS``.

The watcher runs before the first build, so a file saved while that build runs is rebuilt
after it. Each build's warnings and notes go to the terminal as ``digest build`` prints them
(``path:line: warning: message``; those the build before printed already are counted, not
printed again) and to the page (the status's ``warnings``).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Mapping
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import watchfiles

from generator import build, config
from generator.cache import memo
from generator.errors import ContentError, DigestError, UsageError
from generator.serve import preview
from generator.serve.web import (
    SCRIPT_PATH,
    SCRIPT_TAG,
    STATUS_PATH,
    BuildState,
    Handler,
    after_version,
    inject,
)
from generator.util.progress import Progress
from generator.write.stamps import Stamp

HOST = "127.0.0.1"
QUIET_MS = 1000  # after this long without a change, search catches up with the last edits
TICK_MS = 100  # the watcher reports this often without a change (the first time: it runs)
PREVIEW_FILES = 20  # an edit of more articles than this waits for the full rebuild
OWN_SUFFIXES = (".tmp", ".bak", ".lock")  # files the build and the editor commands write
IGNORED_DIRS = frozenset((*watchfiles.DefaultFilter.ignore_dirs, ".digest"))
IGNORED_NAMES = re.compile("|".join(watchfiles.DefaultFilter.ignore_entity_patterns))
__all__ = ["SCRIPT_PATH", "SCRIPT_TAG", "STATUS_PATH", "BuildState", "DevServer", "Handler",
           "after_version", "changed_pages", "fingerprint", "inject", "is_relevant", "run"]


class DevServer:
    """A served output folder plus the watch-and-rebuild loop."""

    def __init__(self, content_dir: Path, output_dir: Path, theme_dir: Path, port: int,
                 quiet: bool = False) -> None:
        self.content_dir, self.output_dir, self.theme_dir = content_dir, output_dir, theme_dir
        self.quiet = quiet
        self.state = BuildState()
        self.snapshot: dict[str, tuple[int, int]] = {}
        self.recent = memo.Recent()  # what the last build loaded, for the next one
        self.previewed: dict[str, bytes] = {}  # pages of an edit, served until rebuilt
        self.warned: frozenset[str] = frozenset()  # the last build's warnings, printed
        self.serving: threading.Thread | None = None
        handler = partial(Handler, state=self.state, directory=str(output_dir.resolve()),
                          shown=lambda: self.previewed)
        try:
            self.httpd = ThreadingHTTPServer((HOST, port), handler)
        except OSError as exc:
            raise UsageError(f"cannot listen on {HOST}:{port} ({exc.strerror}); pass another "
                             "--port") from None
        self.httpd.daemon_threads = True

    @property
    def port(self) -> int:
        """The port actually bound (useful with ``port=0``)."""
        return int(self.httpd.server_address[1])

    def start(self) -> None:
        """Serve in a background thread."""
        self.serving = threading.Thread(target=self.httpd.serve_forever, name="digest-serve",
                                        daemon=True)
        self.serving.start()

    def stop(self) -> None:
        """Stop serving (if started) and release the port."""
        if self.serving is not None:
            self.httpd.shutdown()
        self.httpd.server_close()

    def rebuild(self, defer_search: bool = False,
                current: dict[str, tuple[int, int]] | None = None) -> bool:
        """Build once; on failure keep the old site and publish the errors. True if built.
        With ``defer_search``, changed search shards keep their last index (``catch_up``
        brings them up to date once the editor pauses). ``current``: the watched files'
        ``fingerprint`` if just taken."""
        self.snapshot = current if current is not None else self.fingerprint()
        warnings: tuple[str, ...] = ()
        try:
            report, changed = self._build(Progress.for_terminal(self.quiet), defer_search)
        except ContentError as exc:
            errors = tuple(str(p) for p in exc.problems if p.severity == "error")
            warnings = tuple(str(p) for p in exc.problems if p.severity != "error")
        except DigestError as exc:
            errors = (f"digest: error: {exc}",)
        except Exception as exc:  # noqa: BLE001 - the server must outlive a crashed build
            errors = (f"digest: internal error during the build: {type(exc).__name__}: {exc}",)
        else:
            self.state.set_search_behind(report.search_behind > 0)
            self.previewed = {}
            warnings = tuple(str(problem) for problem in report.warnings)
            self.state.update((), changed=changed, warnings=warnings)
            if report.ingested:  # the build wrote articles into the content folder (not
                # edits); the files it found are compared as they were when it began
                self.snapshot = self.fingerprint() | self.snapshot
            behind = (f"; search catches up after {QUIET_MS / 1000:g} s without edits"
                      if self.search_behind else "")
            say(f"rebuilt: {report.articles} articles, {report.stories} stories, "
                f"{report.pages} pages{self.tell(warnings)}, {report.seconds:.2f} s{behind}")
            return True
        if self.fingerprint() != self.snapshot:  # saved while it was read: a file
            say("files changed during the build; building again")  # may have been half-written
            return False  # (the watcher reports the change, and the next build runs)
        self.previewed = {}
        self.state.update(errors, warnings=warnings)
        say("\n".join(errors) + f"\nbuild failed{self.tell(warnings)}; still serving the last "
            "good site")
        return False

    def tell(self, warnings: tuple[str, ...]) -> str:
        """Print the build's warnings and notes that the build before did not have (Hugo
        prints them on every build; unchanged, they would bury the news of each rebuild);
        return their count for the build's closing line."""
        new = [warning for warning in warnings if warning not in self.warned]
        if new:
            say("\n".join(new))
        self.warned = frozenset(warnings)
        if not warnings:
            return ""
        repeated = len(warnings) - len(new)
        return f", {len(warnings)} warnings/notes" + (
            f" ({repeated} printed before)" if repeated else "")

    def preview(self, current: dict[str, tuple[int, int]]) -> bool:
        """Show the pages of an edit at once (``preview``), if it can be previewed: files
        changed since ``snapshot``, none added or removed, the last build good."""
        changed = [Path(path) for path, stamp in current.items()
                   if self.snapshot.get(path) != stamp]
        if (not changed or len(changed) > PREVIEW_FILES or self.snapshot.keys() - current.keys()
                or not self.recent.stories or self.state.snapshot()["errors"]):
            return False
        try:
            cfg = config.load(self.content_dir, self.output_dir, self.theme_dir)
            pages = preview.pages(cfg, changed, self.recent.stories)
        except Exception:  # noqa: BLE001 - the full rebuild that follows reports it
            return False
        if not pages:
            return False
        self.previewed = pages
        self.state.update((), pending=True, changed=pages)
        if not self.quiet:
            say(f"previewing {len(changed)} edited article(s); rebuilding the site")
        return True

    def catch_up(self) -> None:
        """Index the search shards the last rebuild left behind (a full build, which finds
        everything else in the cache and writes only the new search files). Open pages are
        not reloaded, unless a file saved since the last rebuild changed pages too."""
        if not self.search_behind or self.state.snapshot()["errors"]:
            return  # nothing to do, or the content has errors the next rebuild will show
        try:
            _, changed = self._build(Progress())
        except Exception as exc:  # noqa: BLE001 - the next edit's rebuild reports it
            say(f"search index not updated: {exc}")
            return
        finally:
            self.state.set_search_behind(False)
        say("search index up to date")
        if changed is None or any(not rel.startswith("pagefind/") for rel in changed):
            self.state.update((), changed=changed)  # a file was saved since the last rebuild

    @property
    def search_behind(self) -> bool:
        """The last rebuild left search shards out of date (``catch_up`` has yet to run)."""
        return self.state.search_behind

    def _build(self, progress: Progress,
               defer_search: bool = False) -> tuple[build.BuildReport, set[str] | None]:
        """One build with this server's memory (``recent``): its report, and the site paths
        it changed that open pages do not already show (``changed_pages``)."""
        before = self.recent.stamps.get(self.output_dir)
        cfg = config.load(self.content_dir, self.output_dir, self.theme_dir)
        report = build.build(cfg, progress, self.recent, defer_search)
        self.recent = report.recent
        return report, changed_pages(before, self.recent.stamps.get(cfg.output_dir),
                                     self.previewed)

    def fingerprint(self) -> dict[str, tuple[int, int]]:
        """``fingerprint`` of the watched folders."""
        return fingerprint(self.watched(), self.output_dir)

    def watched(self) -> list[Path]:
        """The folders whose changes trigger a rebuild (site.yaml is in the content folder)."""
        return [p for p in (self.content_dir, self.theme_dir) if p.is_dir()]

    def watch(self, stop: threading.Event, first: Callable[[], object] | None = None) -> None:
        """Rebuild whenever a watched file changes, until ``stop`` is set; after ``QUIET_MS``
        without a change, bring search up to date. ``first`` is called once the watcher runs
        (``run``: the first build), so that a file saved while it runs is rebuilt after it."""
        quiet_since = time.monotonic()
        for changes in watchfiles.watch(*self.watched(), watch_filter=self.relevant,
                                        stop_event=stop, step=50, rust_timeout=TICK_MS,
                                        yield_on_timeout=True, raise_interrupt=True):
            if first is not None:  # the watcher runs: what is saved from now on is reported
                call = first
                first = None
                call()
            elif changes:
                if (current := self.fingerprint()) != self.snapshot:
                    self.preview(current)
                    self.rebuild(defer_search=True, current=current)
            elif time.monotonic() - quiet_since < QUIET_MS / 1000 or not self.search_behind:
                continue  # a tick without a change
            else:
                self.catch_up()
            quiet_since = time.monotonic()

    def relevant(self, change: watchfiles.Change, path: str) -> bool:
        """Ignore the build's own record, temp files, backups and the output folder."""
        return is_relevant(path, self.output_dir.resolve(), _DEFAULT_FILTER(change, path))


_DEFAULT_FILTER: Callable[[watchfiles.Change, str], bool] = watchfiles.DefaultFilter()


def is_relevant(path: str, output_dir: Path, default: bool) -> bool:
    """True for a change an editor made to content or theme."""
    name = os.path.basename(path)
    if not default or name.endswith(OWN_SUFFIXES) or "/.digest/" in path + "/":
        return False
    return not Path(path).resolve().is_relative_to(output_dir)


def changed_pages(before: Mapping[str, Stamp] | None, after: Mapping[str, Stamp] | None,
                  previewed: Mapping[str, bytes]) -> set[str] | None:
    """The site paths a build wrote or removed (None when there is no earlier build to tell),
    less the previewed pages it wrote as they were previewed: open pages showing those are
    already up to date."""
    if not before or after is None:
        return None
    changed = {rel for rel, stamp in after.items() if before.get(rel) != stamp}
    changed |= before.keys() - after.keys()
    return {rel for rel in changed if rel not in previewed or rel not in after
            or hashlib.sha256(previewed[rel]).digest() != after[rel].sha256}


def fingerprint(folders: list[Path],
                output_dir: Path | None = None) -> dict[str, tuple[int, int]]:
    """path -> (mtime, size) of the files below the folders that the watcher reports
    (``is_relevant``): not the build's own (``.digest/``, ``*.tmp``, ``*.bak``, ``*.lock``),
    not the output folder, not what watchfiles' default filter leaves out (editor swap and
    backup files, ``.git/``...). Linked folders are not followed."""
    prints: dict[str, tuple[int, int]] = {}
    skip = os.path.realpath(output_dir) if output_dir is not None else None
    todo = [str(folder) for folder in folders]
    while todo:
        try:
            with os.scandir(todo.pop()) as found:
                entries = list(found)
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in IGNORED_DIRS and os.path.realpath(entry.path) != skip:
                        todo.append(entry.path)
                    continue
                if not entry.name.endswith(OWN_SUFFIXES) and not IGNORED_NAMES.search(entry.name):
                    st = entry.stat()
                    prints[entry.path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                continue
    return prints


def say(text: str) -> None:
    """A status line for the person running the server."""
    print(text, file=sys.stderr, flush=True)


def run(content_dir: Path, output_dir: Path, theme_dir: Path, port: int, quiet: bool,
        stop: threading.Event | None = None) -> int:
    """``digest serve``: until Ctrl-C (or ``stop`` is set)."""
    config.load(content_dir, output_dir, theme_dir)  # a usage error stops before serving
    server = DevServer(content_dir, output_dir, theme_dir, port, quiet)

    def first_build() -> None:
        server.rebuild()
        server.start()
        say(f"serving http://{HOST}:{server.port}/ (watching {content_dir} and {theme_dir}); "
            "Ctrl-C to stop")

    try:
        server.watch(stop or threading.Event(), first=first_build)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
