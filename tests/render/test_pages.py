"""render.py: pages and stories.json from stories; escaping; relative links."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from generator.model import Image
from generator.render import pages as render
from generator.util.remember import make_all
from tests.helpers import article, site_config, story


def test_pages_for_index_story_and_every_article(tmp_path: Path) -> None:
    s = story("2021-07-08-a", article("one"), article("two", source="Al Jazeera"))
    pages = render.site([s], site_config(tmp_path))
    assert {"index.html", "404.html", "stories.json", "stories/2021-07-08-a/index.html",
            "articles/one/index.html", "articles/two/index.html", "sources/index.html",
            "sources/reuters/index.html", "sources/al-jazeera/index.html", "tags/index.html",
            "archive/index.html", "archive/2021/07/index.html", "about/index.html",
            "search/index.html", "sitemap.xml", "robots.txt"} <= set(pages)
    assert any(p.startswith("static/style.") and p.endswith(".css") for p in pages)


def test_index_lists_story_with_count_sources_and_links(tmp_path: Path) -> None:
    s = story("2021-07-08-a", article("one"), article("two", source="Al Jazeera"),
              headline="Border crossing falls", summary="The summary.")
    html = render.site([s], site_config(tmp_path))["index.html"].decode()
    assert 'href="stories/2021-07-08-a/"' in html
    assert "Border crossing falls" in html
    assert "The summary." not in html  # dense, as Techmeme: headline, then one line
    card = html[html.index('<li class="story-card">'):html.index("</li>", html.index("story-card"))]
    assert card.count('<p class="meta">') == 1 and card.count("<p") == 1
    assert ('<a href="sources/reuters/">Reuters</a>, <a href="sources/al-jazeera/">Al Jazeera</a>'
            ' · 2 reports · <time datetime="2021-07-08">8 July 2021</time>') in " ".join(card.split())


def test_article_page_links_back_with_relative_urls(tmp_path: Path) -> None:
    a = article("one", subtitle="Standfirst", dateline="Kabul", author="Jane Doe",
                images=(Image("Soldiers patrol", "Parwiz/Reuters"),))
    html = render.site([story("s1", a)], site_config(tmp_path))["articles/one/index.html"].decode()
    assert 'href="../../stories/s1/"' in html
    assert 'href="../../static/style.' in html
    assert "Standfirst" in html and "Kabul" in html and "By Jane Doe" in html
    assert ('<p class="photo-note"><span class="note-label">Photo caption</span> Soldiers patrol '
            '<span class="credit">Credit: Parwiz/Reuters</span></p>') in html
    assert "<figure" not in html  # a caption of a photo the page does not have
    assert '<link rel="canonical" href="https://digest.example/articles/one/">' in html


def test_raw_html_in_content_is_escaped_everywhere(tmp_path: Path) -> None:
    a = article("x", title="<script>alert(1)</script>", body="<b>bold</b> and <script>x()</script>"
                "\n\n[link](javascript:alert(1))")
    pages = render.site([story("s1", a, summary="<img src=x onerror=alert(1)>")],
                        site_config(tmp_path))
    for name in ("index.html", "stories/s1/index.html", "articles/x/index.html"):
        html = pages[name].decode()
        assert "<script>" not in html and "<img src=x" not in html and "<b>" not in html
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["articles/x/index.html"].decode()


def test_markdown_body_is_rendered(tmp_path: Path) -> None:
    a = article("x", body="First *para*.\n\n## A heading\n\nLiteral \\*stars\\*.")
    html = render.site([story("s1", a)], site_config(tmp_path))["articles/x/index.html"].decode()
    assert "<em>para</em>" in html and '<h2 id="a-heading">A heading</h2>' in html
    assert "Literal *stars*." in html


def test_stories_json_shape(tmp_path: Path) -> None:
    s = story("s1", article("one", date=dt.date(2021, 7, 8)),
              article("two", date=dt.date(2021, 7, 9), title="T2"))
    data = json.loads(render.site([s], site_config(tmp_path))["stories.json"])
    assert data == {"stories": [{
        "id": "s1", "headline": "A title", "url": "https://digest.example/stories/s1/",
        "updated": "2021-07-09",
        "reports": [
            {"slug": "one", "title": "A title", "source": "Reuters", "date": "2021-07-08",
             "url": "https://digest.example/articles/one/"},
            {"slug": "two", "title": "T2", "source": "Reuters", "date": "2021-07-09",
             "url": "https://digest.example/articles/two/"}]}]}


def test_stories_json_made_of_entries_is_exactly_the_indented_json(tmp_path: Path) -> None:
    cfg = site_config(tmp_path)
    stories = [story("s1", article("one", title='Quote " and\nline, «ünïcode»')),
               story("s2", article("two"), article("three", date=dt.date(2021, 7, 9)))]
    for shown in ([], stories[:1], stories):
        data = {"stories": [json.loads(render.story_json_entry(s, cfg)) for s in shown]}
        entries = make_all(render.index_entries(shown, cfg))
        assert render.stories_json(shown, entries) == render.json_bytes(data)


def test_css_name_changes_with_its_content(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "static").mkdir(parents=True)
    (theme / "static" / "style.css").write_text("a{}", encoding="utf-8")
    first = set(render.static_files(theme))
    (theme / "static" / "style.css").write_text("b{}", encoding="utf-8")
    assert first != set(render.static_files(theme))


def test_human_date() -> None:
    assert render.human_date(dt.date(2021, 7, 8)) == "8 July 2021"
    assert render.human_date(dt.datetime(2021, 7, 8, 14, 5)) == "8 July 2021, 14:05"


def test_the_human_date_filter_remembers_days_but_shows_each_datetime_in_its_own_zone(
        tmp_path: Path) -> None:
    """Two datetimes of one instant are equal (and hash alike) in different time zones:
    a memo keyed by the value would show the first one's zone for both."""
    env = render.environment(site_config(tmp_path).theme_dir)
    show = env.filters["human_date"]
    utc = dt.datetime(2021, 7, 8, 12, 0, tzinfo=dt.UTC)
    plus_two = utc.astimezone(dt.timezone(dt.timedelta(hours=2), "CEST"))
    assert utc == plus_two and hash(utc) == hash(plus_two)
    assert [show(utc), show(plus_two)] == ["8 July 2021, 12:00 UTC", "8 July 2021, 14:00 CEST"]
    assert [show(dt.date(2021, 7, 8)), show(dt.date(2021, 7, 8)), show(dt.date(2022, 1, 2))] == [
        "8 July 2021", "8 July 2021", "2 January 2022"]
    assert show.keywords["day"].cache_info().hits == 1  # the second 8 July came from the memo


