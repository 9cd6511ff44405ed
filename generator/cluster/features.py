"""Reports -> one sparse row per report whose dot products are weighted TF-IDF cosines (pure).

Two TF-IDF blocks (MurmurHash3 feature hashing, then ``generator.tfidf``: sublinear tf, IDF
fitted on the reports being clustered, so a country named in many reports weighs little), each
L2-normalised and scaled by the square root of its weight, stand side by side, so
``X @ X.T`` is directly the weighted sum of the two cosines:

- body: the title and the lead counted twice, the opening of the body (``body_chars``: the news
  is up top, and full articles then look like the short leads of aggregators), English stop
  words out, plus entity tokens on top of the words: multi-word names (``e_supreme_court``),
  places (names after "in", "at", "near", "from", or in a dateline) and numbers (``n_1200``);
- headline: the title and the first sentence, the "what happened" of a report.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from functools import partial
from itertools import chain

import mmh3
import numpy as np

from generator.cluster.config import ClusterConfig, ClusterDoc
from generator.cluster.text import clip, plain
from generator.sparse import sp
from generator.tfidf import ENGLISH_STOP_WORDS, sublinear_tfidf
from generator.util import forked

# a sentence's end mark with the space after it: ``(?<=[a-z0-9"'’”)])[.!?]\s+(?=["'“‘A-Z])``,
# written to open with the mark itself, so the regex engine skips ahead to the next one
_SENTENCE_END = re.compile(r"[.!?](?<=[a-z0-9\"'’”)][.!?])\s+(?=[\"'“‘A-Z])")
# letter runs of two or more, ``[^\W\d_]{2,}``, and word-character runs, ``\w{2,}`` (cheaper:
# runs with digits or "_" are re-split), written to open with one character, which lets the
# regex engine skip ahead to it (a fifth fewer instructions)
_WORD = re.compile(r"[^\W\d_][^\W\d_]+")
_WORD_RUN = re.compile(r"\w\w+")
# ``\$?\d[\d,.]*\d%?|\$?\d%?``, written to open with a character set, which lets the regex
# engine skip ahead to the next "$" or digit instead of trying every position (5x faster)
_NUMBER = re.compile(r"[$\d](?:(?<=\$)\d|(?<=\d))(?:[\d,.]*\d)?%?")
# the same two patterns for text that is all ASCII (``str.isascii`` costs nothing): there
# ``re.ASCII`` matches exactly what the Unicode patterns match, and tests each character
# faster (words and numbers of a report: 66.6 -> 59.0 µs on the bench, 70.2 -> 62.2 on AllSides)
_WORD_RUN_ASCII = re.compile(_WORD_RUN.pattern, re.ASCII)
_NUMBER_ASCII = re.compile(_NUMBER.pattern, re.ASCII)
# in ASCII text, str.translate and str.split find the runs of word characters (``\w`` of
# ``re.ASCII``: letters, digits, "_") in a third of the time of a regex: every other
# character to a space; the runs of a single letter among them then go with the stop words
_NOT_WORD_ASCII = str.maketrans({chr(c): " " for c in range(128)
                                 if not (chr(c).isalnum() or chr(c) == "_")})
_STOP_OR_LETTER = ENGLISH_STOP_WORDS | frozenset(string.ascii_lowercase)
_FEATURES = 2**20  # hashed columns per block
_PARALLEL_MIN = 4000  # below this, starting worker processes costs more than it saves
_TOKEN_BATCH = 2000  # reports whose token strings are held at once
# a capitalised word or initials (``[A-Z][A-Za-z'’-]*[A-Za-z]|[A-Z]\.(?:[A-Z]\.)*``), the
# capital taken out of the alternatives so that a pattern opening with it lets the regex
# engine skip ahead to the next capital
_NAME_REST = r"(?:[A-Za-z'’\-]*[A-Za-z]|\.(?:[A-Z]\.)*)"  # a name word after its capital
_NAME_WORD = rf"[A-Z]{_NAME_REST}"
_MULTI_NAME = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:of|the|de|al|bin|von|van|la|del)\s+)*{_NAME_WORD})+")
# A place: the names after "in", "at", "near", "from" or "outside" (and "the"), that is
# ``\b(?:in|at|near|from|outside)\s+(?:the\s+)?(NAMES)`` in text whose words are one space
# apart, written to open with the name's capital (rare, so the regex engine skips ahead to
# it) and then look behind it for the words before. (Unlike that pattern, a word inside an
# earlier name, as in "Drive-in", still counts as the word before a later name.)
_PLACE_BEFORE = "|".join(f"(?<=\\b{word}{the} [A-Z])" for the in ("", " the")
                         for word in ("in", "at", "near", "from", "outside"))
_PLACE = re.compile(rf"([A-Z](?:{_PLACE_BEFORE}){_NAME_REST}(?:\s+{_NAME_WORD})*)")
_DATELINE = re.compile(r"^([A-Z][A-Z .'’\-]{2,40}?)(?:,|\s+\(|\s+[-—–])")
_SKIP_NAMES = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr", "read", "more", "said",
)) | ENGLISH_STOP_WORDS


def first_sentence(text: str) -> str:
    """The report's first sentence (its opening 300 characters at most)."""
    opening = clip(text, 300)
    end = _SENTENCE_END.search(opening)
    return opening if end is None else opening[:end.start() + 1]


