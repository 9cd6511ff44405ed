"""Story pages a reader would pick over an aggregator, in a real browser (Playwright + axe):
the seed story and the outlets fixture site (tests/fixtures/outlets/site: sources.yaml aliases,
originals, times of day, a date-only report, a photo caption without its photo)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.site.test_browser import (
    Axe,
    new_page,
    problems,
    watched_page,
)

STORY = "stories/2023-03-04-port-strike-ends/"
PAGES = {"story": STORY, "article": "articles/port-strike-ends/", "home": "",
         "outlet": "sources/associated-press/", "outlets": "sources/"}


def report_rows(page: object) -> list[dict[str, object]]:
    """Each report of the story page's report list as the reader sees it."""
    return page.eval_on_selector_all(".report-list > li", """items => items.map(li => ({
        outlet: li.querySelector(".meta a").textContent,
        time: li.querySelector("time").textContent,
        datetime: li.querySelector("time").getAttribute("datetime"),
        title: li.querySelector(".report-title a").textContent,
        original: li.querySelector("a.original") && li.querySelector("a.original").href,
        top: li.getBoundingClientRect().top + window.scrollY }))""")  # type: ignore[attr-defined]


def top_of(page: object, selector: str) -> float:
    return float(page.evaluate(  # type: ignore[attr-defined]
        f"document.querySelector({json.dumps(selector)}).getBoundingClientRect().top"
        " + window.scrollY"))


def test_seed_story_shows_both_reports_at_the_top_with_outlet_and_time(
        browser: object, site_url: str, built_site: Path) -> None:
    story = json.loads((built_site / "stories.json").read_text("utf-8"))["stories"][0]
    page = new_page(browser)
    page.goto(site_url + f"stories/{story['id']}/")  # type: ignore[attr-defined]
    rows = report_rows(page)
    assert [row["title"] for row in rows] == [r["title"] for r in story["reports"]]
    assert all(row["outlet"] == "Reuters" and row["time"] == "8 July 2021" for row in rows)
    assert all(row["original"] is None for row in rows)  # no original known for the seeds
    assert max(float(str(row["top"])) for row in rows) < top_of(page, "#compare-title")
    assert top_of(page, "#compare-title") < top_of(page, "#timeline")
    page.click(".report-list .report-title a")  # type: ignore[attr-defined]
    page.wait_for_selector("article.report")  # type: ignore[attr-defined]


def test_story_reports_link_to_their_originals_and_keep_times_of_day(
        browser: object, outlets_url: str) -> None:
    page, log = watched_page(browser)
    page.goto(outlets_url + STORY)  # type: ignore[attr-defined]
    rows = report_rows(page)
    assert [(row["outlet"], row["time"], row["original"]) for row in rows] == [
        ("Associated Press", "4 March 2023, 09:15 UTC", "https://apnews.com/article/port-strike-ends-0001"),
        ("Associated Press", "4 March 2023, 16:40 UTC", None),
        ("Al Jazeera", "5 March 2023", "https://www.aljazeera.com/news/2023/3/5/port-reopens")]
    assert rows[2]["datetime"] == "2023-03-05"  # a date-only report: no invented time
    text = page.inner_text("main")  # type: ignore[attr-defined]
    assert "00:00" not in text
    assert "Coverage: 2 outlets · from QA (1), US (1)" in text
    assert "owner: cooperative (1), state-funded (1)" in text
    adds = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".report-list > li", "els => els.map(e => e.querySelector('.adds') !== null)")
    assert adds[0] is False and any(adds[1:])  # the first report adds nothing: it is the story
    steps = page.eval_on_selector_all(".timeline > li .meta", "els => els.map(e => e.textContent)")  # type: ignore[attr-defined]
    assert [" ".join(step.split()) for step in steps] == [
        "Associated Press · first report", "Associated Press · 2 reports from 1 outlet",
        "Al Jazeera · 3 reports from 2 outlets, a new outlet"]
    assert problems(page, log) == []