def test_a_build_environment_reads_each_template_once(tmp_path: Path) -> None:
    """A template edited after its first use is not read again by the same environment
    (each build makes its own; checking every template's file before every page cost 2% of
    rendering a report)."""
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "t.html").write_text("one", encoding="utf-8")
    env = render.environment(theme)
    assert env.get_template("t.html").render() == "one"
    (theme / "templates" / "t.html").write_text("two", encoding="utf-8")
    assert env.get_template("t.html").render() == "one"
    assert render.environment(theme).get_template("t.html").render() == "two"


def test_home_is_paginated_twenty_a_page_with_prev_next(tmp_path: Path) -> None:
    stories = [story(f"s{n:02}", article(f"a{n:02}", date=dt.date(2021, 1, 1) + dt.timedelta(n)))
               for n in range(45)]
    pages = render.site(stories, site_config(tmp_path))
    assert {"index.html", "page/2/index.html", "page/3/index.html"} <= set(pages)
    assert "page/4/index.html" not in pages
    first, second = pages["index.html"].decode(), pages["page/2/index.html"].decode()
    assert first.count('class="story-card"') == 20
    assert 'rel="next" href="page/2/"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="../../"' in second and 'rel="next" href="../../page/3/"' in second
    assert pages["page/3/index.html"].decode().count('class="story-card"') == 5


