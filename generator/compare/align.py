"""Sentences of each report, and which sentences of two reports say the same thing.

Similarity is TF-IDF cosine over character n-grams within word boundaries, fitted on the
sentences of one story only: it tolerates plurals and inflections ("office"/"offices",
"captured"/"captures") that a rewrite introduces, needs no model and is deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
from markdown_it import MarkdownIt
from numpy.typing import NDArray

from generator.model import Article
from generator.sentences import Paragraph, paragraphs, sentence_id, sentence_spans
from generator.sparse import sp
from generator.tfidf import smooth_idf, weigh_row, weighted

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


def article_sentences(article: Article, parser: MarkdownIt | None = None
                      ) -> tuple[Sentence, ...]:
    """Every sentence of an article body, numbered like the anchors on its page (``parser``:
    a ``paragraph_parser()`` to reuse)."""
    return sentences_of(article.slug, [(text, sentence_spans(text))
                                       for text in paragraphs(article.body, parser)])


def sentences_of(slug: str, found: Sequence[Paragraph]) -> tuple[Sentence, ...]:
    """The sentences of report ``slug`` from its paragraphs, as ``article_sentences`` gives
    them; ``found`` is what rendering its page recorded (``sentences.PARAGRAPHS``)."""
    made: list[Sentence] = []
    for p, (text, spans) in enumerate(found):
        for k, (start, end) in enumerate(spans):
            made.append(Sentence(slug, sentence_id(p, k), text[start:end], p, len(made)))
    return tuple(made)


@dataclass(frozen=True)
class Space:
    """One story's sentences in a TF-IDF space: every cross-report sentence similarity matrix,
    each sentence pair "k and k+1" of a report against any sentence, and whole reports
    against each other."""

    matrices: dict[tuple[int, int], Matrix]
    offsets: tuple[int, ...]  # index in ``rows`` of each report's first sentence
    rows: tuple[int, ...]  # row in ``sentences`` of each sentence, report by report
    counts: Any  # csr n-gram counts of each distinct sentence (then of each whole report)
    idf: Any  # the IDF fitted on the sentences, one per n-gram
    sentences: Any  # csr tf-idf vector of each distinct sentence
    reports: Matrix  # whole-report cosine, report by report
    # best_match per report pair, computed once: the comparison asks for it per sentence
    _best: dict[tuple[int, int], list[tuple[int, float]]] = field(
        default_factory=dict, repr=False, compare=False)
    # the dense tf-idf vector of each sentence pair asked for, by (report, first sentence)
    _joined: dict[tuple[int, int], Matrix] = field(
        default_factory=dict, repr=False, compare=False)

    def best(self, i: int, j: int) -> list[tuple[int, float]]:
        """``best_match`` for reports ``i`` and ``j``, memoised for this story."""
        if (i, j) not in self._best:
            self._best[(i, j)] = best_match(self.matrices, i, j)
        return self._best[(i, j)]

    def joined_similarity(self, report: int, first: int, other: int, col: int) -> float:
        """Cosine of sentences ``first`` and ``first + 1`` of ``report`` joined by a space, and
        sentence ``col`` of report ``other``. The comparison asks for few pairs (a fifth of
        them in the bench's stories): each pair's vector is made when first asked for
        (``joined_vector``), not with the sentences'."""
        if (report, first) not in self._joined:
            row = self.offsets[report] + first
            self._joined[(report, first)] = joined_vector(
                self.counts, self.idf, self.rows[row], self.rows[row + 1])
        return _dot(self._joined[(report, first)], self.sentences,
                    self.rows[self.offsets[other] + col])

    def report_similarity(self, i: int, j: int) -> float:
        """Cosine of the whole texts (sentences joined by spaces) of reports ``i`` and ``j``."""
        return float(self.reports[i, j])


def space(reports: Sequence[Sequence[Sentence]]) -> Space:
    """Fit the story's TF-IDF space and compute the similarities the comparison uses.

    Each text is a bag of character n-grams taken word by word, so the counts of sentences
    joined by spaces are the sums of their counts: the sentences are analysed once, and the
    whole reports are weighted like them in one pass (``tfidf``). The weights and cosines are
    the same floats ``TfidfVectorizer.transform`` of each text gives. Sentence pairs are
    compared on demand (``Space.joined_similarity``): the comparison asks for few of them.
    """
    texts = [s.text for report in reports for s in report]
    distinct = {text: k for k, text in enumerate(dict.fromkeys(texts))}
    rows = [distinct[text] for text in texts]  # copies repeat sentences: each counted once
    offsets = tuple(int(n) for n in np.cumsum([0, *(len(report) for report in reports)]))
    whole = [rows[offsets[r]:offsets[r + 1]] for r in range(len(reports))]
    counts = ngram_counts(list(distinct), [[k] for k in range(len(distinct))] + whole)
    idf = smooth_idf(counts, np.bincount(rows, minlength=len(distinct)))
    vectors = weighted(counts, idf)
    sentences, reports_ = vectors[:len(distinct)], vectors[len(distinct):]
    return Space(_blocks(_product(sentences, sentences)[np.ix_(rows, rows)], offsets),
                 offsets, tuple(rows), counts, idf, sentences,
                 _product(reports_, reports_))


def joined_vector(counts: Any, idf: Any, first: int, second: int) -> Matrix:
    """The tf-idf vector, dense, of rows ``first`` and ``second`` of csr ``counts`` joined
    by a space (their counts summed): the floats ``sublinear_tfidf`` gives that row among
    others (the same operations, column by column in the same order)."""
    dense = np.zeros(counts.shape[1], dtype=np.float64)
    for row in (first, second):  # each row's columns are distinct; counts are whole numbers
        start, end = counts.indptr[row], counts.indptr[row + 1]
        dense[counts.indices[start:end]] += counts.data[start:end]
    columns = np.flatnonzero(dense)  # sorted, as the rows' own columns are
    data = dense[columns]
    weigh_row(data, columns, idf)
    dense[columns] = data
    return dense


def _dot(dense: Matrix, b: Any, other: int) -> float:
    """A dense vector times row ``other`` of csr ``b`` (sorted rows): the products of
    their columns summed one by one in column order (``cumsum``), as scipy's product of two
    sparse rows sums those of the shared ones (the others add zeros, which change no sum)."""
    start, end = b.indptr[other], b.indptr[other + 1]
    products = dense[b.indices[start:end]] * b.data[start:end]
    return float(np.cumsum(products)[-1]) if products.size else 0.0


def ngram_counts(texts: Sequence[str], groups: Sequence[Sequence[int]] | None = None) -> Any:
    """Counts of character 3- to 5-grams within word boundaries, per text (sorted csr, float):
    what ``CountVectorizer(analyzer="char_wb", ngram_range=(3, 5))`` fitted on ``texts`` gives,
    columns in the order of the sorted n-grams. With ``groups`` (lists of text numbers), one
    row per group instead: the counts of its texts joined by spaces.

    That analyser lowercases a text and takes the n-grams of each whitespace-separated word
    padded with spaces, so a text's counts are its word counts times each word's n-gram
    counts (and texts joined by spaces have the sums of their counts): each distinct word is
    analysed once (``word_ngrams``, as the analyser does it), however often it recurs. Raises
    ValueError, as the vectorizer does, when the texts have no words at all.
    """
    per_text = [Counter(text.lower().split()) for text in texts]
    words = list(dict.fromkeys(word for counts in per_text for word in counts))
    per_word = [word_ngrams(word) for word in words]
    vocabulary = sorted(set(chain.from_iterable(per_word)))
    if not vocabulary:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    word_grams = _count_matrix(per_word, _numbered(vocabulary))
    text_words = _count_matrix(per_text, _numbered(words))
    if groups is not None:
        text_words = _selector(groups, len(texts)) @ text_words
    # each row in column order, as ``transform`` gives it: the product leaves them unordered,
    # and converting to columns and back orders them faster than sorting long rows
    return (text_words @ word_grams).tocsc().tocsr()


def word_ngrams(word: str) -> list[str]:
    """The 3- to 5-grams of one word padded with spaces, in the order (and with the repeats)
    of scikit-learn's ``char_wb`` analyser (which stops after n-grams as long as the padded
    word)."""
    padded = f" {word} "
    size = len(padded)
    return [padded[k:k + n] for n in range(3, min(size, 5) + 1) for k in range(size - n + 1)]


def _numbered(items: Sequence[str]) -> dict[str, int]:
    """Each item's position in ``items`` (distinct)."""
    return dict(zip(items, range(len(items)), strict=True))


def _count_matrix(rows: Sequence[Counter[str] | list[str]], columns: dict[str, int]) -> Any:
    """A csr matrix of float counts, one row per Counter or list of items (an item listed
    twice is two entries of one, which products add up), columns numbered by ``columns``."""
    indptr = np.cumsum([0] + [len(row) for row in rows])
    indices = np.fromiter(map(columns.__getitem__, chain.from_iterable(rows)), dtype=np.int64,
                          count=int(indptr[-1]))
    values = (row.values() if isinstance(row, Counter) else [1] * len(row) for row in rows)
    data = np.fromiter(chain.from_iterable(values), dtype=np.float64, count=int(indptr[-1]))
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), len(columns)))


def _selector(groups: Sequence[Sequence[int]], size: int) -> Any:
    """A 0/1 csr matrix: row g has ones at the row numbers of group g, out of ``size``."""
    return sp.csr_matrix(
        (np.ones(sum(len(g) for g in groups)), [row for g in groups for row in g],
         np.cumsum([0] + [len(g) for g in groups])), shape=(len(groups), size))


def _product(rows: Any, cols: Any) -> Matrix:
    """Dense ``rows @ cols.T``: each cell the same sum, in column order, as a product of the
    two single rows."""
    if rows.shape[0] == 0 or cols.shape[0] == 0:
        return np.zeros((rows.shape[0], cols.shape[0]), dtype=np.float64)
    return np.asarray((rows @ cols.T).toarray(), dtype=np.float64)


def _blocks(full: Matrix, offsets: Sequence[int]) -> dict[tuple[int, int], Matrix]:
    """The similarity matrix of every report pair i<j, cut from the story's full matrix."""
    count = len(offsets) - 1
    return {(i, j): full[offsets[i]:offsets[i + 1], offsets[j]:offsets[j + 1]]
            for i in range(count) for j in range(i + 1, count)}


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
