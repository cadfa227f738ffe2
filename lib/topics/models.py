"""EXPLORATORY topic models (scikit-learn NMF or LDA): word clusters a reader must interpret, and how they
line up with the coded lexicon topics.

>>> docs = pd.DataFrame({"doc_id": list("abcd"),
...                      "text": ["oil gas oil", "gas oil gas", "troops army", "army troops"]})
>>> unsupervised_topics(docs, k=2, min_df=1).vocabulary
4
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.errors import InputError, require_columns
from lib.topics.coding import HIT_COLUMNS, known_topics
from lib.topics.keyness import check_top, content_words, default_stopwords

__all__ = ["TOPIC_MODELS", "UnsupervisedTopics", "lexicon_vs_unsupervised", "unsupervised_topics"]

TOPIC_MODELS = ("nmf", "lda")


@dataclass(frozen=True)
class UnsupervisedTopics:
    """An exploratory topic model: top words per topic and topic weights per document."""

    words: pd.DataFrame  # topic, label, rank, word, weight
    doc_topics: pd.DataFrame  # doc_id, [sent_id], topic, label, weight (weights of a document sum to 1)
    method: str
    k: int
    documents: int
    vocabulary: int


def _check_model_options(documents: pd.DataFrame, *, method: str, k: int, top: int) -> None:
    if method not in TOPIC_MODELS:
        raise InputError(f"method must be one of {', '.join(TOPIC_MODELS)}, not {method!r}.")
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise InputError(f"k (the number of unsupervised topics) must be a positive whole number, not {k!r}.")
    check_top(top)
    require_columns(documents, ["doc_id", "text"], "The documents table")
    n_docs = len(documents)
    if n_docs < 2 * k:
        raise InputError(
            f"{k} unsupervised topics need at least {2 * k} documents (sentences or articles); "
            f"this corpus has {n_docs}. Lower k or use sentences as documents."
        )


def _document_term_matrix(texts: list[str], *, method: str, stop: frozenset[str], **limits):
    """Tf-idf (NMF) or count (LDA) matrix over content words, and its vocabulary."""
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    vectorizer_class = TfidfVectorizer if method == "nmf" else CountVectorizer
    vectorizer = vectorizer_class(
        analyzer=lambda text: content_words(text, stopwords=stop, min_length=3), dtype=np.float64, **limits
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError as exc:
        raise InputError(f"No words are left for the topic model after min_df/max_df filtering ({exc}).") from None
    return matrix, vectorizer.get_feature_names_out()


def _top_words(components: np.ndarray, vocab, *, k: int, top: int) -> tuple[pd.DataFrame, dict[int, str]]:
    """The ``top`` words of each topic (ties alphabetical) and the topic labels ``U1: w · w · w``."""
    rows, labels = [], {}
    for t in range(k):
        order = sorted(range(len(vocab)), key=lambda j: (-round(float(components[t, j]), 9), vocab[j]))[:top]
        labels[t + 1] = f"U{t + 1}: " + " · ".join(vocab[j] for j in order[:3])
        for rank, j in enumerate(order, start=1):
            rows.append({"topic": t + 1, "label": labels[t + 1], "rank": rank, "word": str(vocab[j]),
                         "weight": round(float(components[t, j]), 6)})
    return pd.DataFrame(rows, columns=["topic", "label", "rank", "word", "weight"]), labels


def _doc_topics(documents: pd.DataFrame, weights: np.ndarray, labels: dict[int, str], k: int) -> pd.DataFrame:
    """One row per document and topic, the document's weights normalised to sum to 1."""
    sums = weights.sum(axis=1, keepdims=True)
    shares = np.divide(weights, sums, out=np.zeros_like(weights), where=sums > 0)
    id_cols = [c for c in ("doc_id", "sent_id") if c in documents.columns]
    ids = documents[id_cols].reset_index(drop=True)
    doc_topics = ids.loc[ids.index.repeat(k)].reset_index(drop=True)
    doc_topics["topic"] = np.tile(np.arange(1, k + 1), len(documents))
    doc_topics["label"] = doc_topics["topic"].map(labels)
    doc_topics["weight"] = np.round(shares.reshape(-1), 6)
    return doc_topics


