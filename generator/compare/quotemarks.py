"""Quotation marks in a paragraph: the quoted passages (paired in order: “ opens, ” closes, a
straight " opens or closes, so a quotation may run over sentences and mixed or unclosed marks
still pair), the paragraph with its quotations masked, and its sentences with each
quotation read as one word. A passage is a quotation when it has ``SHORTEST_QUOTE`` words
or more and is not a title ("State of the Union", a book, a song: ``is_quotation``) nor a
term the sentence names ("known as the “ring of fire”": ``is_term``)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from generator.sentences import sentence_spans

SHORTEST_QUOTE = 3  # words of a quotation; fewer are a phrase quoted inside a sentence
# a title in quotation marks (a show, a book, a song: "CNN's “State of the Union”") is no
# quotation: at most ``TITLE_WORDS`` words, each capitalised but the small words, no stop
TITLE_WORDS = 8
_SMALL_WORDS = frozenset(("a", "an", "the", "and", "or", "nor", "but", "for", "of", "to", "in",
                          "on", "at", "by", "with", "from", "as", "vs", "vs.", "&"))
_STOPPED = re.compile(r"[.!?;:…]\W*$")  # a comma may end a title (US style)
_TERMED = re.compile(r"\b(?i:known\s+as|so(?:\s?-\s?|\s)called|dubbed|nicknamed|termed)\s+"
                     r"(?:(?:the|a|an)\s+)?(?:[A-Z][\w'-]*\s+){0,3}$")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation in a paragraph: offsets of its marks (``end`` past the closing one, or
    the paragraph's end when it is not closed) and the words inside."""

    start: int
    end: int
    words: str
    closed: bool = True


def is_quotation(span: QuoteSpan) -> bool:
    """Whether a quoted passage is words quoted: long enough (a dash a tokenised text
    spaced is no word: "zero - day" is a term), and not a title."""
    words = [w for w in span.words.split() if any(c.isalnum() for c in w)]
    if len(words) < SHORTEST_QUOTE:
        return False
    return not (len(words) <= TITLE_WORDS and words[0][:1].isupper()
                and not _STOPPED.search(span.words)
                and all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha()
                        for w in words))


def is_term(text: str, span: QuoteSpan) -> bool:
    """Whether the quoted words are a term the sentence names ("known as the Pacific “ring
    of fire”", "the so-called “lab leak hypothesis”", "dubbed “Operation Allies Refuge”"),
    not words someone said."""
    return bool(_TERMED.search(text, 0, span.start))


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every double-quoted passage of a paragraph, in order (see the module docstring)."""
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for mark in re.finditer(r"[“”\"]", text):
        char, at = mark.group(), mark.start()
        if opened is None:
            if char != "”":  # a stray closing mark opens nothing
                opened = at
            continue
        if char == "“" or (char == '"' and _opens(text, at)):  # a new opening one: the
            # open quotation ran on unclosed ("…at home. "It's been" in a text whose
            # paragraphs were joined, or wire style's run-on paragraphs)
            spans.append(_span(text, opened, at, at, closed=False))
            opened = at
            continue
        spans.append(_span(text, opened, at, at + 1))
        opened = None
    if opened is not None:
        spans.append(_span(text, opened, len(text), len(text), closed=False))
    return spans


def single_quote_spans(text: str) -> list[QuoteSpan]:
    """Every single-quoted passage of a paragraph ('…' or ‘…’), for a report that writes
    its quotations so (British style: it has no double mark anywhere). A mark opens after a
    space, a bracket or a dash and before a word; it closes after a word or a sentence's
    end and before a space or punctuation, never inside a word ("don't", "Flynn's")."""
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for mark in re.finditer(r"[‘’']", text):
        at = mark.start()
        before, after = text[at - 1:at] if at else "", text[at + 1:at + 2]
        if opened is None:
            if mark.group() != "’" and (not before or before in _OPEN_AFTER) and (
                    after.isalnum() or (mark.group() == "‘" and text[at + 1:at + 3][1:].isalnum()
                                        and after == " ")):  # "‘ Please": tokenised
                opened = at
            continue
        if (mark.group() != "‘" and (not after or after in _CLOSE_BEFORE)
                and (before.isalnum() or before in ".!?,;" or _SPACED_END.search(text, 0, at))):
            spans.append(_span(text, opened, at, at + 1))
            opened = None
    if opened is not None:
        spans.append(_span(text, opened, len(text), len(text), closed=False))
    return spans


_OPEN_AFTER = frozenset(" \n\t([—–-:")
_CLOSE_BEFORE = frozenset(" \n\t,.;:!?)]—–-")
_SPACED_END = re.compile(r"[.!?,]\s$")  # a mark a tokenised text spaced: "harm's way. ' She"


def _opens(text: str, at: int) -> bool:
    """A straight mark that can only open: a sentence's first, after the end of the one
    before ("…at home. "It's been"), before a capital or a digit (not ', "said', a closing
    mark of a text tokenised by hand, nor ' " ', a spaced one)."""
    before = text[max(0, at - _LOOK_BACK):at]
    after = text[at + 1:at + 2]
    return bool(before[-1:].isspace() or not before) and (after.isupper() or after.isdigit()) \
        and _SENTENCE_ENDED.search(before) is not None


_LOOK_BACK = 8  # characters read before a straight mark
_SENTENCE_ENDED = re.compile(r"(?:^|[.!?…'’`”])\s*$")


def _span(text: str, opened: int, inner_end: int, end: int, closed: bool = True
          ) -> QuoteSpan:
    return QuoteSpan(opened, end, " ".join(text[opened + 1:inner_end].split()), closed)


def masked(text: str, spans: Collection[QuoteSpan], fill: str = "x") -> str:
    """``text`` with the words of each quotation replaced by ``fill`` (same offsets); a
    sentence's end inside a quotation's last words is kept ("…today.” Then" still splits),
    moved right before the closing mark."""
    out = list(text)
    for span in spans:
        inner = text[span.start + 1:span.end - span.closed]
        trail = inner.rstrip(" \n'’‘")  # "Thank you. ’ ”"
        stop = trail[len(trail.rstrip(".!?")):]
        body = fill * (len(inner) - len(stop)) + stop
        out[span.start + 1:span.start + 1 + len(inner)] = body
    return "".join(out)


def sentence_bounds(text: str, spans: Collection[QuoteSpan]) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, its quotations read as single words."""
    upper = masked(text, spans, "X")
    bounds: list[tuple[int, int]] = []
    for line in _lines(upper):
        bounds.extend((line[0] + s, line[0] + e)
                      for s, e in sentence_spans(upper[line[0]:line[1]]))
    return bounds or [(0, len(text))]


def _lines(text: str) -> list[tuple[int, int]]:
    found, start = [], 0
    for line in text.split("\n"):
        found.append((start, start + len(line)))
        start += len(line) + 1
    return found
