"""Where each report came from: which agency it credits, and which reports copy or reword
another (or the same wire story), with the near-duplicate measures behind each label.

Measures for a pair of reports:
- ``containment``: shared word 3-grams over the 3-grams of the shorter report (copying);
- ``coverage``: per report, the share of its sentences that have a counterpart (cosine at or
  above ``ALIGNED``: the same sentence reworded) in the other report.
Labels: "copy" (containment >= 0.7); "rewrite" (one report's coverage >= 0.7 and clearly
above the other's, with word runs in common: containment >= ``REWORDED``; two outlets telling
one event in their own words share sentences of like meaning, not runs of words; with few
runs in common, below ``KEPT``, the rewrite retells at least half of the original: a brief
that tells a few sentences of a long report in its own words is a report of its own); "same
wire story" (both credit an agency in common and share sentences, coverage >= 0.3);
"independent" otherwise. Quotations are left out of every measure (two
reports quoting one statement or one tweet copy neither), and a report of fewer than
``FEWEST`` sentences of its own words is derived from nothing. Of a copy or a rewrite, the
later report is derived from the earlier (dates the build inferred, not the reports' own,
tell nothing), unless a later copy is clearly the more complete (then the two carry the same
wire story: a cut copy is no original of the whole); of two of one day, the one that
republishes or else the less complete one (copy), the less complete one (rewrite). The story
page shows each derived report once, from its closest original (``lineage``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.compare.align import ALIGNED, Sentence, Space
from generator.model import Article, day_of, sort_key

AGENCIES = {
    "Reuters": r"Reuters", "AFP": r"AFP|Agence France[- ]Presse", "AP": r"AP|Associated Press",
    "Bloomberg": r"Bloomberg", "dpa": r"dpa|DPA", "Xinhua": r"Xinhua", "IRNA": r"IRNA",
    "ANI": r"ANI", "PTI": r"PTI", "EFE": r"EFE", "ANSA": r"ANSA", "Kyodo": r"Kyodo",
    "Yonhap": r"Yonhap", "TASS": r"TASS", "Anadolu": r"Anadolu", "UPI": r"UPI",
}
COPY, REWRITE, SAME_WIRE, INDEPENDENT = "copy", "rewrite", "same wire story", "independent"
REWORDED = 0.2  # containment of a rewrite, at least: it keeps runs of the original's words
KEPT = 0.3  # containment below which a rewrite must retell half of the original's sentences
RETOLD = 0.5  # that half
SHORTER = 0.9  # share of the other's words below which a copy is the cut one
FEWEST = 3  # sentences of a report's own words (not quotations) to tell where it came from
OWN_WORDS = 4  # words outside quotation marks that make a sentence the report's own
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


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
    shown: bool = True  # the story page names it (``lineage``)


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
    own = [[row for row, s in enumerate(report) if _own_words(s.text) >= OWN_WORDS]
           for report in reports]
    shingles = [_shingles(" ".join(_QUOTED.sub(" ", report[row].text) for row in rows))
                for report, rows in zip(reports, own, strict=True)]
    relations: list[Relation] = []
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            coverage = (_coverage(story_space, i, j, own[i]), _coverage(story_space, j, i, own[j]))
            relations.append(_relation(i, j, sources, _containment(shingles[i], shingles[j]),
                                       coverage, story_space, (articles[i], articles[j]),
                                       (len(own[i]), len(own[j]))))
    derived = {r.derived for r in relations if r.derived}
    candidates = [s for s in sources if s.slug not in derived] or list(sources)
    original = max(candidates, key=lambda s: s.sentences).slug
    first = sorted(range(len(articles)), key=lambda k: (sort_key(articles[k].date),
                                                        -sources[k].sentences, sources[k].slug))
    return Provenance(sources, lineage(relations, [sources[k].slug for k in first]), original)


def lineage(relations: Sequence[Relation], oldest: Sequence[str]) -> tuple[Relation, ...]:
    """The relations with ``shown`` set on those the story page names: each derived report
    from its one closest original (a copy before a rewrite, then the most wording in
    common, then the earliest original: ``oldest`` lists the reports by date, then the most
    complete first), never in a circle (A from B, B from C, C from A); the same wire story
    of two reports no line already joins. Eleven copies of one wire text are ten lines, not
    the fifty-five pairs they make."""
    rank = {slug: k for k, slug in enumerate(oldest)}
    closest = sorted((r for r in relations if r.derived),
                     key=lambda r: (r.relation != COPY, -r.containment,
                                    rank.get(r.original or "", len(rank))))
    source_of: dict[str, str] = {}
    for r in closest:
        assert r.derived is not None and r.original is not None
        if r.derived in source_of or r.derived in _ancestry(source_of, r.original):
            continue
        source_of[r.derived] = r.original
    family = {slug: _ancestry(source_of, slug)[-1] for pair in source_of.items()
              for slug in pair}
    shown: list[Relation] = []
    for r in relations:
        if r.derived:
            keep = source_of.get(r.derived) == r.original
        else:
            keep = r.relation != INDEPENDENT and (
                r.first not in family or family[r.first] != family.get(r.second))
        shown.append(replace(r, shown=keep))
    return tuple(shown)


def _ancestry(source_of: dict[str, str], slug: str) -> list[str]:
    """``slug``, then the report it is shown from, and so on to an original (the sources
    chosen so far make no circle)."""
    chain = [slug]
    while chain[-1] in source_of:
        chain.append(source_of[chain[-1]])
    return chain


def _later(a: Article, b: Article) -> str | None:
    """The report of a later day than the other, if one is and both dates are the reports'
    own (an inferred date, the day a report was found, says nothing of when it was out)."""
    if a.date_inferred or b.date_inferred:
        return None
    day_a, day_b = day_of(a.date), day_of(b.date)
    return None if day_a == day_b else (a.slug if day_a > day_b else b.slug)


def _cut(a: Article, b: Article) -> str | None:
    """The clearly less complete of two reports (below ``SHORTER`` of the other's words),
    if one is: a copy cut short is no original of the whole."""
    words_a, words_b = len(a.body.split()), len(b.body.split())
    if min(words_a, words_b) >= SHORTER * max(words_a, words_b):
        return None
    return a.slug if words_a < words_b else b.slug


def _own_words(text: str) -> int:
    """Words of a sentence outside quotation marks."""
    return len(_QUOTED.sub(" ", text).split())


def _republisher(a: Article, b: Article) -> str:
    """Of two copies of one day (or of unknown days), the one that republishes: it names
    another outlet as its source (a publisher other than the source), else the clearly less
    complete one (a copy cut short is not the original of the whole: ``SHORTER``), else the
    later, else the second."""
    republishes = [x for x in (a, b) if x.publisher and x.publisher != x.source]
    if len(republishes) == 1:
        return republishes[0].slug
    cut = _cut(a, b)
    if cut is not None:
        return cut
    return a.slug if sort_key(a.date) > sort_key(b.date) else b.slug


def _relation(i: int, j: int, sources: Sequence[ReportSource], containment: float,
              coverage: tuple[float, float], story_space: Space,
              pair: tuple[Article, Article], own: tuple[int, int]) -> Relation:
    """How reports ``i`` and ``j`` relate (``containment`` and ``coverage`` of their own
    words and sentences; ``own``: how many sentences of its own words each has)."""
    first, second = sources[i], sources[j]
    cosine = round(story_space.report_similarity(i, j), 3)
    shared_agency = bool(set(first.credits) & set(second.credits))
    derived: str | None = None
    telling = min(own) >= FEWEST
    if telling and containment >= 0.7:
        later = _later(*pair)
        if later is not None and _cut(*pair) not in (None, later):
            label = SAME_WIRE  # the earlier is the later one's text cut: both carry one text
        else:
            label, derived = COPY, later or _republisher(*pair)
    elif (telling and max(coverage) >= 0.7 and abs(coverage[0] - coverage[1]) >= 0.1
          and containment >= REWORDED and (containment >= KEPT or min(coverage) >= RETOLD)):
        label = REWRITE
        derived = _later(*pair) or (first.slug if coverage[0] > coverage[1] else second.slug)
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


def _coverage(story_space: Space, i: int, j: int, rows: Sequence[int]) -> float:
    """The share of report ``i``'s own sentences (``rows``) with a counterpart in ``j``."""
    matches = story_space.best(i, j)
    if not rows:
        return 0.0
    return sum(1 for row in rows if matches[row][1] >= ALIGNED) / len(rows)
