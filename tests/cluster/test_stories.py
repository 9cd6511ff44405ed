"""Assignments and editor notes -> Story objects: merges follow their chain, notes set the
headline and summary, reports run oldest first, stories newest-updated first, and a summary is
cut at a sentence's end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.cluster import stories
from generator.model import StoryNotes
from tests.helpers import article


def fixed_choice(groups: object) -> list[tuple[str, str]]:
    return [(group[0].slug, "Lead summary.") for group in groups]  # type: ignore[attr-defined]


def test_merges_follow_their_chain_into_one_story() -> None:
    reports = [article("a", story="s1"), article("b", story="s2"), article("c", story="s3")]
    notes = {"s1": StoryNotes("s1", Path("s1.md"), merge=("s2",)),
             "s2": StoryNotes("s2", Path("s2.md"), merge=("s3",))}
    made, problems = stories.group(reports, notes, fixed_choice)
    assert problems == [] and [(s.id, [a.slug for a in s.articles]) for s in made] == [
        ("s1", ["a", "b", "c"])]


def test_a_note_sets_headline_and_summary_else_the_lead_gives_them() -> None:
    reports = [article("a", story="s1", title="Lead title"), article("b", story="s2")]
    notes = {"s1": StoryNotes("s1", Path("s1.md"), headline="Editor's headline",
                              summary="Editor's summary.")}
    made = {s.id: s for s in stories.group(reports, notes, fixed_choice)[0]}
    assert (made["s1"].headline, made["s1"].summary) == ("Editor's headline", "Editor's summary.")
    assert (made["s2"].headline, made["s2"].summary) == ("A title", "Lead summary.")


def test_reports_run_oldest_first_and_stories_newest_updated_first() -> None:
    reports = [article("late", story="old", date=dt.date(2021, 7, 3)),
               article("early", story="old", date=dt.date(2021, 7, 1)),
               article("new", story="new", date=dt.date(2021, 7, 9))]
    made, _ = stories.group(reports, {}, fixed_choice)
    assert [s.id for s in made] == ["new", "old"]
    assert [a.slug for a in made[1].articles] == ["early", "late"]


def test_an_unknown_merge_is_an_error_at_its_line() -> None:
    notes = {"s1": StoryNotes("s1", Path("content/stories/s1.md"), merge=("nope",),
                              merge_line=4)}
    _, problems = stories.group([article("a", story="s1")], notes, fixed_choice)
    assert [str(p.pos) for p in problems] == ["content/stories/s1.md:4"]
    assert "output/stories.json" in problems[0].message


def test_a_summary_is_cut_at_a_sentence_end_else_at_a_word() -> None:
    text = "The first sentence of this summary is long enough. " + "word " * 60
    assert stories.shorten(text, 80) == "The first sentence of this summary is long enough."
    assert stories.shorten("Tiny. " + "word " * 60, 80).endswith("word…")  # too soon to cut
    assert stories.shorten("word " * 40, 50).endswith("word…")
    assert stories.shorten("Short.", 50) == "Short."
