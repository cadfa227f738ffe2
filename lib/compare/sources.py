"""Inputs of the grouped measures that are slow on a large corpus, read from the pipeline's cached stages:
tone evidence (:meth:`lib.pipeline.Annotated.tone_evidence`, the same stage notebook 02 reads), words per
article and content words per article (for keyness), each keyed by its inputs and code.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["evidence", "term_table", "word_table"]


def evidence(data, *, fragments: bool = True) -> pd.DataFrame:
    """:func:`lib.sentiment.tone_evidence` of an annotated corpus (:class:`lib.pipeline.Annotated`), cached:
    on 7,711 articles it takes about half a minute to build and a second to read."""
    return data.tone_evidence(fragments=fragments)


def word_table(data) -> pd.Series:
    """Words per article (:func:`lib.text.word_count`) in the order of ``data.articles``, cached: pass it to
    :func:`lib.compare.article_groups` as ``words`` (counting 8 million words takes seconds)."""
    from lib.text import word_count

    def build() -> pd.DataFrame:
        return pd.DataFrame({"doc_id": data.articles["doc_id"],
                             "words": [word_count(str(t)) for t in data.articles["text"]]})

    table = data.derived("article_words", build, inputs=("articles",), params={}, modules=("lib.text",))
    return table.set_index("doc_id")["words"].reindex(data.articles["doc_id"]).fillna(0).astype("int64")


def term_table(data) -> pd.DataFrame:
    """:func:`lib.compare.term_counts` of an annotated corpus's articles (``doc_id, term, count``), cached."""
    from lib.compare.differences import term_counts

    return data.derived("term_counts", lambda: term_counts(data.articles), inputs=("articles",), params={},
                        modules=("lib.topics", "lib.text", "lib.compare.differences"))
