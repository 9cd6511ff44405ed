"""Who said a quotation: the words that attribute it, before the paragraph's guess.

Most cases are in ``tests/fixtures/compare/quotes/speakers.txt``, one attribution rule each,
in sentences written like wire copy; a failure names the case's line there."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.compare.align import article_sentences
from generator.compare.names import name_vocabulary
from generator.compare.quotemarks import (
    masked,
    quote_spans,
    sentence_bounds,
    single_quote_spans,
)
from generator.compare.quotes import report_quotes
from tests.helpers import article

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "compare" / "quotes" / "speakers.txt"
# the attribution forms of wire and broadcast copy, a probe written from those forms
WIRE = FIXTURE.with_name("speakers_wire.txt")


@dataclass(frozen=True)
class Case:
    """One fixture case: its title, the line it starts on, the body, the speakers wanted."""

    title: str
    line: int
    body: str
    speakers: tuple[str | None, ...]


def cases(path: Path = FIXTURE) -> list[Case]:
    """The cases of a fixture file (its first lines, "# ...", say how it is written)."""
    found: list[Case] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [k for k, line in enumerate(lines) if line.startswith("## ")]
    for start, end in zip(starts, starts[1:] + [len(lines)], strict=True):
        block = lines[start + 1:end]
        arrow = block.index("->")
        wanted = tuple(None if w == "-" else w for w in block[arrow + 1:] if w.strip())
        found.append(Case(lines[start][3:], start + 1, "\n".join(block[:arrow]).strip(),
                          wanted))
    return found


def speakers(body: str) -> list[tuple[str | None, str]]:
    sentences = article_sentences(article("a", body=body))
    known = name_vocabulary([s.text for s in sentences])  # as the comparison reads names
    return [(q.speaker, q.quote) for q in report_quotes(sentences, known)]


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"line {c.line}")
def test_fixture_case(case: Case) -> None:
    got = tuple(who for who, _ in speakers(case.body))
    assert got == case.speakers, f"{FIXTURE.name}:{case.line}: {case.title}"


@pytest.mark.parametrize("case", cases(WIRE), ids=lambda c: f"line {c.line}")
def test_wire_form(case: Case) -> None:
    got = tuple(who for who, _ in speakers(case.body))
    assert got == case.speakers, f"{WIRE.name}:{case.line}: {case.title}"


def test_the_fixture_has_its_cases() -> None:
    assert len(cases()) >= 25 and all(c.speakers for c in cases())


# one paragraph, several speakers (a wire story's text, or a dump with no paragraph breaks):
# each quotation has its own, from the words around it
PARAGRAPH = ('Drew Brees praised the line. "You cannot deny the physical presence he brings," '
             'Brees said. "The setback he had was substantial," Saints coach Sean Payton said. '
             '"She is in rehab right now," her lawyer Mark Heller told People Magazine. '
             '"The talks will go on next week," said Maria Lopez, a spokeswoman. '
             'Jane Roe said: "We will not stop here." According to Tom Hale, "the road is shut '
             'for now."')


def test_each_quotation_of_a_paragraph_has_the_speaker_its_words_name() -> None:
    assert [who for who, _ in speakers(PARAGRAPH)] == [
        "Drew Brees", "Sean Payton", "Mark Heller", "Maria Lopez", "Jane Roe", "Tom Hale"]


def test_a_quotation_that_goes_on_after_its_attribution_keeps_its_speaker() -> None:
    body = ('Drew Brees praised the line. "It is about a team effort, not one person," Reggie '
            'Bush said. "We have some mistakes that we made as a team this season."')
    assert [who for who, _ in speakers(body)] == ["Reggie Bush", "Reggie Bush"]


def test_a_quotation_over_two_lines_is_one_line_of_words() -> None:
    body = '"We will rebuild\nthe bridge by June," Maria Lopez said.'
    assert speakers(body)[0][1] == "We will rebuild the bridge by June"


def test_an_unattributed_quotation_is_the_last_speaker_s_of_its_paragraph() -> None:
    body = ('"The water is still rising," said Jane Roe, the mayor. "We will rebuild every road," '
            'Governor Maria Lopez said on a visit to St. Louis. She met the families there. '
            '"Nobody will be left behind this winter."')
    assert [who for who, _ in speakers(body)] == ["Jane Roe", "Maria Lopez", "Maria Lopez"]


def test_a_quotation_runs_over_sentences_until_its_closing_mark() -> None:
    body = ('"I was sitting in my living room. People were standing up on vehicles," said Mary '
            'John, 43.')
    assert speakers(body) == [
        ("Mary John", "I was sitting in my living room. People were standing up on vehicles")]


def test_an_unclosed_quotation_ends_where_the_next_one_opens() -> None:
    text = "“It was bad. “We could do nothing,” one man said."
    assert [s.words for s in quote_spans(text)] == ["It was bad.", "We could do nothing,"]


def test_a_straight_mark_opening_a_sentence_ends_the_open_quotation() -> None:
    """Paragraphs joined into one ("…at home. "It's been"): the mark after a sentence's end,
    before a capital, opens; ', "said' (a closing mark spaced by hand) still closes."""
    text = ('"The crowd were into it at home. "It\'s been a very different season," Peyton '
            'Manning said.')
    spans = quote_spans(text)
    assert [(s.words, s.closed) for s in spans] == [
        ("The crowd were into it at home.", False), ("It's been a very different season,", True)]
    text = 'Many agreed. "I feel sorry for the young, "said Tsikala Stephania. "They lost."'
    assert [s.words for s in quote_spans(text)] == ["I feel sorry for the young,", "They lost."]
    text = 'He called it "a disaster for the town" and left.'
    assert [s.words for s in quote_spans(text)] == ["a disaster for the town"]


def test_single_marks_pair_around_words_never_inside_them() -> None:
    """British style: an apostrophe inside a word ("don't", "Flynn's") neither opens nor
    closes; a mark a tokenised text spaced after a sentence's end ("way. ' She") closes."""
    text = "Flynn's father said: 'I don't know why. We're glad it's over,' and left."
    assert [s.words for s in single_quote_spans(text)] == ["I don't know why. We're glad it's over,"]
    text = "Feeling uneasy, she says 'I held him. I was trying to get out of harm's way. ' She left."
    assert [s.words for s in single_quote_spans(text)] == [
        "I held him. I was trying to get out of harm's way."]
    text = "‘We will not go back,’ she said, ‘not ever.’"
    assert [s.words for s in single_quote_spans(text)] == ["We will not go back,", "not ever."]
    text = "Gray was calling out: ‘ Please don ’ t let me die! ’ and the officers yelled back."
    assert [s.words for s in single_quote_spans(text)] == ["Please don ’ t let me die!"]


def test_a_term_a_tokenised_text_hyphened_is_no_quotation() -> None:
    """ "zero - day", "drive - by": the spaced dash is no word, so two words, a term."""
    assert speakers('The flaw is a "zero - day" bug, said analyst Dana Reyes.') == []
    assert speakers('"It keeps on - and on - shaking," said Mujahidin Saleh.') == [
        ("Mujahidin Saleh", "It keeps on - and on - shaking")]


def test_a_term_the_sentence_names_is_no_quotation() -> None:
    """ "known as", "so-called", "dubbed": the words are a name for something, not what
    someone said; "called X '...'" is still a quotation."""
    assert speakers('Indonesia sits on what is known as the Pacific "ring of fire," a chain '
                    'of volcanoes, World Vision said.') == []
    assert speakers('The so - called "motion to vacate the chair" was filed, Reyes said. '
                    'Troops ran what was dubbed "Operation Allies Refuge" in July.') == []
    assert speakers('Indonesia sits at a vulnerable zone so called "the Pacific Ring of Fire" '
                    "where two plates meet.") == []
    assert speakers("Questions remain about the origins of the virus and the so-called "
                    '"lab leak hypothesis" that some scientists favour.') == []
    assert speakers("The company's security team may deliver a so - called \"out - of - band\" "
                    "update before Oct. 9.") == []  # a term a tokenised dump spaced out
    assert speakers('Trump called Biden "a disgrace to the nation" on Friday.') == [
        ("Trump", "a disgrace to the nation")]


def test_a_sentence_that_ends_inside_a_quotation_ends_there() -> None:
    text = '"We will win. " Officials said the vote was close.'
    spans = quote_spans(text)
    assert masked(text, spans) == '"xxxxxxxxxxxx." Officials said the vote was close.'
    assert len(sentence_bounds(text, spans)) == 2


def test_a_heading_is_no_quotation() -> None:
    body = '## "We will rebuild every road," the mayor says\n\nThe mayor visited the town.'
    assert speakers(body) == []


@pytest.mark.parametrize("text", ["his comments were", "The comments were", "Her tweets were",
                                  "to chants of", "a projection that suggests"])
def test_a_present_form_that_is_a_plural_noun_is_no_speech_verb(text: str) -> None:
    from generator.compare.speakers import VERBS
    assert re.search(rf"\b{VERBS}\b", text) is None


def test_a_present_form_after_its_subject_is_a_speech_verb() -> None:
    from generator.compare.speakers import VERBS
    assert [m.group() for m in re.finditer(rf"\b{VERBS}\b", "Biesbroek comments; she tweets")
            ] == ["comments", "tweets"]


def test_names_joined_by_non_breaking_spaces_are_a_plural_subject() -> None:
    """A page's non-breaking spaces ("Facebook\xa0and\xa0Twitter", as AllSides' leads
    have them) are spaces: the names are whom a later "they said" stands for, and nothing
    fails on them."""
    body = ("Facebook\xa0and\xa0Twitter,\xa0the argument goes, have the same right.\n\n"
            "\"We will appeal the ruling at once,\" they said in a statement.\n")
    assert speakers(body) == [("Facebook and Twitter", "We will appeal the ruling at once")]
