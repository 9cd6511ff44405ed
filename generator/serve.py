"""``digest serve``: build, serve ``output/`` on 127.0.0.1, rebuild on change, reload pages.

The reload script is added to HTML responses by the server as they are sent; it is never
written into ``output/``. It long-polls the status (``?after=N`` answers as soon as version N
is superseded), so a page reloads the moment a rebuild is swapped in. A failed build keeps
the last good site served and shows its errors in the browser as an overlay.

Rebuilds after an edit take what the last build loaded from memory (``memo.Recent``) and
leave the search shards an edit changed as they were (``search.bundle_of``): the page is
shown first, and the search index catches up once no file has changed for ``QUIET_MS``.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import watchfiles

from generator import build, config, memo
from generator.errors import ContentError, DigestError, UsageError
from generator.progress import Progress

HOST = "127.0.0.1"
STATUS_PATH = "/__digest/status"
SCRIPT_PATH = "/__digest/reload.js"
LONG_POLL = 25.0  # seconds a status request with ?after=N waits for a newer version
QUIET_MS = 1000  # after this long without a change, search catches up with the last edits
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}"></script>'.encode()
RELOAD_JS = """(function () {
  var seen = null;
  function overlay(errors) {
    var box = document.getElementById("__digest_overlay");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "__digest_overlay";
      box.style.cssText = "position:fixed;inset:0;margin:0;padding:2em;overflow:auto;" +
        "background:rgba(20,0,0,.92);color:#fdd;font:14px/1.5 monospace;z-index:99999;" +
        "white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "Build failed; still showing the last good site.\\n\\n" +
      errors.join("\\n");
  }
  function poll() {
    var wait = 500;
    fetch("/__digest/status" + (seen === null ? "" : "?after=" + seen), {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen && !s.errors.length) { location.reload(); }
        seen = s.version;
        overlay(s.errors);
        wait = 0;
      }).catch(function () {}).finally(function () { setTimeout(poll, wait); });
  }
  poll();
})();
"""
NOT_FOUND = b"<!doctype html><html><head><title>Not found</title></head><body>" \
            b"<h1>Not found</h1></body></html>"


class BuildState:
    """The version of the served site and the errors of the last build (thread-safe)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._version = 0
        self._errors: tuple[str, ...] = ()

    def update(self, errors: tuple[str, ...]) -> None:
        """Record a finished build: no errors means the site was replaced."""
        with self._changed:
            self._version += 1
            self._errors = errors
            self._changed.notify_all()

    def snapshot(self, after: int | None = None, timeout: float = LONG_POLL) -> dict[str, Any]:
        """``{"version": n, "errors": [...]}`` for the reload script; with ``after``, once the
        version is past it (or ``timeout`` seconds passed), so a page reloads at once."""
        with self._changed:
            if after is not None:
                self._changed.wait_for(lambda: self._version > after, timeout)
            return {"version": self._version, "errors": list(self._errors)}


