"""The seed site, built once per test session, and a local HTTP server for it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """output/ of the project's own content (the seed story), built in a temp folder."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(REPO / "content", site / "content",
                    ignore=shutil.ignore_patterns("articles"))
    (site / "content" / "articles").mkdir()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    code = main(["build", "--content", str(site / "content"), "--output", str(site / "output"),
                 "--theme", str(REPO / "themes" / "default"), "--quiet"])
    assert code == 0, "the seed site must build"
    return site / "output"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site served on 127.0.0.1 (a free port, stopped at the end)."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
