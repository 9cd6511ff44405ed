"""render.py: pages and stories.json from stories; escaping; relative links."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator import render
from generator.model import Image
from tests.helpers import article, site_config, story


def test_pages_for_index_story_and_every_article(tmp_path: Path) -> None:
    s = story("2021-07-08-a", article("one"), article("two", source="Al Jazeera"))
    pages = render.site([s], site_config(tmp_path))
    assert {"index.html", "404.html", "stories.json", "stories/2021-07-08-a/index.html",
            "articles/one/index.html", "articles/two/index.html"} <= set(pages)
    assert any(p.startswith("static/style.") and p.endswith(".css") for p in pages)


def test_index_lists_story_with_count_sources_and_links(tmp_path: Path) -> None:
    s = story("2021-07-08-a", article("one"), article("two", source="Al Jazeera"),
              headline="Border crossing falls", summary="The summary.")
    html = render.site([s], site_config(tmp_path))["index.html"].decode()
    assert 'href="stories/2021-07-08-a/"' in html
    assert "Border crossing falls" in html and "The summary." in html
    assert "2 reports: Reuters, Al Jazeera" in html
    assert '<time datetime="2021-07-08">8 July 2021</time>' in html


def test_article_page_links_back_with_relative_urls(tmp_path: Path) -> None:
    a = article("one", subtitle="Standfirst", dateline="Kabul", author="Jane Doe",
                images=(Image("Soldiers patrol", "Parwiz/Reuters"),))
    html = render.site([story("s1", a)], site_config(tmp_path))["articles/one/index.html"].decode()
    assert 'href="../../stories/s1/"' in html
    assert 'href="../../static/style.' in html
    assert "Standfirst" in html and "Kabul" in html and "By Jane Doe" in html
    assert "Soldiers patrol" in html and "Photo: Parwiz/Reuters" in html
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
    assert "<em>para</em>" in html and "<h2>A heading</h2>" in html
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
