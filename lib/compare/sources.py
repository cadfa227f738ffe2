"""Where the grouped measures get their inputs: cached tone evidence, and metadata columns of the corpus file.

>>> sorted(extra_metadata("data/corpus").columns)
['doc_id']
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from lib.paths import resolve

__all__ = ["evidence", "extra_metadata", "term_table", "with_metadata", "word_table"]


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


def extra_metadata(corpus: str | Path) -> pd.DataFrame:
    """Every column of a ``.jsonl`` or ``.csv`` corpus file except ``text``, as text, keyed by ``doc_id``
    (only ``doc_id`` for a folder or a file without ids).

    TEMPORARY: ``lib.corpus.load_corpus`` keeps only its standard metadata fields until it keeps every column
    (issue 10); notebook 04 reads the others (a ``leaning``, a ``topic`` tag) through this until then.
    """
    path = resolve(corpus)
    suffix = path.suffix.lower()
    if not path.is_file() or suffix not in (".jsonl", ".csv"):
        return pd.DataFrame(columns=["doc_id"])
    if suffix == ".csv":
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        with path.open(encoding="utf-8") as handle:
            table = pd.DataFrame([{k: v for k, v in json.loads(line).items() if k != "text"}
                                  for line in handle if line.strip()])
    if "doc_id" not in table.columns:
        return pd.DataFrame(columns=["doc_id"])
    return table.drop(columns=[c for c in ("text",) if c in table.columns]).astype(str)


def with_metadata(articles: pd.DataFrame, corpus: str | Path) -> pd.DataFrame:
    """``articles`` with the corpus file's columns that the loader did not keep, matched by ``doc_id``."""
    extra = extra_metadata(corpus)
    new = [c for c in extra.columns if c != "doc_id" and c not in articles.columns]
    if not new:
        return articles
    return articles.merge(extra[["doc_id", *new]].drop_duplicates("doc_id"), on="doc_id", how="left")
