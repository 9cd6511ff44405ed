"""What only one report says: sentences no other report gives in any wording, and details
(figures, dates, names) no other report states inside sentences the others also tell.

A sentence is only in one report when no other report has a sentence close to it (cosine
below ``UNMATCHED``, nor folded into a neighbour's counterpart) and most of its content
words appear in no other report (``REWORDED``: a fact told in other words elsewhere is not
one report's own). What is no fact is never listed: a sentence of fewer than ``SHORTEST``
words, one addressed to the reader ("Please try again later."), a paragraph with a photo
credit (a caption), a line without an end
(a heading or scraping debris). A report's items are ranked by how much they tell (its
figures and dates no other report gives count twice, its names once; then length), at most
``MOST`` of them, listed in the report's order.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from generator.compare_align import UNMATCHED
from generator.compare_claims import is_claim
from generator.compare_facts import DATE, QUANTITY, STOPWORDS, Fact, same_value, stem
from generator.compare_items import Analysis, UniqueItem
from generator.compare_names import NameIndex

MOST = 5  # items per report, at most
DISTINCTIVE = 100  # a whole figure this large is the same figure wherever it is told
SHORTEST = 6  # words of a sentence that tells a fact
REWORDED = 0.6  # share of a sentence's content words found in other reports: told elsewhere
_CONTENT = re.compile(r"[A-Za-z][A-Za-z’'-]{2,}")
_TO_READER = re.compile(r"\b(?:you|your|yours)\b|^\s*(?:please|click|tap|sign up|subscribe|"
                        r"try again|log in|read more|follow us)\b", re.IGNORECASE)
_ENDED = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_CREDIT = re.compile(r"\b(?:photo|image|picture|video|credit)s?\s*(?::|/|by\b)|\bAP Photo\b"
                     r"|/\s?(?:Getty Images|Reuters|AFP|AP|EPA)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The lowercased words of one report, and their stems."""

    words: frozenset[str]
    stems: frozenset[str]


def vocabularies(analysis: Analysis) -> list[Vocabulary]:
    """The vocabulary of each report of the story."""
    found: list[Vocabulary] = []
    for report in analysis.sentences:
        words = frozenset(w.lower() for w in re.findall(r"\w+", "\n".join(s.text for s in report)))
        found.append(Vocabulary(words, frozenset(map(stem, words))))
    return found


def unique_items(analysis: Analysis, report: int, disputed: set[tuple[str, str]],
                 vocabulary: Sequence[Vocabulary]) -> list[UniqueItem]:
    """The items only report ``report`` gives (see the module's text). ``vocabulary``: of
    each report (``vocabularies``); ``disputed``: (slug, value) of disputed sides."""
    others = [j for j in range(len(analysis.articles)) if j != report]
    best = [analysis.space.best(report, j) for j in others]
    other_words: set[str] = set().union(*(vocabulary[j].words for j in others))
    other_stems: set[str] = set().union(*(vocabulary[j].stems for j in others))
    named_elsewhere = _named_elsewhere(analysis, report, others)
    ranked: list[tuple[int, int, UniqueItem]] = []
    credited = {s.paragraph for s in analysis.sentences[report] if _CREDIT.search(s.text)}
    for row, sentence in enumerate(analysis.sentences[report]):
        if sentence.paragraph in credited or not _tells(analysis, report, row):
            continue
        details = _details(analysis, report, row, others, disputed,
                           (other_words, named_elsewhere))
        if all(b[row][1] < UNMATCHED for b in best) and not _merged(analysis, report, row):
            if reworded(sentence.text, other_stems):
                continue
            item = UniqueItem("sentence", sentence.sentence_id, sentence.text, details)
        elif details:
            item = UniqueItem("detail", sentence.sentence_id, sentence.text, details)
        else:
            continue
        ranked.append((-_weight(analysis, report, row, details), -len(sentence.text.split()),
                       item))
    chosen = {id(item) for *_, item in sorted(ranked, key=lambda r: r[:2])[:MOST]}
    return [item for *_, item in ranked if id(item) in chosen]  # in the report's order


def _weight(analysis: Analysis, report: int, row: int, details: Sequence[str]) -> int:
    """How much an item tells: two for each figure or date only it gives, one for each
    such name."""
    figures = {f.phrase for f in analysis.facts[report][row]}
    return sum(2 if detail in figures else 1 for detail in details)