def test_tag_source_and_archive_pages_list_their_stories(tmp_path: Path) -> None:
    a = article("one", tags=("Iran", "Taliban"), date=dt.date(2021, 7, 8))
    b = article("two", source="AP", tags=("Mars",), date=dt.date(2021, 2, 18))
    s1 = replace(story("s1", a, headline="Border story"), tags=a.tags)
    s2 = replace(story("s2", b, headline="Rover story"), tags=b.tags)
    pages = render.site([s1, s2], site_config(tmp_path))
    iran = pages["tags/iran/index.html"].decode()
    assert "Border story" in iran and "Rover story" not in iran
    assert "Rover story" in pages["sources/ap/index.html"].decode()
    assert "Border story" not in pages["sources/ap/index.html"].decode()
    assert "Border story" in pages["archive/2021/07/index.html"].decode()
    assert "Rover story" in pages["archive/2021/02/index.html"].decode()
    tags_index = pages["tags/index.html"].decode()
    assert 'href="../tags/iran/"' in tags_index and 'href="../tags/mars/"' in tags_index


def test_head_metadata_on_article_page(tmp_path: Path) -> None:
    a = article("one", subtitle="Standfirst")
    html = render.site([story("s1", a)], site_config(tmp_path))["articles/one/index.html"].decode()
    assert '<html lang="en">' in html
    assert '<meta name="description" content="Standfirst">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:url" content="https://digest.example/articles/one/">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start:html.index("</script>", start)])
    assert data["@type"] == "NewsArticle" and data["headline"] == "A title"
    assert data["datePublished"] == "2021-07-08T00:00:00+00:00"


def test_story_page_has_itemlist_jsonld_and_timeline(tmp_path: Path) -> None:
    s = story("s1", article("one"), article("two", date=dt.date(2021, 7, 9)))
    html = render.site([s], site_config(tmp_path))["stories/s1/index.html"].decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start:html.index("</script>", start)])
    assert data["@type"] == "ItemList" and data["numberOfItems"] == 2
    assert html.index("articles/one/") < html.index("articles/two/")
    assert "data-pagefind-body" in html


def test_404_uses_site_root_links(tmp_path: Path) -> None:
    html = render.site([], site_config(tmp_path))["404.html"].decode()
    assert 'href="/static/style.' in html and 'href="/search/"' in html


def test_sitemap_lists_every_page_once(tmp_path: Path) -> None:
    s = story("s1", article("one"))
    sitemap = render.site([s], site_config(tmp_path))["sitemap.xml"].decode()
    assert "<loc>https://digest.example/stories/s1/</loc><lastmod>2021-07-08</lastmod>" in sitemap
    assert "<loc>https://digest.example/articles/one/</loc>" in sitemap
    assert "<loc>https://digest.example/</loc>" in sitemap
    assert sitemap.count("<loc>https://digest.example/articles/one/</loc>") == 1
    assert "search/" not in sitemap and "404" not in sitemap


def test_story_json_and_comparison_section_link_to_sentence_anchors(tmp_path: Path) -> None:
    one = article("one", source="Reuters", body="The ministry said 69 fighters were killed. "
                  "The war lasted two years.\n\nOfficials met on Monday.")
    two = article("two", source="AP", date=dt.date(2021, 7, 9),
                  body="The ministry said 69 fighters were killed. The war lasted 20 years.")
    pages = render.site([story("s1", one, two)], site_config(tmp_path))
    data = json.loads(pages["stories/s1/story.json"])
    assert set(data) == {"agreed", "disputed", "unique", "quotes", "provenance"}
    html = pages["stories/s1/index.html"].decode()
    assert "How the reports compare" in html
    for mention in data["agreed"][0]["mentions"]:
        href = f'articles/{mention["slug"]}/#{mention["sentence_id"]}'
        assert href in html
        assert f'id="{mention["sentence_id"]}"' in pages[f'articles/{mention["slug"]}/index.html'].decode()


def test_single_report_story_has_no_comparison_section(tmp_path: Path) -> None:
    pages = render.site([story("s1", article("one"))], site_config(tmp_path))
    assert "How the reports compare" not in pages["stories/s1/index.html"].decode()
    assert json.loads(pages["stories/s1/story.json"])["disputed"] == []


