"""Whole-corpus topic steps of notebook 03 as cached stages of an annotated corpus
(:class:`lib.pipeline.Annotated`): distinctive terms per article and the exploratory topic model tokenise every
sentence (minutes on 7,711 articles), so each is built once per sentences, parameters and code, then read.

>>> from lib.pipeline import annotate                                           # doctest: +SKIP
>>> data = annotate("data/corpus", topics="data/topics.csv")                    # doctest: +SKIP
>>> cached_distinctive_terms(data, by="doc_id", top=5).equals(                  # doctest: +SKIP
...     distinctive_terms(data.sentences, by="doc_id", top=5))
True
"""

from __future__ import annotations

import pandas as pd

from lib.topics.keyness import distinctive_terms
from lib.topics.models import UnsupervisedTopics, unsupervised_topics

__all__ = ["cached_distinctive_terms", "cached_unsupervised_topics"]

_MODULES = ("lib.topics", "lib.text")


def cached_distinctive_terms(data, *, by: str = "doc_id", method: str = "log-likelihood", top: int = 15,
                             min_count: int = 2) -> pd.DataFrame:
    """:func:`lib.topics.distinctive_terms` of ``data.sentences`` (default stop words), cached by its
    parameters; an ``InputError`` (too few groups) is raised as by the function itself."""
    params = {"by": by, "method": method, "top": top, "min_count": min_count}
    return data.derived("distinctive_terms", lambda: distinctive_terms(data.sentences, **params),
                        inputs=("sentences",), params=params, modules=_MODULES)


def cached_unsupervised_topics(data, *, k: int, seed: int = 0, method: str = "nmf",
                               top: int = 10) -> UnsupervisedTopics:
    """:func:`lib.topics.unsupervised_topics` with sentences as documents, cached by its parameters: the
    document-topic weights and the top words are two stages (the words carry the model's sizes)."""
    params = {"k": k, "seed": seed, "method": method, "top": top}
    fitted: dict[str, UnsupervisedTopics] = {}

    def fit() -> UnsupervisedTopics:
        if "model" not in fitted:
            fitted["model"] = unsupervised_topics(data.sentences, **params)
        return fitted["model"]

    def words() -> pd.DataFrame:
        model = fit()
        return model.words.assign(documents=model.documents, vocabulary=model.vocabulary)

    options = {"inputs": ("sentences",), "params": params, "modules": _MODULES, "packages": ("scikit-learn",)}
    doc_topics = data.derived("topic_model_documents", lambda: fit().doc_topics, **options)
    top_words = data.derived("topic_model_words", words, **options)
    sizes = top_words.iloc[0]  # never empty: a model without words raises InputError instead
    return UnsupervisedTopics(words=top_words.drop(columns=["documents", "vocabulary"]), doc_topics=doc_topics,
                              method=method, k=k, documents=int(sizes["documents"]),
                              vocabulary=int(sizes["vocabulary"]))
