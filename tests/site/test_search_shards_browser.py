"""Search over an index in several shards, in a real browser (Playwright and Debian's
Chromium, as test_browser.py), the site served with netlify.toml's headers.

A site of more than ``search.SHARD_PAGES`` pages has its index in shards, which the search
page merges (Pagefind's ``mergeIndex``, run in Pagefind's worker). The seed site has one
shard, so this builds a small site with one page per shard at most: a word of any story
must be found, whichever shard holds it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import search
from tests.site.conftest import build_site
from tests.site.netlify_headers import serving
from tests.site.test_browser import SEARCH_SETTLED, problems, watched_page

playwright_api = pytest.importorskip("playwright.sync_api")

# one story each, a word of its own in its headline and text
WORDS = ("aardvark", "zeppelin", "quokka", "marimba", "tundra", "obelisk")


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of six one-report stories, built with at most one page per search shard."""
    site = tmp_path_factory.mktemp("sharded")
    articles = site / "content" / "articles"
    articles.mkdir(parents=True)
    (site / "content" / "site.yaml").write_text(
        'title: "Shards"\nbase_url: "https://shards.example/"\n', encoding="utf-8")
    for day, word in enumerate(WORDS, start=1):
        (articles / f"{word}.md").write_text(
            f"---\ntitle: The {word} report\nsource: AP\ndate: 2023-03-{day:02d}\n"
            f"story: 2023-03-{day:02d}-{word}\n---\n\nOfficials said the {word} was seen "
            "on Thursday near the harbour.\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_PAGES", 1)
        output = build_site(site, "the sharded site")
    return output


@pytest.fixture(scope="module")
def sharded_url(sharded_site: Path) -> Iterator[str]:
    with serving(sharded_site) as url:
        yield url


def test_the_site_is_indexed_in_several_shards(sharded_site: Path) -> None:
    shards = json.loads((sharded_site / search.SHARDS_FILE).read_text(encoding="utf-8"))
    assert len(shards) >= 3, shards  # else the test below would not merge any shard


@pytest.mark.parametrize("word", WORDS)
def test_a_word_of_any_shard_is_found(browser: object, sharded_url: str, word: str) -> None:
    page, log = watched_page(browser)
    page.goto(f"{sharded_url}search/?q={word}")  # type: ignore[attr-defined]
    page.wait_for_function(SEARCH_SETTLED, timeout=15_000)  # type: ignore[attr-defined]
    links = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "a.search-result", "els => els.map(e => e.getAttribute('href'))")
    status = page.inner_text("#search-status")  # type: ignore[attr-defined]
    assert any(f"-{word}/" in link for link in links), (status, links, log)
    assert not problems(page, log)


def test_a_copy_of_the_site_in_another_folder_finds_the_same(
        browser: object, sharded_site: Path, tmp_path: Path) -> None:
    """The bundle's paths are taken from the page's own address, so a copy served from a
    sub-folder (a preview, a mirror) searches its own shards."""
    shutil.copytree(sharded_site, tmp_path / "mirror" / "digest")
    with serving(tmp_path / "mirror") as url:
        page, log = watched_page(browser)
        page.goto(f"{url}digest/search/?q={WORDS[-1]}")  # type: ignore[attr-defined]
        page.wait_for_function(SEARCH_SETTLED, timeout=15_000)  # type: ignore[attr-defined]
        links = page.eval_on_selector_all(  # type: ignore[attr-defined]
            "a.search-result", "els => els.map(e => e.href)")
    assert any(link.startswith(f"{url}digest/stories/") for link in links), (links, log)