def test_report_labels_tell_reports_of_one_outlet_apart_by_time_or_title() -> None:
    labels = render.report_labels([
        article("a", title="Border crossing falls to the Taliban as fighting spreads west"),
        article("b", title="Officials flee"), article("c", publisher="Al Jazeera"),
        article("d", source="AFP", date=dt.datetime(2021, 7, 8, 9, 5, tzinfo=dt.UTC)),
        article("e", source="AFP")])
    assert labels == {"a": "Reuters, “Border crossing falls to the Taliban as…”",
                      "b": "Reuters, “Officials flee”", "c": "Al Jazeera",
                      "d": "AFP, 8 July 2021, 09:05 UTC", "e": "AFP, 8 July 2021"}


def test_summary_is_the_opening_paragraph_as_plain_text() -> None:
    from generator.cluster import stories

    a = article("x", body="## Heading first\n\nThe *first* \\[real\\] paragraph.\n\nSecond.")
    assert stories.summarize(a) == "The first [real] paragraph."


def test_compiled_templates_are_kept_and_recompiled_when_their_source_changes(
        tmp_path: Path) -> None:
    """Jinja2's bytecode cache, in the build cache: a build compiles the theme's templates
    once; an edited template is compiled again, and another code version's folder goes."""
    import shutil

    from generator.cache import store as cache

    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parents[2] / "themes" / "default", theme)
    cfg = replace(site_config(tmp_path), theme_dir=theme)
    other_version = tmp_path / "content" / cache.CACHE_DIR / "templates-0123456789abcdef"
    other_version.mkdir(parents=True)
    s = story("s1", article("one"))
    first = render.site([s], cfg)["404.html"]
    folder = cache.template_folder(cfg.content_dir)
    assert folder is not None and folder.is_dir() and not other_version.exists()
    compiled = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert len(compiled) >= 3  # 404.html, base.html, _macros.html at least
    assert render.site([s], cfg)["404.html"] == first
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == compiled
    template = theme / "templates" / "404.html"
    template.write_text(template.read_text("utf-8").replace("</h1>", "</h1><p>Moved?</p>"),
                        encoding="utf-8")
    assert b"<p>Moved?</p>" in render.site([s], cfg)["404.html"]


