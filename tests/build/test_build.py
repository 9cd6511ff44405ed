"""The build's own decisions, apart from the stages it calls: what is published, when the
clusterer is not needed, the story a merge names among held-back articles, and (``intake``)
the slug and date a new article gets."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from generator import build, intake
from generator.ingest.inbox import Pending
from generator.model import Report, StoryNotes
from tests.helpers import article

NOW = dt.datetime(2021, 7, 10, 12, tzinfo=dt.UTC)


def pending(raw: str, title: str = "Harbour strike ends", date: dt.date | None = None
            ) -> Pending:
    return Pending(raw=raw, path=Path("content") / raw,
                   report=Report(title=title, body="Dock workers went back on Monday.",
                                 source="AP", date=date), raw_sha256="0" * 64)


def test_drafts_and_articles_dated_later_are_not_published() -> None:
    assert build.is_published(article("a", date=dt.date(2021, 7, 10)), NOW)
    assert not build.is_published(article("b", date=dt.date(2021, 7, 11)), NOW)
    assert not build.is_published(article("c", draft=True), NOW)


def test_articles_that_all_have_a_story_need_no_clusterer() -> None:
    sys.modules.pop("generator.cluster.pipeline", None)
    placed = intake.place_in_stories([article("a", story="s1"), article("b", story="s2")], [])
    assert placed == {"a": "s1", "b": "s2"}
    assert "generator.cluster.pipeline" not in sys.modules  # scipy not imported either


def test_a_new_report_is_placed_by_the_clusterer() -> None:
    placed = intake.place_in_stories([article("a", story="s1")], [pending("inbox/x.txt")])
    assert placed["a"] == "s1" and placed["inbox/x.txt"]


def test_a_merge_naming_a_story_of_held_back_articles_only_is_no_error() -> None:
    shown, held = article("a", story="s1"), article("b", story="s2", draft=True)
    note = StoryNotes("s1", Path("content/stories/s1.md"), merge=("s2",))
    stories, problems = build.group_published([shown, held], [shown], {"s1": note})
    assert problems == [] and [s.id for s in stories] == ["s1"]
    unknown = StoryNotes("s1", Path("content/stories/s1.md"), merge=("s9",), merge_line=3)
    _, problems = build.group_published([shown, held], [shown], {"s1": unknown})
    assert [str(p.pos) for p in problems] == ["content/stories/s1.md:3"]


def test_a_new_article_takes_no_slug_in_use_and_its_storys_earliest_date(
        tmp_path: Path) -> None:
    old = article("harbour-strike-ends", story="s1", date=dt.date(2021, 7, 8))
    later = article("b", story="s1", date=dt.date(2021, 7, 9))
    problems: list[build.Problem] = []
    new = intake.new_articles(tmp_path, [pending("inbox/x.txt")], [old, later],
                             {"inbox/x.txt": "s1", old.slug: "s1", later.slug: "s1"}, problems)
    assert [n.article.slug for n in new] == ["harbour-strike-ends-2"]
    assert new[0].article.day == dt.date(2021, 7, 8) and new[0].article.story == "s1"
    assert new[0].article.path == tmp_path / "articles" / "harbour-strike-ends-2.md"
    assert [(str(p.pos), p.severity) for p in problems] == [("content/inbox/x.txt", "note")]
    assert "took 2021-07-08, the earliest date of the other reports" in problems[0].message


def test_a_new_article_keeps_its_own_date(tmp_path: Path) -> None:
    problems: list[build.Problem] = []
    new = intake.new_articles(tmp_path, [pending("inbox/x.txt", date=dt.date(2021, 7, 1))], [],
                             {"inbox/x.txt": "s1"}, problems)
    assert new[0].article.day == dt.date(2021, 7, 1) and problems == []


def test_a_new_article_with_no_date_anywhere_takes_today_with_a_note(tmp_path: Path) -> None:
    problems: list[build.Problem] = []
    new = intake.new_articles(tmp_path, [pending("inbox/x.txt")], [], {"inbox/x.txt": "s1"},
                             problems)
    assert new[0].article.day == build.clock.today()
    assert [(str(p.pos), p.severity) for p in problems] == [("content/inbox/x.txt", "note")]
    assert "set 'date:'" in problems[0].message


def test_an_undated_inbox_file_gets_one_note_on_its_date_not_two(tmp_path: Path) -> None:
    """The cleaner's "no date found" is left to ``new_articles``, which says what date the
    report took instead (its story's, or today's)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "x.txt").write_text("Harbour strike ends\n\nDock workers went back to work, the "
                                 "union said.\n", encoding="utf-8")
    pending, problems, _ = intake.clean_pending(tmp_path, [], {}, build.Progress())
    assert [p.report.date for p in pending] == [None]
    assert not [p for p in problems if "no date" in p.message], problems


def test_the_build_reads_the_date_it_gave_an_undated_article_as_none(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A new report is placed against the articles already there; one whose date is still
    the one the build gave it for want of its own is undated to the clusterer."""
    from generator.cluster import pipeline as cluster

    seen: list[object] = []
    monkeypatch.setattr(cluster, "assign",
                        lambda docs: seen.extend(docs) or {d.key: "s" for d in docs})
    given = article("given", date=dt.date(2021, 7, 8), date_inferred=True, story=None)
    redated = article("redated", date=dt.date(2021, 7, 1), date_inferred=True, story=None)
    own = article("own", date=dt.date(2021, 7, 8), story=None)
    intake.place_in_stories([given, redated, own], [pending("inbox/x.txt")],
                           {"given": "2021-07-08", "redated": "2021-07-08"})
    assert {d.key: d.date for d in seen} == {  # type: ignore[attr-defined]
        "given": None, "redated": dt.date(2021, 7, 1), "own": dt.date(2021, 7, 8),
        "inbox/x.txt": None}
