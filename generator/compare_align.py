"""Sentences of each report, and which sentences of two reports say the same thing.

Similarity is TF-IDF cosine over character n-grams within word boundaries, fitted on the
sentences of one story only: it tolerates plurals and inflections ("office"/"offices",
"captured"/"captures") that a rewrite introduces, needs no model and is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer

from generator.model import Article
from generator.sentences import paragraphs, sentence_id, sentence_spans

# Cosine at or above which two sentences are taken to report the same thing.
ALIGNED = 0.45
# Below this against every sentence of every other report, a sentence is "only in" its report.
UNMATCHED = 0.3

Matrix = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a report: where it is (``sentence_id`` is its HTML id) and its text."""

    slug: str
    sentence_id: str
    text: str
    paragraph: int
    index: int  # position among the report's sentences


def article_sentences(article: Article) -> tuple[Sentence, ...]:
    """Every sentence of an article body, numbered like the anchors on its page."""
    found: list[Sentence] = []
    for p, text in enumerate(paragraphs(article.body)):
        for k, (start, end) in enumerate(sentence_spans(text)):
            found.append(Sentence(article.slug, sentence_id(p, k), text[start:end], p,
                                  len(found)))
    return tuple(found)


@dataclass(frozen=True)
class Space:
    """The TF-IDF space fitted on one story's sentences, and every cross-report matrix."""

    vectorizer: TfidfVectorizer
    matrices: dict[tuple[int, int], Matrix]
    # best_match per report pair, computed once: the comparison asks for it per sentence
    _best: dict[tuple[int, int], list[tuple[int, float]]] = field(
        default_factory=dict, repr=False, compare=False)
    _vectors: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def best(self, i: int, j: int) -> list[tuple[int, float]]:
        """``best_match`` for reports ``i`` and ``j``, memoised for this story."""
        if (i, j) not in self._best:
            self._best[(i, j)] = best_match(self.matrices, i, j)
        return self._best[(i, j)]

    def text_similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two texts in this story's space (each text vectorised once:
        whole reports and target sentences recur across pairs)."""
        missing = [text for text in dict.fromkeys((a, b)) if text not in self._vectors]
        if missing:
            for text, row in zip(missing, self.vectorizer.transform(missing), strict=True):
                self._vectors[text] = row
        return float((self._vectors[a] @ self._vectors[b].T).toarray()[0, 0])


def space(reports: Sequence[Sequence[Sentence]]) -> Space:
    """Fit the story's TF-IDF space and compute the sentence similarity matrices."""
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                 lowercase=True)
    texts = [s.text for report in reports for s in report] or [" "]
    vectorizer.fit(texts)
    return Space(vectorizer, similarity(reports, vectorizer))


def similarity(reports: Sequence[Sequence[Sentence]], vectorizer: TfidfVectorizer
               ) -> dict[tuple[int, int], Matrix]:
    """Cosine similarity of every sentence pair across two reports, for each report pair i<j."""
    texts = [s.text for report in reports for s in report]
    if not texts:
        return {}
    vectors = vectorizer.transform(texts)
    offsets = np.cumsum([0] + [len(report) for report in reports])
    result: dict[tuple[int, int], Matrix] = {}
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            rows = vectors[offsets[i]:offsets[i + 1]]
            cols = vectors[offsets[j]:offsets[j + 1]]
            result[(i, j)] = np.asarray((rows @ cols.T).toarray(), dtype=np.float64)
    return result


def pair_matrix(sims: dict[tuple[int, int], Matrix], i: int, j: int) -> Matrix:
    """The similarity matrix with report ``i``'s sentences as rows, ``j``'s as columns."""
    return sims[(i, j)] if i < j else sims[(j, i)].T


def best_match(sims: dict[tuple[int, int], Matrix], i: int, j: int) -> list[tuple[int, float]]:
    """For each sentence of report ``i``, its most similar sentence in ``j`` and the score."""
    matrix = pair_matrix(sims, i, j)
    if matrix.shape[1] == 0:
        return [(-1, 0.0)] * matrix.shape[0]
    best = matrix.argmax(axis=1)
    return [(int(col), float(matrix[row, col])) for row, col in enumerate(best)]


def aligned_pairs(sims: dict[tuple[int, int], Matrix], i: int, j: int,
                  threshold: float = ALIGNED) -> list[tuple[int, int, float]]:
    """Sentence pairs (row in ``i``, row in ``j``, score) at or above the threshold, where
    each is the other's best match or both are well above the threshold."""
    matrix = pair_matrix(sims, i, j)
    pairs: list[tuple[int, int, float]] = []
    if matrix.size == 0:
        return pairs
    row_best, col_best = matrix.argmax(axis=1), matrix.argmax(axis=0)
    for row, col in zip(*np.nonzero(matrix >= threshold), strict=True):
        score = float(matrix[row, col])
        if row_best[row] == col or col_best[col] == row:
            pairs.append((int(row), int(col), score))
    return pairs