def test_an_unusable_template_cache_only_costs_speed(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A file where the cache folder should be, or a failing write: templates are compiled
    every time and the pages are the same."""
    import tempfile

    from generator.cache import store as cache

    s = story("s1", article("one"))
    expected = render.site([s], site_config(tmp_path / "plain"))["404.html"]
    blocked = site_config(tmp_path / "blocked")
    (tmp_path / "blocked" / "content" / ".digest").mkdir(parents=True)
    (tmp_path / "blocked" / "content" / cache.CACHE_DIR).write_text("not a folder")
    assert cache.template_folder(blocked.content_dir) is None
    assert render.site([s], blocked)["404.html"] == expected

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full_disk)
    unwritable = site_config(tmp_path / "full")
    assert render.site([s], unwritable)["404.html"] == expected
    folder = cache.template_folder(unwritable.content_dir)
    assert folder is not None and not any(folder.iterdir())


def test_story_pages_compare_the_sentences_their_render_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each report is parsed once: the comparison reads the sentences the render of its page
    recorded, and compares exactly as it does from a parse of its own."""
    from generator.compare import align as compare_align
    from generator.compare import comparison as compare

    s = story("s1", article("a", body="The port closed on *Monday*. 40 ships wait offshore."),
              article("b", source="AP", body="The port closed on Monday, officials said.\n\n"
                      "Forty ships wait offshore. Trade [halted](http://x)."))
    expected = render.json_bytes(compare.comparison_json(compare.compare(s)))
    assert b'"agreed": []' not in expected  # something to compare

    def no_parsing(*_args: object) -> None:
        raise AssertionError("a report was parsed again for the comparison")

    monkeypatch.setattr(compare_align, "paragraphs", no_parsing)
    monkeypatch.setattr(compare, "paragraph_parser", no_parsing)  # nor a parser made for it
    assert render.story_renderer(site_config(tmp_path))(s)["stories/s1/story.json"] == expected


def test_each_outlet_and_tag_name_is_slugified_once_per_renderer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import taxonomy

    asked: list[str] = []
    url_key = taxonomy.url_key

    def counted(name: str) -> str:
        asked.append(name)
        return url_key(name)

    monkeypatch.setattr(taxonomy, "url_key", counted)
    env = render.environment(Path(__file__).resolve().parents[2] / "themes" / "default")
    links = env.from_string("{% for n in names %}{{ n | url_key }} {% endfor %}")
    names = ["Al Jazeera", "Ports", "Al Jazeera", "Trade", "Ports", "Al Jazeera"]
    assert links.render(names=names) == "al-jazeera ports al-jazeera trade ports al-jazeera "
    assert links.render(names=names[:2]) == "al-jazeera ports "
    assert asked == ["Al Jazeera", "Ports", "Trade"]


def test_story_page_lists_reports_first_with_outlet_time_and_original(tmp_path: Path) -> None:
    first = article("one", date=dt.date(2021, 7, 8), url="https://www.reuters.com/world/x/")
    later = article("two", source="Al Jazeera", title="Second report",
                    date=dt.datetime(2021, 7, 9, 14, 30, tzinfo=dt.UTC))
    html = render.site([story("s", first, later)], site_config(tmp_path))["stories/s/index.html"]
    page = html.decode()
    reports = page[page.index('id="reports-title"'):page.index("</section>")]
    assert page.index('id="reports-title"') < page.index('id="timeline"')
    assert '<a href="../../sources/reuters/">Reuters</a> · <time datetime="2021-07-08">8 July 2021</time>' in reports
    assert ('<time datetime="2021-07-09T14:30:00+00:00">9 July 2021, 14:30 UTC</time>'
            in reports)
    assert "T00:00" not in page and ", 00:00" not in page  # a date-only report: its day
    assert ('<a class="original" href="https://www.reuters.com/world/x/" rel="external noopener">'
            "Original at Reuters") in reports
    assert reports.count('class="original"') == 1  # the second has no known original
    assert "2 reports from 2 outlets, a new outlet" in page


def test_article_page_links_to_its_original(tmp_path: Path) -> None:
    a = article("one", url="https://apnews.com/article/x?id=1&b=2")
    html = render.site([story("s", a)], site_config(tmp_path))["articles/one/index.html"].decode()
    assert ('<p class="original"><a href="https://apnews.com/article/x?id=1&amp;b=2" '
            'rel="external noopener">Read at Reuters</a></p>') in html


def test_article_json_ld_names_the_original_and_its_outlet(tmp_path: Path) -> None:
    from generator.render import seo

    a = article("one", url="https://x.example/a", outlet_url="https://x.example/")
    data = seo.article_jsonld(a, story("s", a), site_config(tmp_path))
    assert data["isBasedOn"] == "https://x.example/a"
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "Reuters",
                                          "url": "https://x.example/"}
    assert "isBasedOn" not in seo.article_jsonld(article("two"), story("s", a),
                                                 site_config(tmp_path))


def test_stories_json_keeps_url_and_adds_original_url(tmp_path: Path) -> None:
    pages = render.site([story("s", article("one", url="https://x.example/a"), article("two"))],
                        site_config(tmp_path))
    reports = json.loads(pages["stories.json"])["stories"][0]["reports"]
    assert reports[0]["url"] == "https://digest.example/articles/one/"
    assert reports[0]["original_url"] == "https://x.example/a"
    assert "original_url" not in reports[1]


def test_coverage_counts_outlets_countries_and_labels(tmp_path: Path) -> None:
    labels = (("lean", "center"), ("owner", "cooperative"))
    s = story("s", article("a", source="Associated Press", outlet_country="US",
                           outlet_labels=labels),
              article("b", source="Associated Press", outlet_country="US", outlet_labels=labels),
              article("c", source="Al Jazeera", outlet_country="QA",
                      outlet_labels=(("lean", "left"),)))
    page = render.site([s], site_config(tmp_path))["stories/s/index.html"].decode()
    assert ("Coverage: 2 outlets · from QA (1), US (1) · lean: center (1), left (1) · owner: "
            "cooperative (1)") in page


