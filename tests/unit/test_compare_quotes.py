"""Who said a quotation: the words that attribute it, before the paragraph's guess."""

from __future__ import annotations

from generator.compare_align import article_sentences
from generator.compare_quotes import report_quotes
from tests.helpers import article


def speakers(body: str) -> list[tuple[str | None, str]]:
    sentences = article_sentences(article("a", body=body))
    return [(q.speaker, q.quote) for q in report_quotes(sentences, ())]


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
