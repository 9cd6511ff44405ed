"""Daily editions: which stories are in which edition, what each says was new that day, the
intros, the newsletter files (email HTML and text) and ``digest edition``.

The fixture site (tests/fixtures/editions/site) has one story that grows over three days
(Reuters on 1 May, AP on 2 May, BBC on 3 May), a draft and a future report in it, a story
held out of editions by its note, and an intro for 2 May."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import edition_content, editions, search
from generator.cli import main
from generator.config import SiteConfig
from generator.editions import Edition, EditionStory
from generator.model import Article, Story, StoryNotes
from generator.render import edition_feeds, edition_pages
from generator.render import pages as render
from tests.helpers import REPO, forget_last_build

FIXTURE = REPO / "tests" / "fixtures" / "editions" / "site"
THEME = REPO / "themes" / "default"
BRIDGE = "2023-05-01-footbridge-collapses-over-river-in-porto"
DAYS = ("2023-05-03", "2023-05-02", "2023-05-01")


def build(site: Path) -> int:
    return main(["build", "--content", str(site / "content"), "--output", str(site / "output"),
                 "--theme", str(THEME), "--quiet"])


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 Nov 2023: 2099 is the future
    monkeypatch.setattr(search, "index", lambda pages, language: {})
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    assert build(tmp_path) == 0
    return tmp_path


def edition_text(site: Path, day: str, name: str = "email.txt") -> str:
    return (site / "output" / "editions" / day / name).read_text(encoding="utf-8")


# --- which stories, which days -----------------------------------------------------------------

def article(slug: str, day: int, source: str = "Reuters", hour: int = 9) -> Article:
    return Article(slug=slug, path=Path(f"{slug}.md"), title=slug.replace("-", " "),
                   source=source, date=dt.datetime(2023, 5, day, hour, tzinfo=dt.UTC),
                   body="Text.", story="s")


def story(story_id: str, *articles: Article, notes: StoryNotes | None = None) -> Story:
    return Story(id=story_id, headline=story_id, summary="", articles=articles,
                 lead=articles[0], notes=notes)


def test_a_story_is_in_the_edition_of_every_day_it_grew_as_it_stood_that_day() -> None:
    grown = story("grown", article("a", 1), article("b", 2), article("c", 2, hour=11),
                  article("d", 3))
    found = editions.editions([grown])
    assert [e.day.day for e in found] == [3, 2, 1]  # newest first
    by_day = {e.day.day: e.stories[0] for e in found}
    assert [a.slug for a in by_day[2].new] == ["b", "c"]
    assert [a.slug for a in by_day[2].story.articles] == ["a", "b", "c"]  # nothing later
    assert [a.slug for a in by_day[3].story.articles] == ["a", "b", "c", "d"]
    assert by_day[1].is_new and not by_day[2].is_new
    assert by_day[3].complete and not by_day[2].complete
    assert found[1].reports == 2


def test_stories_in_an_edition_are_newest_first_and_a_held_out_story_is_in_none() -> None:
    early = story("early", article("e", 2, hour=8))
    late = story("late", article("l", 2, hour=20))
    held = story("held", article("h", 2, hour=12),
                 notes=StoryNotes(story_id="held", path=Path("held.md"), editions=False))
    (edition,) = editions.editions([early, held, late])
    assert [item.story.id for item in edition.stories] == ["late", "early"]
    assert editions.editions([held]) == []


def test_the_days_of_the_editions_are_known_without_working_them_out() -> None:
    stories = [story("a", article("a1", 1), article("a2", 3)), story("b", article("b1", 2)),
               story("held", article("h", 5),
                     notes=StoryNotes(story_id="held", path=Path("held.md"), editions=False))]
    assert editions.days(stories) == [e.day for e in editions.editions(stories)]
    assert [day.day for day in editions.days(stories)] == [3, 2, 1]


def test_reports_of_unknown_source_are_no_outlets_of_an_edition_entry() -> None:
    def report(slug: str, source: str) -> Article:
        return Article(slug=slug, path=Path(f"{slug}.md"), title="T", source=source,
                       date=dt.date(2021, 5, 2), body="B.", story="s")
    new = (report("b", "Unknown"), report("c", "Reuters"))
    told = Story(id="s", headline="H", summary="S.", lead=new[0],
                 articles=(report("a", "Unknown"), *new))
    entry = edition_pages.Entry(story=told, new=new, is_new=False, adds={})
    assert entry.so_far == "3 reports from 1 outlet so far"
    assert entry.outlets == ("Reuters",)
    alone = edition_pages.Entry(story=Story(id="s", headline="H", summary="S.", lead=new[0],
                                            articles=new[:1]), new=new[:1], is_new=False, adds={})
    assert alone.so_far == "1 report so far" and alone.outlets == ()
    config = SiteConfig(content_dir=Path("content"), output_dir=Path("output"),
                        theme_dir=Path("themes/default"))
    assert "   1 report so far\n" in "\n".join(edition_pages._entry_text(1, alone, config))
    day = Edition(day=dt.date(2021, 5, 2), stories=(
        EditionStory(story=alone.story, new=alone.new), EditionStory(story=told, new=new)))
    assert edition_feeds.item_text(day).splitlines() == [
        "H (new story)", "H (2 new reports: Reuters)"]


def test_the_fixture_site_has_three_editions_each_saying_what_was_new_that_day(
        site: Path) -> None:
    folders = sorted(p.name for p in (site / "output" / "editions").iterdir() if p.is_dir())
    assert folders == sorted(DAYS)
    first, second, third = (edition_text(site, day) for day in reversed(DAYS))
    assert "New story" in first and "Footbridge collapses over river in Porto" in first
    assert "Death toll" not in first and "Corroded cables" not in first  # later reports
    assert "Death toll in Porto footbridge collapse rises to 12" in second
    assert "2 reports from 2 outlets so far · Associated Press" in second
    assert "Adds: Twelve people" in " ".join(second.split())  # figures, not names
    assert "Footbridge collapses over river in Porto\n     Reuters" not in second  # not new
    assert "Corroded cables blamed for Porto footbridge collapse" in third
    assert "Adds: 40 corroded steel cables" in " ".join(third.split())
    assert "Rui Moreira" not in third  # the day before's news is not new that day
    for text in (first, second, third):  # the page says the same as the newsletter
        assert f"stories/{BRIDGE}/" in text


def test_an_edition_keeps_its_headline_as_the_story_stood_that_day(site: Path) -> None:
    page = edition_text(site, "2023-05-01", "index.html")
    assert "<h2><a href=\"../../stories/" in page
    assert "Footbridge collapses over river in Porto</a></h2>" in page


def test_editions_false_holds_a_story_out_and_drafts_and_future_reports_stay_out(
        site: Path) -> None:
    everything = "".join(p.read_text(encoding="utf-8")
                         for p in (site / "output" / "editions").rglob("*") if p.is_file())
    assert "music festival" not in everything  # its note says editions: false
    assert (site / "output" / "stories" / "2023-05-02-porto-music-festival-sells-out").is_dir()
    assert "Draft follow-up" not in everything and "in the future" not in everything
    assert not (site / "output" / "editions" / "2099-01-01").exists()


def test_the_intro_comes_from_content_editions_day_md(site: Path) -> None:
    page = edition_text(site, "2023-05-02", "index.html")
    assert "<h1>Porto counts its dead</h1>" in page
    assert "<strong>worst disaster</strong>" in page
    email = edition_text(site, "2023-05-02", "email.html")
    assert "Porto counts its dead" in email and "<strong" in email
    text = edition_text(site, "2023-05-02")
    assert text.startswith("Porto counts its dead\n")
    assert "**worst disaster** in decades" in text
    assert "<h1>Edition of 1 May 2023</h1>" in edition_text(site, "2023-05-01", "index.html")


# --- index and feeds ---------------------------------------------------------------------------

def test_the_index_and_feeds_have_one_item_per_edition(site: Path) -> None:
    output = site / "output" / "editions"
    index = (output / "index.html").read_text(encoding="utf-8")
    assert [index.index(f'href="../editions/{day}/"') for day in DAYS] == sorted(
        index.index(f'href="../editions/{day}/"') for day in DAYS)  # newest first
    channel = ET.parse(output / "feed.xml").getroot().find("channel")
    assert channel is not None
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links == [f"https://editions.example/editions/{day}/" for day in DAYS]
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[1] == "Porto counts its dead"
    feed = json.loads((output / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["url"] for item in feed["items"]] == links
    assert all(dt.datetime.fromisoformat(item["date_published"]).tzinfo
               for item in feed["items"])


def test_home_and_archive_link_to_the_editions(site: Path) -> None:
    assert 'href="editions/"' in (site / "output" / "index.html").read_text(encoding="utf-8")
    archive = (site / "output" / "archive" / "index.html").read_text(encoding="utf-8")
    assert 'href="../editions/"' in archive


# --- the rules of the rest of the site ---------------------------------------------------------

def files_of(output: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(output).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted((output / "editions").rglob("*")) if p.is_file()}


def test_a_rebuild_gives_the_same_bytes_and_rewrites_nothing(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files_of(site / "output")
    capsys.readouterr()
    forget_last_build(site)  # the whole pipeline, finding nothing to write
    assert build(site) == 0
    assert " 0 pages written" in capsys.readouterr().out
    assert files_of(site / "output") == before
    shutil.rmtree(site / "content" / ".digest")  # a cold build: the same bytes again
    shutil.rmtree(site / "output")
    assert build(site) == 0
    assert {k: v[0] for k, v in files_of(site / "output").items()} == {
        k: v[0] for k, v in before.items()}


def test_a_report_on_the_third_day_rewrites_that_edition_only(site: Path) -> None:
    before = files_of(site / "output")
    late = (site / "content" / "articles" / "bridge-cables-corroded.md").read_text("utf-8")
    (site / "content" / "articles" / "bridge-more.md").write_text(
        late.replace("title: Corroded cables blamed", "title: Bridges closed after")
            .replace("source: BBC", "source: Euronews").replace("12:15", "18:00"),
        encoding="utf-8")
    assert build(site) == 0
    after = files_of(site / "output")
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert changed == ["editions/2023-05-03/email.html", "editions/2023-05-03/email.txt",
                       "editions/2023-05-03/index.html", "editions/feed.json",
                       "editions/feed.xml", "editions/index.html"]


# --- intros: each problem names its file and line ----------------------------------------------

def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_intro_file_is_named_with_its_line_and_the_fix(tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    bad_name = write(folder, "2023-5-2.md", "---\ntitle: x\n---\n")
    bad_title = write(folder, "2023-05-03.md", "---\n# a comment\ntitle: [a, b]\n---\nBody\n")
    unknown = write(folder, "2023-05-04.md", "---\ntitle: Fine\ntitel: Typo\n---\nBody\n")
    no_fence = write(folder, "2023-05-05.md", "title: x\n")
    intros, problems = edition_content.load_intros(folder)
    assert [str(p) for p in problems] == [
        f"{bad_title}:3: title: must be a single line of text (quote a date or a number: "
        "title: \"...\")",
        f"{unknown}:3: warning: unknown field 'titel' (did you mean \"title\"?); it is ignored "
        "(known fields: title)",
        f"{no_fence}:1: no front matter: the file must start with a line '---', then YAML "
        "fields (title, source, date...), then '---'",
        f"{bad_name}:1: the file name '2023-5-2.md' is not a day: name an edition's intro "
        "after its day, 'YYYY-MM-DD.md' (e.g. 2021-07-08.md)"]
    assert list(intros) == [dt.date(2023, 5, 4)]
    assert intros[dt.date(2023, 5, 4)].title == "Fine"


def test_digest_check_reports_a_bad_intro_and_an_intro_without_edition(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    lonely = write(tmp_path / "content" / "editions", "2023-06-01.md", "---\n---\nSoon.\n")
    bad = write(tmp_path / "content" / "editions", "2023-06-02.md", "---\ntitle: {}\n---\n")
    assert main(["check", "--content", str(tmp_path / "content"), "--theme", str(THEME),
                 "--quiet"]) == 1
    assert f"{bad}:2: title: must be a single line of text" in capsys.readouterr().err
    bad.unlink()
    assert main(["check", "--content", str(tmp_path / "content"), "--theme", str(THEME),
                 "--quiet"]) == 0
    assert (f"{lonely}:1: note: no story grew on 1 June 2023 (yet): this intro is shown once "
            "one does; check the file's name if it should be") in capsys.readouterr().err


# --- the newsletter ----------------------------------------------------------------------------

class Visible(HTMLParser):
    """The links and the text of an HTML email (not its head)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_body = self.in_body or tag == "body"
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_data(self, data: str) -> None:
        if self.in_body and data.strip():
            self.text.append(" ".join(data.split()))


