"""ingest/tags.py: names mentioned most become tags; openers, adjectives and the outlet do not."""

from __future__ import annotations

from generator.ingest import tags
from generator.ingest.state import Block, State


def state(*paragraphs: str, title: str = "", source: str | None = None) -> State:
    blocks = tuple(Block(text=p, line=n) for n, p in enumerate(paragraphs, start=1))
    return State(blocks=blocks, title=title, source=source)


def test_most_mentioned_names_become_tags_in_order() -> None:
    result = tags.take_tags(state(
        "Rescuers in Nepal searched for survivors near Pokhara on Monday.",
        "The army said Nepal had sent helicopters to Pokhara, and India offered help.",
        "Aid from India arrived later, officials in Nepal said."))
    assert result.tags == ("Nepal", "Pokhara", "India")


def test_sentence_openers_and_weekdays_are_not_names() -> None:
    counts = tags.mention_counts("Officials said on Monday. Officials said on Tuesday. "
                                 "However, it rained. However, it stopped.")
    assert counts == {}


def test_multi_word_names_and_possessives_count_as_one() -> None:
    counts = tags.mention_counts("The World Health Organization said so. Later the "
                                 "World Health Organization’s chief spoke to Joe Biden.")
    assert counts["World Health Organization"] == 2 and counts["Joe Biden"] == 1


def test_adjective_only_uses_are_dropped_but_nouns_kept() -> None:
    counts = tags.mention_counts("Afghan security officials met Afghan soldiers. Fighting in "
                                 "the Taliban heartland went on, and the Taliban said so.")
    assert "Afghan" not in counts
    assert counts["Taliban"] == 2


def test_outlet_is_not_a_tag_and_single_mentions_are_not_tags() -> None:
    result = tags.take_tags(state("He told Reuters that Reuters was wrong about Chile.",
                                  source="Reuters"))
    assert result.tags == ()


def test_title_mentions_count_double() -> None:
    result = tags.take_tags(state("Voters in Quebec went to the polls.", title="Quebec votes"))
    assert result.tags == ("Quebec",)


def test_a_word_of_a_numbered_name_is_no_tag() -> None:
    counts = tags.mention_counts("Police found her on 117th Street and 97th Avenue, near the 105th "
                            "Precinct. Officials in Queens said Queens was calm after the 2nd "
                            "Street crash.")
    assert "Street" not in counts and "Avenue" not in counts and "Precinct" not in counts
    assert counts["Queens"] == 2


def test_a_headline_run_into_the_text_is_no_tag_nor_a_stamp_s_words() -> None:
    result = tags.take_tags(state(
        "Microsoft Launches Emergency Patch for Internet Explorer Microsoft released a fix "
        "on Wednesday. Updated Oct 3 GMT. Microsoft said Internet Explorer users should "
        "install it. I'm glad, one user said. I'm told Microsoft will ship more.",
        title="Microsoft Launches Emergency Patch for Internet Explorer"))
    assert "Microsoft Launches Emergency Patch" not in result.tags
    assert not {"Oct", "GMT", "Updated", "I'm"} & set(result.tags)
    assert "Internet Explorer" in result.tags