def test_reports_of_unknown_source_are_counted_apart_not_as_one_outlet(tmp_path: Path) -> None:
    """A report the cleaner found no outlet for has ``source: Unknown``: two such reports
    are not one outlet's, and a story of them alone has no outlet to count."""
    mixed = story("mixed", article("a", source="Reuters"), article("b", source="Unknown"),
                  article("c", source="unknown"))
    alone = story("alone", article("d", source="Unknown"), article("e", source="Unknown"))
    pages = render.site([mixed, alone], site_config(tmp_path))
    assert "Coverage: 1 outlet · 2 reports of unknown source" in pages[
        "stories/mixed/index.html"].decode()
    page = pages["stories/alone/index.html"].decode()
    assert "Coverage: 2 reports of unknown source" in page and "outlet" not in page.split(
        "Coverage:")[1].split("</p>")[0]
    grown = " ".join(pages["stories/mixed/index.html"].decode().split())
    assert "2 reports from 1 outlet" in grown and "3 reports from 1 outlet" in grown
    assert "a new outlet" not in grown  # a report of unknown source is of no new outlet
    assert "2 reports</span>" in " ".join(page.split()) and "from 1 outlet" not in page
    head = " ".join(page.split("<h1>")[1].split("</p>")[0].split())
    assert "2 reports of unknown source ·" in head and "from Unknown" not in head
    mixed_head = pages["stories/mixed/index.html"].decode().split("<h1>")[1].split("</p>")[0]
    assert "3 reports from Reuters, 2 of unknown source ·" in " ".join(mixed_head.split())


def test_merged_outlet_names_get_a_page_that_leads_to_the_outlet(tmp_path: Path) -> None:
    s = story("s", article("a", source="Associated Press", credited="AP News"),
              article("b", source="Associated Press", credited="The Associated Press",
                      outlet_url="https://apnews.com/"))
    pages = render.site([s], site_config(tmp_path))
    assert sorted(p for p in pages if p.startswith("sources/")) == [
        "sources/ap-news/index.html", "sources/associated-press/index.html", "sources/index.html",
        "sources/the-associated-press/index.html"]
    moved = pages["sources/ap-news/index.html"].decode()
    assert '<meta http-equiv="refresh" content="0; url=../associated-press/">' in moved
    assert '<link rel="canonical" href="https://digest.example/sources/associated-press/">' in moved
    outlet = pages["sources/associated-press/index.html"].decode()
    assert "also credited as AP News, The Associated Press" in outlet
    assert '<a href="https://apnews.com/" rel="external noopener">https://apnews.com/</a>' in outlet
    assert "ap-news" not in pages["sitemap.xml"].decode()


def test_a_toll_that_rose_reads_oldest_to_newest_as_figures_that_differ(tmp_path: Path) -> None:
    first = article("first", source="AP", date=dt.date(2021, 7, 8),
                    body="Floods killed 58 people in the valley on Sunday, officials said.")
    later = article("later", source="Reuters", date=dt.date(2021, 7, 9),
                    body="Floods killed 59 people in the valley on Sunday, officials said.")
    pages = render.site([story("s1", first, later)], site_config(tmp_path))
    assert json.loads(pages["stories/s1/story.json"])["disputed"][0]["relation"] == "figures_differ"
    html = " ".join(pages["stories/s1/index.html"].decode().split())
    assert "(figures differ)" in html
    assert html.index("“58”") < html.index(" → ") < html.index("“59”")
    assert ">AP, 8 July 2021</a>) → “59” (<a " in html  # each with its report's date
    assert ">Reuters, 9 July 2021</a>)" in html
    # and each side's sentence, its value marked, one click away
    assert ("<summary>What each report says</summary> <ul><li>AP: <a href=\"../../articles/"
            "first/#s0-0\">Floods killed <mark>58</mark> people in the valley on Sunday, "
            "officials said.</a></li><li>Reuters: ") in html


