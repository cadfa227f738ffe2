"""Passages shared between articles: syndicated, recycled or re-worded text.

News outlets rarely copy a whole paragraph; they re-word a wire story and keep the quote. So exact shingles
miss most reuse. We compare **sentences** instead: each sentence becomes a TF-IDF vector of its word unigrams and
bigrams (function words kept — reuse is about phrasing, not topic), and pairs of sentences from *different*
articles whose cosine similarity passes a threshold are reported side by side with the word pairs they share.
This is the sentence-alignment step of journalistic text-reuse studies (e.g. Clough et al.'s METER corpus work
on press-agency copy) with TF-IDF weighting so that shared rare phrasing counts more than shared "of the".

The similarity matrix is computed in row blocks of a sparse product, so a corpus of thousands of articles
never holds a dense sentences × sentences matrix.

>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["a", "b", "b"], "sent_id": [0, 0, 1], "start": [0, 0, 40], "end": [60, 39, 70],
...     "text": ["Some security guarantees may be acceptable, the envoy said.",
...              "Some security guarantees may be acceptable.", "The weather was mild."]})
>>> similar_sentences(s, threshold=0.3)[["doc_a", "doc_b", "shared"]].values.tolist()
[['a', 'b', 'some security · security guarantees · guarantees may · may be · be acceptable']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.errors import InputError
from lib.text import QUOTE_MAP, WORD_PATTERN

__all__ = ["REUSE_COLUMNS", "similar_sentences"]

REUSE_COLUMNS = [
    "similarity", "doc_a", "sent_a", "start_a", "end_a", "text_a", "doc_b", "sent_b", "start_b", "end_b", "text_b",
    "shared",
]


def similar_sentences(
    sentences: pd.DataFrame,
    *,
    threshold: float = 0.25,
    min_words: int = 6,
    top: int = 50,
    block: int = 2000,
) -> pd.DataFrame:
    """The ``top`` pairs of sentences from different articles with TF-IDF cosine ≥ ``threshold``, most similar
    first (ties in corpus order).

    Sentences shorter than ``min_words`` words (headings, "he said.") are left out. ``shared`` lists the
    bigrams (or, failing those, words) the two sentences have in common, as evidence for the score.

    To scale to large corpora, identical sentences are compared once, and candidate pairs are those that share
    at least one term found in at most 1 % of distinct sentences (and never fewer than 50): pairs that share
    only "of the" are never looked at, and every candidate gets its exact cosine.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not 0 < threshold <= 1:
        raise InputError(f"threshold must be in (0, 1], got {threshold!r}.")
    if top < 1:
        raise InputError(f"top must be at least 1, got {top!r}.")
    texts = sentences["text"].str.translate(QUOTE_MAP).str.lower()
    keep = (texts.str.count(WORD_PATTERN) >= min_words).to_numpy()
    pool = sentences[keep].reset_index(drop=True)
    if pool["doc_id"].nunique() < 2:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    codes, unique_texts = pd.factorize(texts[keep].reset_index(drop=True))
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD_PATTERN, lowercase=False)
    matrix = vectorizer.fit_transform(unique_texts).tocsr()
    vocabulary = np.array(vectorizer.get_feature_names_out())
    similar = _similar_unique_pairs(matrix, threshold=threshold, block=block)
    occurrences = pd.Series(np.arange(len(codes))).groupby(codes).apply(list).to_dict()
    docs = pool["doc_id"].to_numpy()
    rows = []
    for value, u, v in similar:
        for i, j in _occurrence_pairs(occurrences[u], occurrences[v], same=u == v):
            if docs[i] == docs[j]:
                continue
            a, b = pool.iloc[i], pool.iloc[j]
            rows.append((round(value, 3), a.doc_id, a.sent_id, a.start, a.end, a.text, b.doc_id, b.sent_id, b.start,
                         b.end, b.text, _shared_terms(matrix, vocabulary, u, v, unique_texts[u])))
            if len(rows) == top:
                return pd.DataFrame(rows, columns=REUSE_COLUMNS)
    return pd.DataFrame(rows, columns=REUSE_COLUMNS)


def _similar_unique_pairs(matrix, *, threshold: float, block: int) -> list[tuple[float, int, int]]:
    """(cosine, u, v) for distinct sentences u ≤ v at or above the threshold, most similar first.

    u == v stands for a sentence that occurs more than once (cosine 1)."""
    n = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    rare = matrix[:, np.flatnonzero(df <= max(50, n // 100))]
    rare.data[:] = 1
    found = [(1.0, u, u) for u in range(n)]
    for lo in range(0, n, block):
        candidates = (rare[lo:lo + block] @ rare.T).tocoo()
        u, v = candidates.row + lo, candidates.col
        mask = u < v
        u, v = u[mask], v[mask]
        if not len(u):
            continue
        cosine = np.asarray(matrix[u].multiply(matrix[v]).sum(axis=1)).ravel()
        hits = cosine >= threshold - 1e-9
        found += list(zip(cosine[hits].tolist(), u[hits].tolist(), v[hits].tolist()))
    found.sort(key=lambda p: (-round(p[0], 9), p[1], p[2]))
    return found


def _occurrence_pairs(rows_u: list[int], rows_v: list[int], *, same: bool):
    """Pairs of sentence rows, in corpus order, for two distinct sentences (or one repeated sentence)."""
    if same:
        yield from ((a, b) for k, a in enumerate(rows_u) for b in rows_u[k + 1:])
    else:
        yield from (tuple(sorted((a, b))) for a in rows_u for b in rows_v)


def _shared_terms(matrix, vocabulary: np.ndarray, i: int, j: int, text: str) -> str:
    """The bigrams (else words) both sentences contain, in the order they appear in the first one."""
    common = np.intersect1d(matrix[i].indices, matrix[j].indices)
    terms = [t for t in vocabulary[common] if " " in t] or list(vocabulary[common])
    return " · ".join(sorted(terms, key=text.find)[:12])