def test_the_email_has_no_scripts_fonts_or_images_and_only_absolute_links(site: Path) -> None:
    for day in DAYS:
        html = edition_text(site, day, "email.html")
        assert len(html.encode()) < 100_000
        assert not re.search(r"<(script|img|link|iframe|object)\b|@import|@font-face|url\(",
                             html, re.IGNORECASE)
        parsed = Visible()
        parsed.feed(html)
        assert parsed.links and all(link.startswith("https://editions.example/")
                                    for link in parsed.links)
        assert f"https://editions.example/editions/{day}/" in parsed.links  # back to its page
        assert 'style="' in html and "@media (prefers-color-scheme: dark)" in html


def test_the_text_email_is_a_faithful_reading_of_the_html_one(site: Path) -> None:
    for day in DAYS:
        parsed = Visible()
        parsed.feed(edition_text(site, day, "email.html"))
        text = " ".join(edition_text(site, day).split())
        assert set(parsed.links) <= set(text.split()), day
        left_out = [chunk for chunk in parsed.text if chunk not in text
                    and chunk not in ("Read it on the web", "The whole story", "All editions",
                                      "read them on its page", ".", "·")]
        assert not [c for c in left_out if len(c) > 3], (day, left_out)


def many_stories(count: int) -> Edition:
    """An edition of ``count`` one-report stories with long headlines."""
    items = []
    for number in range(count):
        report = Article(slug=f"report-{number}", path=Path(f"report-{number}.md"),
                         title=f"Report number {number} " + "with a long headline " * 6,
                         source="Reuters", date=dt.date(2023, 5, 1), body="Text.")
        items.append(EditionStory(story=Story(id=f"2023-05-01-s{number}",
                                              headline=report.title, summary="A summary. " * 20,
                                              articles=(report,), lead=report), new=(report,)))
    return Edition(day=dt.date(2023, 5, 1), stories=tuple(items))


