"""Passages shared between articles: syndicated, recycled or re-worded text.

News outlets rarely copy a whole paragraph; they re-word a wire story and keep the quote. So exact shingles
miss most reuse. We compare **sentences** instead: each sentence becomes a TF-IDF vector of its word unigrams and
bigrams (function words kept — reuse is about phrasing, not topic), and pairs of sentences from *different*
articles whose cosine similarity passes a threshold are reported side by side with the word pairs they share.
This is the sentence-alignment step of journalistic text-reuse studies (e.g. Clough et al.'s METER corpus work
on press-agency copy) with TF-IDF weighting so that shared rare phrasing counts more than shared "of the".

It scales linearly with the corpus (see :mod:`lib.reuse_vectors` and ``benchmarks/scale.py``):

- identical sentences are compared once (a repeated sentence is a pair at similarity 1 at once);
- only terms found in at most ``max_df`` distinct sentences (a fixed number, not a share of the corpus) propose
  candidate pairs, so a term proposes at most ``max_df²/2`` pairs and the candidates grow with the corpus, not
  with its square; a pair that shares nothing but common words is never looked at;
- candidates are pruned against the similarity of the ``top``-th pair found so far (threshold-pruned top-k):
  the part of the cosine carried by rare terms is exact, the rest is bounded by the norms of the common-term
  parts, and only pairs whose bound can still make the list get their exact cosine.

>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["a", "b", "b"], "sent_id": [0, 0, 1], "start": [0, 0, 40], "end": [60, 39, 70],
...     "text": ["Some security guarantees may be acceptable, the envoy said.",
...              "Some security guarantees may be acceptable.", "The weather was mild."]})
>>> similar_sentences(s, threshold=0.3)[["doc_a", "doc_b", "shared"]].values.tolist()
[['a', 'b', 'some security · security guarantees · guarantees may · may be · be acceptable']]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import scipy.sparse as sp

from lib.errors import InputError
from lib.reuse_source import SentenceSource, normalise, returned_memory
from lib.reuse_vectors import MAX_DF, SentenceVectors, vectors_from_counts
from lib.text import WORD_PATTERN

__all__ = ["MAX_DF", "REUSE_COLUMNS", "similar_sentences", "similar_sentences_from_parts"]

REUSE_COLUMNS = [
    "similarity", "doc_a", "sent_a", "start_a", "end_a", "text_a", "doc_b", "sent_b", "start_b", "end_b", "text_b",
    "shared",
]
_TOL = 1e-6  # weights are float32: cosines closer than this count as ties


def similar_sentences(
    sentences: pd.DataFrame,
    *,
    threshold: float = 0.25,
    min_words: int = 6,
    top: int = 50,
    block: int = 20_000,
    max_df: int = MAX_DF,
) -> pd.DataFrame:
    """The ``top`` pairs of sentences from different articles with TF-IDF cosine ≥ ``threshold``, most similar
    first (ties in corpus order).

    Sentences shorter than ``min_words`` words (headings, "he said.") are left out. ``shared`` lists the
    bigrams (or, failing those, words) the two sentences have in common, as evidence for the score. ``block``
    distinct sentences are compared at a time (memory only; the result does not depend on it).
    """
    return _search(SentenceSource.from_frame(sentences), threshold=threshold, min_words=min_words, top=top,
                   block=block, max_df=max_df)


def similar_sentences_from_parts(files, *, threshold: float = 0.25, min_words: int = 6, top: int = 50,
                                 block: int = 20_000, max_df: int = MAX_DF) -> pd.DataFrame:
    """:func:`similar_sentences` of a sentences table stored as Parquet ``files`` (the parts of the sentences
    stage, in order), read part by part: only ``doc_id`` and ``text`` are read for the search, and whole rows
    only for the pairs shown. Same result as on the concatenated frame.

    >>> similar_sentences_from_parts(sorted(Path("cache").glob("sentences-*/part-*.parquet")))  # doctest: +SKIP
    """
    return _search(SentenceSource.from_parts(files), threshold=threshold, min_words=min_words, top=top,
                   block=block, max_df=max_df)


def _search(source: SentenceSource, *, threshold: float, min_words: int, top: int, block: int,
            max_df: int) -> pd.DataFrame:
    if not 0 < threshold <= 1:
        raise InputError(f"threshold must be in (0, 1], got {threshold!r}.")
    if top < 1:
        raise InputError(f"top must be at least 1, got {top!r}.")
    with returned_memory():
        pool, counted = source.scan(min_words=min_words)
        if len(np.unique(pool.docs)) < 2:
            return pd.DataFrame(columns=REUSE_COLUMNS)
        occ = _Occurrences(pool.codes, pool.docs)
        vectors = vectors_from_counts(counted, max_df=max_df)
        found = _top_pairs(vectors, occ, threshold=threshold, top=top, block=max(1, block))
        del vectors
        picks = _picks(*found, occ=occ, top=top)
    return _rows(picks, source=source, pool=pool, occ=occ)


def _picks(cos, u, v, *, occ: _Occurrences, top: int) -> list[tuple]:
    """(similarity, row a, row b, code a, code b) of the first ``top`` occurrence pairs from different
    articles, rows numbered in the pool."""
    picks = []
    for value, a_code, b_code in zip(cos.tolist(), u.tolist(), v.tolist()):
        for i, j in _occurrence_pairs(occ.rows(a_code), occ.rows(b_code), same=a_code == b_code):
            if occ.docs[i] != occ.docs[j]:
                picks.append((round(min(value, 1.0), 3), i, j, a_code, b_code))
                if len(picks) == top:
                    return picks
    return picks


def _rows(picks: list[tuple], *, source: SentenceSource, pool, occ: _Occurrences) -> pd.DataFrame:
    """The result table: both sentences of each pick, read back from the source, and their shared terms."""
    if not picks:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    first = {code: occ.rows(code)[0] for pick in picks for code in pick[3:]}
    wanted = [k for _, i, j, _, _ in picks for k in (i, j)] + list(first.values())
    rows = source.take(pool.rows[np.asarray(wanted, dtype=np.int64)])
    normal = dict(zip(first, normalise(pa.array(rows["text"].iloc[2 * len(picks):].astype(str),
                                                type=pa.large_string())).to_pylist()))
    out = []
    for k, (value, _, _, a_code, b_code) in enumerate(picks):
        a, b = rows.iloc[2 * k], rows.iloc[2 * k + 1]
        out.append((value, a.doc_id, a.sent_id, a.start, a.end, a.text, b.doc_id, b.sent_id, b.start, b.end,
                    b.text, _shared_terms(normal[a_code], normal[b_code])))
    return pd.DataFrame(out, columns=REUSE_COLUMNS)


class _Occurrences:
    """Where each distinct sentence occurs (rows of the pool, in corpus order) and in which documents."""

    def __init__(self, codes: np.ndarray, docs: np.ndarray) -> None:
        self.docs = docs
        self.order = np.argsort(codes, kind="stable")
        self.starts = np.searchsorted(codes[self.order], np.arange(codes.max() + 2))
        self.count = np.diff(self.starts)
        doc_codes = self.doc_codes = np.asarray(docs, dtype=np.int64)
        key = codes.astype(np.int64) * (doc_codes.max() + 1) + doc_codes
        keys, per_doc = np.unique(key, return_counts=True)
        same_doc = np.bincount(keys // (doc_codes.max() + 1), weights=per_doc.astype(float) ** 2,
                               minlength=len(self.count))
        self.repeat_pairs = ((self.count.astype(float) ** 2 - same_doc) / 2).round().astype(np.int64)

    def rows(self, code: int) -> np.ndarray:
        return self.order[self.starts[code]:self.starts[code + 1]]

    def cross_pairs(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """How many occurrence pairs from different documents each distinct pair (u < v) stands for."""
        single = (self.count[u] == 1) & (self.count[v] == 1)
        out = np.zeros(len(u), dtype=np.int64)
        first = self.order[self.starts[:-1]]
        out[single] = self.doc_codes[first[u[single]]] != self.doc_codes[first[v[single]]]
        for k in np.flatnonzero(~single):
            a = pd.Series(self.doc_codes[self.rows(u[k])]).value_counts()
            b = pd.Series(self.doc_codes[self.rows(v[k])]).value_counts()
            out[k] = int(a.sum() * b.sum() - (a * b.reindex(a.index, fill_value=0)).sum())
        return out


def _top_pairs(vectors: SentenceVectors, occ: _Occurrences, *, threshold: float, top: int, block: int):
    """(cosine, u, v) arrays of distinct sentences u ≤ v, most similar first, covering at least ``top``
    occurrence pairs from different articles (all ties included); u == v is a repeated sentence."""
    dup = np.flatnonzero(occ.repeat_pairs > 0)
    found = _Found(np.ones(len(dup)), dup, dup, occ.repeat_pairs[dup])
    floor = found.truncate(top, threshold)
    index = _prefix(vectors, floor=floor)
    index_t = index.T.tocsr()
    rare, common = vectors.rare, vectors.common
    for lo in range(0, index.shape[0], block):
        product = (index[lo:lo + block] @ index_t).tocoo()
        u, v = product.row.astype(np.int64) + lo, product.col.astype(np.int64)
        keep = u < v
        u, v = u[keep], v[keep]
        if not len(u):
            continue
        cosine = (np.asarray(rare[u].multiply(rare[v]).sum(axis=1)).ravel()
                  + np.asarray(common[u].multiply(common[v]).sum(axis=1)).ravel())
        hit = cosine >= floor - _TOL
        u, v, cosine = u[hit], v[hit], cosine[hit]
        found = found.plus(_Found(cosine, u, v, occ.cross_pairs(u, v)))
        floor = found.truncate(top, threshold)
    return found.cos, found.u, found.v


def _prefix(vectors: SentenceVectors, *, floor: float, step: int = 250_000) -> sp.csr_matrix:
    """Each row's rare terms, rarest first, up to where the rest of the row has norm below ``floor``.

    Prefix filtering (Bayardo et al., "Scaling up all pairs similarity search", 2007): with terms in one
    global order (document frequency, then column), two rows whose cosine reaches ``floor`` share a term that
    lies in both prefixes, because the terms after a prefix cannot add up to ``floor`` on their own. When the
    ``top`` pairs are already identical sentences (floor 1), each row is indexed by its rarest term only.
    Rows are handled ``step`` at a time (memory only).
    """
    rare = vectors.rare
    rank = np.empty(rare.shape[1], dtype=np.int64)
    rank[np.lexsort((np.arange(rare.shape[1]), vectors.rare_df))] = np.arange(rare.shape[1])
    columns, counts = [], np.zeros(rare.shape[0], dtype=np.int64)
    for lo in range(0, rare.shape[0], step):
        hi = min(lo + step, rare.shape[0])
        indptr = rare.indptr[lo:hi + 1] - rare.indptr[lo]
        rows = np.repeat(np.arange(hi - lo), np.diff(indptr))
        cols = rare.indices[rare.indptr[lo]:rare.indptr[hi]]
        order = np.argsort(rows * len(rank) + rank[cols])  # keys are distinct: no need for a stable sort
        squares = rare.data[rare.indptr[lo]:rare.indptr[hi]][order].astype(np.float64) ** 2
        before = np.concatenate([[0.0], np.cumsum(squares)])
        row_total = before[indptr[1:]] - before[indptr[:-1]]
        rest = row_total[rows] - (before[:-1] - before[indptr[rows]]) + vectors.common_norm[lo + rows] ** 2
        keep = np.sqrt(np.maximum(rest, 0)) >= floor - _TOL
        columns.append(cols[order][keep])
        counts[lo:hi] = np.bincount(rows[keep], minlength=hi - lo)
    indices = np.concatenate(columns) if columns else np.zeros(0, np.int32)
    indptr = np.concatenate([[0], np.cumsum(counts)])
    return sp.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=rare.shape)


class _Found:
    """Pairs found so far, kept sorted and cut to what can still be among the ``top``."""

    def __init__(self, cos, u, v, weight) -> None:
        keep = np.asarray(weight) > 0
        self.cos, self.u, self.v, self.weight = (np.asarray(x)[keep] for x in (cos, u, v, weight))

    def plus(self, other: _Found) -> _Found:
        return _Found(*(np.concatenate([getattr(self, k), getattr(other, k)]) for k in ("cos", "u", "v", "weight")))

    def truncate(self, top: int, threshold: float) -> float:
        """Sort, keep the pairs down to the ``top``-th occurrence pair (and its ties); return the new floor."""
        order = np.lexsort((self.v, self.u, -np.round(self.cos, 6)))
        self.cos, self.u, self.v, self.weight = (x[order] for x in (self.cos, self.u, self.v, self.weight))
        total = np.cumsum(self.weight)
        if not len(total) or total[-1] < top:
            return threshold
        floor = max(threshold, float(self.cos[np.searchsorted(total, top)]))
        keep = self.cos >= floor - _TOL
        self.cos, self.u, self.v, self.weight = (x[keep] for x in (self.cos, self.u, self.v, self.weight))
        return floor


def _occurrence_pairs(rows_u: np.ndarray, rows_v: np.ndarray, *, same: bool):
    """Pairs of sentence rows, in corpus order, for two distinct sentences (or one repeated sentence)."""
    rows_u, rows_v = rows_u.tolist(), rows_v.tolist()
    if same:
        yield from ((a, b) for k, a in enumerate(rows_u) for b in rows_u[k + 1:])
    else:
        yield from (tuple(sorted((a, b))) for a in rows_u for b in rows_v)


def _terms(text: str) -> tuple[list[str], list[str]]:
    words = re.findall(WORD_PATTERN, text)
    return words, [f"{a} {b}" for a, b in zip(words, words[1:])]


def _shared_terms(text_a: str, text_b: str) -> str:
    """The bigrams (else words) both sentences contain, in the order they appear in the first one.

    >>> _shared_terms("the envoy told fox news", "fox news said the envoy")
    'the envoy · fox news'
    """
    words_a, pairs_a = _terms(text_a)
    words_b, pairs_b = _terms(text_b)
    terms = sorted(set(pairs_a) & set(pairs_b)) or sorted(set(words_a) & set(words_b))
    return " · ".join(sorted(terms, key=text_a.find)[:12])
