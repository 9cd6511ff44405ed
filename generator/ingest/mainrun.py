"""Finding the article in a full-page dump: the main contiguous run of prose.

Each line gets a score, positive for prose (long, punctuated, with function words as in
jusText), negative for menu-like short lines; the article is the run of lines with the
largest total (a maximum-sum segment, as in Finn et al.'s Body Text Extraction). Wire copy
has no menus around it: when almost nothing falls outside the run, nothing is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from generator.ingest import legal
from generator.ingest.state import BARRIER, CAPTION, HEADING, PARA, Block, State

_WORD = re.compile(r"\w+")
_TERMINAL = tuple(".!?:;\"”’)…。！？」』")
_TRUNCATED = ("...", "…", "[…]", "[...]")  # teasers are cut off; paragraphs are not
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # CJK and Hangul
_WIDE_CHARS_PER_WORD = 2  # CJK text has no spaces: count about two characters as a word
# The commonest function words (English, and a few Romance and German ones).
_STOPWORD_TEXT = (
    "a about after all also an and any are as at be been but by can could did do does for from "
    "had has have he her his how i if in into is it its just more most my no not now of on one "
    "only or other our out over said says she so some than that the their them then there these "
    "they this those to up was we were what when where which while who will with would you your "
    "de la le les des el en y et un une und der die das"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
PROSE_WORDS = 12  # a line this long with sentence shape is article prose
SHORT_SENTENCE_WORDS = 5  # a shorter punctuated sentence still counts, at half weight
MENU_PENALTY = 8.0  # cost of one menu-like line inside the run
LEAD_IN_LINES = 8  # lines kept above the run, where bylines and dates sit

BARRIER_PENALTY = 80.0  # a section header: only a long stretch of prose may cross it
FULL_PAGE_OUTSIDE = 4  # lines outside the run that make a dump a full page
COMPILATION_SHINGLES = 40  # a block this long may repeat the paragraphs around it
COMPILATION_SHARE = 0.8  # of its word 4-grams found in the other blocks: a repeat
TEASER_SCORE = 0.0  # a teaser's summary after the article adds nothing to the run
# "More World", "More Washington Examiner": the header of a list of teasers after an article
_MORE_SECTION = re.compile(r"More(?: [A-Z][\w'’&-]*){1,4}")


def stopword_ratio(words: list[str]) -> float:
    """Share of function words: high in prose, low in menus and headline lists."""
    return sum(w.lower() in _STOPWORDS for w in words) / len(words) if words else 0.0


def word_count(text: str) -> int:
    """Words in a line, counting CJK characters (written without spaces) in pairs."""
    wide = len(_WIDE.findall(text))
    narrow = len(_WORD.findall(_WIDE.sub(" ", text)))
    return narrow + wide // _WIDE_CHARS_PER_WORD


def line_score(text: str) -> float:
    """Positive for prose (about one point per word), negative for menu-like lines."""
    words = _WORD.findall(text)
    count = word_count(text)
    if text.endswith(_TRUNCATED):
        return -MENU_PENALTY
    sentence = text.endswith(_TERMINAL)
    ratio = stopword_ratio(words)
    if count >= PROSE_WORDS and (sentence or ratio >= 0.3 or _WIDE.search(text)):
        return float(count)
    if count >= SHORT_SENTENCE_WORDS and sentence and ratio >= 0.15:
        return count / 2
    return -MENU_PENALTY


def block_score(block: Block) -> float | None:
    """A line's score; None for a barrier, which no run may cross; captions are neutral."""
    if block.kind == BARRIER:
        return None
    return 0.0 if block.kind == CAPTION else line_score(block.text)