def entities(title: str, body: str) -> list[str]:
    """Name tokens of a report, counted on top of its words.

    Multi-word names (``e_supreme_court``) and places: names after "in", "at", "near", "from"
    or in a dateline (``e_herat``; a multi-word place counts twice).
    """
    text = f"{' '.join(title.split())}. {body}"  # the body is plain text: words a space apart
    tokens = [_name_token(name) for name in _MULTI_NAME.findall(text)]
    tokens.extend(_name_token(name) for name in _PLACE.findall(text))
    dateline = _DATELINE.match(body)
    if dateline:
        tokens.append(_name_token(dateline.group(1).title()))
    return [t for t in tokens if len(t) > 3]


def _name_token(name: str) -> str:
    """``The Supreme Court`` -> ``e_supreme_court``: lower case, outer stop words dropped."""
    words = name.lower().split()
    if "." in name or "'" in name or "’" in name:  # most names have no dot or apostrophe
        words = [w.rstrip(".").removesuffix("'s").removesuffix("’s") for w in words]
    while words and words[0] in _SKIP_NAMES:
        words.pop(0)
    while words and words[-1] in _SKIP_NAMES:
        words.pop()
    return "e_" + "_".join(words)


def words(text: str) -> tuple[list[str], list[str]]:
    """(words, number tokens) of a text: lower-case words of two letters or more without
    English stop words, and numbers as ``n_1200``, ``n_$3.5``, ``n_20%`` (single digits out)."""
    lowered = text.lower()
    if lowered.isascii():  # the runs of word characters without a regex, then as below
        runs = lowered.translate(_NOT_WORD_ASCII).split()
        letters_only = "".join(runs).isalpha()
        found = [w for w in (runs if letters_only else _letters_of(runs))
                 if w not in _STOP_OR_LETTER]
        if letters_only and text.isascii():  # not a digit in it: no number either
            return found, []
    else:
        found = [w for w in _letter_runs(lowered) if w not in ENGLISH_STOP_WORDS]
    numbers = (_NUMBER_ASCII if text.isascii() else _NUMBER).findall(text)
    return found, ["n_" + n for t in numbers if len(n := t.replace(",", "")) > 1]


def _letter_runs(text: str) -> list[str]:
    """``_WORD.findall(text)``, faster: every run of two letters or more lies inside a run of
    word characters, so only the rare runs holding digits or "_" need the slow pattern."""
    runs = (_WORD_RUN_ASCII if text.isascii() else _WORD_RUN).findall(text)
    return runs if "".join(runs).isalpha() else _letters_of(runs)


def _letters_of(runs: list[str]) -> list[str]:
    """The runs of two letters or more in ``runs`` of word characters, in order."""
    return [w for run in runs for w in (_WORD.findall(run) if not run.isalpha() else (run,))]


