"""Where each report came from: which agency it credits, and which reports copy or reword
another (or the same wire story), with the near-duplicate measures behind each label.

Measures for a pair of reports:
- ``containment``: shared word 3-grams over the 3-grams of the shorter report (copying);
- ``coverage``: per report, the share of its sentences that have a counterpart (cosine at or
  above ``UNMATCHED``) in the other report (rewording keeps the sentences, not the words).
Labels: "copy" (containment >= 0.7); "rewrite" (one report's coverage >= 0.7 and clearly
above the other's: the covered one is derived from the other); "same wire story" (both
credit an agency in common and share sentences, coverage >= 0.3); "independent" otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.compare_align import UNMATCHED, Sentence, Space
from generator.model import Article, sort_key

AGENCIES = {
    "Reuters": r"Reuters", "AFP": r"AFP|Agence France[- ]Presse", "AP": r"AP|Associated Press",
    "Bloomberg": r"Bloomberg", "dpa": r"dpa|DPA", "Xinhua": r"Xinhua", "IRNA": r"IRNA",
    "ANI": r"ANI", "PTI": r"PTI", "EFE": r"EFE", "ANSA": r"ANSA", "Kyodo": r"Kyodo",
    "Yonhap": r"Yonhap", "TASS": r"TASS", "Anadolu": r"Anadolu", "UPI": r"UPI",
}
COPY, REWRITE, SAME_WIRE, INDEPENDENT = "copy", "rewrite", "same wire story", "independent"


@dataclass(frozen=True, slots=True)
class ReportSource:
    """One report's origin: outlet, publisher, and the agencies its text credits."""

    slug: str
    source: str
    publisher: str | None
    credits: tuple[str, ...]
    sentences: int


@dataclass(frozen=True, slots=True)
class Relation:
    """How two reports relate, with the measures behind the label."""

    first: str
    second: str
    relation: str
    similarity: float  # whole-text TF-IDF cosine
    containment: float
    coverage: tuple[float, float]  # (first's sentences found in second, second's in first)
    derived: str | None = None  # for copy/rewrite: the report that copies or rewords
    original: str | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Sources of every report, every pairwise relation, and the most complete original."""

    reports: tuple[ReportSource, ...]
    relations: tuple[Relation, ...]
    original: str


def credits(article: Article) -> tuple[str, ...]:
    """Agencies a report credits: its source field if an agency, then those its text names."""
    found: list[tuple[int, str]] = []
    text = f"{article.source}\n{article.body}"
    for name, pattern in AGENCIES.items():
        if not re.search(pattern, text):  # a quick scan first: the bounded search is slow
            continue
        match = re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", text)
        if match:
            found.append((match.start(), name))
    return tuple(name for _, name in sorted(found))


def provenance(articles: Sequence[Article], reports: Sequence[Sequence[Sentence]],
               story_space: Space) -> Provenance:
    """Credits of each report, the relation of each pair, and the most complete original."""
    sources = tuple(ReportSource(a.slug, a.source, a.publisher, credits(a), len(r))
                    for a, r in zip(articles, reports, strict=True))
    shingles = [_shingles(" ".join(s.text for s in report)) for report in reports]
    relations: list[Relation] = []
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            relations.append(_relation(i, j, sources, shingles, story_space,
                                       _republisher(articles[i], articles[j])))
    derived = {r.derived for r in relations if r.derived}
    candidates = [s for s in sources if s.slug not in derived] or list(sources)
    original = max(candidates, key=lambda s: s.sentences).slug
    return Provenance(sources, tuple(relations), original)


def _republisher(a: Article, b: Article) -> str:
    """Of two copies, the one that republishes: it names another outlet as its source (a
    publisher other than the source), else the later one, else the second."""
    republishes = [x for x in (a, b) if x.publisher and x.publisher != x.source]
    if len(republishes) == 1:
        return republishes[0].slug
    return a.slug if sort_key(a.date) > sort_key(b.date) else b.slug


def _relation(i: int, j: int, sources: Sequence[ReportSource],
              shingles: Sequence[set[tuple[str, ...]]], story_space: Space,
              republisher: str) -> Relation:
    """How reports ``i`` and ``j`` relate; ``shingles``: the word 3-grams of each report."""
    first, second = sources[i], sources[j]
    containment = _containment(shingles[i], shingles[j])
    coverage = (_coverage(story_space, i, j), _coverage(story_space, j, i))
    cosine = round(story_space.report_similarity(i, j), 3)
    shared_agency = bool(set(first.credits) & set(second.credits))
    derived: str | None = None
    if containment >= 0.7:
        label, derived = COPY, republisher
    elif max(coverage) >= 0.7 and abs(coverage[0] - coverage[1]) >= 0.1:
        label = REWRITE
        derived = first.slug if coverage[0] > coverage[1] else second.slug
    elif shared_agency and max(coverage) >= 0.3:
        label = SAME_WIRE
    else:
        label = INDEPENDENT
    original = None if derived is None else (second.slug if derived == first.slug
                                             else first.slug)
    return Relation(first.slug, second.slug, label, cosine, round(containment, 3),
                    (round(coverage[0], 3), round(coverage[1], 3)), derived, original)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return set(zip(words, words[1:], words[2:], strict=False))


def _containment(shingles_a: set[tuple[str, ...]], shingles_b: set[tuple[str, ...]]) -> float:
    smaller = min(len(shingles_a), len(shingles_b))
    return len(shingles_a & shingles_b) / smaller if smaller else 0.0


def _coverage(story_space: Space, i: int, j: int) -> float:
    matches = story_space.best(i, j)
    if not matches:
        return 0.0
    return sum(1 for _, score in matches if score >= UNMATCHED) / len(matches)