def test_bounds_two_reports_gave_the_same_day_are_no_toll_that_rose(tmp_path: Path) -> None:
    """'More than 180' and 'at least 150' of one day differ, but neither came after the
    other: no arrow between them."""
    one = article("one", source="NPR", date=dt.date(2021, 7, 6),
                  body="More than 180 people were killed in shootings over the holiday "
                       "weekend, according to the archive.")
    two = article("two", source="Fox", date=dt.date(2021, 7, 6),
                  body="At least 150 people were killed in shootings over the holiday "
                       "weekend, according to the archive.")
    pages = render.site([story("s1", one, two)], site_config(tmp_path))
    assert json.loads(pages["stories/s1/story.json"])["disputed"][0]["relation"] == "figures_differ"
    html = " ".join(pages["stories/s1/index.html"].decode().split())
    assert "(figures differ)" in html and " → " not in html
    assert ">NPR, 6 July 2021</a>) / “At least 150” (<a " in html


def test_the_story_page_names_each_copy_once_with_the_wording_in_common(tmp_path: Path) -> None:
    """Three copies of one text: two lines, each with the share of wording in common, not
    the whole-text similarity, and not the three pairs they make."""
    text = ("Floods swept through the valley on Sunday after the dam burst. Rescuers pulled 40 "
            "people from the water near the old mill. The river rose five metres in an hour. "
            "Officials opened three shelters in the school and the town hall. Roads to the "
            "north stayed closed on Monday.")
    s = story("s", *(article(slug, body=text, source=source, date=dt.date(2021, 7, day))
                     for slug, source, day in (("a", "AP", 8), ("b", "Reuters", 9),
                                               ("c", "AFP", 10))))
    page = " ".join(render.site([s], site_config(tmp_path))["stories/s/index.html"].decode()
                    .split())
    assert page.count(" is a copy of ") == 2
    assert "100% of the shorter's wording in common" in page and "text similarity" not in page


def test_a_detail_only_one_report_gives_is_shown_in_its_sentence(tmp_path: Path) -> None:
    """"12 soldiers" alone tells a reader nothing: the page shows the sentence, escaped,
    with the detail marked."""
    told = ("The fighting lasted into the night and residents fled the town.")
    one = article("one", source="Reuters", body="Rebels attacked the army post near the river "
                  f"crossing on Sunday, the ministry said. {told}")
    two = article("two", source="AP", date=dt.date(2021, 7, 9), body="Rebels attacked the "
                  "army post near the river crossing on Sunday, wounding 12 soldiers & two "
                  f"<guards>, the ministry said. {told}")
    pages = render.site([story("s1", one, two)], site_config(tmp_path))
    item = json.loads(pages["stories/s1/story.json"])["unique"]["two"][0]
    assert (item["kind"], item["details"]) == ("detail", ["12 soldiers"])  # what is shown
    html = pages["stories/s1/index.html"].decode()
    assert ("near the river crossing on Sunday, wounding <mark>12 soldiers</mark> &amp; two "
            "&lt;guards&gt;, the ministry said.</a>") in html


def test_the_story_page_shows_a_dozen_quotes_those_several_reports_carry_first(
        tmp_path: Path) -> None:
    """A full-text story holds dozens of quotations: the ones both reports carry lead, the
    page shows twelve and folds the rest."""
    own = " ".join(f'"We counted {w} boats in the harbour today," Officer Lee Tam said.'
                   for w in ("two", "three", "four", "five", "six", "seven", "eight", "nine",
                             "ten", "eleven", "twelve", "thirteen", "fourteen"))
    shared = '"The bridge will reopen on Monday morning," Mayor Ana Ruiz said.'
    one = article("one", source="Reuters", body=f"{own}\n\n{shared}")
    two = article("two", source="AP", date=dt.date(2021, 7, 9), body=shared)
    html = " ".join(render.site([story("s1", one, two)], site_config(tmp_path))[
        "stories/s1/index.html"].decode().split())
    quotes = html[html.index("<h3>Quotes</h3>"):]
    assert quotes.index("The bridge will reopen") < quotes.index("We counted two boats")
    folded = quotes[quotes.index("<summary>2 more quotes</summary>"):]
    assert "We counted thirteen boats" in folded and "We counted twelve boats" not in folded