def report_tokens(doc: ClusterDoc, config: ClusterConfig) -> tuple[list[str], list[str]]:
    """(body tokens, headline tokens) of a report, Markdown stripped.

    Body: the title twice, the lead (its first ``lead_chars``) twice, the rest of the body's
    opening once, plus the numbers and names. Headline: the title and the first sentence.
    """
    body = clip(plain(doc.text[: config.body_chars + config.body_chars // 2]), config.body_chars)
    title, title_numbers = words(plain(doc.title))
    lead = clip(body, config.lead_chars) if config.lead_chars else ""
    first = first_sentence(body)
    if lead.startswith(first) and lead[len(first):len(first) + 1] in ("", " "):
        # the first sentence opens the lead and ends between words: tokenise the lead once
        first_words, first_numbers = words(first)
        more_words, more_numbers = words(lead[len(first):])
        lead_words, lead_numbers = first_words + more_words, first_numbers + more_numbers
    else:
        first_words = words(first)[0]
        lead_words, lead_numbers = words(lead)
    rest_words, rest_numbers = words(body[len(lead):])
    return (title + title + lead_words + lead_words + rest_words + title_numbers + lead_numbers
            + rest_numbers + entities(doc.title, body), title + first_words)


def hashed_counts(docs: Sequence[ClusterDoc],
                  config: ClusterConfig) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(body, headline) token counts of the reports, hashed into ``_FEATURES`` columns.

    The tokens are hashed ``_TOKEN_BATCH`` reports at a time: all the token strings of 50,000
    reports at once would take about half a gigabyte."""
    parts = []
    for start in range(0, max(len(docs), 1), _TOKEN_BATCH):  # once when there are none
        tokens = [report_tokens(doc, config) for doc in docs[start:start + _TOKEN_BATCH]]
        parts.append((hash_rows([t[0] for t in tokens]), hash_rows([t[1] for t in tokens])))
    return _stacked(parts) if len(parts) != 1 else parts[0]


def _stacked(parts: Sequence[tuple[sp.csr_matrix, sp.csr_matrix]],
             ) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """The (body, headline) counts of consecutive shares of the reports, one under the other."""
    return (sp.csr_matrix(sp.vstack([p[0] for p in parts], format="csr"), dtype=np.float32),
            sp.csr_matrix(sp.vstack([p[1] for p in parts], format="csr"), dtype=np.float32))


def hash_rows(rows: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """One row of float32 token counts per token list, each token in column |MurmurHash3| mod
    ``_FEATURES`` (mmh3, seed 0), repeated and colliding tokens summed: the matrix
    scikit-learn's ``FeatureHasher(alternate_sign=False)`` gives for the lists' Counters,
    without importing scikit-learn (and without building the Counters: the sparse matrix sums
    its duplicates in C)."""
    indptr = np.cumsum([0, *map(len, rows)], dtype=np.int64)
    size = int(indptr[-1])
    hashes = np.fromiter(map(mmh3.hash, chain.from_iterable(rows)), np.int64, size)
    columns = np.where(hashes == -(2**31), 2**31 - 1, np.abs(hashes)) % _FEATURES
    matrix = sp.csr_matrix((np.ones(size, np.float32), columns.astype(np.int32), indptr),
                           shape=(len(rows), _FEATURES), dtype=np.float32)
    matrix.sum_duplicates()
    return matrix


def _parallel_counts(docs: Sequence[ClusterDoc],
                     config: ClusterConfig) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """``hashed_counts`` split over the CPUs for big collections (same result, row order kept):
    tokenising is pure-Python regex work, the slowest step."""
    processes = forked.workers() if len(docs) >= _PARALLEL_MIN else 1
    return _stacked(forked.forked_map(partial(hashed_counts, config=config),
                                      forked.shares(docs, processes)))


def vectors(docs: Sequence[ClusterDoc], config: ClusterConfig) -> sp.csr_matrix:
    """One row per report; ``row_a @ row_b`` is the weighted cosine similarity of the two."""
    body_counts, headline_counts = _parallel_counts(docs, config)
    total = config.body_weight + config.headline_weight
    blocks = [np.sqrt(config.body_weight / total) * sublinear_tfidf(body_counts),
              np.sqrt(config.headline_weight / total) * sublinear_tfidf(headline_counts)]
    return _used_columns(sp.csr_matrix(sp.hstack(blocks, format="csr", dtype=np.float32)))


def _used_columns(x: sp.csr_matrix) -> sp.csr_matrix:
    """``x`` without its all-zero columns (same dot products between rows): of the 2 x 2^20
    hashed columns only a few are used, and every sparse product pays for the width."""
    used = np.bincount(x.indices, minlength=x.shape[1]) > 0  # a count, not a sort
    renumber = (np.cumsum(used) - 1).astype(np.int32)
    return sp.csr_matrix((x.data, renumber[x.indices], x.indptr),
                         shape=(x.shape[0], max(int(used.sum()), 1)))
