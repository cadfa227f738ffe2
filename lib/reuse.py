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

__all__ = ["REUSE_COLUMNS", "similar_sentences"]

REUSE_COLUMNS = [
    "similarity", "doc_a", "sent_a", "start_a", "end_a", "text_a", "doc_b", "sent_b", "start_b", "end_b", "text_b",
    "shared",
]
TOKEN_PATTERN = r"(?u)\b\w[\w'-]*\b"


def similar_sentences(
    sentences: pd.DataFrame,
    *,
    threshold: float = 0.25,
    min_words: int = 6,
    top: int | None = None,
    block: int = 2000,
) -> pd.DataFrame:
    """Pairs of sentences from different articles with TF-IDF cosine ≥ ``threshold`` (most similar first).

    Sentences shorter than ``min_words`` words (headings, "he said.") are left out. ``shared`` lists the
    bigrams (or, failing those, words) the two sentences have in common, as evidence for the score.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not 0 < threshold <= 1:
        raise InputError(f"threshold must be in (0, 1], got {threshold!r}.")
    texts = sentences["text"].str.replace("’", "'", regex=False).str.lower()
    keep = texts.str.count(r"\w+") >= min_words
    pool = sentences[keep].reset_index(drop=True)
    if pool["doc_id"].nunique() < 2:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=TOKEN_PATTERN, lowercase=False)
    matrix = vectorizer.fit_transform(texts[keep].reset_index(drop=True))
    vocabulary = np.array(vectorizer.get_feature_names_out())
    docs = pool["doc_id"].to_numpy()
    pairs = []
    for lo in range(0, matrix.shape[0], block):
        sims = (matrix[lo:lo + block] @ matrix.T).tocoo()
        for i, j, value in zip(sims.row + lo, sims.col, sims.data):
            if i < j and value >= threshold and docs[i] != docs[j]:
                pairs.append((float(value), i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    if top is not None:
        pairs = pairs[:top]
    rows = []
    for value, i, j in pairs:
        a, b = pool.iloc[i], pool.iloc[j]
        rows.append((round(value, 3), a.doc_id, a.sent_id, a.start, a.end, a.text, b.doc_id, b.sent_id, b.start, b.end,
                     b.text, _shared_terms(matrix, vocabulary, i, j, texts[keep].iloc[i])))
    return pd.DataFrame(rows, columns=REUSE_COLUMNS)


def _shared_terms(matrix, vocabulary: np.ndarray, i: int, j: int, text: str) -> str:
    """The bigrams (else words) both sentences contain, in the order they appear in the first one."""
    common = np.intersect1d(matrix[i].indices, matrix[j].indices)
    terms = [t for t in vocabulary[common] if " " in t] or list(vocabulary[common])
    return " · ".join(sorted(terms, key=text.find)[:12])
