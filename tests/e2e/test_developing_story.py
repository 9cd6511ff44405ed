"""A developing story, built for real: a report joining a story changes that story's feed
entries (RSS, Atom, JSON Feed) and no other story's; names merged through sources.yaml make
one outlet page; a rebuild gives the same bytes."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import search
from generator.cli import main
from tests.e2e.conftest import THEME, tree_hash

REPO = Path(__file__).resolve().parents[2]
OUTLETS_SITE = REPO / "tests" / "fixtures" / "outlets" / "site"
ATOM = "{http://www.w3.org/2005/Atom}"
PORT = "https://outlets.example/stories/2023-03-04-port-strike-ends/"
ROVER = "https://outlets.example/stories/2023-02-18-rover-lands-on-mars/"
JOINING = """---
title: Backlog at the port cleared a week early
source: Al Jazeera
date: 2023-03-09T11:00:00+00:00
url: https://www.aljazeera.com/news/2023/3/9/backlog-cleared
story: 2023-03-04-port-strike-ends
---

The port authority said on Thursday that the backlog of 40 ships had been cleared a week early.
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(search, "index", lambda pages, language: {})
    shutil.copytree(OUTLETS_SITE / "content", tmp_path / "content")
    return tmp_path


def build(site: Path) -> Path:
    assert main(["build", "--content", str(site / "content"), "--output", str(site / "output"),
                 "--theme", str(THEME), "--quiet"]) == 0
    return site / "output"


def entries(output: Path) -> dict[str, dict[str, bytes]]:
    """feed path -> story URL -> the entry's bytes, for every story feed of the site (the
    editions' feed has one entry per day: see the test below)."""
    found: dict[str, dict[str, bytes]] = {}
    for path in sorted(output.rglob("*.xml")):
        if path.name == "sitemap.xml" or path.parent.name == "editions":
            continue
        root = ET.parse(path).getroot()
        items = [*root.iter("item"), *root.iter(f"{ATOM}entry")]
        found[path.relative_to(output).as_posix()] = {
            (item.findtext("guid") or item.findtext(f"{ATOM}id") or ""): ET.tostring(item)
            for item in items}
    data = json.loads((output / "feed.json").read_text("utf-8"))
    found["feed.json"] = {item["id"]: json.dumps(item).encode() for item in data["items"]}
    return found


def test_a_report_joining_a_story_changes_that_storys_feed_entries_only(site: Path) -> None:
    before = entries(build(site))
    (site / "content" / "articles" / "backlog-cleared.md").write_text(JOINING, "utf-8")
    output = build(site)
    after = entries(output)
    assert set(after) == set(before)
    changed = {(feed, url) for feed in after for url in after[feed]
               if before[feed].get(url) != after[feed][url]}
    port_feeds = {feed for feed in after if PORT in after[feed]}
    assert changed == {(feed, PORT) for feed in port_feeds}  # every feed it is in, nothing else
    assert {"feed.xml", "atom.xml", "feed.json", "sources/al-jazeera/feed.xml"} <= port_feeds
    assert all(before[feed].get(ROVER) == after[feed].get(ROVER) for feed in after)
    editions = [item.findtext("link") for item in
                ET.parse(output / "editions" / "feed.xml").getroot().iter("item")]
    assert editions[0] == "https://outlets.example/editions/2023-03-09/"  # its day's edition
    atom = ET.parse(output / "atom.xml").getroot()
    entry = next(e for e in atom.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == PORT)
    assert entry.findtext(f"{ATOM}updated") == "2023-03-09T11:00:00+00:00"
    assert (entry.findtext(f"{ATOM}content") or "").endswith(
        "4 reports from Associated Press, Al Jazeera. Newest: Backlog at the port cleared a "
        "week early (Al Jazeera, 9 March 2023, 11:00 UTC).")
    index = json.loads((output / "stories.json").read_text("utf-8"))["stories"][0]
    assert index["reports"][-1]["original_url"] == ("https://www.aljazeera.com/news/2023/3/9/"
                                                    "backlog-cleared")
    assert index["reports"][-1]["url"] == "https://outlets.example/articles/backlog-cleared/"


def test_sources_yaml_aliases_give_one_outlet_page_per_outlet(site: Path) -> None:
    output = build(site)
    outlets = sorted(p.parent.name for p in (output / "sources").glob("*/index.html")
                     if b"Stories reported by" in p.read_bytes())
    assert outlets == ["al-jazeera", "associated-press"]
    moved = sorted(p.parent.name for p in (output / "sources").glob("*/index.html")
                   if b'http-equiv="refresh"' in p.read_bytes())
    assert moved == ["al-jazeera-english", "ap", "ap-news", "the-associated-press"]
    first = tree_hash(output)
    build(site)
    assert tree_hash(output) == first


def test_a_bad_sources_file_stops_the_build_with_its_line(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "content" / "sources.yaml").write_text("Reuters:\n  url: reuters.com\n", "utf-8")
    assert main(["build", "--content", str(site / "content"), "--output",
                 str(site / "output"), "--theme", str(THEME), "--quiet"]) == 1
    assert (f"{site / 'content' / 'sources.yaml'}:2: Reuters: url: 'reuters.com' is not an "
            "http(s) address; write one such as 'https://apnews.com/'") in capsys.readouterr().err
    assert not (site / "output").exists()


def test_ap_news_from_a_title_and_the_associated_press_from_a_byline_are_one_outlet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """#28: two wire dumps, one naming the outlet in its title's suffix, one in its byline,
    and no sources.yaml: the built-in agencies make them one outlet, on the build that
    ingests them and on the next."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(search, "index", lambda pages, language: {})
    (tmp_path / "content" / "inbox").mkdir(parents=True)
    for raw in sorted((REPO / "tests" / "fixtures" / "outlets" / "raw").glob("*.txt")):
        shutil.copy(raw, tmp_path / "content" / "inbox")
    output = build(tmp_path)
    credited = sorted(line for path in (tmp_path / "content" / "articles").glob("*.md")
                      for line in path.read_text("utf-8").splitlines()
                      if line.startswith("source:"))
    assert credited == ["source: AP News", "source: The Associated Press"]  # as the dumps say
    index = json.loads((output / "stories.json").read_text("utf-8"))["stories"]
    assert [[r["source"] for r in story["reports"]] for story in index] == [
        ["Associated Press", "Associated Press"]]
    outlet = (output / "sources" / "associated-press" / "index.html").read_text("utf-8")
    assert "also credited as" in outlet
    first = tree_hash(output)
    build(tmp_path)
    assert tree_hash(output) == first
