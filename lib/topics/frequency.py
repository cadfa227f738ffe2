"""Counting topics: frequency per article (or any group) and overall, and topics per actor.

Rates use the shared word count of :mod:`lib.text` as their denominator.

>>> frequency_column("per_1000_words")
'per_1000_words'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from lib.errors import InputError, require_columns
from lib.text import word_count
from lib.topics.coding import HIT_COLUMNS, known_topics

__all__ = ["NORMALISATIONS", "actor_topic", "count_words", "frequency_column", "group_keys", "topic_frequency"]

NORMALISATIONS = {"raw": "hits", "per_1000_words": "per_1000_words", "share_of_sentences": "share_of_sentences"}


def count_words(text: str) -> int:
    """Number of word tokens in ``text`` (``lib.text.word_count``, the shared denominator for rates).

    >>> count_words("Talks resumed on Tuesday – in Riyadh.")
    6
    """
    return word_count(text)


def group_keys(frame: pd.DataFrame, by: str | None) -> pd.Series:
    """The ``by`` column of ``frame``, or one group ``"all"`` for ``by=None``."""
    return frame[by] if by else pd.Series(["all"] * len(frame), index=frame.index)


def topic_frequency(
    topic_hits: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    by: str | None = "doc_id",
    topics: pd.DataFrame | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Topic frequency per group (``by`` column of ``sentences``) or overall (``by=None``).

    Columns: ``[by], topic, hits, sentences_with_topic, words, sentences, per_1000_words,
    share_of_sentences``. Every topic appears for every group, with zeros when nothing matched;
    ``topics`` (table or names) lists them, else the categories of ``topic_hits.topic``.

    >>> from lib.topics import code_sentences
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "start": [0, 9], "text": ["Truce now", "Sanctions"]})
    >>> t = pd.DataFrame({"topic": ["peace", "econ"], "term": ["truce", "sanction*"]})
    >>> topic_frequency(code_sentences(s, t), s, by=None)["share_of_sentences"].tolist()
    [0.5, 0.5]
    """
    require_columns(topic_hits, HIT_COLUMNS, "The topic hits table")
    require_columns(sentences, ["doc_id", "sent_id", "text"], "The sentences table")
    if by is not None and by not in sentences.columns:
        raise InputError(f"Cannot group by {by!r}: the sentences table has no such column.")
    names = known_topics(topic_hits, topics)
    unknown = sorted(set(topic_hits["topic"].astype(str)) - set(names))
    if unknown:
        raise InputError(f"Topic hits contain topics not in the topic table: {', '.join(unknown)}.")
    sents = sentences[["doc_id", "sent_id", "text"] + ([by] if by and by not in ("doc_id", "sent_id") else [])]
    sents = sents.assign(_group=group_keys(sents, by).to_numpy(),
                         _words=[count_words(str(t)) for t in sents["text"].tolist()])
    base = sents.groupby("_group", sort=True).agg(words=("_words", "sum"), sentences=("sent_id", "size"))
    hits = topic_hits.assign(topic=topic_hits["topic"].astype(str))
    hits = hits.merge(sents[["doc_id", "sent_id", "_group"]], on=["doc_id", "sent_id"], how="inner")
    raw = hits.groupby(["_group", "topic"]).size()
    with_topic = hits.drop_duplicates(["doc_id", "sent_id", "topic"]).groupby(["_group", "topic"]).size()
    grid = pd.MultiIndex.from_product([base.index, names], names=["_group", "topic"])
    out = pd.DataFrame(index=grid).reset_index()
    out["hits"] = raw.reindex(grid, fill_value=0).to_numpy().astype("int64")
    out["sentences_with_topic"] = with_topic.reindex(grid, fill_value=0).to_numpy().astype("int64")
    out = out.merge(base, left_on="_group", right_index=True, how="left")
    out["per_1000_words"] = np.where(out["words"] > 0, 1000 * out["hits"] / out["words"].clip(lower=1), 0.0)
    out["share_of_sentences"] = np.where(
        out["sentences"] > 0, out["sentences_with_topic"] / out["sentences"].clip(lower=1), 0.0
    )
    out = out.rename(columns={"_group": by}) if by else out.drop(columns="_group")
    return out.reset_index(drop=True)


def frequency_column(normalisation: str) -> str:
    """The ``topic_frequency`` column for a normalisation name (``raw``, ``per_1000_words``, ``share_of_sentences``).

    >>> frequency_column("raw")
    'hits'
    """
    if normalisation not in NORMALISATIONS:
        raise InputError(f"normalisation must be one of {', '.join(NORMALISATIONS)}, not {normalisation!r}.")
    return NORMALISATIONS[normalisation]


def actor_topic(
    topic_hits: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    topics: pd.DataFrame | Sequence[str] | None = None,
) -> pd.DataFrame:
    """How often each topic occurs in the sentences that mention each actor.

    Columns: ``actor_id, topic, actor_sentences`` (sentences mentioning the actor), ``topic_sentences``
    (of those, how many carry the topic), ``share`` (their ratio) and ``hits`` (topic hits in them).
    Every actor × topic pair appears, with zeros when they never share a sentence.

    >>> h = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "topic": ["peace"], "term": ["truce"],
    ...                   "start": [0], "end": [5]})
    >>> m = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "actor_id": ["putin", "putin"]})
    >>> actor_topic(h, m)[["actor_id", "topic", "actor_sentences", "topic_sentences", "share"]].values.tolist()
    [['putin', 'peace', 2, 1, 0.5]]
    """
    require_columns(topic_hits, HIT_COLUMNS, "The topic hits table")
    require_columns(mentions, ["doc_id", "sent_id", "actor_id"], "The mentions table")
    names = known_topics(topic_hits, topics)
    actor_sents = mentions[["doc_id", "sent_id", "actor_id"]].drop_duplicates()
    per_actor = actor_sents.groupby("actor_id", sort=True).size().rename("actor_sentences")
    hits = topic_hits[["doc_id", "sent_id", "topic"]].assign(topic=topic_hits["topic"].astype(str))
    joined = actor_sents.merge(hits, on=["doc_id", "sent_id"], how="inner")
    raw = joined.groupby(["actor_id", "topic"]).size()
    shared = joined.drop_duplicates().groupby(["actor_id", "topic"]).size()
    grid = pd.MultiIndex.from_product([per_actor.index, names], names=["actor_id", "topic"])
    out = pd.DataFrame(index=grid).reset_index()
    out["actor_sentences"] = per_actor.reindex(out["actor_id"]).to_numpy().astype("int64")
    out["topic_sentences"] = shared.reindex(grid, fill_value=0).to_numpy().astype("int64")
    out["share"] = out["topic_sentences"] / out["actor_sentences"].clip(lower=1)
    out["hits"] = raw.reindex(grid, fill_value=0).to_numpy().astype("int64")
    return out
