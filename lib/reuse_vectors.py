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

__all__ = ["HASH_BITS", "MAX_DF", "SentenceVectors", "sentence_vectors", "split_words", "take_rows", "term_counts",
           "vectors_from_counts"]

MAX_DF = 50  # a term in more distinct sentences than this proposes no pairs (fixed: candidates grow linearly)
HASH_BITS = 26  # at most 2**26 columns; small corpora use fewer (a smaller table is faster to count in)
CHUNK = 50_000  # distinct sentences tokenised at a time
# Word characters of lib.text.WORD_PATTERN (letters, digits, "_" and the joiners . - ' &). Arrow's regex engine has
# no look-ahead, so words are split on everything else and joiners trimmed from their ends: "u.s." counts as
# "u.s" and "well--known" as one word, which moves a similarity a little and changes no shared term shown.
_SPLIT = r"[^\pL\pN_'&.-]+"
_JOINERS = ".'&-"
_JOINED = r"[.'&-]{2}"  # two joiners in a row: the only case where a piece between separators holds two words
_WORD_RE2 = r"[\pL\pN_]+(?:[.'&-][\pL\pN_]+)*"  # lib.text.WORD_PATTERN without its look-ahead: same count
_MIX = np.uint64(0x9E3779B97F4A7C15)


class SentenceVectors(NamedTuple):
    rare: sp.csr_matrix  # terms in 2..max_df distinct sentences, columns renumbered 0..k-1
    common: sp.csr_matrix  # terms in more than max_df sentences (hashed columns)
    common_norm: np.ndarray  # L2 norm of each row of common
    rare_df: np.ndarray  # in how many distinct sentences each column of rare occurs


def sentence_vectors(texts, *, max_df: int = MAX_DF) -> SentenceVectors:
    """``(rare, common, common_norm, rare_df)`` for lower-cased ``texts``: two CSR matrices (float32) whose sum
    is the L2-normalised TF-IDF matrix (minus terms of one sentence, and minus the common terms of rows without
    a rare one: such a row is never a candidate), the L2 norm of each row of ``common``, and the document
    frequency of each column of ``rare``."""
    texts = list(texts) if not isinstance(texts, np.ndarray) else texts
    counted = []
    for lo in range(0, len(texts), CHUNK):
        words, parents, _ = split_words(texts[lo:lo + CHUNK])
        counted.append(term_counts(words, parents, rows=len(texts[lo:lo + CHUNK])))
    return vectors_from_counts(counted, max_df=max_df)


def split_words(texts) -> tuple:
    """``(words, parents, counts)``: the words of lower-cased ``texts`` (an Arrow array), the text each comes
    from, and how many words :data:`lib.text.WORD_PATTERN` finds in each text (as Arrow's regex engine counts
    them without look-ahead)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(texts, pa.Array):
        texts = pa.array(texts, type=pa.large_string())
    lists = pc.split_pattern_regex(texts, _SPLIT)
    parents = np.asarray(pc.list_parent_indices(lists))
    words = pc.utf8_trim(pc.list_flatten(lists), _JOINERS)
    real = np.asarray(pc.greater(pc.utf8_length(words), 0))
    words, parents = words.filter(pa.array(real)), parents[real]
    counts = np.bincount(parents, minlength=len(texts))  # one per trimmed piece, unless two joiners meet:
    odd = np.flatnonzero(np.asarray(pc.match_substring_regex(texts, _JOINED).fill_null(False)))
    if len(odd):  # "well--known" is one piece and two words: count those few texts with the word regex
        counts[odd] = np.asarray(pc.count_substring_regex(texts.take(pa.array(odd)), _WORD_RE2))
    return words, parents, counts


def term_counts(words, parents: np.ndarray, *, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(indptr, columns, tf)`` of ``rows`` texts from their ``words`` and ``parents`` (see
    :func:`split_words`): each text's distinct terms hashed to ``2**HASH_BITS`` columns, and how often each
    occurs in it."""
    import pyarrow.compute as pc

    bits = HASH_BITS
    encoded = pc.dictionary_encode(words)
    hashes = pd.util.hash_array(np.asarray(encoded.dictionary.to_pylist(), dtype=object))
    uni = hashes[np.asarray(encoded.indices)]
    follow = parents[1:] == parents[:-1]
    with np.errstate(over="ignore"):
        bi = _mix(uni[:-1][follow] * _MIX + uni[1:][follow])
    keys = np.concatenate([parents, parents[1:][follow]]).astype(np.int64) << bits
    keys |= (np.concatenate([uni, bi]) >> np.uint64(64 - bits)).astype(np.int64)
    keys, tf = np.unique(keys, return_counts=True)
    indptr = np.searchsorted(keys >> bits, np.arange(rows + 1))
    return indptr, (keys & ((1 << bits) - 1)).astype(np.int32), np.minimum(tf, 255).astype(np.uint8)


def take_rows(counted: tuple, keep: np.ndarray) -> tuple:
    """The rows of ``(indptr, columns, tf)`` where ``keep`` is True."""
    indptr, cols, tf = counted
    lengths = np.diff(indptr)
    entries = np.repeat(keep, lengths)
    return np.concatenate([[0], np.cumsum(lengths[keep])]), cols[entries], tf[entries]