def unsupervised_topics(
    documents: pd.DataFrame,
    *,
    k: int,
    seed: int = 0,
    method: str = "nmf",
    top: int = 10,
    min_df: int | float = 2,
    max_df: int | float = 0.95,
    max_features: int | None = 20_000,
    stopwords: frozenset[str] | None = None,
) -> UnsupervisedTopics:
    """EXPLORATORY: fit a topic model (scikit-learn NMF on tf-idf, or LDA on counts) to sentences or articles.

    Each row of ``documents`` (needs ``doc_id`` and ``text``; ``sent_id`` is kept if present) is one
    document. Same input and seed give identical output. Topics are numbered 1..k and labelled
    ``U1: word · word · word`` — they are word clusters a reader must interpret, not coded categories.
    Raises ``InputError`` when the corpus is too small for ``k``.

    >>> docs = pd.DataFrame({"doc_id": list("abcd"),
    ...                      "text": ["oil gas oil", "gas oil gas", "troops army", "army troops"]})
    >>> words = unsupervised_topics(docs, k=2, min_df=1).words
    >>> sorted(sorted(g["word"].head(2)) for _, g in words.groupby("topic"))
    [['army', 'troops'], ['gas', 'oil']]
    """
    from sklearn.decomposition import NMF, LatentDirichletAllocation

    _check_model_options(documents, method=method, k=k, top=top)
    stop = default_stopwords() if stopwords is None else stopwords
    matrix, vocab = _document_term_matrix([str(t) for t in documents["text"]], method=method, stop=stop,
                                          min_df=min_df, max_df=max_df, max_features=max_features)
    if len(vocab) < 2 * k:
        raise InputError(
            f"{k} unsupervised topics need at least {2 * k} distinct words after filtering "
            f"(min_df={min_df}, max_df={max_df}); this corpus has {len(vocab)}. Lower k or min_df."
        )
    if method == "nmf":
        model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=1000)
    else:
        model = LatentDirichletAllocation(n_components=k, random_state=seed, learning_method="batch")
    weights = model.fit_transform(matrix)
    words, labels = _top_words(model.components_, vocab, k=k, top=top)
    return UnsupervisedTopics(words=words, doc_topics=_doc_topics(documents, weights, labels, k), method=method,
                              k=k, documents=len(documents), vocabulary=len(vocab))


def lexicon_vs_unsupervised(
    doc_topics: pd.DataFrame,
    topic_hits: pd.DataFrame,
    *,
    topics: pd.DataFrame | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Mean unsupervised-topic weight of the sentences coded with each lexicon topic (sentence-level models).

    Columns: ``topic`` (lexicon), ``label`` (unsupervised), ``sentences``, ``mean_weight``. A high
    mean says the word cluster and the lexicon topic pick out the same sentences.

    >>> dt = pd.DataFrame({"doc_id": ["a"] * 2, "sent_id": [0] * 2, "topic": [1, 2], "label": ["U1", "U2"],
    ...                    "weight": [0.8, 0.2]})
    >>> h = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "topic": ["peace"], "term": ["truce"],
    ...                   "start": [0], "end": [5]})
    >>> lexicon_vs_unsupervised(dt, h)["mean_weight"].tolist()
    [0.8, 0.2]
    """
    require_columns(doc_topics, ["doc_id", "sent_id", "label", "weight"], "The document-topic table")
    require_columns(topic_hits, HIT_COLUMNS, "The topic hits table")
    names = known_topics(topic_hits, topics)
    coded = topic_hits[["doc_id", "sent_id", "topic"]].assign(topic=topic_hits["topic"].astype(str)).drop_duplicates()
    joined = coded.merge(doc_topics[["doc_id", "sent_id", "label", "weight"]], on=["doc_id", "sent_id"])
    mean = joined.groupby(["topic", "label"])["weight"].mean()
    count = coded.groupby("topic").size()
    labels = list(dict.fromkeys(doc_topics.sort_values("topic", kind="stable")["label"]))
    grid = pd.MultiIndex.from_product([names, labels], names=["topic", "label"])
    out = pd.DataFrame(index=grid).reset_index()
    out["sentences"] = count.reindex(out["topic"], fill_value=0).to_numpy().astype("int64")
    out["mean_weight"] = mean.reindex(grid, fill_value=0.0).round(6).to_numpy()
    return out
