"""Fuzz: random text and random front matter fed to ingest, to the article loader, to
site.yaml and on through rendering and the feeds raise nothing but our own error types
(DigestError and its subclasses), and every feed made is well-formed XML.

The examples are random in a developer's run, the same every run in CI (the "ci" profile of
tests/conftest.py: a fixed seed), and 5,000 a test with ``make fuzz``."""

from __future__ import annotations

import contextlib
import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import content, ingest
from generator.errors import DigestError
from generator.ingest import inbox
from generator.util import files

FUZZ = settings(max_examples=max(200, settings.default.max_examples), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
THROUGH = settings(FUZZ, max_examples=max(40, settings.default.max_examples // 10))
KEYS = st.sampled_from([*content.ARTICLE_KEYS, "subtitel", "x", "1"]) | st.text(max_size=8)
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
           | st.text(max_size=30) | st.dates() | st.datetimes(timezones=st.just(dt.UTC)))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
LINES = st.lists(st.sampled_from(["---", "title: A", "date: 2021-02-30", "tags: [a", "  - x",
                                  ": :", "source: 'B", "'", "\t", "", "draft: yes"])
                 | st.text(max_size=40), max_size=8)


def ours_only(call: Any, *args: Any) -> None:
    """Run ``call``; our own errors are fine, anything else fails the test."""
    with contextlib.suppress(DigestError):
        call(*args)


@FUZZ
@given(meta=st.dictionaries(KEYS, VALUES, max_size=6), body=st.text(max_size=200))
def test_random_front_matter_loads_or_raises_content_error(meta: dict[str, Any],
                                                           body: str) -> None:
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    ours_only(content.parse_article, text, Path("fuzz.md"))


@FUZZ
@given(lines=LINES, body=st.text(max_size=200))
def test_random_front_matter_text_loads_or_raises_content_error(lines: list[str],
                                                                body: str) -> None:
    ours_only(content.parse_article, "---\n" + "\n".join(lines) + "\n---\n" + body,
              Path("fuzz.md"))


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_decode_or_raise_content_error(data: bytes) -> None:
    ours_only(files.decode, data, Path("fuzz.md"))


@FUZZ
@given(text=st.text(max_size=400))
def test_random_text_is_cleaned_or_raises_content_error(text: str) -> None:
    ours_only(ingest.clean_text, text)
    ours_only(ingest.clean_html, text)


@settings(FUZZ, max_examples=max(60, settings.default.max_examples // 4))
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
       suffix=st.sampled_from([".txt", ".html", ".md", ".html.gz"]))
def test_random_inbox_files_are_screened_and_cleaned_or_raise_content_error(
        tmp_path_factory: Any, data: bytes, suffix: str) -> None:
    content_dir = tmp_path_factory.mktemp("fuzz")
    (content_dir / "inbox").mkdir()
    path = content_dir / "inbox" / f"r{suffix}"
    path.write_bytes(data)
    if inbox.screen(path, content_dir) is None:
        ours_only(ingest.clean_path, path)


# text as scrapers leave it: junk lines, control characters, markup, odd spaces and quotes
RAW = st.lists(st.sampled_from(["[ad_1]", "Source link", "2/5", "By JANE DOE", "KABUL (Reuters) -",
                                "\x1b[0m", "\x00", "\x0c", "\u2028", "\ufeff", "<img onerror=x>",
                                "*a* [b](c) `d` # e", "Photo: AP", "© Reuters", "&amp; &#0;",
                                "The minister said 12 people died on Tuesday."])
               | st.text(max_size=60), min_size=1, max_size=12).map("\n".join)


# what site.yaml and the story notes let through (both refuse control characters)
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60)


def published(report_text: str, slug: str, day: dt.date, source: str) -> content.Article | None:
    """A cleaned report as the build writes it and loads it back (None: cleaning refused it)."""
    try:
        report = ingest.clean_text(report_text)
    except DigestError:
        return None
    text = inbox.render_article(inbox.article_meta(report, day, False, "s", "inbox/x.txt"),
                                report.body)
    return content.parse_article(text, Path(f"{slug}.md"))[0]


@THROUGH
@given(first=RAW, second=RAW, summary=PRINTABLE, title=PRINTABLE)
def test_random_reports_clean_render_and_make_well_formed_feeds(
        tmp_path_factory: Any, first: str, second: str, summary: str, title: str) -> None:
    from generator.render import feeds
    from generator.render import pages as render
    from tests.helpers import site_config, story

    try:
        reports = [published(first, "a", dt.date(2021, 7, 8), "Reuters"),
                   published(second, "b", dt.date(2021, 7, 9), "AP")]
    except DigestError:
        return
    articles = [a for a in reports if a is not None]
    if not articles:
        return
    cfg = replace(site_config(tmp_path_factory.mktemp("fuzz")), title=title or "T",
                  description=summary)
    one = story("s", *articles, summary=summary)
    with contextlib.suppress(DigestError):
        pages = render.site([one], cfg)
        made = feeds.all_feeds([one], cfg)
        for path, data in made.items():
            if path.endswith(".xml"):
                ET.fromstring(data)  # raises on a control character or broken markup
        assert pages


@FUZZ
@given(text=st.text(max_size=300) | LINES.map("\n".join)
       | st.dictionaries(st.sampled_from(["title", "description", "base_url", "language",
                                          "author", "x"]), VALUES, max_size=5)
       .map(lambda d: yaml.safe_dump(d, allow_unicode=True)))
def test_random_site_yaml_loads_or_raises_our_error(tmp_path_factory: Any, text: str) -> None:
    from generator import config

    content_dir = tmp_path_factory.mktemp("site")
    (content_dir / "site.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    theme = Path(__file__).resolve().parents[2] / "themes" / "default"
    ours_only(config.load, content_dir, content_dir / "output", theme)


# news-shaped text: phrases the comparison's patterns look for (names joined by "and",
# speech verbs, quotations, figures, dates), their words parted by one kind of space, as a
# page gives them (a no-break space, a thin one, a tab, a line break), in any order
PHRASES = st.sampled_from([
    "Facebook and Twitter", "Now Bill and Melinda Gates", "the police said", "told CNN",
    "at least 12 people were killed", "deaths rose to 58", "on Tuesday", "July 8, 2021",
    "more than $1.2 trillion", "a 7.4 magnitude quake", "“We will appeal,” they said",
    "\"It is over,\" Mr. Smith told reporters", "according to Reuters", "5:30 p.m.",
    "38 percent", "(AP)", "—", ",", ".", "U.S. officials", "who said", "Dr. Lee, 45,"])
SPACES = st.sampled_from([" ", " ", " ", "\xa0", "\u2009", "\u202f", "\t", "\n", "\n\n", ""])
NEWS = st.lists(st.tuples(PHRASES, SPACES, SPACES), min_size=1, max_size=30).map(
    lambda parts: "".join(phrase.replace(" ", inner) + between
                          for phrase, inner, between in parts))


@FUZZ
@given(first=NEWS, second=NEWS, third=NEWS)
def test_news_shaped_reports_are_compared_without_failing(first: str, second: str,
                                                          third: str) -> None:
    """The comparison never fails on a story, whatever its reports say (a failure of one
    story fails the whole build)."""
    from generator.compare.comparison import compare, comparison_json
    from tests.helpers import article, story

    told = story("s", article("a", body=first), article("b", body=second, source="AP"),
                 article("c", body=third, source="Unknown"))
    comparison_json(compare(told))
