"""The daily editions of the built seed and outlets sites: the seed's edition of 8 July 2021
holds its story; the editions' JSON feed is valid as the site's is (the RSS feed is checked
with every other feed.xml by test_feeds_valid, the pages by the Nu checker in
test_validity, the edition page and the newsletter in a browser by test_editions_browser)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.site.test_feeds_valid import BASE, OUTLETS_BASE

SEED_STORY = "2021-07-08-taliban-captures-key-afghan-border-crossing"


def test_the_seed_site_has_an_edition_for_2021_07_08_with_its_story(built_site: Path) -> None:
    folder = built_site / "editions" / "2021-07-08"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "<h1>Edition of 8 July 2021</h1>" in page
    assert f'href="../../stories/{SEED_STORY}/"' in page
    stories = json.loads((built_site / "stories.json").read_text(encoding="utf-8"))["stories"]
    assert stories[0]["headline"] in page
    for report in stories[0]["reports"]:
        assert f'href="../../articles/{report["slug"]}/"' in page
    email = (folder / "email.html").read_text(encoding="utf-8")
    assert f"{BASE}stories/{SEED_STORY}/" in email and f"{BASE}editions/2021-07-08/" in email
    text = (folder / "email.txt").read_text(encoding="utf-8")
    assert stories[0]["headline"] in text and f"{BASE}editions/2021-07-08/" in text
    assert sorted(p.name for p in (built_site / "editions").iterdir()) == [
        "2021-07-08", "feed.json", "feed.xml", "index.html"]


@pytest.fixture(params=["seed", "outlets"])
def edition_site(request: pytest.FixtureRequest) -> tuple[Path, str]:
    if request.param == "seed":
        return request.getfixturevalue("built_site"), BASE
    return request.getfixturevalue("outlets_site"), OUTLETS_BASE


def test_the_editions_json_feed(edition_site: tuple[Path, str]) -> None:
    built, base = edition_site
    feed = json.loads((built / "editions" / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == base + "editions/feed.json"
    assert feed["home_page_url"] == base + "editions/"
    assert feed["items"]
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids))
    for item in feed["items"]:
        assert item["url"] == item["id"] and item["url"].startswith(base + "editions/")
        assert (built / item["url"].removeprefix(base) / "index.html").is_file()
        assert item["title"] and item["content_text"]
        assert dt.datetime.fromisoformat(item["date_published"]).tzinfo is not None
    days = [item["url"].rstrip("/").rsplit("/", 1)[1] for item in feed["items"]]
    assert days == sorted(days, reverse=True)
