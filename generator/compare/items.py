"""The items a story comparison is made of, and the per-report analysis they come from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from generator.compare.align import Sentence, Space, space
from generator.compare.facts import Fact, facts
from generator.compare.names import Name, name_vocabulary, names
from generator.model import Article, day_of


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a fact or quotation appears: report, sentence id (HTML anchor), exact sentence,
    the words as written (``text``) and the normalised value compared (``value``)."""

    slug: str
    sentence_id: str
    sentence: str
    text: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class AgreedFact:
    """A fact every report states: kind "quantity", "date", "name" or "quote"."""

    kind: str
    key: str
    label: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Dispute:
    """Reports giving the same quantity, date or name differently. Kind "quantity", "date" or
    "name" is a dispute of substance; kind "variant" is a spelling variant of one name."""

    kind: str
    about: str
    sides: tuple[Mention, ...]
    # "conflict", "figures_differ" (bounds, a rising toll), "correction"; "spelling" (variant)
    relation: str = "conflict"


T = TypeVar("T")


def across_reports(per_report: Sequence[list[T]]) -> Iterator[tuple[T, T, list[T], list[T]]]:
    """Every pair of items of two different reports, earlier report first: (one, other,
    all of one's report, all of other's), for the rules that read the rest of each report."""
    for i, mine in enumerate(per_report):
        for theirs in per_report[i + 1:]:
            for a in mine:
                for b in theirs:
                    yield a, b, mine, theirs


def one_per_values(found: Sequence[Dispute]) -> list[Dispute]:
    """One dispute per set of values told, the first found (the first pair of sentences
    telling it), in order."""
    seen: set[frozenset[str]] = set()
    kept = []
    for dispute in found:
        values = frozenset(m.value for m in dispute.sides)
        if values not in seen:
            seen.add(values)
            kept.append(dispute)
    return kept


@dataclass(frozen=True, slots=True)
class UniqueItem:
    """What one report carries and no other does: a whole sentence (kind "sentence"), or
    details (numbers, dates, names) inside a sentence the others also report ("detail")."""

    kind: str
    sentence_id: str
    sentence: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """A quotation, who said it, in which reports, and how the wording differs from the
    first report's (``changes``: per other report, (words in first, words in this))."""

    speaker: str | None
    quote: str
    mentions: tuple[Mention, ...]
    same_wording: bool
    changes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Every report of a story split into sentences, with the facts and names of each."""

    articles: tuple[Article, ...]
    sentences: tuple[tuple[Sentence, ...], ...]
    facts: tuple[tuple[tuple[Fact, ...], ...], ...]  # [report][sentence]
    names: tuple[tuple[tuple[Name, ...], ...], ...]
    space: Space
    known_names: frozenset[str]

    @cached_property
    def name_keys(self) -> tuple[frozenset[str], ...]:
        """The distinct keys of the names of each report."""
        return tuple(frozenset(n.key for sentence_names in report for n in sentence_names)
                     for report in self.names)

    def mention(self, report: int, row: int, text: str, value: str = "") -> Mention:
        """A Mention of sentence ``row`` of report ``report``."""
        sentence = self.sentences[report][row]
        return Mention(sentence.slug, sentence.sentence_id, sentence.text, text, value)


def analyse(articles: Sequence[Article], sentences: Sequence[tuple[Sentence, ...]]
            ) -> Analysis:
    """Facts and names of every sentence of every report, and the story's similarity space."""
    known_names = name_vocabulary([s.text for report in sentences for s in report])
    # copies and wire rewrites repeat sentences: each distinct one is analysed once
    facts_of: dict[tuple[str, dt.date], tuple[Fact, ...]] = {}
    names_of: dict[str, tuple[Name, ...]] = {}
    for article, report in zip(articles, sentences, strict=True):
        for sentence in report:
            key = (sentence.text, day_of(article.date))
            if key not in facts_of:
                facts_of[key] = tuple(facts(*key))
            if sentence.text not in names_of:
                names_of[sentence.text] = tuple(names(sentence.text, known_names))
    found_facts = tuple(tuple(facts_of[(s.text, day_of(a.date))] for s in report)
                        for a, report in zip(articles, sentences, strict=True))
    found_names = tuple(tuple(names_of[s.text] for s in report) for report in sentences)
    return Analysis(tuple(articles), tuple(sentences), found_facts, found_names,
                    space(sentences), known_names)
