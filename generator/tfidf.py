"""TF-IDF pieces shared by the clusterer and the comparison, in numpy (pure).

scikit-learn takes 1-2 s to import (it pulls in scipy.stats), more than clustering the new
reports of a rebuild or comparing one edited story takes. These functions do what its
``TfidfTransformer`` and row normalisation do, float for float, and keep its English stop
words; tests check both against the library.
"""

from __future__ import annotations

from typing import Any

import numpy as np

ENGLISH_STOP_WORDS = frozenset("""
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst amoungst amount an and another any anyhow anyone
    anything anyway anywhere are around as at back be became because become becomes becoming
    been before beforehand behind being below beside besides between beyond bill both bottom
    but by call can cannot cant co con could couldnt cry de describe detail do done down due
    during each eg eight either eleven else elsewhere empty enough etc even ever every
    everyone everything everywhere except few fifteen fifty fill find fire first five for
    former formerly forty found four from front full further get give go had has hasnt have
    he hence her here hereafter hereby herein hereupon hers herself him himself his how
    however hundred i ie if in inc indeed interest into is it its itself keep last latter
    latterly least less ltd made many may me meanwhile might mill mine more moreover most
    mostly move much must my myself name namely neither never nevertheless next nine no
    nobody none noone nor not nothing now nowhere of off often on once one only onto or
    other others otherwise our ours ourselves out over own part per perhaps please put
    rather re same see seem seemed seeming seems serious several she should show side since
    sincere six sixty so some somehow someone something sometime sometimes somewhere still
    such system take ten than that the their them themselves then thence there thereafter
    thereby therefore therein thereupon these they thick thin third this those though three
    through throughout thru thus to together too top toward towards twelve twenty two un
    under until up upon us very via was we well were what whatever when whence whenever
    where whereafter whereas whereby wherein whereupon wherever whether which while whither
    who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves
""".split())  # scikit-learn's list (sklearn.feature_extraction.text.ENGLISH_STOP_WORDS)


def sublinear_tfidf(counts: Any, copies: Any = None) -> Any:
    """``TfidfTransformer(sublinear_tf=True).fit_transform(counts)`` for a csr matrix of
    counts: smooth IDF fitted on these rows, 1 + log(tf), rows L2-normalised (empty rows stay
    zero), in the matrix's own float type; the same operations in the same order.

    With ``copies`` (whole numbers, one per row of a prefix of ``counts``), the IDF is fitted
    on those first rows only, row k taken ``copies[k]`` times, as if the library were fitted
    on the repeated rows and then transformed all of ``counts``."""
    return weighted(counts, smooth_idf(counts, copies))


def weighted(counts: Any, idf: Any) -> Any:
    """A copy of csr ``counts`` weighted with ``idf`` as ``sublinear_tfidf`` does: 1 + log(tf),
    times ``idf``, each row scaled to unit length."""
    vectors = counts.astype(weight_type(counts), copy=True)
    _sublinear(vectors.data, vectors.indices, idf)
    normalise_rows(vectors)
    return vectors


def weight_type(counts: Any) -> Any:
    """The float type of the weights of ``counts``: its own when a float type, else float64."""
    return counts.dtype if counts.dtype in (np.float32, np.float64) else np.float64


def smooth_idf(counts: Any, copies: Any = None) -> Any:
    """The IDF ``sublinear_tfidf`` fits on ``counts`` (and ``copies``), one per column."""
    dtype = weight_type(counts)
    if copies is None:
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(dtype, copy=False)
        documents = counts.shape[0]
    else:
        fitted = counts.indptr[:len(copies) + 1]
        df = np.bincount(counts.indices[:int(fitted[-1])], minlength=counts.shape[1],
                         weights=np.repeat(copies, np.diff(fitted))).astype(dtype, copy=False)
        documents = int(np.sum(copies))
    df += 1.0
    idf = np.full_like(df, fill_value=documents + 1, dtype=dtype)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def weigh_row(data: Any, columns: Any, idf: Any) -> None:
    """``weighted`` of a single row of float64 counts (``data`` at ``columns``), in place: the
    same operations without the bookkeeping of many rows (the comparison weighs thousands
    of sentence pairs one at a time)."""
    _sublinear(data, columns, idf)
    total = np.cumsum(data * data)[-1] if len(data) else 0.0  # one by one, as ``_row_sums``
    if total:
        data /= np.sqrt(total)


def _sublinear(data: Any, columns: Any, idf: Any) -> None:
    """Counts at ``columns`` to 1 + log(tf) times their IDF, in place."""
    np.log(data, data)
    data += 1.0
    data *= idf[columns]


def normalise_rows(matrix: Any) -> None:
    """Scale each row of a float csr matrix to unit length, in place (zero rows stay): what
    scikit-learn's ``inplace_csr_row_normalize_l2`` does, float for float: squares in the
    data's type, summed one by one in column order in float64, square root and division in
    float64, stored back in the data's type."""
    data, indptr = matrix.data, matrix.indptr
    totals = _row_sums((data * data).astype(np.float64), indptr)
    norms = np.sqrt(totals)
    norms[totals == 0.0] = 1.0  # zero rows stay as they are
    scaled = data.astype(np.float64) / np.repeat(norms, np.diff(indptr))
    data[:] = scaled.astype(data.dtype)


def _row_sums(values: Any, indptr: Any) -> Any:
    """Each row's sum, added one by one from its first value (numpy's own sums add in pairs,
    which rounds differently): for many short rows, position by position across all rows at
    once; for few long rows, row by row with ``cumsum``."""
    lengths = np.diff(indptr)
    totals = np.zeros(len(lengths), dtype=np.float64)
    longest = int(lengths.max(initial=0))
    if longest <= len(lengths):
        order = np.argsort(-lengths, kind="stable")  # longest first: the rows still going
        starts = indptr[:-1][order]                  # at a position are a prefix of ``order``
        going = np.searchsorted(-lengths[order], -np.arange(longest), side="left")
        for position, count in enumerate(going.tolist()):
            totals[order[:count]] += values[starts[:count] + position]
        return totals
    for row, (start, stop) in enumerate(zip(indptr[:-1].tolist(), indptr[1:].tolist(),
                                            strict=True)):
        if start < stop:
            totals[row] = np.cumsum(values[start:stop])[-1]
    return totals
