"""lib.reuse_vectors: hashed TF-IDF sentence vectors agree with scikit-learn's, and the candidate cutoff is fixed."""

from __future__ import annotations

import numpy as np
import pytest

from lib.reuse import similar_sentences
from lib.reuse_vectors import sentence_vectors
from lib.text import QUOTE_MAP, WORD_PATTERN


def test_cosines_match_scikit_learn(bundled_sentences):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = bundled_sentences["text"].str.translate(QUOTE_MAP).str.lower().drop_duplicates().tolist()
    rare, common, common_norm, _ = sentence_vectors(texts, max_df=10**9)
    ours = (rare @ rare.T).toarray()
    reference = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD_PATTERN,
                                lowercase=False).fit_transform(texts)
    theirs = (reference @ reference.T).toarray()
    np.fill_diagonal(ours, 0)
    np.fill_diagonal(theirs, 0)
    assert common.nnz == 0 and not common_norm.any()  # nothing is "common" when the cutoff is infinite
    gap = np.abs(ours - theirs)
    assert (gap < 1e-4).mean() > 0.99  # hashing: two terms rarely share a column ...
    assert gap.max() < 0.05  # ... and then move a cosine a little


@pytest.mark.parametrize("max_df", [2, 5, 50])
def test_pairs_found_through_rare_terms_keep_their_exact_cosine(bundled_sentences, max_df):
    """A lower cutoff may find fewer pairs, never different similarities."""
    full = similar_sentences(bundled_sentences, threshold=0.2, max_df=10**9, top=1000)
    cut = similar_sentences(bundled_sentences, threshold=0.2, max_df=max_df, top=1000)
    key = ["doc_a", "sent_a", "doc_b", "sent_b"]
    merged = cut.merge(full, on=key, suffixes=("", "_full"))
    assert len(merged) == len(cut)
    assert (merged["similarity"] - merged["similarity_full"]).abs().max() <= 0.001
    if max_df >= 50:
        assert len(cut) == len(full)
