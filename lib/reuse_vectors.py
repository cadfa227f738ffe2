"""TF-IDF vectors of sentences (word unigrams and bigrams) for :mod:`lib.reuse`, built in linear time and memory.

Words are split with Arrow string kernels (no Python loop over words); every unigram and bigram is hashed to one
of ``2**HASH_BITS`` columns (the hashing trick: no vocabulary held in memory). Two different terms sharing a
column only matters when two sentences hold both of them, which is rare at this width; the evidence shown for
a pair is recomputed from the words themselves. Weights follow scikit-learn's ``TfidfVectorizer`` with
``sublinear_tf=True``: ``(1 + ln tf) · (ln((1 + n) / (1 + df)) + 1)``, rows L2-normalised.

The vectors come back in two parts: ``rare`` holds the terms found in 2 to ``max_df`` distinct sentences (they
propose candidate pairs), ``common`` the terms found in more (they only add to the cosine of a candidate).
Terms found in one sentence count in its norm but can never be shared, so they are dropped.

>>> rare, common, _, _ = sentence_vectors(["the envoy told fox news", "fox news said the envoy", "rain"])
>>> rare.shape[0], round(float((rare[0] @ rare[1].T).toarray()[0, 0]), 3)
(3, 0.536)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["HASH_BITS", "MAX_DF", "SentenceVectors", "sentence_vectors"]

MAX_DF = 50  # a term in more distinct sentences than this proposes no pairs (fixed: candidates grow linearly)
HASH_BITS = 26  # at most 2**26 columns; small corpora use fewer (a smaller table is faster to count in)
CHUNK = 50_000  # distinct sentences tokenised at a time
# Word characters of lib.text.WORD_PATTERN (letters, digits, "_" and the joiners . - ' &). Arrow's regex engine has
# no look-ahead, so words are split on everything else and joiners trimmed from their ends: "u.s." counts as
# "u.s" and "well--known" as one word, which moves a similarity a little and changes no shared term shown.
_SPLIT = r"[^\pL\pN_'&.-]+"
_JOINERS = ".'&-"
_MIX = np.uint64(0x9E3779B97F4A7C15)


class SentenceVectors(NamedTuple):
    rare: sp.csr_matrix  # terms in 2..max_df distinct sentences, columns renumbered 0..k-1
    common: sp.csr_matrix  # terms in more than max_df sentences (hashed columns)
    common_norm: np.ndarray  # L2 norm of each row of common
    rare_df: np.ndarray  # in how many distinct sentences each column of rare occurs


def sentence_vectors(texts, *, max_df: int = MAX_DF) -> SentenceVectors:
    """``(rare, common, common_norm, rare_df)`` for lower-cased ``texts``: two CSR matrices (float32) whose sum
    is the L2-normalised TF-IDF matrix (minus terms of one sentence), the L2 norm of each row of ``common``, and
    the document frequency of each column of ``rare``."""
    texts = list(texts) if not isinstance(texts, np.ndarray) else texts
    n = len(texts)
    bits = min(HASH_BITS, max(22, (640 * n).bit_length()))  # >= 10 columns per expected distinct term
    chunks = [_term_counts(texts[lo:lo + CHUNK], bits=bits) for lo in range(0, n, CHUNK)]
    df = np.zeros(2 ** bits, dtype=np.int32)
    for _, cols, _ in chunks:
        seen, times = np.unique(cols, return_counts=True)
        df[seen] += times.astype(np.int32)
    parts = []
    while chunks:
        parts.append(_weights(*chunks.pop(0), df=df, n=n, max_df=max_df, bits=bits))
    rare = sp.vstack([p[0] for p in parts], format="csr")
    common = sp.vstack([p[1] for p in parts], format="csr")
    used, new = np.unique(rare.indices, return_inverse=True)
    rare_df = df[used]
    del df
    rare = sp.csr_matrix((rare.data, new.astype(np.int32), rare.indptr), shape=(rare.shape[0], max(1, len(used))))
    common_norm = np.sqrt(np.asarray(common.multiply(common).sum(axis=1)).ravel())
    return SentenceVectors(rare, common, common_norm, rare_df)


def _term_counts(texts, *, bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(indptr, columns, tf)``: each text's distinct hashed terms and how often each occurs in it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    lists = pc.split_pattern_regex(pa.array(texts, type=pa.large_string()), _SPLIT)
    parents = np.asarray(pc.list_parent_indices(lists))
    words = pc.utf8_trim(pc.list_flatten(lists), _JOINERS)
    real = np.asarray(pc.greater(pc.utf8_length(words), 0))
    words, parents = words.filter(pa.array(real)), parents[real]
    encoded = pc.dictionary_encode(words)
    hashes = pd.util.hash_array(np.asarray(encoded.dictionary.to_pylist(), dtype=object))
    uni = hashes[np.asarray(encoded.indices)]
    follow = parents[1:] == parents[:-1]
    with np.errstate(over="ignore"):
        bi = _mix(uni[:-1][follow] * _MIX + uni[1:][follow])
    rows = np.concatenate([parents, parents[1:][follow]]).astype(np.int64)
    cols = (np.concatenate([uni, bi]) >> np.uint64(64 - bits)).astype(np.int64)
    keys, tf = np.unique(rows << bits | cols, return_counts=True)
    rows, cols = keys >> bits, keys & ((1 << bits) - 1)
    indptr = np.searchsorted(rows, np.arange(len(texts) + 1))
    return indptr, cols.astype(np.int32), np.minimum(tf, 255).astype(np.uint8)


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: spreads a combination of two word hashes over all 64 bits."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def _weights(indptr, cols, tf, *, df: np.ndarray, n: int, max_df: int, bits: int):
    """Sublinear TF-IDF, L2-normalised per row, split into rare and common terms (one-sentence terms dropped)."""
    term_df = df[cols]
    weight = (1 + np.log(tf.astype(np.float64))) * (np.log((1 + n) / (1 + term_df)) + 1)
    lengths = np.diff(indptr)
    rows = np.repeat(np.arange(len(lengths)), lengths)
    norm = np.sqrt(np.bincount(rows, weights=weight ** 2, minlength=len(lengths)))
    weight = (weight / np.where(norm > 0, norm, 1)[rows]).astype(np.float32)
    shape = (len(lengths), 2 ** bits)
    out = []
    for keep in ((term_df >= 2) & (term_df <= max_df), term_df > max_df):
        out.append(sp.csr_matrix((weight[keep], cols[keep], np.concatenate([[0], np.cumsum(np.bincount(
            rows[keep], minlength=len(lengths)))])), shape=shape))
    return out[0], out[1]
