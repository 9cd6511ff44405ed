"""Fuzz: random text and random front matter fed to ingest and to the article loader raise
nothing but our own error types (DigestError and its subclasses)."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import content, files, inbox, ingest
from generator.errors import DigestError

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
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


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
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
