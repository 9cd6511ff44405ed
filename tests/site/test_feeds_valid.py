"""Every feed of the built site follows the rules the W3C Feed Validation Service checks:
required elements, RFC 822 / RFC 3339 dates, absolute links, a self link equal to the feed's
own URL, unique ids. (The W3C validator itself is a web service; CI has no network.)"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ATOM = "{http://www.w3.org/2005/Atom}"
REPO = Path(__file__).resolve().parents[2]
BASE = yaml.safe_load((REPO / "content" / "site.yaml").read_text(encoding="utf-8"))["base_url"]
OUTLETS_BASE = "https://outlets.example/"  # tests/fixtures/outlets/site/content/site.yaml


@pytest.fixture(params=["seed", "outlets"])
def feed_site(request: pytest.FixtureRequest) -> tuple[Path, str]:
    """The seed site and its base URL, then the outlets fixture site (alias feeds) and its."""
    if request.param == "seed":
        return request.getfixturevalue("built_site"), BASE
    return request.getfixturevalue("outlets_site"), OUTLETS_BASE


def rfc822(value: str | None) -> dt.datetime:
    assert value, "missing date"
    parsed = email.utils.parsedate_to_datetime(value)
    assert parsed.tzinfo is not None and email.utils.format_datetime(parsed) == value
    return parsed


def test_rss_feeds(feed_site: tuple[Path, str]) -> None:
    built_site, base = feed_site
    feeds = sorted(built_site.rglob("feed.xml"))
    assert len(feeds) >= 2  # the site feed and at least one source feed
    for path in feeds:
        own_url = base + path.relative_to(built_site).as_posix()
        channel = ET.parse(path).getroot().find("channel")
        assert channel is not None
        for required in ("title", "link", "description"):
            assert (channel.findtext(required) or "").strip(), f"{path}: no <{required}>"
        self_links = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert [link.get("href") for link in self_links] == [own_url]
        rfc822(channel.findtext("lastBuildDate"))
        guids = []
        for item in channel.findall("item"):
            assert (item.findtext("title") or "").strip() and (item.findtext("description") or "")
            guid = item.find("guid")
            assert guid is not None and guid.get("isPermaLink") == "true"
            assert (guid.text or "").startswith(base) and item.findtext("link") == guid.text
            rfc822(item.findtext("pubDate"))
            guids.append(guid.text)
        assert len(guids) == len(set(guids))


def test_atom_feed(feed_site: tuple[Path, str]) -> None:
    built_site, base = feed_site
    feed = ET.parse(built_site / "atom.xml").getroot()
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip()
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == base + "atom.xml" and links["alternate"] == base
    dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated") or "")
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        ids.append(entry.findtext(f"{ATOM}id"))
        assert (entry.findtext(f"{ATOM}title") or "").strip()
        assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or "").tzinfo
        assert entry.find(f"{ATOM}link") is not None
    assert ids and len(ids) == len(set(ids)) and all(i and i.startswith(base) for i in ids)


def test_json_feed(feed_site: tuple[Path, str]) -> None:
    built_site, base = feed_site
    data = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == base + "feed.json" and data["home_page_url"] == base
    for item in data["items"]:
        assert item["id"] and item["url"].startswith(base)
        assert dt.datetime.fromisoformat(item["date_published"]).tzinfo
