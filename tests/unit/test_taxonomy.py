"""taxonomy.py: outlets, tags, months and pagination."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from generator import taxonomy
from tests.helpers import article, story


def test_paginate_pages_and_paths() -> None:
    pages = taxonomy.paginate(list(range(45)), "tags/iran/", per_page=20)
    assert [len(p.items) for p in pages] == [20, 20, 5]
    assert [p.path for p in pages] == ["tags/iran/", "tags/iran/page/2/", "tags/iran/page/3/"]
    assert pages[0].total == 3
    assert taxonomy.paginate([], "")[0].items == ()


def test_sources_merge_spellings_with_one_url_and_keep_story_order() -> None:
    s1 = story("s1", article("a", source="Al Jazeera"))
    s2 = story("s2", article("b", source="Reuters"), article("c", source="Al Jazeera"))
    terms = {t.key: t for t in taxonomy.sources([s2, s1])}
    assert set(terms) == {"al-jazeera", "reuters"}
    assert [s.id for s in terms["al-jazeera"].stories] == ["s2", "s1"]
    assert terms["al-jazeera"].path == "sources/al-jazeera/"


def test_tags_case_variants_share_a_page_once() -> None:
    s1 = replace(story("s1", article("a")), tags=("Iran", "iran"))
    terms = taxonomy.tags([s1])
    assert [(t.key, t.name, len(t.stories)) for t in terms] == [("iran", "Iran", 1)]


def test_months_newest_first_by_first_report() -> None:
    old = story("old", article("a", date=dt.date(2021, 2, 18)))
    new = story("new", article("b", date=dt.date(2021, 7, 8)), article("c", date=dt.date(2021, 8, 1)))
    terms = taxonomy.months([new, old])
    assert [(t.key, t.name) for t in terms] == [("2021/07", "July 2021"), ("2021/02", "February 2021")]
