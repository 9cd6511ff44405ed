"""``digest serve``'s HTTP side: the output folder (or an edit's preview) with a reload script.

The reload script is added to HTML responses as they are sent, never written into
``output/``, and names the page it was sent with. It long-polls the status (``?after=N``
answers as soon as version N is superseded) and reloads its page only when a newer version
changed that page (``changed``: the site paths rewritten since version N, or null when not
known), so a preview and the full rebuild that follows it reload an edited page once. A failed
build keeps the last good site served and shows its errors in the browser as an overlay; the
warnings and notes of the last build are shown in a small note in a corner, which a click
dismisses until they change. A browser closing a connection (a page reloading drops its long
poll) is not an error: nothing is printed.
"""

from __future__ import annotations

import contextlib
import html
import json
import mimetypes
import threading
from collections.abc import Callable, Iterable, Mapping
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

STATUS_PATH = "/__digest/status"
SCRIPT_PATH = "/__digest/reload.js"
LONG_POLL = 25.0  # seconds a status request with ?after=N waits for a newer version
HISTORY = 64  # versions whose changed pages are kept for pages that fell behind
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}"></script>'.encode()
RELOAD_JS = """(function () {
  var seen = null;
  var me = document.currentScript ? document.currentScript.getAttribute("data-page") : null;
  var DISMISSED = "__digest_dismissed_warnings";
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
  function dismissed() {
    try { return sessionStorage.getItem(DISMISSED); } catch (e) { return null; }
  }
  function note(warnings) {
    var box = document.getElementById("__digest_warnings");
    var key = warnings.join("\\n");
    if (!warnings.length || key === dismissed()) { if (box) box.remove(); return; }
    if (box && box.getAttribute("data-key") === key) return;
    if (!box) {
      box = document.createElement("aside");
      box.id = "__digest_warnings";
      box.setAttribute("role", "status");
      box.style.cssText = "position:fixed;right:1em;bottom:1em;max-width:min(40em,90vw);" +
        "max-height:40vh;overflow:auto;margin:0;padding:.75em 2.5em .75em 1em;" +
        "background:#fff8db;color:#3b2f00;border:1px solid #d9b300;border-radius:4px;" +
        "box-shadow:0 2px 8px rgba(0,0,0,.25);font:13px/1.4 monospace;z-index:99998";
      document.body.appendChild(box);
    }
    box.setAttribute("data-key", key);
    box.textContent = "";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\\u00d7";
    close.setAttribute("aria-label", "Dismiss the build's warnings");
    close.style.cssText = "position:absolute;top:.2em;right:.4em;border:0;background:none;" +
      "color:inherit;font:20px/1 sans-serif;cursor:pointer";
    close.onclick = function () {
      try { sessionStorage.setItem(DISMISSED, key); } catch (e) {}
      box.remove();
    };
    var head = document.createElement("strong");
    head.textContent = warnings.length + " warning(s) or note(s) in the last build";
    var list = document.createElement("pre");
    list.style.cssText = "margin:.5em 0 0;white-space:pre-wrap;font:inherit";
    list.textContent = warnings.join("\\n");
    box.append(close, head, list);
  }
  function mine(changed) {
    return changed === null || !me || changed.indexOf(me) >= 0;
  }
  function poll() {
    var wait = 500;
    fetch("/__digest/status" + (seen === null ? "" : "?after=" + seen), {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen && !s.errors.length && mine(s.changed)) {
          location.reload();
        }
        seen = s.version;
        overlay(s.errors);
        note(s.warnings || []);
        wait = 0;
      }).catch(function () {}).finally(function () { setTimeout(poll, wait); });
  }
  poll();
})();
"""
NOT_FOUND = b"<!doctype html><html><head><title>Not found</title></head><body>" \
            b"<h1>Not found</h1></body></html>"


