"""generator.tfidf and the clusterer's hashing against the scikit-learn code they replace:
equal float for float, so assignments and comparisons do not change."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from generator import tfidf
from generator.cluster import features as cluster_features
from tests.helpers import modules_loaded


def random_counts(seed: int, dtype: type) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    matrix = sp.random(80, 4000, density=0.03, format="csr", random_state=seed,
                       data_rvs=lambda n: rng.integers(1, 9, n).astype(float))
    keep = np.ones(80)
    keep[5] = 0  # an empty row
    matrix = sp.csr_matrix(sp.diags(keep) @ matrix, dtype=dtype)
    matrix.eliminate_zeros()
    return matrix


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("seed", range(3))
def test_row_normalising_is_scikit_learn_float_for_float(seed: int, dtype: type) -> None:
    matrix = random_counts(seed, dtype)
    matrix.data *= np.random.default_rng(seed).lognormal(0, 2, matrix.nnz).astype(dtype)
    ours, theirs = matrix.copy(), matrix.copy()
    tfidf.normalise_rows(ours)
    inplace_csr_row_normalize_l2(theirs)
    assert ours.dtype == theirs.dtype and np.array_equal(ours.data, theirs.data)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sublinear_tfidf_is_the_transformer_float_for_float(dtype: type) -> None:
    counts = random_counts(7, dtype)
    ours = tfidf.sublinear_tfidf(counts)
    theirs = sp.csr_matrix(TfidfTransformer(sublinear_tf=True).fit_transform(counts))
    assert ours.dtype == theirs.dtype
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)


def test_stop_words_are_scikit_learns() -> None:
    assert tfidf.ENGLISH_STOP_WORDS == ENGLISH_STOP_WORDS


def test_hashed_counts_are_the_feature_hashers() -> None:
    rows = ["the court ruled the court e_supreme_court n_$3.5 héllo 日本".split(), [],
            [f"w{n}" for n in range(5000) for _ in range(n % 3 + 1)]]  # repeats, collisions
    ours = cluster_features.hash_rows(rows)
    hasher = FeatureHasher(n_features=2**20, input_type="dict", alternate_sign=False,
                           dtype=np.float32)
    theirs = sp.csr_matrix(hasher.transform(Counter(row) for row in rows))
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)


def test_clustering_imports_no_scikit_learn() -> None:
    loaded = modules_loaded(
        "import datetime as dt\nfrom generator.cluster import pipeline as cluster\n"
        "docs = [cluster.ClusterDoc(f'k{n}', f'Fire in Herat {n}', 'Fighters seized it.',"
        " dt.date(2021, 7, 8)) for n in range(3)]\ncluster.assign(docs)")
    assert "generator.cluster.features" in loaded and "sklearn" not in loaded


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_many_short_rows_are_normalised_float_for_float(dtype: type) -> None:
    """The position-by-position path (more rows than the longest row has values)."""
    rng = np.random.default_rng(3)
    matrix = sp.random(3000, 800, density=0.02, format="csr", random_state=3,
                       data_rvs=lambda n: rng.lognormal(0, 2, n)).astype(dtype)
    ours, theirs = matrix.copy(), matrix.copy()
    tfidf.normalise_rows(ours)
    inplace_csr_row_normalize_l2(theirs)
    assert np.array_equal(ours.data, theirs.data)


def test_idf_fitted_on_repeated_leading_rows_is_the_transformers() -> None:
    counts = random_counts(11, np.float64)
    copies = np.array([1, 3, 1, 2] * 10)  # the first 40 rows, some taken several times
    ours = tfidf.sublinear_tfidf(counts, copies)
    repeated = sp.csr_matrix(counts[np.repeat(np.arange(40), copies)])
    theirs = sp.csr_matrix(TfidfTransformer(sublinear_tf=True).fit(repeated).transform(counts))
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)
