"""slugs.py: a slug cut short ends at a word that can end a phrase, never emptied."""

from __future__ import annotations

import datetime as dt

from generator import slugs
from generator.cluster.pipeline import story_id

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


def test_a_long_tag_or_outlet_gets_a_url_that_fits_a_file_name() -> None:
    from generator import taxonomy

    long_tag = "Ministry of " + "Very " * 60 + "Long Names"
    other = "Ministry of " + "Very " * 60 + "Other Names"
    key = taxonomy.url_key(long_tag)
    assert len(key) <= 90 and key.startswith("ministry-of-very-very")
    assert key != taxonomy.url_key(other)  # cut alike, told apart by the hash
    assert taxonomy.url_key("Al Jazeera") == "al-jazeera"  # short names as before


def test_url_parts_refuse_what_breaks_a_folder_or_a_link() -> None:
    from generator.slugs import is_url_part

    for good in ("2021-07-08-taliban", "a.b", "a_b", "café", "cafe\u0301", "x" * 200):
        assert is_url_part(good), good
    for bad in ("", "..", ".x", "-x", "_x", "a/b", "a\\b", "a b", "a?b", "a#b", "%2e%2e",
                "a\tb", "a\x1bb", "x" * 201, "é" * 101):
        assert not is_url_part(bad), bad
