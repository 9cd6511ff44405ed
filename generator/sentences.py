"""Paragraphs and sentences of an article body, and HTML anchors on each sentence.

Numbering: paragraph ``p`` is the 0-based index of a ``paragraph_open`` token in the parsed
body (headings, table cells and code blocks are not paragraphs; list items and block quotes
hold paragraphs and count), sentence ``k`` the 0-based index in ``split_sentences`` of that
paragraph's plain text. ``sentence_id(p, k)`` is ``"s{p}-{k}"``, the HTML id on the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# Words that end in a period without ending the sentence (compared lowercased, no period).
ABBREVIATIONS = frozenset(
    ("mr", "mrs", "ms", "dr", "prof", "gen", "brig", "col", "lt", "sgt", "capt", "maj", "adm",
     "cmdr", "gov", "govs", "sen", "sens", "rep", "reps", "atty", "supt", "rev", "st", "mt",
     # ranks and offices before a name: "Snr. Comr. Agus Rianto", "Col. Inf. Burhanuddin"
     "comr", "snr", "insp", "cpl", "pvt", "pfc", "spc", "ens", "msgr", "cllr", "inf",
     "ft", "sr", "jr", "jan", "feb", "mar", "apr",
     "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "approx", "dept", "est", "inc",
     "ltd", "co", "corp", "al", "cf", "ie", "eg",
     "v")  # a case name: "Roe v. Wade"
)
# Abbreviations only when a number follows: "No. 5" but "said no. Then"; a bill's "H. Res.
# 601", "Sec. 4", "Ch. 11".
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "fig", "art", "vol", "p", "pp", "res", "sec",
                                  "ch"})
_CON_RES = re.compile(r"\s+Res\.")  # "S. Con. Res. 14" (but "it was a con. Then")
_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
# A candidate end: terminal punctuation, any closing quotes/brackets, then whitespace.
_END = re.compile(rf"[.!?…]+[{re.escape(_CLOSERS)}]*(?=\s)")
_NEXT_START = re.compile(rf"\s+(?=[{re.escape(_OPENERS)}]*[A-Z0-9À-Þ])")
_WORD_BEFORE = re.compile(r"([\w.&'-]+)$")
_WORD_CHAR = re.compile(r"[\w.&'-]")
_NUMBER_NEXT = re.compile(r"\s+\d")
# a number, its point, one space and one or two digits, then a hyphen, a percent sign or a
# lowercase word: no sentence opens so ("6. 1 - magnitude", "$5. 3 million")
_SPACED_DECIMAL = re.compile(r"(?<![\d,.])\d{1,3}\. \d{1,2}(?![\d,.])(?=\s*(?:[-–%]|[a-z]))")


def split_sentences(text: str) -> list[str]:
    """Sentences of plain text, each an exact (stripped) substring of ``text``, in order."""
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of ``text``; see ``split_sentences``."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _END.finditer(text):
        if match.start() < start or not _is_boundary(text, match):
            continue
        nxt = _NEXT_START.match(text, match.end())
        if nxt is None:
            continue
        spans.append((start, match.end()))
        start = nxt.end()
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """False for a period that ends an abbreviation or an initial rather than a sentence."""
    if match.group()[0] != ".":
        return True
    before = _word_before(text, match.start())
    if before is None:
        return True
    word = before.strip(".'-")
    last = word.rsplit(".", 1)[-1].lower()
    if last in ABBREVIATIONS:
        return False
    if last in NUMBER_ABBREVIATIONS and _NUMBER_NEXT.match(text, match.end()):
        return False
    if last == "con" and _CON_RES.match(text, match.end()):
        return False
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return False
    if word.isdigit() and _SPACED_DECIMAL.match(text, match.start() - len(word)):
        return False  # "a 6. 1 - magnitude quake": a decimal a tokenised text spaced
    # Dotted abbreviations such as U.S., U.N., a.m.: single letters joined by periods.
    return not re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)


def _word_before(text: str, end: int) -> str | None:
    """The run of word characters (``_WORD_CHAR``) that ends at ``end``, or None. The last
    characters are searched first; a word longer than that window is followed back one
    character at a time, so a text of long words costs its length, not its length squared."""
    window = max(0, end - 40)
    found = _WORD_BEFORE.search(text, window, end)
    if found is None:
        return None
    start = found.start()
    if start == window:
        while start > 0 and _WORD_CHAR.match(text, start - 1):
            start -= 1
    return text[start:found.end()]


# A paragraph's plain text and the (start, end) of each of its sentences in it.
Paragraph = tuple[str, Sequence[tuple[int, int]]]
# The key of the render environment (``md.render(body, env)``) under which ``sentence_anchors``
# appends every paragraph's ``Paragraph`` when it holds a list: the comparison then reads the
# sentences of a report from the render of its page (``paragraphs`` would parse it again).
PARAGRAPHS = "news_digest_paragraphs"


def sentence_id(paragraph_index: int, sentence_index: int) -> str:
    """The HTML id of a sentence: ``s{paragraph}-{sentence}``, both 0-based."""
    return f"s{paragraph_index}-{sentence_index}"


def _piece(token: Token) -> str:
    """The plain text an inline child token contributes to its paragraph."""
    if token.type in ("text", "code_inline", "text_special"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type == "image":
        return "".join(_piece(child) for child in token.children or [])
    return ""


def inline_text(inline: Token) -> str:
    """Plain (unescaped) text of an inline token: emphasis and links keep only their text."""
    return "".join(_piece(child) for child in inline.children or [])


def paragraph_parser() -> MarkdownIt:
    """The Markdown parser ``paragraphs`` uses: block structure only (``paragraphs`` parses
    the inline content of the paragraphs that need it). One can serve many bodies (parsing
    keeps no state in it), which saves building one per body."""
    return (MarkdownIt("commonmark", {"html": False}).enable("table")
            .disable(["inline", "text_join"]))


# A character that starts inline syntax (escapes, code, emphasis, links, images, autolinks,
# entities) or a line break: paragraph content without any is its own plain text.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<&\n]")


def paragraphs(markdown_body: str, parser: MarkdownIt | None = None) -> list[str]:
    """Plain text of each paragraph of a Markdown body (not headings), in document order;
    ``parser``: a ``paragraph_parser()`` to reuse."""
    md = parser or paragraph_parser()
    env: dict[str, Any] = {}  # link references the block parser found, for inline links
    tokens = md.parse(markdown_body, env)
    return [_paragraph_text(md, tokens[i + 1], env) for i, token in enumerate(tokens)
            if token.type == "paragraph_open"]


def _paragraph_text(md: MarkdownIt, inline: Token, env: dict[str, Any]) -> str:
    """``inline_text`` of a paragraph's inline token, parsing its content only when it has
    inline syntax (the text and text_special pieces are the same without ``text_join``)."""
    if not _INLINE_SYNTAX.search(inline.content):
        return inline.content
    children: list[Token] = []
    md.inline.parse(inline.content, md, env, children)
    return "".join(_piece(child) for child in children)


@dataclass(frozen=True, slots=True)
class _Event:
    offset: int
    opening: bool
    html: str


def sentence_anchors(md: MarkdownIt) -> None:
    """Plugin: give each sentence of each paragraph an HTML id matching ``sentence_id``.

    When every sentence starts and ends outside emphasis/links (the usual case), each one is
    wrapped in ``<span id="s{p}-{k}">…</span>``. When a sentence boundary falls inside
    emphasis or a link, wrapping would break nesting, so that paragraph gets an empty
    ``<span id="s{p}-{k}"></span>`` where each sentence starts instead: the link target
    still lands on the sentence. Text tokens stay text, so they are still escaped.
    """
    md.core.ruler.push("sentence_anchors", _anchor_rule)


def _anchor_rule(state: StateCore) -> None:
    record: list[Paragraph] | None = state.env.get(PARAGRAPHS)
    paragraph_index = -1
    for i, token in enumerate(state.tokens):
        if token.type != "paragraph_open":
            continue
        paragraph_index += 1
        inline = state.tokens[i + 1]
        if inline.type != "inline" or not inline.children:
            if record is not None:
                record.append(("", []))
            continue
        text = inline_text(inline)
        spans = sentence_spans(text)
        if record is not None:
            record.append((text, spans))
        wrapped = _wrap_events(paragraph_index, spans)
        placed, balanced = _place(inline.children, wrapped)
        if not balanced:
            placed, _ = _place(inline.children, _start_events(paragraph_index, spans))
        inline.children = placed


def _wrap_events(paragraph_index: int, spans: Sequence[tuple[int, int]]) -> list[_Event]:
    events: list[_Event] = []
    for k, (start, end) in enumerate(spans):
        sid = sentence_id(paragraph_index, k)
        events.append(_Event(start, True, f'<span id="{sid}">'))
        events.append(_Event(end, False, "</span>"))
    return events


def _start_events(paragraph_index: int, spans: Sequence[tuple[int, int]]) -> list[_Event]:
    return [_Event(start, True, f'<span id="{sentence_id(paragraph_index, k)}"></span>')
            for k, (start, _) in enumerate(spans)]


def _place(children: Sequence[Token], events: Sequence[_Event]) -> tuple[list[Token], bool]:
    """Insert events as html_inline tokens at their text offsets; True if all at depth 0.

    Openings go before zero-width tokens (``em_open``) at their offset, closings after them,
    so a sentence that is wholly emphasised keeps its emphasis inside the span. An offset
    inside an atomic token (inline code, image) moves to the end of that token.
    """
    out: list[Token] = []
    pending = list(events)
    depth, balanced, pos = 0, True, 0

    def flush(limit: int, closing_at_limit: bool) -> None:
        nonlocal balanced
        while pending and (pending[0].offset < limit or (
                pending[0].offset == limit and (pending[0].opening or closing_at_limit))):
            event = pending.pop(0)
            balanced = balanced and depth == 0
            out.append(Token("html_inline", "", 0, content=event.html))

    for child in children:
        length = len(_piece(child))
        if length == 0:
            flush(pos, closing_at_limit=child.nesting != -1)
            out.append(child)
            depth += child.nesting
            continue
        flush(pos, closing_at_limit=True)
        if child.type == "text":
            cut = pos
            while pending and pending[0].offset < pos + length:
                offset = pending[0].offset
                if offset > cut:
                    out.append(_text_part(child, cut - pos, offset - pos))
                    cut = offset
                flush(offset, closing_at_limit=True)
            out.append(_text_part(child, cut - pos, length))
        else:
            out.append(child)
        pos += length
    flush(pos + 1, closing_at_limit=True)
    return out, balanced


# Token's fields in the order of its constructor; when markdown-it-py's Token has exactly these,
# a part of a text token is made by calling the constructor with them (1.1 µs against 4.6 µs
# for ``Token.copy``, a ``dataclasses.replace``: a tenth of a report page's Markdown time)
_TOKEN_FIELDS = ("type", "tag", "nesting", "attrs", "map", "level", "children", "content",
                 "markup", "info", "meta", "block", "hidden")
_TOKEN_POSITIONAL = tuple(f.name for f in fields(Token)) == _TOKEN_FIELDS


def _text_part(token: Token, start: int, end: int, positional: bool = _TOKEN_POSITIONAL
               ) -> Token:
    """The token with ``content[start:end]``: the same token for its whole text, else a copy
    (``Token.copy``'s result, made faster when ``positional``)."""
    if start == 0 and end == len(token.content):
        return token  # the whole text: no copy
    content = token.content[start:end]
    if not positional:  # another release's Token: the general copy
        return token.copy(content=content)
    t = token
    return Token(t.type, t.tag, t.nesting, t.attrs, t.map, t.level, t.children, content,
                 t.markup, t.info, t.meta, t.block, t.hidden)
