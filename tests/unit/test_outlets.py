"""outlets.py: one outlet however its reports credit it; sources.yaml read with file:line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import content, outlets
from generator.cache import memo
from generator.cache import store as cache
from generator.cluster import stories
from generator.model import Outlet

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "outlets"
BAD = sorted(p.stem for p in (FIXTURES / "bad").glob("*.yaml"))
SOURCES = """\
Associated Press:
  aliases: [AP, AP News, The Associated Press]
  url: https://apnews.com/
  country: US
  labels: {lean: center, owner: cooperative}   # free-form
Al Jazeera:
  country: QA
"""


def article_file(folder: Path, slug: str, source: str, publisher: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    extra = f"publisher: {publisher}\n" if publisher else ""
    path.write_text(f"---\ntitle: {slug}\nsource: {source}\n{extra}date: 2021-07-08\n"
                    f"story: s\n---\n\nText.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", BAD)
def test_bad_sources_file_reports_exact_path_line_and_fix(name: str, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "bad" / f"{name}.yaml", tmp_path / "sources.yaml")
    expected = (FIXTURES / "bad" / f"{name}.expected").read_text(encoding="utf-8").strip()
    _, problems = outlets.load(tmp_path)
    assert [str(p) for p in problems] == [f"{tmp_path}/{expected.replace(name + '.yaml', 'sources.yaml')}"]


def test_sources_file_gives_every_field_as_written(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    known, problems = outlets.load(tmp_path)
    assert problems == []
    assert known.listed == (
        Outlet("Associated Press", ("AP", "AP News", "The Associated Press"),
               "https://apnews.com/", "US", (("lean", "center"), ("owner", "cooperative"))),
        Outlet("Al Jazeera", country="QA"))
    for name in ("AP", "ap news", "The  Associated Press", "AP-News"):
        assert known.find(name) is known.listed[0], name


def test_built_in_agencies_need_no_sources_file(tmp_path: Path) -> None:
    known, problems = outlets.load(tmp_path)
    assert problems == [] and known.path is None
    found = {name: known.find(name) for name in ("AP News", "The Associated Press", "AP",
                                                   "Agence France-Presse", "Thomson Reuters")}
    assert {name: o.name if o else None for name, o in found.items()} == {
        "AP News": "Associated Press", "The Associated Press": "Associated Press",
        "AP": "Associated Press", "Agence France-Presse": "AFP",
        "Thomson Reuters": "Reuters"}
    assert known.find("Al Jazeera") is None


def test_an_editors_entry_replaces_every_name_of_its_agency(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("AP:\n  country: US\n", encoding="utf-8")
    known, _ = outlets.load(tmp_path)
    assert known.find("The Associated Press") == Outlet("AP", country="US")


def test_loading_credits_each_article_by_its_outlet_and_notes_unlisted_ones(
        tmp_path: Path) -> None:
    """AP News from a title suffix and The Associated Press from a byline are one outlet."""
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    folder = tmp_path / "articles"
    article_file(folder, "a", "AP News")
    article_file(folder, "b", "The Associated Press", publisher="Al Jazeera")
    article_file(folder, "c", "Associated Press")
    article_file(folder, "d", "Al Jazeerah")
    articles, problems = content.load_articles(folder)
    article_file(folder, "e", "Al Jazeerah")
    articles, problems = content.load_articles(folder)
    by_slug = {a.slug: a for a in articles}
    assert [(a.source, a.credited) for a in articles] == [
        ("Associated Press", "AP News"), ("Associated Press", "The Associated Press"),
        ("Associated Press", None), ("Al Jazeerah", None), ("Al Jazeerah", None)]
    assert by_slug["b"].outlet == Outlet("Associated Press", (), "https://apnews.com/", "US",
                                         (("lean", "center"), ("owner", "cooperative")))
    assert by_slug["b"].publisher == "Al Jazeera" and by_slug["d"].outlet is None
    assert [str(p) for p in problems] == [
        f"{folder}/d.md:3: note: outlet 'Al Jazeerah' is not in sources.yaml (did you mean "
        '"Al Jazeera"?); add it there, or as an alias of its outlet (1 more articles credit it)']


def test_a_parse_remembered_with_another_sources_file_is_not_reused(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    article_file(folder, "a", "Agence Presse")
    with cache.Cache(tmp_path / "c.sqlite3") as store:
        assert [a.source for a in memo.load_articles(folder, memo.ArticleMemo(store))[0]
                ] == ["Agence Presse"]
        (tmp_path / "sources.yaml").write_text("AFP:\n  aliases: [Agence Presse]\n", "utf-8")
        assert [a.source for a in memo.load_articles(folder, memo.ArticleMemo(store))[0]
                ] == ["AFP"]


def test_no_sources_file_no_notes_and_agencies_still_merge(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    article_file(folder, "a", "AP News")
    article_file(folder, "b", "Some Paper")
    articles, problems = content.load_articles(folder)
    assert problems == []
    assert [a.source for a in articles] == ["Associated Press", "Some Paper"]


def test_resolving_twice_changes_nothing_and_keeps_the_objects(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    folder = tmp_path / "articles"
    article_file(folder, "a", "AP")
    article_file(folder, "b", "Reuters")
    articles, _ = content.load_articles(folder)
    again = outlets.resolve(articles, outlets.of_articles(articles))
    assert all(x is y for x, y in zip(articles, again, strict=True))


def test_stories_group_reports_ingested_in_the_same_build_by_outlet(tmp_path: Path) -> None:
    """A report ingested by this build is parsed, not loaded: grouping resolves it too."""
    path = article_file(tmp_path / "articles", "a", "AP News")
    fresh, _ = content.parse_article(path.read_text(encoding="utf-8"), path)
    assert fresh.source == "AP News"
    grouped, _ = stories.group([fresh], {}, lambda groups: [("a", "x") for _ in groups])
    assert grouped[0].sources == ("Associated Press",)
    assert grouped[0].articles[0].credited == "AP News"