def _tells(analysis: Analysis, report: int, row: int) -> bool:
    """The sentence can hold a fact: long enough, ended, and not addressed to the reader
    ("Please try again later.", "Click here to subscribe.": a page's, not the news)."""
    text = analysis.sentences[report][row].text
    return (len(text.split()) >= SHORTEST and bool(_ENDED.search(text))
            and not _TO_READER.search(text))


def reworded(text: str, other_stems: Collection[str]) -> bool:
    """Most of the sentence's content words are in other reports: told there in other
    sentences or words, so not this report's alone."""
    content = [stem(w) for w in _CONTENT.findall(text) if w.lower() not in STOPWORDS]
    return bool(content) and sum(w in other_stems for w in content) >= REWORDED * len(content)


def _merged(analysis: Analysis, report: int, row: int) -> bool:
    """A sentence another report folded into its neighbour's counterpart ("X did A. He did
    B." / "X did A and B."): adding it to the neighbour brings them clearly closer."""
    sentences = analysis.sentences[report]
    for j in range(len(analysis.articles)):
        if j == report:
            continue
        matches = analysis.space.best(report, j)
        for neighbour in (row - 1, row + 1):
            if not 0 <= neighbour < len(sentences) or matches[neighbour][1] < UNMATCHED:
                continue
            joined = analysis.space.joined_similarity(report, min(neighbour, row), j,
                                                      matches[neighbour][0])
            if joined > matches[neighbour][1] + 0.05:
                return True
    return False


def _named_elsewhere(analysis: Analysis, report: int, others: Sequence[int]) -> set[str]:
    """The keys of the report's names that another report names too (in any of its forms)."""
    index = NameIndex.of(set().union(*(analysis.name_keys[j] for j in others)))
    return {key for key in analysis.name_keys[report] if index.names(key)}


def _details(analysis: Analysis, report: int, row: int, others: Sequence[int],
             disputed: set[tuple[str, str]], elsewhere: tuple[set[str], set[str]]
             ) -> tuple[str, ...]:
    """Numbers and dates no other report states, and names whose words no other report uses
    (so "Ministry of Defense" / "the defence ministry" is not a detail). ``elsewhere``: the
    words of the other reports, and the keys of this report's names they name."""
    other_words, named_elsewhere = elsewhere
    slug = analysis.sentences[report][row].slug
    details: list[str] = []
    sentence = analysis.sentences[report][row].text
    for fact in analysis.facts[report][row]:
        if (slug, fact.key) in disputed or not is_claim(sentence, fact):
            continue  # disputed, or a time of day, a year, a score: no fact of its own
        if all(find_fact(analysis, j, fact, counterparts(analysis, report, row, j)) is None
               for j in others):
            details.append(fact.phrase)
    for name in analysis.names[report][row]:
        if (slug, name.key) in disputed or name.key in named_elsewhere:
            continue
        if not set(re.findall(r"\w+", name.key)) <= other_words:
            details.append(name.text)
    return tuple(dict.fromkeys(details))


def find_fact(analysis: Analysis, report: int, fact: Fact, aligned_rows: set[int]
              ) -> tuple[int, Fact] | None:
    """Where another report states the same fact (same date; same quantity about the same
    thing, or in a corresponding sentence)."""
    for row, sentence_facts in enumerate(analysis.facts[report]):
        for other in sentence_facts:
            if other.kind != fact.kind:
                continue
            if fact.kind == DATE and other.key == fact.key:
                return row, other
            if fact.kind == QUANTITY and same_value(fact, other) and (
                    set(fact.counted) & set(other.counted) or row in aligned_rows
                    or (fact.dimension and not (fact.counted and other.counted))
                    or _distinctive(fact)):
                return row, other
    return None


def _distinctive(fact: Fact) -> bool:
    """A figure no two things of a story are likely to share: 293,000 or 7.6, not 12."""
    return fact.value >= DISTINCTIVE or fact.value != int(fact.value)


def counterparts(analysis: Analysis, report: int, row: int, other: int) -> set[int]:
    """The sentence of report ``other`` that corresponds to ``row``, if any."""
    col, score = analysis.space.best(report, other)[row]
    return {col} if score >= UNMATCHED else set()


__all__ = ["Vocabulary", "counterparts", "find_fact", "reworded", "unique_items",
           "vocabularies"]