def best_run(scores: list[float | None]) -> tuple[int, int]:
    """Start and end (exclusive) of the segment with the largest sum (Kadane), not crossing
    a barrier (None)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        score = -BARRIER_PENALTY if score is None else score
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _is_sentence(block: Block, score: float | None) -> bool:
    return (block.kind != CAPTION and score is not None and score >= PROSE_WORDS
            and block.text.endswith(_TERMINAL))


def run_scores(blocks: tuple[Block, ...]) -> list[float | None]:
    """Each block's score for the main run, with teasers after the article at 0.

    Once the article has begun (two sentences in a row), a section header (a barrier, or
    ``More World``) starts what is likely a list of teasers: headlines, each with a one-line
    summary. A summary has no sentence next to it, an article paragraph does; so until two
    sentences in a row resume the article, a line with no sentence beside it scores 0, and
    the run does not grow into the list. Captions are skipped (a photo may sit anywhere).
    """
    scores = [block_score(b) for b in blocks]
    sentence = [_is_sentence(b, s) for b, s in zip(blocks, scores, strict=True)]
    order = [i for i, b in enumerate(blocks) if b.kind != CAPTION]
    teasers = in_body = False
    for k, i in enumerate(order):
        score = scores[i]
        if score is None or _MORE_SECTION.fullmatch(blocks[i].text):
            teasers = in_body
            continue
        beside = ((k > 0 and sentence[order[k - 1]])
                  or (k + 1 < len(order) and sentence[order[k + 1]]))
        if sentence[i] and beside:
            teasers, in_body = False, True
        elif teasers and score > 0:
            scores[i] = TEASER_SCORE
    return scores


def main_span(blocks: tuple[Block, ...]) -> tuple[int, int]:
    """Start and end of the article: the best run without a legal footer at either end; when
    the run was nothing but a footer, the best run elsewhere."""
    scores = run_scores(blocks)
    start, end = best_run(scores)
    span = _without_footers(blocks, scores, start, end)
    if span is None:
        masked = [-MENU_PENALTY if start <= i < end else s for i, s in enumerate(scores)]
        start, end = best_run(masked)
        span = _without_footers(blocks, masked, start, end)
    return span or (start, end)


def _without_footers(blocks: tuple[Block, ...], scores: list[float | None], start: int,
                     end: int) -> tuple[int, int] | None:
    """The span with the legal footers at its ends cut off (None if nothing is left). A
    stretch is lines of prose or legal notices in a row; captions do not break one."""
    stretches: list[list[int]] = []
    for i in range(start, end):
        score, block = scores[i], blocks[i]
        if block.kind == CAPTION:
            continue
        if (score is not None and score > 0) or legal.is_legal_line(block.text):
            if stretches and stretches[-1][-1] == _previous(blocks, i, start):
                stretches[-1].append(i)
            else:
                stretches.append([i])
    while stretches:
        last = stretches[-1]
        cut = legal.legal_cut([blocks[i].text for i in last])
        if not cut:
            break
        del last[len(last) - cut:]
        if not last:
            stretches.pop()
    while stretches:
        first = stretches[0]
        cut = legal.legal_cut([blocks[i].text for i in reversed(first)])
        if not cut:
            break
        del first[:cut]
        if not first:
            stretches.pop(0)
    return (stretches[0][0], stretches[-1][-1] + 1) if stretches else None


def _previous(blocks: tuple[Block, ...], index: int, start: int) -> int:
    """The index of the block before ``index`` that is not a caption (or ``start - 1``)."""
    index -= 1
    while index >= start and blocks[index].kind == CAPTION:
        index -= 1
    return index


def keep_main_run(state: State) -> State:
    """In a full-page dump keep the main run of prose (the lines above it as ``lead_in``,
    the captions among them in the body, for ``images``)."""
    blocks = state.blocks
    if state.extracted or not blocks:
        return state
    start, end = main_span(blocks)
    if start == end or len(blocks) - (end - start) < FULL_PAGE_OUTSIDE:
        return replace(state, blocks=tuple(b for b in blocks if b.kind != BARRIER))
    above = blocks[max(0, start - LEAD_IN_LINES): start]
    lead_in = tuple(b for b in above if b.kind == PARA)
    # the lead photo's caption sits just above the first paragraph: it goes to images later
    body = (*(b for b in above if b.kind == CAPTION), *(b for b in blocks[start:end]
                                                        if _keep_inside(b)))
    return replace(state, blocks=body, lead_in=lead_in, full_page=True)


def _keep_inside(block: Block) -> bool:
    return block.kind in (PARA, HEADING, CAPTION)


def drop_repeats(state: State) -> State:
    """In a full page, a paragraph seen before (or a teaser cut from one) is a repeat."""
    if not state.full_page:
        return state
    seen: list[str] = []
    kept = []
    for block in state.blocks:
        key = " ".join(_WORD.findall(block.text.lower()))
        stem = key if not block.text.endswith(_TRUNCATED) else key.rsplit(" ", 1)[0]
        if key and (key in seen or (stem != key and any(s.startswith(stem) for s in seen))):
            continue
        seen.append(key)
        kept.append(block)
    return replace(state, blocks=_without_compilations(tuple(kept)))


def _without_compilations(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A block that is mostly the other blocks' text run together (the whole article again
    on one line) is a repeat too; the longest goes first, so the paragraphs stay."""
    shingles = [_shingles(b.text) for b in blocks]
    blocks_with = Counter(s for block_shingles in shingles for s in block_shingles)
    dropped: set[int] = set()
    for i in sorted(range(len(blocks)), key=lambda i: -len(shingles[i])):
        if len(shingles[i]) < COMPILATION_SHINGLES:
            break
        elsewhere = sum(blocks_with[s] > 1 for s in shingles[i])
        if elsewhere >= COMPILATION_SHARE * len(shingles[i]):
            dropped.add(i)
            blocks_with.subtract(shingles[i])
    return tuple(b for i, b in enumerate(blocks) if i not in dropped)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}
