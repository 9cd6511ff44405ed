"""The seed site, built once per test session, and a local HTTP server for it that sends
netlify.toml's headers (tests/site/netlify_headers.py)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.site.netlify_headers import serving

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """output/ of the project's own content (the seed story), built in a temp folder from the
    committed sources only: articles and the ingest record (.digest/) that a local build left
    in content/ would make the inbox look ingested already."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(REPO / "content", site / "content",
                    ignore=shutil.ignore_patterns("articles", ".digest"))
    (site / "content" / "articles").mkdir()
    return build_site(site, "the seed site")


def build_site(site: Path, what: str) -> Path:
    """``site/content`` built into ``site/output`` with the default theme, on a fixed clock."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    code = main(["build", "--content", str(site / "content"), "--output", str(site / "output"),
                 "--theme", str(REPO / "themes" / "default"), "--quiet"])
    assert code == 0, f"{what} must build"
    return site / "output"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright, one per test module. The modules that use it
    skip when either is missing (test_browser.py; in CI they must run)."""
    from playwright.sync_api import sync_playwright

    from tests.site.test_browser import CHROMIUM, CHROMIUM_ARGS
    assert CHROMIUM is not None  # test_browser skips the module without it
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site served on 127.0.0.1 with the headers netlify.toml sets
    (CSP included), so the browser and Lighthouse see it as deployed."""
    with serving(built_site) as url:
        yield url


OUTLETS_SITE = REPO / "tests" / "fixtures" / "outlets" / "site"


@pytest.fixture(scope="session")
def outlets_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """output/ of the outlets fixture site: a content/sources.yaml whose aliases merge 'AP',
    'AP News' and 'The Associated Press', reports with their originals (``url:``), times of
    day and a date-only report, and a photo caption without its photo."""
    site = tmp_path_factory.mktemp("outlets-site")
    shutil.copytree(OUTLETS_SITE / "content", site / "content")
    return build_site(site, "the outlets fixture site")


@pytest.fixture(scope="session")
def outlets_url(outlets_site: Path) -> Iterator[str]:
    """The outlets fixture site served as ``site_url`` serves the seed site."""
    with serving(outlets_site) as url:
        yield url
