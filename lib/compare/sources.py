"""Inputs of the grouped measures that are slow to compute on a large corpus, cached beside the annotations:
tone evidence, words per article and content words per article (for keyness).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["evidence", "term_table", "word_table"]


def evidence(data, *, fragments: bool = True) -> pd.DataFrame:
    """:func:`lib.sentiment.tone_evidence` of an annotated corpus (:class:`lib.pipeline.Annotated`), cached
    beside its other frames: on 7,711 articles it takes about half a minute to build and a second to read."""
    from lib.sentiment import tone_evidence

    def build() -> pd.DataFrame:
        return tone_evidence(data.sentences, data.mentions, data.quotes, fragments=fragments)

    return data._cached(f"tone_evidence{'' if fragments else '_no_fragments'}", build)


def term_table(data) -> pd.DataFrame:
    """:func:`lib.compare.term_counts` of an annotated corpus's articles, cached beside its other frames."""
    from lib.compare.differences import term_counts

    return data._cached("term_counts", lambda: term_counts(data.articles))


def word_table(data) -> pd.Series:
    """Words per article (:func:`lib.text.word_count`) in the order of ``data.articles``, cached: pass it to
    :func:`lib.compare.article_groups` as ``words`` (counting 8 million words takes seconds)."""
    from lib.text import word_count

    def build() -> pd.DataFrame:
        return pd.DataFrame({"doc_id": data.articles["doc_id"],
                             "words": [word_count(str(t)) for t in data.articles["text"]]})

    table = data._cached("article_words", build)
    return table.set_index("doc_id")["words"].reindex(data.articles["doc_id"]).fillna(0).astype("int64")
