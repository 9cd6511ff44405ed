"""The story's TF-IDF space: the same floats as fitting ``TfidfVectorizer`` on the sentences
and transforming each text (sentence, two sentences joined, whole report) on its own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from generator.compare.align import Sentence, article_sentences, ngram_counts, space, word_ngrams
from generator.content import parse_article
from generator.sentences import paragraph_parser
from tests.helpers import modules_loaded

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "compare"
ODD_TEXTS = ["Ünïcödé ΣΟΦΟΣ ſome  words\tand\u00a0spaces", "A b. I", "“Quoted,” she said — 12%.",
             "x", "Same same same same", "Same same same same"]


def _reports(name: str) -> list[tuple[Sentence, ...]]:
    parser = paragraph_parser()
    return [article_sentences(parse_article(p.read_text(encoding="utf-8"), p)[0], parser)
            for p in sorted((FIXTURES / name).glob("*.md"))]


def _fixture_reports() -> list[list[tuple[Sentence, ...]]]:
    return [_reports(folder.name) for folder in sorted(FIXTURES.iterdir())
            if folder.is_dir() and any(folder.glob("*.md"))]  # stories, not quote cases


class _Reference:
    """How the comparison measured two texts before the space was vectorised: each text
    transformed by the vectorizer fitted on the sentences, then a product of the two rows."""

    def __init__(self, texts: list[str], more: list[str]) -> None:
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
                                          sublinear_tf=True).fit(texts)
        everything = list(dict.fromkeys(texts + more))
        self.rows = dict(zip(everything, self.vectorizer.transform(everything), strict=True))

    def cosine(self, a: str, b: str) -> float:
        return float((self.rows[a] @ self.rows[b].T).toarray()[0, 0])


@pytest.mark.parametrize("texts", [ODD_TEXTS, [s.text for r in _reports("seed") for s in r]])
def test_ngram_counts_are_the_vectorizers(texts: list[str]) -> None:
    expected = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5),
                               dtype=np.float64).fit(texts).transform(texts)
    found = ngram_counts(texts)
    assert found.shape == expected.shape
    assert np.array_equal(found.indptr, expected.indptr)
    assert np.array_equal(found.indices, expected.indices)
    assert np.array_equal(found.data, expected.data)


def test_grouped_ngram_counts_are_the_joined_texts() -> None:
    groups = [[0, 1], [2], [3, 4, 5], [4, 4]]
    joined = [" ".join(ODD_TEXTS[k] for k in group) for group in groups]
    vectorizer = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), dtype=np.float64)
    expected = vectorizer.fit(ODD_TEXTS).transform(joined)
    found = ngram_counts(ODD_TEXTS, groups)
    assert np.array_equal(found.indices, expected.indices)
    assert np.array_equal(found.data, expected.data)


def test_ngram_counts_of_no_words_fail_like_the_vectorizer() -> None:
    with pytest.raises(ValueError, match="empty vocabulary"):
        ngram_counts([])


@pytest.mark.parametrize("reports", _fixture_reports())
def test_space_gives_the_vectorizers_floats(reports: list[tuple[Sentence, ...]]) -> None:
    whole = [" ".join(s.text for s in report) for report in reports]
    pairs = [[f"{report[k].text} {report[k + 1].text}" for k in range(len(report) - 1)]
             for report in reports]
    reference = _Reference([s.text for report in reports for s in report],
                           whole + [pair for report in pairs for pair in report])
    found = space(reports)
    for (i, j), matrix in found.matrices.items():
        assert matrix.tolist() == [[reference.cosine(a.text, b.text) for b in reports[j]]
                                   for a in reports[i]]
    for i in range(len(reports)):
        for j, other in enumerate(reports):
            assert found.report_similarity(i, j) == reference.cosine(whole[i], whole[j])
            for first, pair in enumerate(pairs[i]):
                for col, target in enumerate(other):
                    assert (found.joined_similarity(i, first, j, col)
                            == reference.cosine(pair, target.text))


def test_repeated_sentences_share_their_scores() -> None:
    reports = [article_sentences(parse_article(
        f"---\ntitle: T\nsource: S\ndate: 2021-07-08\n---\n\n{body}\n", Path(f"{n}.md"))[0])
        for n, body in enumerate(["Alpha beta gamma. Delta epsilon.",
                                  "Alpha beta gamma. Alpha beta gamma. Zeta eta."])]
    found = space(reports)
    matrix = found.matrices[(0, 1)]
    assert matrix[0, 0] == matrix[0, 1] > 0.99
    assert found.best(1, 0)[0] == found.best(1, 0)[1] == (0, matrix[0, 0])


@pytest.mark.parametrize("word", ["a", "ab", "abc", "abcd", "abcde", "ünïcödé", "ſ", "x" * 30])
def test_word_ngrams_are_the_analysers(word: str) -> None:
    analyser = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    assert word_ngrams(word) == analyser(word)


def test_comparing_a_story_does_not_import_scikit_learn() -> None:
    """A rebuild after one edit compares that story: importing scikit-learn would cost 1-2 s."""
    loaded = modules_loaded("import generator.compare.comparison, generator.compare.align")
    assert "generator.compare.align" in loaded and "sklearn" not in loaded