def test_a_busy_day_s_email_stays_under_gmail_s_limit_and_says_what_it_left_out(
        tmp_path: Path) -> None:
    cfg = SiteConfig(content_dir=tmp_path, output_dir=tmp_path / "out", theme_dir=THEME,
                     base_url="https://editions.example/")
    page = render.DeferredRenderer(lambda: render.page_renderer(cfg))
    view = edition_pages.view_of(many_stories(400), "")
    files = edition_pages.edition_files(page, view, cfg)
    html = files["editions/2023-05-01/email.html"].decode()
    text = files["editions/2023-05-01/email.txt"].decode()
    assert len(html.encode()) <= edition_pages.EMAIL_BUDGET < 100_000
    shown = html.count("The whole story")
    assert 1 < shown < 400
    assert f"{400 - shown} more stories in this edition" in html
    assert f"{400 - shown} more stories in this edition" in text
    assert text.count("The whole story:") == shown
    assert "Report number 399" in files["editions/2023-05-01/index.html"].decode()


# --- digest edition ----------------------------------------------------------------------------

def test_digest_edition_prints_the_built_files_or_writes_them_to_a_folder(
        site: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    options = ["--content", str(site / "content"), "--output", str(site / "output"),
               "--theme", str(THEME)]
    capsys.readouterr()
    assert main(["edition", *options]) == 0
    assert capsys.readouterr().out.split() == [
        str(site / "output" / "editions" / "2023-05-03" / name)
        for name in ("email.html", "email.txt")]
    assert main(["edition", *options, "--date", "2023-05-02", "--to", str(site / "mail")]) == 0
    written = [Path(line) for line in capsys.readouterr().out.split()]
    assert [p.name for p in written] == ["email-2023-05-02.html", "email-2023-05-02.txt"]
    assert written[1].read_bytes() == (
        site / "output" / "editions" / "2023-05-02" / "email.txt").read_bytes()
    assert main(["edition", *options, "--date", "2023-05-09"]) == 1
    assert "no edition for 2023-05-09" in capsys.readouterr().err
    assert main(["edition", *options, "--date", "9 May"]) == 2
    (site / "output" / "editions" / "2023-05-03" / "email.txt").write_text("old")
    assert main(["edition", *options]) == 1
    assert "email.txt is out of date: run 'digest build' first" in capsys.readouterr().err


def test_edition_pages_a_theme_marks_for_search_are_indexed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build starts the index before the editions are made; a theme that marks them
    gets them indexed all the same."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    indexed: set[str] = set()

    def record(pages: Mapping[str, bytes], language: str) -> dict[str, bytes]:
        indexed.update(pages)
        return {}

    monkeypatch.setattr(search, "index", record)
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    edition = theme / "templates" / "edition.html"
    marked = edition.read_text().replace('<article class="edition">',
                                         '<article class="edition" data-pagefind-body>')
    edition.write_text(marked)
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    assert main(["build", "--content", str(tmp_path / "content"), "--output",
                 str(tmp_path / "output"), "--theme", str(theme), "--quiet"]) == 0
    assert f"editions/{DAYS[0]}/index.html" in indexed
    assert any(path.startswith("stories/") for path in indexed)
