"""slugs.py: a slug cut short ends at a word that can end a phrase, never emptied."""

from __future__ import annotations

import datetime as dt

from generator import slugs
from generator.cluster import story_id

DAY = dt.date(2021, 7, 8)


def test_phrase_end_drops_only_trailing_stop_words() -> None:
    assert slugs.phrase_end("rover-lands-in-jezero-crater-to") == "rover-lands-in-jezero-crater"
    assert slugs.phrase_end("dock-workers-walk-out-at-the") == "dock-workers-walk-out"
    assert slugs.phrase_end("of-the") == "of-the"  # nothing but stop words: kept whole
    assert slugs.phrase_end("strike-called-off") == "strike-called-off"  # a particle ends it


def test_a_story_id_cut_at_six_words_ends_at_a_word_that_ends_a_phrase() -> None:
    assert story_id(DAY, "Rover lands in Jezero crater to search for signs of life",
                    set()) == "2021-07-08-rover-lands-in-jezero-crater"
    assert story_id(DAY, "Dock workers walk out at the port over pay",
                    set()) == "2021-07-08-dock-workers-walk-out"
    assert story_id(DAY, "White House plans to act by Friday on student debt",
                    set()) == "2021-07-08-white-house-plans-to-act"
    assert story_id(DAY, "To be or to be with the rover",
                    set()) == "2021-07-08-to-be-or-to-be-with"  # never emptied
    # as before: the seed story's id, and a headline of six words (not cut) ending on "for"
    assert story_id(DAY, "Taliban captures key Afghan border crossing with Iran, officials say",
                    set()) == "2021-07-08-taliban-captures-key-afghan-border-crossing"
    assert story_id(DAY, "What the rover is looking for",
                    set()) == "2021-07-08-what-the-rover-is-looking-for"