class BuildState:
    """The version of the served site, the errors and warnings of the last build, and which
    pages each recent version changed (thread-safe)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._version = 0
        self._errors: tuple[str, ...] = ()
        self._warnings: tuple[str, ...] = ()
        self._pending = False
        self._search_behind = False
        self._pages: list[tuple[int, frozenset[str] | None]] = []  # (version, changed pages)

    def update(self, errors: tuple[str, ...], pending: bool = False,
               changed: Iterable[str] | None = None,
               warnings: tuple[str, ...] | None = None) -> None:
        """Record a finished build (no errors means the site was replaced), or with
        ``pending`` a preview shown while the full rebuild runs; ``changed``: the site paths
        whose bytes it changed (None: not known, every page reloads); ``warnings``: the
        build's warnings and notes (None: those of the last build stand)."""
        with self._changed:
            self._version += 1
            self._errors = errors
            if warnings is not None:
                self._warnings = warnings
            self._pending = pending
            self._pages.append((self._version, None if changed is None else frozenset(changed)))
            del self._pages[:-HISTORY]
            self._changed.notify_all()

    @property
    def search_behind(self) -> bool:
        """Whether the search index lags the pages."""
        return self._search_behind

    def set_search_behind(self, behind: bool) -> None:
        """Record whether the search index lags the pages (not a new version: pages stay)."""
        with self._changed:
            self._search_behind = behind

    def snapshot(self, after: int | None = None, timeout: float = LONG_POLL) -> dict[str, Any]:
        """``{"version": n, "errors": [...], "pending": bool, "changed": [...] or None,
        "search_behind": bool, "warnings": [...]}`` for the reload script; with ``after``,
        once the version is past it (or ``timeout`` seconds passed), so a page reloads at
        once. ``pending``: a preview is shown and the full rebuild is running; ``changed``:
        the pages changed since version ``after``; ``search_behind``: the search index has
        yet to catch up; ``warnings``: the last build's warnings and notes (``path:line:
        warning: message``)."""
        with self._changed:
            if after is not None:
                self._changed.wait_for(lambda: self._version > after, timeout)
            return {"version": self._version, "errors": list(self._errors),
                    "pending": self._pending, "changed": self._changed_since(after),
                    "search_behind": self._search_behind,
                    "warnings": list(self._warnings)}

    def _changed_since(self, after: int | None) -> list[str] | None:
        if after is None:
            return None
        if after >= self._version:
            return []
        newer = [pages for version, pages in self._pages if version > after]
        if len(newer) < self._version - after or any(pages is None for pages in newer):
            return None  # fell behind the history, or a version changed pages not known
        return sorted(frozenset().union(*(pages for pages in newer if pages is not None)))


class Handler(SimpleHTTPRequestHandler):
    """Static files from the output folder (or the preview of an edit, ``shown``), the reload
    script added to every HTML page."""

    def __init__(self, *args: Any, state: BuildState, directory: str,
                 shown: Callable[[], Mapping[str, bytes]] = dict, **kwargs: Any) -> None:
        self.state, self.shown = state, shown
        super().__init__(*args, directory=directory, **kwargs)

    def handle(self) -> None:
        """Serve the connection's requests; a browser that closed it meanwhile is not an error
        (a reloading page drops its long poll): nothing to answer, nothing to print."""
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            super().handle()

    def do_GET(self) -> None:  # noqa: N802 - the http.server naming
        url = urlsplit(self.path)
        if url.path == STATUS_PATH:
            status = self.state.snapshot(after_version(url.query))
            self.send_bytes(200, "application/json", json.dumps(status).encode())
            return
        if url.path == SCRIPT_PATH:
            self.send_bytes(200, "text/javascript", RELOAD_JS.encode())
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir() and url.path.endswith("/"):
            target = target / "index.html"
        page = self.site_path(target)
        previewed = self.shown().get(page) if page is not None else None
        if previewed is not None:
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self.send_bytes(200, kind + ("; charset=utf-8" if kind.startswith("text/") else ""),
                            inject(previewed, page) if target.suffix == ".html" else previewed)
        elif target.is_file() and target.suffix == ".html":
            self.send_bytes(200, "text/html; charset=utf-8", inject(target.read_bytes(), page))
        elif target.exists():
            super().do_GET()
        else:
            missing = Path(str(self.directory)) / "404.html"
            self.send_bytes(404, "text/html; charset=utf-8",
                            inject(missing.read_bytes() if missing.is_file() else NOT_FOUND))

    def site_path(self, target: Path) -> str | None:
        """The site path (``articles/x/index.html``) of a file of the served folder."""
        try:
            return target.relative_to(str(self.directory)).as_posix()
        except ValueError:
            return None

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


def inject(page_html: bytes, page: str | None = None) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at the end); ``page``:
    its site path, which the script reloads for (none: it reloads on every change)."""
    tag = SCRIPT_TAG if not page else SCRIPT_TAG.replace(
        b"></script>", f' data-page="{html.escape(page)}"></script>'.encode())
    at = page_html.rfind(b"</body>")
    return page_html + tag if at < 0 else page_html[:at] + tag + page_html[at:]
