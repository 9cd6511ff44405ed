"""Small builders for tests: articles and stories without files."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseRequestHandler
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.serve.server import DevServer

from generator.config import SiteConfig
from generator.model import Article, Image, Story

REPO = Path(__file__).resolve().parent.parent


def article(slug: str, *, title: str = "A title", source: str = "Reuters",
            date: dt.date | dt.datetime = dt.date(2021, 7, 8), body: str = "Body text.",
            story: str | None = "s", **extra: object) -> Article:
    """An Article as if loaded from content/articles/<slug>.md."""
    return Article(slug=slug, path=Path(f"content/articles/{slug}.md"), title=title,
                   source=source, date=date, body=body, story=story, **extra)  # type: ignore[arg-type]


def story(story_id: str, *articles: Article, headline: str | None = None,
          summary: str = "Summary.") -> Story:
    """A Story around the given articles, the first one leading."""
    return Story(id=story_id, headline=headline or articles[0].title, summary=summary,
                 articles=tuple(articles), lead=articles[0])


def site_config(tmp_path: Path) -> SiteConfig:
    """A config pointing at the default theme and a temp output folder."""
    return SiteConfig(content_dir=tmp_path / "content", output_dir=tmp_path / "output",
                      theme_dir=REPO / "themes" / "default", title="Test Digest",
                      base_url="https://digest.example/")


__all__ = ["Image", "article", "loopback", "site_config", "story"]


@contextlib.contextmanager
def loopback(handler: Callable[..., BaseRequestHandler]) -> Iterator[str]:
    """``handler`` served on 127.0.0.1 at a free port, in a thread; yields the base URL
    (``http://127.0.0.1:PORT``, no slash) and stops the server on leaving."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def modules_loaded(code: str) -> list[str]:
    """The modules a fresh interpreter has loaded after running ``code`` in the repository."""
    run = subprocess.run([sys.executable, "-c", f"import sys\n{code}\nprint('\\n'.join("
                          "sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, cwd=REPO)
    return run.stdout.split()


@contextlib.contextmanager
def serving(content: Path, output: Path, theme: Path) -> Iterator[DevServer]:
    """``digest serve`` on a free port, built once and watching ``content``; stopped after."""
    from generator.serve import server as serve

    dev = serve.DevServer(content, output, theme, port=0, quiet=True)
    assert dev.rebuild()
    dev.start()
    stop = threading.Event()
    watcher = threading.Thread(target=dev.watch, args=(stop,), daemon=True)
    watcher.start()
    time.sleep(0.3)  # let the watcher register its folders
    try:
        yield dev
    finally:
        stop.set()
        watcher.join(timeout=5)
        dev.stop()
    assert not watcher.is_alive()


def forget_last_build(root: Path) -> None:
    """Drop the record of the last build of the site in ``root`` (``cache.fresh``): its next
    build runs the whole pipeline, as after a change that changes nothing (a file touched)."""
    for record in (root / "content" / ".digest" / ".cache").glob("fresh-*.json"):
        record.unlink()
