"""Sentence splitting, paragraph text, and sentence anchors that match both."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.sentences import (
    _TOKEN_POSITIONAL,
    _WORD_BEFORE,
    PARAGRAPHS,
    _text_part,
    _word_before,
    inline_text,
    paragraph_parser,
    paragraphs,
    sentence_anchors,
    sentence_id,
    sentence_spans,
    split_sentences,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. and the U.N. met. Talks ended.", ["The U.S. and the U.N. met.", "Talks ended."]),
    ("Dr. Smith and Brig. Gen. Farhad Arianfar spoke on Feb. 18. Then they left.",
     ["Dr. Smith and Brig. Gen. Farhad Arianfar spoke on Feb. 18.", "Then they left."]),
    ("Pelosi refused to seat Reps. Jim Jordan and Jim Banks. Sens. Lee and Paul, Govs. Abbott "
     "and Ducey, Atty. Gen. Paxton and Supt. Ruiz objected.",
     ["Pelosi refused to seat Reps. Jim Jordan and Jim Banks.",
      "Sens. Lee and Paul, Govs. Abbott and Ducey, Atty. Gen. Paxton and Supt. Ruiz objected."]),
    ("At least 18.4 million people need aid. Most are children.",
     ["At least 18.4 million people need aid.", "Most are children."]),
    ("“We are ending America’s longest war.” He said so.",
     ["“We are ending America’s longest war.”", "He said so."]),
    ("“Is it over?” she asked. John F. Kennedy spoke.",
     ["“Is it over?” she asked.", "John F. Kennedy spoke."]),
    ("He said no. Then he left.", ["He said no.", "Then he left."]),
    ("The court took up Dobbs v. Jackson, a test of Roe v. Wade. Arguments begin in fall.",
     ["The court took up Dobbs v. Jackson, a test of Roe v. Wade.", "Arguments begin in fall."]),
    ("See No. 5 for details.", ["See No. 5 for details."]),
    ("The House passed H. Res. 601 and S. Con. Res. 14 on Tuesday. Then it adjourned.",
     ["The House passed H. Res. 601 and S. Con. Res. 14 on Tuesday.", "Then it adjourned."]),
    ("Send your letters to the editor of the Res. Then wait.",
     ["Send your letters to the editor of the Res.", "Then wait."]),
    ("It was all a con. Police said so.", ["It was all a con.", "Police said so."]),
    ("A 6. 1 - magnitude quake hit Aceh. It settled a $5. 3 million debt.",  # tokenised
     ["A 6. 1 - magnitude quake hit Aceh.", "It settled a $5. 3 million debt."]),
    ("The vote was 50-49. 10 senators abstained. It ended in 2008. 1 Person died.",
     ["The vote was 50-49.", "10 senators abstained.", "It ended in 2008.", "1 Person died."]),
    ("The regency police spokesman Snr. Comr. Agus Rianto spoke. Col. Inf. Irham Waroiham "
     "did too.",
     ["The regency police spokesman Snr. Comr. Agus Rianto spoke.",
      "Col. Inf. Irham Waroiham did too."]),
    ("A sentence without an end", ["A sentence without an end"]),
    ("", []),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentence_spans_are_exact_substrings() -> None:
    text = "  First one.  Second one!   Third? "
    assert [text[s:e] for s, e in sentence_spans(text)] == ["First one.", "Second one!", "Third?"]


def test_paragraphs_plain_text_without_headings() -> None:
    body = "## A heading\n\nPlain \\*text\\* and *emphasis*.\n\n- item [link](http://x) here\n"
    assert paragraphs(body) == ["Plain *text* and emphasis.", "item link here"]


def test_a_reused_parser_gives_the_same_paragraphs() -> None:
    bodies = ["## A heading\n\nPlain *text*.\n\n> quoted [link](http://x)\n",
              "| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter the table.\n", "- one\n- two\n"]
    parser = paragraph_parser()
    assert [paragraphs(b, parser) for b in bodies] == [paragraphs(b) for b in bodies]


@pytest.mark.parametrize("text", [
    "", "Mr", "a Mr", "x" * 39 + "Mr", "y " + "x" * 39 + "U.S", "y " + "z" * 80 + "-Mr",
    "A.B." * 30, "word\n", "a-" * 50 + "\n", "é" * 45 + " St", "  " + "Lt" * 30, "b" * 2000 + ".x",
])
def test_word_before_is_the_whole_search(text: str) -> None:
    for end in range(len(text) + 1):
        expected = _WORD_BEFORE.search(text, 0, end)
        assert _word_before(text, end) == (expected and expected.group(1))


def test_long_words_before_abbreviations_split_as_before() -> None:
    long_word = "Supercalifragilisticexpialidocious-like-words"
    text = f"They met {long_word} Gen. Smith. Then {long_word}. And more."
    assert split_sentences(text) == [f"They met {long_word} Gen. Smith.", f"Then {long_word}.",
                                     "And more."]


def test_sentence_id() -> None:
    assert sentence_id(3, 1) == "s3-1"


def _render(body: str) -> str:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(sentence_anchors)
    return str(md.render(body))


BODIES = [
    "One. Two sentences here.\n\n## Heading\n\nThe U.S. envoy met Dr. Jones. “We agree,” he "
    "said.\n",
    "Some *emphasis* here. And a [link](http://x) too!\nA soft break follows. End.\n",
    "*All emphasised. Two sentences.* And a third.\n\n> Quoted paragraph. With two.\n",
    "- item one. Item two.\n- item three\n\n| a | b |\n|---|---|\n| c. D | e |\n",
]


@pytest.mark.parametrize("body", BODIES)
def test_anchor_ids_match_paragraphs_and_sentences(body: str) -> None:
    expected = [sentence_id(p, k) for p, text in enumerate(paragraphs(body))
                for k, _ in enumerate(split_sentences(text))]
    assert re.findall(r'<span id="(s\d+-\d+)">', _render(body)) == expected


def test_wrapped_sentences_keep_text_and_escaping() -> None:
    html = _render("Plain <b>bold</b> & text. *Second* one.\n")
    assert html == ('<p><span id="s0-0">Plain &lt;b&gt;bold&lt;/b&gt; &amp; text.</span> '
                    '<span id="s0-1"><em>Second</em> one.</span></p>\n')


def test_boundary_inside_emphasis_gets_empty_anchors() -> None:
    html = _render("*One. Two.* Three.\n")
    assert '<span id="s0-0"></span><em>One. <span id="s0-1"></span>Two.</em>' in html
    assert "</span></em>" not in html


def _full_parse_paragraphs(body: str) -> list[str]:
    """Paragraph text from a parser that parses every inline token (the reference)."""
    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(body)
    return [inline_text(tokens[i + 1]) for i, token in enumerate(tokens)
            if token.type == "paragraph_open"]


PARSED_BODIES = [
    "Plain text. No syntax at all.\n\nSecond paragraph, with $5 and 10% - fine: yes #1.",
    "A [ref] link.\n\n[ref]: http://example.org\n\nAnd [ref] again, ![img *alt*](x.png).",
    "Line one\nline two  \nline three\\\nfour.", "Tab\there &amp; &copy; `code  x` <http://a.b>",
    "*a* _b_ **c** __d__ a*b*c snake_case_name 2*3*4", "> quote *x*\n> more\n\n- item\n- `it`",
    "| a | b |\n|---|---|\n| *1* | 2 |\n\nAfter.", "Heading\n=======\n\nSetext above.",
    "Windows\r\nline\r\n\r\nends\u0000.", "Unclosed [bracket and ! bang and < less", "   ",
    "    code block\n\nText ]after[ it.", "“Curly” and \"straight\" quotes — ünïcödé ſ.",
]


@pytest.mark.parametrize("body", PARSED_BODIES)
def test_paragraphs_parse_inline_only_where_needed(body: str) -> None:
    assert paragraphs(body) == _full_parse_paragraphs(body)
    assert paragraphs(body, paragraph_parser()) == _full_parse_paragraphs(body)


def _recorded(body: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """What the page renderer records of each paragraph while it renders ``body``."""
    from generator.render.pages import markdown_renderer

    env: dict[str, object] = {PARAGRAPHS: []}
    markdown_renderer().render(body, env)
    return [(text, list(spans)) for text, spans in env[PARAGRAPHS]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("body", BODIES + PARSED_BODIES + ["", "- \n\n>\n", "Empty:\n\n-\n"])
def test_rendering_records_the_paragraphs_and_sentences_the_comparison_reads(body: str) -> None:
    assert _recorded(body) == [(text, sentence_spans(text)) for text in paragraphs(body)]


PIECES = st.sampled_from([
    "Word", "The U.S. said so.", "Dr. Smith left. ", "*em. two*", "**bold**", "_x_", "`code.`",
    "[link. text](http://a.b)", "[ref]", "![alt. text](i.png)", "\\*", "&amp;", "<http://a.b>",
    "“Quote.” ", "5.2", " ", "\n", "\n\n", "- ", "> ", "## ", "| a | b |\n|---|---|\n| c | d |\n",
    "\n[ref]: http://example.org\n", "    ", "1. ", "ſ", "ü",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=24).map("".join))
def test_recorded_sentences_are_those_of_a_separate_parse(body: str) -> None:
    """The comparison takes each report's sentences from the render of its page: they must be
    exactly the ones ``paragraphs`` and ``sentence_spans`` give, whatever the Markdown."""
    assert _recorded(body) == [(text, sentence_spans(text)) for text in paragraphs(body)]


def test_nothing_is_recorded_without_the_list() -> None:
    from generator.render.pages import markdown_renderer

    env: dict[str, object] = {}
    markdown_renderer().render("One. Two.\n", env)
    assert PARAGRAPHS not in env


@pytest.mark.parametrize("positional", [True, False])
def test_a_part_of_a_text_token_is_what_token_copy_gives(positional: bool) -> None:
    """The fast copy passes every field of the installed markdown-it-py's Token; each field
    has a value of its own here, so a field left out or put in the wrong place shows."""
    from dataclasses import fields

    from markdown_it.token import Token

    token = Token("text", "span", 1, attrs={"a": "1"}, map=[3, 4], level=2,
                  children=[Token("x", "", 0)], content="Hello there, world", markup="*",
                  info="auto", meta={"m": 1}, block=True, hidden=True)
    assert all(getattr(token, f.name) != f.default for f in fields(Token)
               if f.name not in ("attrs", "meta"))
    part = _text_part(token, 6, 11, positional)
    assert part == token.copy(content="there") and part is not token
    assert _text_part(token, 0, len(token.content), positional) is token
    assert _TOKEN_POSITIONAL  # the installed release takes the fast path


def test_words_longer_than_the_window_are_read_whole() -> None:
    # a text of words longer than the window splits as one of short words does
    long_words = ("A" * 1000 + ". ") * 3 + "End."
    assert split_sentences(long_words) == ["A" * 1000 + "."] * 3 + ["End."]
    assert split_sentences("See no. 5 here. Then no. More.") == [
        "See no. 5 here.", "Then no.", "More."]