def _narrow(counted: tuple, bits: int) -> tuple:
    """Term counts on ``2**bits`` columns instead of ``2**HASH_BITS`` (the high bits of the same hashes;
    terms of one text that now share a column are counted together)."""
    if bits == HASH_BITS:
        return counted
    indptr, cols, tf = counted
    rows = np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))
    keys = rows << bits | (cols >> (HASH_BITS - bits)).astype(np.int64)
    keys, where = np.unique(keys, return_inverse=True)
    tf = np.minimum(np.bincount(where.ravel(), weights=tf, minlength=len(keys)), 255).astype(np.uint8)
    indptr = np.searchsorted(keys >> bits, np.arange(len(indptr)))
    return indptr, (keys & ((1 << bits) - 1)).astype(np.int32), tf


def vectors_from_counts(counted: list, *, max_df: int = MAX_DF) -> SentenceVectors:
    """:func:`sentence_vectors` from term counts given chunk by chunk (``counted`` is emptied on the way).

    When every document frequency is known, the weights are written chunk by chunk into arrays sized in
    advance (no second copy of the matrices), and each chunk's counts are dropped as soon as it is weighted.
    """
    n = sum(len(c[0]) - 1 for c in counted)
    bits = min(HASH_BITS, max(22, (640 * n).bit_length()))  # >= 10 columns per expected distinct term
    df = np.zeros(2 ** bits, dtype=np.int32)
    for k, chunk in enumerate(counted):
        counted[k] = _narrow(chunk, bits)
        seen, times = np.unique(counted[k][1], return_counts=True)
        df[seen] += times.astype(np.int32)
    used = np.flatnonzero((df >= 2) & (df <= max_df))  # every such column is in some row of ``rare``
    rare_df = df[used] if len(used) else np.zeros(1, dtype=np.int32)  # one empty column when none is rare
    df[used] = -1 - np.arange(len(used), dtype=np.int32)  # a rare column's new number, in the same table
    rare, common, common_norm = _assemble(counted, table=df, rare_df=rare_df, n=n, max_df=max_df)
    return SentenceVectors(rare, common, common_norm, rare_df)


def _assemble(counted: list, *, table: np.ndarray, rare_df: np.ndarray, n: int, max_df: int):
    """Rare and common CSR matrices and the norm of each common row, filled chunk by chunk (``counted`` is
    emptied on the way). ``table`` holds each column's document frequency, or ``-1 - k`` for the k-th rare
    column (document frequency ``rare_df[k]``)."""
    sizes = np.zeros(2, dtype=np.int64)
    for indptr, cols, _ in counted:
        code = table[cols]
        rare = code < 0
        seen = np.concatenate([[0], np.cumsum(rare)])
        has_rare = seen[indptr[1:]] > seen[indptr[:-1]]
        sizes += [seen[-1], ((code > max_df) & np.repeat(has_rare, np.diff(indptr))).sum()]
    parts = [(np.empty(k, np.float32), np.empty(k, np.int32), np.zeros(n + 1, np.int64)) for k in sizes]
    common_norm = np.zeros(n, dtype=np.float64)
    at, row = np.zeros(2, dtype=np.int64), 0
    while counted:
        indptr, cols, tf = counted.pop(0)
        rows = len(indptr) - 1
        (rw, rc, rn), (cw, cc, cn) = _weights(indptr, cols, tf, table=table, rare_df=rare_df, n=n, max_df=max_df)
        common_norm[row:row + rows] = np.sqrt(np.bincount(np.repeat(np.arange(rows), cn),
                                                          weights=cw.astype(np.float64) ** 2, minlength=rows))
        keep = np.repeat(rn > 0, cn)
        for k, (weight, col, counts) in enumerate([(rw, rc, rn), (cw[keep], cc[keep], np.where(rn > 0, cn, 0))]):
            data, indices, pointers = parts[k]
            data[at[k]:at[k] + len(weight)], indices[at[k]:at[k] + len(weight)] = weight, col
            pointers[row + 1:row + rows + 1] = at[k] + np.cumsum(counts)
            at[k] += len(weight)
        row += rows
    return (sp.csr_matrix(parts[0], shape=(n, len(rare_df))), sp.csr_matrix(parts[1], shape=(n, len(table))),
            common_norm)


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: spreads a combination of two word hashes over all 64 bits."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def _weights(indptr, cols, tf, *, table: np.ndarray, rare_df: np.ndarray, n: int, max_df: int):
    """Sublinear TF-IDF, L2-normalised per row, split into rare and common terms (one-sentence terms dropped):
    for each, ``(weights, columns, terms per row)``; rare columns renumbered (see :func:`_assemble`)."""
    code = table[cols]
    rare = code < 0
    term_df = np.where(rare, rare_df[np.where(rare, -1 - code, 0)], code)
    weight = (1 + np.log(tf.astype(np.float64))) * (np.log((1 + n) / (1 + term_df)) + 1)
    lengths = np.diff(indptr)
    rows = np.repeat(np.arange(len(lengths)), lengths)
    norm = np.sqrt(np.bincount(rows, weights=weight ** 2, minlength=len(lengths)))
    weight = (weight / np.where(norm > 0, norm, 1)[rows]).astype(np.float32)
    common = code > max_df
    return [(weight[rare], (-1 - code[rare]).astype(np.int32), np.bincount(rows[rare], minlength=len(lengths))),
            (weight[common], cols[common], np.bincount(rows[common], minlength=len(lengths)))]