def test_one_outlet_page_per_outlet_and_old_names_lead_to_it(
        browser: object, outlets_url: str, outlets_site: Path) -> None:
    page = new_page(browser)
    page.goto(outlets_url + "sources/")  # type: ignore[attr-defined]
    names = page.eval_on_selector_all(".terms a", "els => els.map(e => e.textContent)")  # type: ignore[attr-defined]
    assert names == ["Al Jazeera", "Associated Press"]
    for alias in ("ap", "ap-news", "the-associated-press"):
        page.goto(outlets_url + f"sources/{alias}/")  # type: ignore[attr-defined]
        page.wait_for_url(outlets_url + "sources/associated-press/")  # type: ignore[attr-defined]
        assert "also credited as" in page.inner_text("main")  # type: ignore[attr-defined]
    assert (outlets_site / "sources" / "al-jazeera-english" / "index.html").is_file()
    cards = page.eval_on_selector_all(".story-card", "els => els.length")  # type: ignore[attr-defined]
    assert cards == 2  # both AP stories on one page
    info = page.inner_text(".outlet-info")  # type: ignore[attr-defined]
    assert "https://apnews.com/" in info and "US" in info and "lean: center" in info


def test_a_photo_caption_without_its_photo_is_a_note_with_its_credit(
        browser: object, outlets_url: str) -> None:
    page = new_page(browser)
    page.goto(outlets_url + "articles/port-strike-ends/")  # type: ignore[attr-defined]
    assert page.query_selector("figure") is None  # type: ignore[attr-defined]
    note = " ".join(page.inner_text(".photo-note").split())  # type: ignore[attr-defined]
    assert note == ("PHOTO CAPTION Dock workers leave the port gates after the vote "
                    "Credit: AP Photo/Jane Roe")
    original = page.query_selector("p.original a")  # type: ignore[attr-defined]
    assert original.inner_text() == "Read at Associated Press"
    assert original.get_attribute("href") == "https://apnews.com/article/port-strike-ends-0001"


def test_listings_are_dense_one_line_of_headline_one_of_outlets_count_and_time(
        browser: object, outlets_url: str) -> None:
    page = new_page(browser, viewport={"width": 1280, "height": 800})
    page.goto(outlets_url)  # type: ignore[attr-defined]
    cards = page.eval_on_selector_all(".story-card", """els => els.map(e => ({
        height: e.getBoundingClientRect().height,
        line: parseFloat(getComputedStyle(e.querySelector("p")).lineHeight),
        meta: e.querySelector(".meta").textContent.replace(/\\s+/g, " ").trim() }))""")  # type: ignore[attr-defined]
    assert [card["meta"] for card in cards] == [
        "Associated Press, Al Jazeera · 3 reports · 5 March 2023",
        "Associated Press · 1 report · 18 February 2023"]
    for card in cards:  # headline and meta line, a line each, and the card's padding
        assert card["height"] < 3 * card["line"] + 16, card


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_axe_reports_no_violations_on_the_outlets_site(browser: object, outlets_url: str,
                                                      kind: str, scheme: str) -> None:
    page, log = watched_page(browser, color_scheme=scheme)
    page.goto(outlets_url + PAGES[kind])  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert problems(page, log) == []


def test_the_outlets_site_feeds_name_outlets_and_the_newest_report(outlets_site: Path) -> None:
    atom = ET.parse(outlets_site / "atom.xml").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    entry = atom.find(f"{ns}entry")
    assert entry is not None and entry.findtext(f"{ns}id") == "https://outlets.example/" + STORY
    assert (entry.findtext(f"{ns}content") or "").endswith(
        "3 reports from Associated Press, Al Jazeera. Newest: Port reopens to shipping after "
        "strike (Al Jazeera, 5 March 2023).")
    alias = ET.parse(outlets_site / "sources" / "ap-news" / "feed.xml").getroot()
    assert [link.get("href") for link in alias.iter(f"{ns}link") if link.get("rel") == "self"
            ] == ["https://outlets.example/sources/ap-news/feed.xml"]