class Handler(SimpleHTTPRequestHandler):
    """Static files from the output folder, the reload script added to every HTML page."""

    def __init__(self, *args: Any, state: BuildState, directory: str, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, directory=directory, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the http.server naming
        url = urlsplit(self.path)
        path = url.path
        if path == STATUS_PATH:
            status = self.state.snapshot(after_version(url.query))
            self.send_bytes(200, "application/json", json.dumps(status).encode())
            return
        if path == SCRIPT_PATH:
            self.send_bytes(200, "text/javascript", RELOAD_JS.encode())
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir() and path.endswith("/"):
            target = target / "index.html"
        if target.is_file() and target.suffix == ".html":
            self.send_bytes(200, "text/html; charset=utf-8", inject(target.read_bytes()))
        elif target.exists():
            super().do_GET()
        else:
            page = Path(str(self.directory)) / "404.html"
            self.send_bytes(404, "text/html; charset=utf-8",
                            inject(page.read_bytes() if page.is_file() else NOT_FOUND))

    def send_bytes(self, status: int, content_type: str, data: bytes) -> None:
        """One complete response."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
        """Requests are not logged: the terminal shows builds."""


def after_version(query: str) -> int | None:
    """The ``after=N`` of a status request (the version the page has seen), else None."""
    values = parse_qs(query).get("after", [])
    return int(values[0]) if values and values[0].isdigit() else None


def inject(html: bytes) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at the end)."""
    at = html.rfind(b"</body>")
    return html + SCRIPT_TAG if at < 0 else html[:at] + SCRIPT_TAG + html[at:]


class DevServer:
    """A served output folder plus the watch-and-rebuild loop."""

    def __init__(self, content_dir: Path, output_dir: Path, theme_dir: Path, port: int,
                 quiet: bool = False) -> None:
        self.content_dir, self.output_dir, self.theme_dir = content_dir, output_dir, theme_dir
        self.quiet = quiet
        self.state = BuildState()
        self.snapshot: dict[str, tuple[int, int]] = {}
        self.recent = memo.Recent()  # what the last build loaded, for the next one
        self.search_behind = False  # the last rebuild left search shards out of date
        handler = partial(Handler, state=self.state, directory=str(output_dir.resolve()))
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
        threading.Thread(target=self.httpd.serve_forever, name="digest-serve",
                         daemon=True).start()

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def rebuild(self, defer_search: bool = False,
                current: dict[str, tuple[int, int]] | None = None) -> bool:
        """Build once; on failure keep the old site and publish the errors. True if built.
        With ``defer_search``, changed search shards keep their last index (``catch_up``
        brings them up to date once the editor pauses). ``current``: the watched files'
        ``fingerprint`` if just taken."""
        self.snapshot = current if current is not None else fingerprint(self.watched())
        try:
            cfg = config.load(self.content_dir, self.output_dir, self.theme_dir)
            report = build.build(cfg, Progress.for_terminal(self.quiet), self.recent,
                                 defer_search)
        except ContentError as exc:
            errors = tuple(str(p) for p in exc.problems if p.severity == "error")
        except DigestError as exc:
            errors = (f"digest: error: {exc}",)
        except Exception as exc:  # noqa: BLE001 - the server must outlive a crashed build
            errors = (f"digest: internal error during the build: {type(exc).__name__}: {exc}",)
        else:
            self.search_behind = report.search_behind > 0
            self.state.update(())
            if report.ingested:  # the build wrote articles into the content folder
                self.snapshot = fingerprint(self.watched())
            behind = (f"; search catches up after {QUIET_MS / 1000:g} s without edits"
                      if self.search_behind else "")
            say(f"rebuilt: {report.articles} articles, {report.stories} stories, "
                f"{report.pages} pages, {report.seconds:.2f} s{behind}")
            return True
        self.state.update(errors)
        say("\n".join(errors) + "\nbuild failed; still serving the last good site")
        return False

    def catch_up(self) -> None:
        """Index the search shards the last rebuild left behind (a full build, which finds
        everything else in the cache and writes only the new search files). Pages do not
        change, so pages already open are not reloaded."""
        if not self.search_behind or self.state.snapshot()["errors"]:
            return  # nothing to do, or the content has errors the next rebuild will show
        try:
            cfg = config.load(self.content_dir, self.output_dir, self.theme_dir)
            build.build(cfg, Progress(), self.recent)
        except Exception as exc:  # noqa: BLE001 - the next edit's rebuild reports it
            say(f"search index not updated: {exc}")
        else:
            say("search index up to date")
        self.search_behind = False

    def watched(self) -> list[Path]:
        """The folders whose changes trigger a rebuild (site.yaml is in the content folder)."""
        return [p for p in (self.content_dir, self.theme_dir) if p.is_dir()]

    def watch(self, stop: threading.Event) -> None:
        """Rebuild whenever a watched file changes, until ``stop`` is set; after ``QUIET_MS``
        without a change, bring search up to date."""
        for changes in watchfiles.watch(*self.watched(), watch_filter=self.relevant,
                                        stop_event=stop, step=50, rust_timeout=QUIET_MS,
                                        yield_on_timeout=True, raise_interrupt=True):
            if not changes:  # QUIET_MS passed without a change
                self.catch_up()
            elif (current := fingerprint(self.watched())) != self.snapshot:
                self.rebuild(defer_search=True, current=current)

    def relevant(self, change: watchfiles.Change, path: str) -> bool:
        """Ignore the build's own record, temp files, backups and the output folder."""
        return is_relevant(path, self.output_dir.resolve(), _DEFAULT_FILTER(change, path))


_DEFAULT_FILTER: Callable[[watchfiles.Change, str], bool] = watchfiles.DefaultFilter()


def is_relevant(path: str, output_dir: Path, default: bool) -> bool:
    """True for a change an editor made to content or theme."""
    name = os.path.basename(path)
    if not default or name.endswith((".tmp", ".bak", ".lock")) or "/.digest/" in path + "/":
        return False
    return not Path(path).resolve().is_relative_to(output_dir)


def fingerprint(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """path -> (mtime, size) of every file below the folders, the build's own files excluded
    (``.digest/``, ``*.tmp``, ``*.lock``); linked folders are not followed."""
    prints: dict[str, tuple[int, int]] = {}
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
                    if entry.name != ".digest":
                        todo.append(entry.path)
                    continue
                if not entry.name.endswith((".tmp", ".lock")):
                    st = entry.stat()
                    prints[entry.path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                continue
    return prints


def say(text: str) -> None:
    """A status line for the person running the server."""
    print(text, file=sys.stderr, flush=True)


def run(content_dir: Path, output_dir: Path, theme_dir: Path, port: int, quiet: bool) -> int:
    """``digest serve``: until Ctrl-C."""
    config.load(content_dir, output_dir, theme_dir)  # a usage error stops before serving
    server = DevServer(content_dir, output_dir, theme_dir, port, quiet)
    server.rebuild()
    server.start()
    say(f"serving http://{HOST}:{server.port}/ (watching {content_dir} and {theme_dir}); "
        "Ctrl-C to stop")
    try:
        server.watch(threading.Event())
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
