"""feeds.py: RSS 2.0 and Atom with stable GUIDs, absolute links and content dates only."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from generator.render import feeds
from tests.helpers import article, site_config, story

ATOM = "{http://www.w3.org/2005/Atom}"


def two_stories() -> list:  # type: ignore[type-arg]
    newer = story("2021-07-09-b", article("b", date=dt.date(2021, 7, 9)), summary="B summary.")
    older = story("2021-07-08-a", article("a1", date=dt.date(2021, 7, 7)),
                  article("a2", date=dt.date(2021, 7, 8)), summary="A summary.")
    return [newer, older]


def test_rss_channel_and_items(tmp_path: Path) -> None:
    rss = ET.fromstring(feeds.all_feeds(two_stories(), site_config(tmp_path))["feed.xml"])
    channel = rss.find("channel")
    assert rss.get("version") == "2.0" and channel is not None
    assert channel.findtext("title") == "Test Digest"
    assert channel.findtext("link") == "https://digest.example/"
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None and self_link.get("rel") == "self"
    assert self_link.get("href") == "https://digest.example/feed.xml"
    assert channel.findtext("lastBuildDate") == "Fri, 09 Jul 2021 00:00:00 +0000"
    items = channel.findall("item")
    assert [i.findtext("guid") for i in items] == [
        "https://digest.example/stories/2021-07-09-b/", "https://digest.example/stories/2021-07-08-a/"]
    assert items[1].findtext("description") == (
        "A summary.\n\n2 reports from Reuters. Newest: A title (Reuters, 8 July 2021).")
    assert items[1].findtext("pubDate") == "Wed, 07 Jul 2021 00:00:00 +0000"


def test_atom_feed_has_ids_updated_and_self_link(tmp_path: Path) -> None:
    atom = ET.fromstring(feeds.all_feeds(two_stories(), site_config(tmp_path))["atom.xml"])
    assert atom.findtext(f"{ATOM}id") == "https://digest.example/"
    assert atom.findtext(f"{ATOM}updated") == "2021-07-09T00:00:00+00:00"
    assert atom.find(f"{ATOM}author/{ATOM}name") is not None
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")}
    assert links["self"] == "https://digest.example/atom.xml"
    entries = atom.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        "https://digest.example/stories/2021-07-09-b/", "https://digest.example/stories/2021-07-08-a/"]
    assert entries[1].findtext(f"{ATOM}updated") == "2021-07-08T00:00:00+00:00"


def test_feeds_are_deterministic(tmp_path: Path) -> None:
    cfg = site_config(tmp_path)
    assert feeds.all_feeds(two_stories(), cfg) == feeds.all_feeds(two_stories(), cfg)


def test_empty_site_still_gives_valid_feeds(tmp_path: Path) -> None:
    out = feeds.all_feeds([], site_config(tmp_path))
    assert ET.fromstring(out["feed.xml"]).find("channel") is not None
    assert ET.fromstring(out["atom.xml"]).tag == f"{ATOM}feed"


def test_json_feed_1_1(tmp_path: Path) -> None:
    data = json.loads(feeds.all_feeds(two_stories(), site_config(tmp_path))["feed.json"])
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == "https://digest.example/feed.json"
    assert [i["id"] for i in data["items"]] == [
        "https://digest.example/stories/2021-07-09-b/", "https://digest.example/stories/2021-07-08-a/"]
    assert data["items"][1]["date_published"] == "2021-07-07T00:00:00+00:00"
    assert data["items"][1]["content_text"] == (
        "A summary.\n\n2 reports from Reuters. Newest: A title (Reuters, 8 July 2021).")
    assert data["items"][1]["authors"] == [{"name": "Reuters"}]


def test_reports_of_unknown_source_name_no_outlet_in_an_entry(tmp_path: Path) -> None:
    unknown = story("2021-07-08-u", article("u1", source="Unknown"),
                    article("u2", source="Unknown", title="Later"), summary="U summary.")
    mixed = story("2021-07-08-m", article("m1", source="Unknown"), article("m2"),
                  summary="M summary.")
    data = json.loads(feeds.all_feeds([unknown, mixed], site_config(tmp_path))["feed.json"])
    items = {item["id"].rsplit("/", 2)[-2]: item for item in data["items"]}
    assert items["2021-07-08-u"]["content_text"] == (
        "U summary.\n\n2 reports. Newest: Later (Unknown, 8 July 2021).")
    assert "authors" not in items["2021-07-08-u"]
    assert items["2021-07-08-m"]["content_text"].startswith("M summary.\n\n2 reports from Reuters.")
    assert items["2021-07-08-m"]["authors"] == [{"name": "Reuters"}]


def test_a_feed_per_source_and_per_tag(tmp_path: Path) -> None:
    tagged = replace(story("s1", article("x", source="Al Jazeera")), tags=("Iran",))
    out = feeds.all_feeds([tagged], site_config(tmp_path))
    assert {"sources/al-jazeera/feed.xml", "tags/iran/feed.xml"} <= set(out)
    channel = ET.fromstring(out["tags/iran/feed.xml"]).find("channel")
    assert channel is not None and channel.findtext("title") == "Iran · Test Digest"
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None
    assert self_link.get("href") == "https://digest.example/tags/iran/feed.xml"
    assert channel.findtext("link") == "https://digest.example/tags/iran/"


def test_markup_in_a_summary_or_the_description_reaches_no_feed_reader_as_html(
        tmp_path: Path) -> None:
    attack = '<img src=x onerror="alert(1)"> & more'
    cfg = replace(site_config(tmp_path), description=attack)
    made = feeds.all_feeds([story("s", article("a"), summary=attack)], cfg)
    rss = ET.fromstring(made["feed.xml"])
    # RSS readers render <description> as HTML: its text must be that HTML's escaped form
    assert rss.findtext("channel/item/description", "").startswith(
        '&lt;img src=x onerror="alert(1)"&gt; &amp; more\n\n1 report from Reuters.')
    assert rss.findtext("channel/description") == '&lt;img src=x onerror="alert(1)"&gt; &amp; more'
    for path in ("sources/reuters/feed.xml", "tags/iran/feed.xml"):
        if path in made:
            assert "<img" not in ET.fromstring(made[path]).findtext("channel/item/description", "")
    atom = ET.fromstring(made["atom.xml"])  # Atom says it is text: given as it is
    content = atom.find(f"{ATOM}entry/{ATOM}content")
    assert content is not None and content.get("type") in (None, "text")
    assert content.text is not None and content.text.startswith(attack + "\n\n")
    assert json.loads(made["feed.json"])["items"][0]["content_text"].startswith(attack + "\n\n")


def test_a_site_without_a_description_still_has_feeds(tmp_path: Path) -> None:
    made = feeds.all_feeds(two_stories(), replace(site_config(tmp_path), description=""))
    rss = ET.fromstring(made["feed.xml"])
    assert rss.findtext("channel/description") == "Test Digest"  # RSS requires one: the title


def test_a_report_joining_a_story_changes_its_entries_and_no_others(tmp_path: Path) -> None:
    """updated moves, the entry names the outlets and the newest report, the id stays."""
    cfg = site_config(tmp_path)
    quiet = story("quiet", article("q1", date=dt.date(2021, 7, 1)), summary="Quiet.")
    before = story("busy", article("b1", date=dt.date(2021, 7, 8)), summary="Busy.")
    joined = article("b2", source="Al Jazeera", title="Port reopens",
                     date=dt.datetime(2021, 7, 9, 14, 30, tzinfo=dt.UTC))
    after = story("busy", article("b1", date=dt.date(2021, 7, 8)), joined, summary="Busy.")
    old, new = (feeds.all_feeds([s, quiet], cfg) for s in (before, after))

    def entries(feed: bytes, tag: str, ns: str = "") -> dict[str, bytes]:
        root = ET.fromstring(feed)
        return {(e.findtext(f"{ns}id") or e.findtext("guid") or ""): ET.tostring(e)
                for e in root.iter(f"{ns}{tag}")}

    for path, tag, ns in (("feed.xml", "item", ""), ("atom.xml", "entry", ATOM)):
        was, now = entries(old[path], tag, ns), entries(new[path], tag, ns)
        assert set(was) == set(now)  # the ids (the story URLs) stay
        changed = {url for url in was if was[url] != now[url]}
        assert changed == {cfg.url("stories/busy/")}, path
    atom = ET.fromstring(new["atom.xml"])
    entry = next(e for e in atom.iter(f"{ATOM}entry")
                 if e.findtext(f"{ATOM}id") == cfg.url("stories/busy/"))
    assert entry.findtext(f"{ATOM}updated") == "2021-07-09T14:30:00+00:00"
    assert entry.findtext(f"{ATOM}content", "").endswith(
        "2 reports from Reuters, Al Jazeera. Newest: Port reopens (Al Jazeera, "
        "9 July 2021, 14:30 UTC).")
    item = json.loads(new["feed.json"])["items"][0]
    assert (item["id"], item["date_modified"]) == (cfg.url("stories/busy/"),
                                                   "2021-07-09T14:30:00+00:00")
    assert json.loads(old["feed.json"])["items"][1] == json.loads(new["feed.json"])["items"][1]


def test_an_alias_page_keeps_its_feed(tmp_path: Path) -> None:
    s = story("s", article("a", source="Associated Press", credited="AP"))
    made = feeds.all_feeds([s], site_config(tmp_path))
    alias, outlet = (ET.fromstring(made[f"sources/{key}/feed.xml"])
                     for key in ("ap", "associated-press"))
    assert [link.get("href") for link in alias.iter(f"{ATOM}link") if link.get("rel") == "self"
            ] == ["https://digest.example/sources/ap/feed.xml"]
    assert ([ET.tostring(item) for item in alias.iter("item")]
            == [ET.tostring(item) for item in outlet.iter("item")])
